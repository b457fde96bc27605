//! The single source of truth: every field, vocabulary, condition, limit and field text of
//! the referral and feedback documents, as plain data.
//!
//! Everything else is derived from here: the validator (`check`), the normaliser, the JSON
//! Schema files and the format reference. This module imports nothing from the others.

mod code;
pub mod feedback;
pub mod hints;
pub mod presentation;
pub mod referral;
mod text;
pub mod vocab;
pub mod wellformed;

pub use code::Code;
pub use text::{Lang, Tr};

/// The only schema version this library reads.
pub const SCHEMA_VERSION: &str = "1.0";
/// Most items an array may hold.
pub const MAX_ITEMS: usize = 20;
/// Most characters in short text.
pub const SHORT_TEXT_MAX: usize = 200;
/// Most characters in long text.
pub const LONG_TEXT_MAX: usize = 10_000;
/// Most characters in an email address.
pub const EMAIL_MAX: usize = 254;
/// The earliest date a date of birth or first-noticed date may hold, as (year, month, day).
pub const EARLIEST_DATE: (u16, u8, u8) = (1900, 1, 1);
/// Age below which parents' or carers' details are recommended.
pub const ADULT_AGE: u32 = 18;
/// Fewest and most digits a phone number holds (spec 7.3).
pub const PHONE_DIGITS: (usize, usize) = (8, 15);

/// The numbers the rules apply and every text derived from them quotes (descriptions,
/// documentation tables, messages). Generated text takes them from here, never typed by hand,
/// so a test can render with other limits and see the text follow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Most items an array may hold.
    pub max_items: usize,
    /// Most characters in short text.
    pub short_text_max: usize,
    /// Most characters in long text.
    pub long_text_max: usize,
    /// Most characters in an email address.
    pub email_max: usize,
    /// The earliest date a date field may hold, as (year, month, day).
    pub earliest_date: (u16, u8, u8),
    /// Fewest and most digits in a phone number.
    pub phone_digits: (usize, usize),
}

/// The limits of this version of the standard.
pub const LIMITS: Limits = Limits {
    max_items: MAX_ITEMS,
    short_text_max: SHORT_TEXT_MAX,
    long_text_max: LONG_TEXT_MAX,
    email_max: EMAIL_MAX,
    earliest_date: EARLIEST_DATE,
    phone_digits: PHONE_DIGITS,
};

/// Limits unlike the standard's in every number, so that a test rendering with them finds
/// any number typed by hand (the descriptions' and the messages' tests).
#[cfg(test)]
pub const OTHER_LIMITS: Limits = Limits {
    max_items: 17,
    short_text_max: 150,
    long_text_max: 9_876,
    email_max: 233,
    earliest_date: (1912, 3, 4),
    phone_digits: (9, 14),
};

/// One of the two documents this standard defines.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DocKind {
    /// The referral (or advice request) a partner agency sends.
    Referral,
    /// The feedback document a receiving team sends back.
    Feedback,
}

impl DocKind {
    /// The declaration of this document's top-level object.
    pub fn root(self) -> &'static Object {
        match self {
            DocKind::Referral => &referral::ROOT,
            DocKind::Feedback => &feedback::ROOT,
        }
    }

    /// The name used on the command line and in file names.
    pub fn name(self) -> &'static str {
        match self {
            DocKind::Referral => "referral",
            DocKind::Feedback => "feedback",
        }
    }

    /// Both kinds, in order.
    pub const ALL: [DocKind; 2] = [DocKind::Referral, DocKind::Feedback];
}

/// An object: its fields in document order and the rules that relate them.
#[derive(Debug)]
pub struct Object {
    /// Fields in specification order, which is also the order problems are reported in.
    pub fields: &'static [Field],
    /// Rules across fields; each is reported at the position of the field it names.
    pub rules: &'static [Rule],
}

impl Object {
    /// The field called `name`.
    pub fn field(&self, name: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.name == name)
    }
}

/// One field (or, for an array's item, the item).
#[derive(Debug)]
pub struct Field {
    /// The wire name (`snake_case`); empty for an array item.
    pub name: &'static str,
    /// What the value must be.
    pub ty: Ty,
    /// When the field must be present.
    pub presence: Presence,
    /// When this condition holds, nothing beneath this field is required, at any depth.
    pub relaxed_when: Option<Cond>,
    /// The question a form asks for this field.
    pub label: Tr,
    /// How messages name the field ("the postcode", "y cod post").
    pub noun: Tr,
}

/// What a value must be.
#[derive(Debug)]
pub enum Ty {
    /// One line, 1..=[`SHORT_TEXT_MAX`] characters.
    ShortText,
    /// May hold line breaks, 1..=[`LONG_TEXT_MAX`] characters.
    LongText,
    /// Text with a rule of its own (UUID, email, postcode, dates…).
    Format(Format),
    /// One code from a list.
    Code(&'static [vocab::Choice]),
    /// `true` or `false`.
    Bool,
    /// `true`, and nothing else, is accepted (a confirmation box).
    Confirmation,
    /// A whole number in a range.
    Integer {
        /// Smallest accepted value.
        min: i64,
        /// Largest accepted value.
        max: i64,
    },
    /// An object with fields of its own.
    Object(&'static Object),
    /// Up to [`MAX_ITEMS`] items, each described by the item field.
    Array(&'static Field),
    /// Reverse-DNS keys, values unchecked.
    Extensions,
}

/// Text formats with rules of their own; each has a file in `check/`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Exactly [`SCHEMA_VERSION`]; anything else is `unsupported_version`.
    SchemaVersion,
    /// 8-4-4-4-12 hex digits.
    Uuid,
    /// Spec 7.2.
    Email,
    /// Spec 7.3.
    Phone,
    /// Spec 7.1.
    Postcode,
    /// Spec 7.4.
    NhsNumber,
    /// A real calendar day `YYYY-MM-DD`, not before [`EARLIEST_DATE`], not after the referral date.
    Date,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; its first day is bounded as for [`Format::Date`].
    PartialDate,
    /// An RFC 3339 date-time with an offset.
    DateTime,
}

/// When a field must be present.
#[derive(Clone, Copy, Debug)]
pub enum Presence {
    /// Never required.
    Optional,
    /// Always required (unless an enclosing field is relaxed).
    Required,
    /// Required unless the condition holds.
    RequiredUnless(Cond),
    /// Required only when the condition holds.
    RequiredWhen(Cond),
}

/// A condition on a sibling field: it holds only when the sibling holds exactly this value
/// (after trimming); a value of the wrong type never satisfies it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cond {
    /// The sibling field's wire name.
    pub field: &'static str,
    /// The value it must hold.
    pub equals: Equals,
}

/// The value a controlling field must hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Equals {
    /// The JSON value `true`.
    True,
    /// This code.
    Code(&'static str),
}

/// A rule across fields of one object.
#[derive(Clone, Copy, Debug)]
pub enum Rule {
    /// At least one of `fields` must be present; otherwise `code` at the first of them.
    /// Like every requirement, it is lifted inside a relaxed field.
    AtLeastOne {
        /// The fields, the first being where the error is reported.
        fields: &'static [&'static str],
        /// The error code.
        code: Code,
    },
    /// `first` and `second` must not both be present: `conflict` at `second`, unless
    /// `second` already has an error.
    NotBoth {
        /// The field that is kept.
        first: &'static str,
        /// The field that gets the error.
        second: &'static str,
    },
    /// Warning `code` at `field` when it holds `true`.
    WarnIfTrue {
        /// The boolean field.
        field: &'static str,
        /// The warning code.
        code: Code,
    },
    /// Warning `code` at `field` when its valid text is shorter than `chars` characters.
    WarnIfShorter {
        /// The text field.
        field: &'static str,
        /// Characters advised at least.
        chars: usize,
        /// The warning code.
        code: Code,
    },
    /// Warning `code` at `field` when the person is under [`ADULT_AGE`] (from `date_of_birth`
    /// on the referral date, else from `age`) and `field` is absent or an empty array.
    UnderAgeRecommends {
        /// The date-of-birth field.
        date_of_birth: &'static str,
        /// The approximate-age field.
        age: &'static str,
        /// The recommended field.
        field: &'static str,
        /// The warning code.
        code: Code,
    },
}

impl Rule {
    /// The field at whose position the rule reports.
    pub fn at(&self) -> &'static str {
        match *self {
            Rule::AtLeastOne { fields, .. } => fields.first().copied().unwrap_or(""),
            Rule::NotBoth { second, .. } => second,
            Rule::WarnIfTrue { field, .. }
            | Rule::WarnIfShorter { field, .. }
            | Rule::UnderAgeRecommends { field, .. } => field,
        }
    }
}

/// Visits every field of a document, depth first, in document order, with its dotted key
/// (`individual.address.postcode`; an array's item is `…[]`).
pub fn walk_fields(kind: DocKind, visit: &mut dyn FnMut(&str, &'static Field)) {
    fn go(obj: &'static Object, prefix: &str, visit: &mut dyn FnMut(&str, &'static Field)) {
        for field in obj.fields {
            let key = if prefix.is_empty() {
                field.name.to_owned()
            } else {
                format!("{prefix}.{}", field.name)
            };
            visit(&key, field);
            walk_ty(&field.ty, &key, visit);
        }
    }
    fn walk_ty(ty: &'static Ty, key: &str, visit: &mut dyn FnMut(&str, &'static Field)) {
        match ty {
            Ty::Object(obj) => go(obj, key, visit),
            Ty::Array(item) => {
                let item_key = format!("{key}[]");
                visit(&item_key, item);
                walk_ty(&item.ty, &item_key, visit);
            }
            _ => {}
        }
    }
    go(kind.root(), "", visit);
}
