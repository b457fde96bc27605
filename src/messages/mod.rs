//! Messages, looked up by code and language. Rules never build strings: the validator
//! names a code and a subject, and these modules word it.

mod cy;
mod en;
mod ui;

pub use ui::{RECEIVED, UI};

use crate::model::{Code, Field, Lang, Limits, Ty, LIMITS};

/// What a message is about.
#[derive(Clone, Copy, Debug)]
pub enum Subject<'a> {
    /// The whole document.
    Document,
    /// A declared field.
    Field(&'static Field),
    /// An item of an array (the array's item field).
    Item(&'static Field),
    /// A member name that is unknown or repeated.
    Member(&'a str),
    /// A key of `extensions`.
    ExtensionKey(&'a str),
    /// `conflict`: the field kept and the field flagged.
    Pair(&'static Field, &'static Field),
    /// A field with a number that the message quotes (characters advised).
    FieldLimit(&'static Field, usize),
    /// A value inside `extensions` that JSON cannot hold.
    Value,
    /// `required` from a rule that one of two fields be given: (the first, the other).
    Either(&'static Field, &'static Field),
}

impl Subject<'_> {
    pub(crate) fn field(&self) -> Option<&'static Field> {
        match *self {
            Subject::Field(f) | Subject::Item(f) | Subject::FieldLimit(f, _) => Some(f),
            Subject::Either(f, _) => Some(f),
            Subject::Pair(_, f) => Some(f),
            _ => None,
        }
    }
}

/// The message of the `type` error at `""` for a JavaScript value refused whole, as the
/// native reader refuses its text: nested too deep, or too many values (spec §11.16).
pub fn refused(lang: Lang) -> String {
    match lang {
        Lang::En => en::refused(),
        Lang::Cy => cy::refused(),
    }
}

/// The message for `code` about `subject` in `lang`.
pub fn render(lang: Lang, code: Code, subject: Subject<'_>) -> String {
    render_in(lang, code, subject, &LIMITS)
}

/// [`render`] with the numbers a message quotes taken from `limits`: every number in a
/// message comes from the model, which a test proves by rendering with other limits.
pub fn render_in(lang: Lang, code: Code, subject: Subject<'_>, limits: &Limits) -> String {
    match lang {
        Lang::En => en::render(code, subject, limits),
        Lang::Cy => cy::render(code, subject, limits),
    }
}

/// The form's own texts in `lang`, as an object `{ui: {key: text}}`.
pub fn table(lang: Lang) -> crate::json::Json<'static> {
    use crate::json::Json;
    let ui = UI
        .iter()
        .map(|(k, t)| ((*k).into(), Json::String(t.get(lang).into())))
        .collect();
    Json::Object(vec![
        ("lang".into(), Json::String(lang.as_str().into())),
        ("ui".into(), Json::Object(ui)),
    ])
}

/// How a form asks for a value: the verb a `required` message starts with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Verb {
    Enter,
    Select,
    Confirm,
}

fn verb(ty: &Ty) -> Verb {
    match ty {
        Ty::Code(_) | Ty::Bool => Verb::Select,
        Ty::Confirmation => Verb::Confirm,
        _ => Verb::Enter,
    }
}

/// The JSON type a field expects, for `type` messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Expected {
    Text,
    Boolean,
    WholeNumber,
    Object,
    Array,
    Json,
}

fn expected(subject: Subject<'_>) -> Expected {
    match subject.field().map(|f| &f.ty) {
        None if matches!(subject, Subject::Value) => Expected::Json,
        None => Expected::Object,
        Some(Ty::Bool | Ty::Confirmation) => Expected::Boolean,
        Some(Ty::Integer { .. }) => Expected::WholeNumber,
        Some(Ty::Object(_) | Ty::Extensions) => Expected::Object,
        Some(Ty::Array(_)) => Expected::Array,
        Some(_) => Expected::Text,
    }
}

/// A date as GOV.UK services write it, "1 January 1900", with the months of a language.
fn date(months: &[&str; 12], (year, month, day): (u16, u8, u8)) -> String {
    let month = months
        .get(usize::from(month).wrapping_sub(1))
        .copied()
        .unwrap_or("");
    format!("{day} {month} {year}")
}

/// The limit a `too_long`, `out_of_range` or advisory message quotes.
fn limits(subject: Subject<'_>, limits: &Limits) -> (i64, i64) {
    let count = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    match (subject, subject.field().map(|f| &f.ty)) {
        (Subject::FieldLimit(_, n), _) => (count(n), count(n)),
        (_, Some(Ty::ShortText)) => (1, count(limits.short_text_max)),
        (_, Some(Ty::LongText)) => (1, count(limits.long_text_max)),
        (_, Some(Ty::Integer { min, max })) => (*min, *max),
        _ => (0, count(limits.max_items)),
    }
}

/// Which kind of `invalid_format` / `invalid_date` message fits; each format's owner
/// (`check::formats`) names its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// A UUID, with an example.
    Uuid,
    /// A date and time with a time zone, with an example.
    DateTime,
    /// A key of `extensions` (not a format).
    ExtensionKey,
    /// A real date, `YYYY-MM-DD`.
    Date,
    /// A real date or part of one: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    PartialDate,
    /// Anything else given `invalid_format`: worded in general terms, never as a date.
    Other,
}

fn shape(subject: Subject<'_>) -> Shape {
    match subject.field().map(|f| &f.ty) {
        _ if matches!(subject, Subject::ExtensionKey(_)) => Shape::ExtensionKey,
        Some(Ty::Format(format)) => crate::check::formats::owner(*format).shape,
        _ => Shape::Other,
    }
}

/// Every code a field can be given, derived from its declaration: what the message tests
/// iterate over.
#[cfg(test)]
pub fn codes_for(field: &Field, is_item: bool) -> Vec<Code> {
    use crate::model::Presence;
    let mut codes = vec![Code::Type, Code::Duplicate];
    if is_item || !matches!(field.presence, Presence::Optional) {
        codes.push(Code::Required);
    }
    match &field.ty {
        Ty::ShortText | Ty::LongText => codes.extend([Code::InvalidCharacters, Code::TooLong]),
        Ty::Format(f) => {
            let owner = crate::check::formats::owner(*f);
            codes.extend([Code::InvalidCharacters, owner.code]);
            if owner.bounded_day.is_some() {
                codes.extend([Code::DateInFuture, Code::DateTooEarly]);
            }
        }
        Ty::Code(_) => codes.extend([Code::InvalidCharacters, Code::InvalidOption]),
        Ty::Bool => {}
        Ty::Confirmation => codes.push(Code::MustBeTrue),
        Ty::Integer { .. } => codes.push(Code::OutOfRange),
        Ty::Object(_) | Ty::Extensions => codes.push(Code::UnknownField),
        Ty::Array(_) => codes.push(Code::TooManyItems),
    }
    codes
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod ui_used;
