//! The validator: walks a JSON value along the model and reports every problem.
//!
//! One file per rule family sits beside this walker; the walker decides *where* and *in
//! which order* problems are reported, the rule files decide *whether* a value passes.

pub mod dates;
pub mod email;
pub mod extensions;
pub mod nhs_number;
pub mod phone;
pub mod postcode;
pub mod text;
pub mod uuid;

use crate::json::{push_token, ForeignKind, Json};
use crate::messages::{self, Subject};
use crate::model::{
    Code, Cond, DocKind, Equals, Field, Format, Lang, Object, Presence, Rule, Ty, ADULT_AGE,
    EARLIEST_DATE, LONG_TEXT_MAX, MAX_ITEMS, SHORT_TEXT_MAX,
};
use crate::report::{Issue, Report};
use dates::Date;
use text::TextClass;

/// Validates `doc` as a document of `kind`, with messages in `lang`.
pub fn validate(doc: &Json, kind: DocKind, lang: Lang) -> Report {
    let mut walker = Walker {
        lang,
        referral_date: None,
        path: String::new(),
        errors: Vec::new(),
        warnings: Vec::new(),
    };
    match doc {
        Json::Object(members) => {
            if kind == DocKind::Referral {
                walker.referral_date = members_get(members, "created_at")
                    .and_then(Json::as_str)
                    .and_then(|s| dates::parse_date_time(s.trim()));
            }
            walker.object(kind.root(), members, false);
        }
        _ => walker.error(Code::Type, Subject::Document),
    }
    Report {
        valid: walker.errors.is_empty(),
        errors: walker.errors,
        warnings: walker.warnings,
    }
}

/// Whether a value counts as absent: `null`, or a string blank after trimming.
pub fn is_absent(v: &Json) -> bool {
    match v {
        Json::Null => true,
        Json::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// The first member called `name`.
fn members_get<'a>(members: &'a [(String, Json)], name: &str) -> Option<&'a Json> {
    members.iter().find(|(k, _)| k == name).map(|(_, v)| v)
}

/// The first member called `name`, unless it is absent.
fn present<'a>(members: &'a [(String, Json)], name: &str) -> Option<&'a Json> {
    members_get(members, name).filter(|v| !is_absent(v))
}

/// Whether a sibling holds exactly the value a condition asks for.
pub fn holds(cond: Cond, members: &[(String, Json)]) -> bool {
    match (cond.equals, members_get(members, cond.field)) {
        (Equals::True, Some(Json::Bool(true))) => true,
        (Equals::Code(code), Some(Json::String(s))) => s.trim() == code,
        _ => false,
    }
}

/// Whether a field must be present, given its siblings.
pub fn is_required(presence: Presence, members: &[(String, Json)]) -> bool {
    match presence {
        Presence::Optional => false,
        Presence::Required => true,
        Presence::RequiredUnless(c) => !holds(c, members),
        Presence::RequiredWhen(c) => holds(c, members),
    }
}

/// Whether a number is a whole number (`15.0` is).
fn as_whole(v: &Json) -> Option<f64> {
    match v {
        Json::Number(n) => n.as_f64().filter(|f| f.is_finite() && f.fract() == 0.0),
        _ => None,
    }
}

/// For each member, whether an earlier member has the same name. Small objects compare
/// pairwise; large ones sort, so a hostile object of 100,000 members stays O(n log n).
fn repeats<'a>(names: impl ExactSizeIterator<Item = &'a str>) -> Vec<bool> {
    let names: Vec<&str> = names.collect();
    let mut repeated = vec![false; names.len()];
    if names.len() <= 32 {
        for (i, name) in names.iter().enumerate() {
            repeated[i] = names[..i].contains(name);
        }
    } else {
        let mut order: Vec<usize> = (0..names.len()).collect();
        // Stable: among equal names the earliest comes first and is not a repeat.
        order.sort_by(|&a, &b| names[a].cmp(names[b]));
        for pair in order.windows(2) {
            if names[pair[0]] == names[pair[1]] {
                repeated[pair[1]] = true;
            }
        }
    }
    repeated
}

struct Walker {
    lang: Lang,
    referral_date: Option<Date>,
    path: String,
    errors: Vec<Issue>,
    warnings: Vec<Issue>,
}

impl Walker {
    fn issue(&self, code: Code, subject: Subject<'_>) -> Issue {
        Issue {
            path: self.path.clone(),
            code,
            message: messages::render(self.lang, code, subject),
        }
    }

    fn error(&mut self, code: Code, subject: Subject<'_>) {
        let issue = self.issue(code, subject);
        self.errors.push(issue);
    }

    fn warn(&mut self, code: Code, subject: Subject<'_>) {
        let issue = self.issue(code, subject);
        self.warnings.push(issue);
    }

    /// Runs `f` with `token` appended to the path.
    fn at<T>(&mut self, token: &str, f: impl FnOnce(&mut Self) -> T) -> T {
        let len = self.path.len();
        push_token(&mut self.path, token);
        let out = f(self);
        self.path.truncate(len);
        out
    }

    fn object(&mut self, obj: &'static Object, members: &[(String, Json)], relaxed: bool) {
        for field in obj.fields {
            let value = present(members, field.name);
            let required = !relaxed && is_required(field.presence, members);
            let inner_relaxed = relaxed || field.relaxed_when.is_some_and(|c| holds(c, members));
            self.at(field.name, |w| {
                let failed = w.field(field, value, required, inner_relaxed, Subject::Field(field));
                for rule in obj.rules.iter().filter(|r| r.at() == field.name) {
                    w.rule(rule, obj, members, relaxed, failed);
                }
            });
        }
        let repeated = repeats(members.iter().map(|(k, _)| k.as_str()));
        for ((name, _), repeated) in members.iter().zip(repeated) {
            if repeated {
                self.at(name, |w| w.error(Code::Duplicate, Subject::Member(name)));
            } else if obj.field(name).is_none() {
                self.at(name, |w| w.error(Code::UnknownField, Subject::Member(name)));
            }
        }
    }

    /// Checks one field's value; returns whether an error was reported at its own path.
    fn field(
        &mut self,
        field: &'static Field,
        value: Option<&Json>,
        required: bool,
        relaxed: bool,
        subject: Subject<'_>,
    ) -> bool {
        let Some(value) = value else {
            if required {
                self.error(Code::Required, subject);
            }
            return required;
        };
        let problem = match (&field.ty, value) {
            (ty, Json::Foreign(f)) if f.kind == ForeignKind::LoneSurrogate && is_text(ty) => {
                Some(Code::InvalidCharacters)
            }
            (Ty::Bool, Json::Bool(_)) => None,
            (Ty::Confirmation, Json::Bool(b)) => (!b).then_some(Code::MustBeTrue),
            (Ty::Integer { min, max }, v) => match as_whole(v) {
                None => Some(Code::Type),
                Some(n) => (n < *min as f64 || n > *max as f64).then_some(Code::OutOfRange),
            },
            (Ty::Object(obj), Json::Object(members)) => {
                self.object(obj, members, relaxed);
                None
            }
            (Ty::Array(item), Json::Array(items)) => {
                if items.len() > MAX_ITEMS {
                    self.error(Code::TooManyItems, subject);
                }
                self.items(item, items, relaxed);
                return items.len() > MAX_ITEMS;
            }
            (Ty::Extensions, Json::Object(members)) => {
                self.extensions(members);
                None
            }
            (ty, Json::String(s)) if is_text(ty) => self.text(ty, s.trim()),
            _ => Some(Code::Type),
        };
        if let Some(code) = problem {
            self.error(code, subject);
        }
        problem.is_some()
    }

    /// The first problem of a (trimmed) string, in the precedence of spec §11.2.
    fn text(&self, ty: &Ty, s: &str) -> Option<Code> {
        let class = match ty {
            Ty::ShortText => TextClass::Short,
            Ty::LongText => TextClass::Long,
            _ => TextClass::Other,
        };
        if text::has_forbidden(s, class) {
            return Some(Code::InvalidCharacters);
        }
        let fails = |ok: bool, code| (!ok).then_some(code);
        match ty {
            Ty::ShortText => fails(!text::longer_than(s, SHORT_TEXT_MAX), Code::TooLong),
            Ty::LongText => fails(!text::longer_than(s, LONG_TEXT_MAX), Code::TooLong),
            Ty::Code(choices) => fails(choices.iter().any(|c| c.code == s), Code::InvalidOption),
            Ty::DateTime => fails(dates::parse_date_time(s).is_some(), Code::InvalidFormat),
            Ty::Date => self.date_bounds(dates::parse_date(s)),
            Ty::PartialDate => self.date_bounds(dates::parse_partial_date(s)),
            Ty::Format(format) => match format {
                Format::SchemaVersion => {
                    fails(s == crate::model::SCHEMA_VERSION, Code::UnsupportedVersion)
                }
                Format::Uuid => fails(uuid::is_uuid(s), Code::InvalidFormat),
                Format::Email => fails(email::is_email(s), Code::InvalidEmail),
                Format::Phone => fails(phone::is_phone(s), Code::InvalidPhone),
                Format::Postcode => fails(postcode::normalise(s).is_some(), Code::InvalidPostcode),
                Format::NhsNumber => {
                    fails(nhs_number::normalise(s).is_some(), Code::InvalidNhsNumber)
                }
            },
            _ => Some(Code::Type),
        }
    }

    fn date_bounds(&self, date: Option<Date>) -> Option<Code> {
        let date = match date {
            None => return Some(Code::InvalidDate),
            Some(d) => d,
        };
        if self.referral_date.is_some_and(|r| date > r) {
            Some(Code::DateInFuture)
        } else if date < Date::from_tuple(EARLIEST_DATE) {
            Some(Code::DateTooEarly)
        } else {
            None
        }
    }

    fn items(&mut self, item: &'static Field, items: &[Json], relaxed: bool) {
        let mut seen: Vec<&str> = Vec::new();
        for (i, v) in items.iter().enumerate() {
            let value = Some(v).filter(|v| !is_absent(v));
            self.at(&i.to_string(), |w| {
                let failed = w.field(item, value, true, relaxed, Subject::Item(item));
                if let (false, Ty::Code(_), Some(Json::String(s))) = (failed, &item.ty, value) {
                    let s = s.trim();
                    if seen.contains(&s) {
                        w.error(Code::Duplicate, Subject::Item(item));
                    } else {
                        seen.push(s);
                    }
                }
            });
        }
    }

    fn extensions(&mut self, members: &[(String, Json)]) {
        let repeated = repeats(members.iter().map(|(k, _)| k.as_str()));
        for ((key, value), repeated) in members.iter().zip(repeated) {
            self.at(key, |w| {
                if repeated {
                    w.error(Code::Duplicate, Subject::Member(key));
                } else if !extensions::is_extension_key(key) {
                    w.error(Code::InvalidFormat, Subject::ExtensionKey(key));
                }
                w.repeated_members_within(value);
            });
        }
    }

    /// Reports repeated member names (spec §11.12) and values JSON cannot hold anywhere
    /// inside an unchecked value, without recursion so that depth cannot exhaust the stack.
    fn repeated_members_within(&mut self, value: &Json) {
        let base = self.path.clone();
        let mut stack: Vec<(String, &Json)> = vec![(base.clone(), value)];
        while let Some((path, v)) = stack.pop() {
            let mut children: Vec<(String, &Json)> = Vec::new();
            match v {
                Json::Object(members) => {
                    let repeated = repeats(members.iter().map(|(k, _)| k.as_str()));
                    for ((k, child), repeated) in members.iter().zip(repeated) {
                        let mut p = path.clone();
                        push_token(&mut p, k);
                        if repeated {
                            self.path.clone_from(&p);
                            self.error(Code::Duplicate, Subject::Member(k));
                        }
                        children.push((p, child));
                    }
                }
                Json::Array(items) => {
                    for (i, child) in items.iter().enumerate() {
                        let mut p = path.clone();
                        push_token(&mut p, &i.to_string());
                        children.push((p, child));
                    }
                }
                Json::Foreign(_) => {
                    self.path.clone_from(&path);
                    self.error(Code::Type, Subject::Value);
                }
                _ => {}
            }
            // Reversed so that the stack yields them in document order.
            stack.extend(children.into_iter().rev());
        }
        self.path = base;
    }

    fn rule(
        &mut self,
        rule: &Rule,
        obj: &'static Object,
        members: &[(String, Json)],
        relaxed: bool,
        failed: bool,
    ) {
        let at_field = match obj.field(rule.at()) {
            Some(f) => f,
            None => return,
        };
        match *rule {
            Rule::AtLeastOne { fields, code } => {
                if !relaxed && fields.iter().all(|f| present(members, f).is_none()) {
                    self.error(code, Subject::Field(at_field));
                }
            }
            Rule::NotBoth { first, second } => {
                let kept = obj.field(first);
                if let (false, Some(kept), Some(_), Some(_)) = (
                    failed,
                    kept,
                    present(members, first),
                    present(members, second),
                ) {
                    self.error(Code::Conflict, Subject::Pair(kept, at_field));
                }
            }
            Rule::WarnIfTrue { field, code } => {
                if matches!(members_get(members, field), Some(Json::Bool(true))) {
                    self.warn(code, Subject::Field(at_field));
                }
            }
            Rule::WarnIfShorter { field, chars, code } => {
                if let (false, Some(Json::String(s))) = (failed, present(members, field)) {
                    if !text::longer_than(s.trim(), chars - 1) {
                        self.warn(code, Subject::FieldLimit(at_field, chars));
                    }
                }
            }
            Rule::UnderAgeRecommends {
                date_of_birth,
                age,
                field,
                code,
            } => {
                let recommended_missing = match present(members, field) {
                    None => true,
                    Some(Json::Array(items)) => items.is_empty(),
                    Some(_) => false,
                };
                let under_age = self
                    .age(obj, members, date_of_birth, age)
                    .is_some_and(|years| years < f64::from(ADULT_AGE));
                if recommended_missing && under_age {
                    self.warn(code, Subject::Field(at_field));
                }
            }
        }
    }

    /// The person's age: from a valid date of birth on the referral date, else from a
    /// valid approximate age.
    fn age(
        &self,
        obj: &'static Object,
        members: &[(String, Json)],
        date_of_birth: &str,
        age: &str,
    ) -> Option<f64> {
        let from_birth = present(members, date_of_birth)
            .and_then(Json::as_str)
            .and_then(|s| dates::parse_date(s.trim()))
            .filter(|d| *d >= Date::from_tuple(EARLIEST_DATE))
            .and_then(|birth| {
                let on = self.referral_date.filter(|r| birth <= *r)?;
                Some(f64::from(dates::age_on(birth, on)))
            });
        let age_field = obj.field(age)?;
        from_birth.or_else(|| {
            let n = present(members, age).and_then(as_whole)?;
            match age_field.ty {
                Ty::Integer { min, max } => (n >= min as f64 && n <= max as f64).then_some(n),
                _ => None,
            }
        })
    }
}

fn is_text(ty: &Ty) -> bool {
    matches!(
        ty,
        Ty::ShortText
            | Ty::LongText
            | Ty::Format(_)
            | Ty::Code(_)
            | Ty::Date
            | Ty::PartialDate
            | Ty::DateTime
    )
}

#[cfg(test)]
mod tests {
    use super::repeats;

    #[test]
    fn repeats_marks_later_occurrences_small_and_large() {
        assert_eq!(
            repeats(["a", "b", "a", "a"].into_iter()),
            [false, false, true, true]
        );
        let mut names: Vec<String> = (0..100).map(|i| format!("k{i}")).collect();
        names.push("k7".into());
        names.insert(0, "k99".into());
        let r = repeats(names.iter().map(String::as_str));
        assert_eq!(r.iter().filter(|x| **x).count(), 2);
        assert!(r[101] && r[100] && !r[0] && !r[8]);
    }
}
