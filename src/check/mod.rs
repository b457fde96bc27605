//! The validator: walks a JSON value along the model and reports every problem.
//!
//! One file per rule family sits beside this walker; the walker decides *where* and *in
//! which order* problems are reported, the rule files decide *whether* a value passes.

pub mod dates;
pub mod email;
pub mod extensions;
pub mod formats;
pub mod nhs_number;
pub mod phone;
pub mod postcode;
pub mod schema_version;
pub mod text;
pub mod uuid;

use crate::json::view::{Node, Value};
use crate::json::{push_token, ForeignKind};
use crate::messages::{self, Subject};
use crate::model::{
    Code, Cond, DocKind, Equals, Field, Lang, Object, Presence, Rule, Ty, ADULT_AGE, EARLIEST_DATE,
    LONG_TEXT_MAX, MAX_ITEMS, SHORT_TEXT_MAX,
};
use crate::report::{Issue, Report, MAX_ISSUES};
use dates::Date;
use text::TextClass;

/// Validates `doc` as a document of `kind`, with messages in `lang`. `doc` is a [`Value`]:
/// a parsed [`Json`](crate::json::Json) tree (`&Json`) or a flat document read from
/// JavaScript ([`crate::json::flat::FlatValue`]); both get the same report.
pub fn validate<'a, V: Value<'a>>(doc: V, kind: DocKind, lang: Lang) -> Report {
    let mut walker = Walker {
        lang,
        referral_date: None,
        path: Vec::new(),
        errors: Vec::new(),
        warnings: Vec::new(),
        errors_over: false,
        warnings_over: false,
        _values: std::marker::PhantomData,
    };
    match doc.node() {
        Node::Object(members) => {
            let root = kind.root();
            let slots = Slots::<V>::new(root, members);
            if kind == DocKind::Referral {
                walker.referral_date = slots
                    .get("created_at")
                    .and_then(Value::as_str)
                    .and_then(|s| dates::parse_date_time(text::trim(s)));
            }
            walker.object(root, &slots, false);
        }
        // A JavaScript value refused whole (too deep, too many values): said as such.
        Node::Foreign(f) if matches!(f.kind, ForeignKind::TooDeep | ForeignKind::TooLarge) => {
            walker.errors.push(Issue {
                path: String::new(),
                code: Code::Type,
                message: messages::refused(lang),
            });
        }
        _ => walker.error(Code::Type, Subject::Document),
    }
    let cap = |list: &mut Vec<Issue>, over: bool| {
        if over {
            list.truncate(MAX_ISSUES - 1);
            list.push(Issue {
                path: String::new(),
                code: Code::TooManyErrors,
                message: messages::render(lang, Code::TooManyErrors, Subject::Document),
            });
        }
    };
    cap(&mut walker.errors, walker.errors_over);
    cap(&mut walker.warnings, walker.warnings_over);
    Report {
        valid: walker.errors.is_empty(),
        errors: walker.errors,
        warnings: walker.warnings,
    }
}

/// Whether a value counts as absent: `null`, or a string blank after trimming.
#[inline]
pub fn is_absent<'a>(v: impl Value<'a>) -> bool {
    match v.node() {
        Node::Null => true,
        Node::String(s) => text::trim(s).is_empty(),
        _ => false,
    }
}

/// One object's members matched to its declared fields, in one pass: the first value of
/// each field and whether it is present, and the members that are unknown or repeat an
/// earlier name. One allocation per object: the extras list stays empty (unallocated) for
/// a well-formed object.
struct Slots<'a, V> {
    obj: &'static Object,
    /// Per declared field: its first value, and whether that value is present (not absent).
    values: Vec<(Option<V>, bool)>,
    /// The members that are not the first occurrence of a declared field, by index in
    /// member order, with their names and the problem to report at each.
    extra: Vec<(usize, &'a str, Code)>,
}

impl<'a, V: Value<'a>> Slots<'a, V> {
    fn new(obj: &'static Object, members: V::Members) -> Slots<'a, V> {
        let mut values = vec![(None, false); obj.fields.len()];
        let mut extra = Vec::new();
        let mut unknown = Vec::new();
        // Members usually come in the declared order (the form writes them so): look from
        // just after the last match first, so that such an object costs one comparison per
        // member instead of one per field.
        let mut next = 0;
        for (i, (name, value)) in members.enumerate() {
            let (before, after) = obj.fields.split_at(next.min(obj.fields.len()));
            let found = after
                .iter()
                .position(|f| same(f.name, name))
                .map(|j| j + before.len())
                .or_else(|| before.iter().position(|f| same(f.name, name)));
            if let Some(j) = found {
                next = j + 1;
            }
            match found.and_then(|j| values.get_mut(j)) {
                Some(slot @ (None, _)) => *slot = (Some(value), !is_absent(value)),
                Some(_) => extra.push((i, name, Code::Duplicate)),
                None => unknown.push((i, name)),
            }
        }
        if !unknown.is_empty() {
            let names: Vec<&str> = unknown.iter().map(|&(_, name)| name).collect();
            let unknown = unknown
                .iter()
                .zip(repeats(&names))
                .map(|(&(i, name), repeated)| {
                    let code = if repeated {
                        Code::Duplicate
                    } else {
                        Code::UnknownField
                    };
                    (i, name, code)
                });
            // Both lists are in member order: merge them (no sort, so no second sort
            // routine in the wasm module).
            extra = merge_by_index(extra, unknown);
        }
        Slots { obj, values, extra }
    }

    fn index(&self, name: &str) -> Option<usize> {
        self.obj.fields.iter().position(|f| same(f.name, name))
    }

    /// The first value of the declared field `name`.
    fn get(&self, name: &str) -> Option<V> {
        self.values.get(self.index(name)?)?.0
    }

    /// The first value of `name`, unless it is absent.
    fn present(&self, name: &str) -> Option<V> {
        match self.values.get(self.index(name)?)? {
            (value, true) => *value,
            _ => None,
        }
    }

    /// Whether a sibling holds exactly the value a condition asks for.
    fn holds(&self, cond: Cond) -> bool {
        match (cond.equals, self.get(cond.field).map(Value::node)) {
            (Equals::True, Some(Node::Bool(true))) => true,
            (Equals::Code(code), Some(Node::String(s))) => same(text::trim(s), code),
            _ => false,
        }
    }

    /// Whether a field must be present, given its siblings.
    fn requires(&self, presence: Presence) -> bool {
        match presence {
            Presence::Optional => false,
            Presence::Required => true,
            Presence::RequiredUnless(c) => !self.holds(c),
            Presence::RequiredWhen(c) => self.holds(c),
        }
    }
}

/// Two lists of `(member index, name, code)`, each in member order, as one in member order.
fn merge_by_index<'a>(
    a: Vec<(usize, &'a str, Code)>,
    b: impl Iterator<Item = (usize, &'a str, Code)>,
) -> Vec<(usize, &'a str, Code)> {
    let mut out = Vec::with_capacity(a.len());
    let mut a = a.into_iter().peekable();
    for item in b {
        while let Some(first) = a.next_if(|x| x.0 < item.0) {
            out.push(first);
        }
        out.push(item);
    }
    out.extend(a);
    out
}

/// Whether a whole number lies within an integer field's bounds.
fn in_range(n: f64, min: i64, max: i64) -> bool {
    n >= min as f64 && n <= max as f64
}

/// Whether a number is a whole number (`15.0` is).
fn as_whole<'a>(v: impl Value<'a>) -> Option<f64> {
    match v.node() {
        Node::Number(f) => Some(f).filter(|f| f.is_finite() && f.fract() == 0.0),
        _ => None,
    }
}

/// For each name, whether an earlier one is the same. Short lists compare pairwise; long
/// ones keep a set of the names met, so a hostile object of 100,000 members stays
/// O(n log n).
fn repeats(names: &[&str]) -> Vec<bool> {
    if names.len() <= 32 {
        return (0..names.len())
            .map(|i| {
                names
                    .get(..i)
                    .is_some_and(|before| before.contains(&names[i]))
            })
            .collect();
    }
    let mut seen = std::collections::BTreeSet::new();
    names.iter().map(|name| !seen.insert(*name)).collect()
}

fn member_repeats<'a, V: Value<'a>>(members: V::Members) -> Vec<bool> {
    let names: Vec<&str> = members.map(|(k, _)| k).collect();
    repeats(&names)
}

/// One step of a JSON Pointer, kept unrendered until a problem is reported.
#[derive(Clone, Copy)]
enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

struct Walker<'a, V> {
    lang: Lang,
    referral_date: Option<Date>,
    path: Vec<Seg<'a>>,
    errors: Vec<Issue>,
    warnings: Vec<Issue>,
    /// Whether more errors were found than a report lists (spec §11.14); past the cap a
    /// problem is only counted, so that a hostile document costs no messages.
    errors_over: bool,
    warnings_over: bool,
    /// The kind of value walked (a tree or a flat document).
    _values: std::marker::PhantomData<V>,
}

impl<'a, V: Value<'a>> Walker<'a, V> {
    fn pointer(&self) -> String {
        let size = |seg: &Seg<'_>| match seg {
            Seg::Key(k) => k.len() + 1,
            Seg::Index(_) => 4,
        };
        let mut out = String::with_capacity(self.path.iter().map(size).sum());
        for seg in &self.path {
            match seg {
                Seg::Key(k) => push_token(&mut out, k),
                Seg::Index(i) => {
                    use std::fmt::Write;
                    let _ = write!(out, "/{i}");
                }
            }
        }
        out
    }

    fn issue(&self, code: Code, subject: Subject<'_>) -> Issue {
        Issue {
            path: self.pointer(),
            code,
            message: messages::render(self.lang, code, subject),
        }
    }

    fn error(&mut self, code: Code, subject: Subject<'_>) {
        if self.errors.len() >= MAX_ISSUES {
            self.errors_over = true;
            return;
        }
        let issue = self.issue(code, subject);
        self.errors.push(issue);
    }

    fn warn(&mut self, code: Code, subject: Subject<'_>) {
        if self.warnings.len() >= MAX_ISSUES {
            self.warnings_over = true;
            return;
        }
        let issue = self.issue(code, subject);
        self.warnings.push(issue);
    }

    fn object(&mut self, obj: &'static Object, slots: &Slots<'a, V>, relaxed: bool) {
        for (i, field) in obj.fields.iter().enumerate() {
            let value = match slots.values.get(i) {
                Some((value, true)) => *value,
                _ => None,
            };
            let required = !relaxed && slots.requires(field.presence);
            let inner_relaxed = relaxed || field.relaxed_when.is_some_and(|c| slots.holds(c));
            // The path is pushed and popped in place (a closure taking the walker cost a
            // call per field in wasm).
            self.path.push(Seg::Key(field.name));
            let failed = self.field(field, value, required, inner_relaxed, Subject::Field(field));
            for rule in obj.rules {
                if same(rule.at(), field.name) {
                    self.rule(rule, obj, slots, relaxed, failed);
                }
            }
            self.path.pop();
        }
        for &(_, name, code) in &slots.extra {
            self.path.push(Seg::Key(name));
            self.error(code, Subject::Member(name));
            self.path.pop();
        }
    }

    /// Checks one field's value; returns whether an error was reported at its own path.
    fn field(
        &mut self,
        field: &'static Field,
        value: Option<V>,
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
        let problem = match (&field.ty, value.node()) {
            (ty, Node::Foreign(f)) if f.kind == ForeignKind::LoneSurrogate && is_text(ty) => {
                Some(Code::InvalidCharacters)
            }
            (Ty::Array(_), Node::Foreign(f)) if f.kind == ForeignKind::TooLarge => {
                Some(Code::TooManyItems)
            }
            (Ty::Bool, Node::Bool(_)) => None,
            (Ty::Confirmation, Node::Bool(b)) => (!b).then_some(Code::MustBeTrue),
            (Ty::Integer { min, max }, _) => match as_whole(value) {
                None => Some(Code::Type),
                Some(n) => (!in_range(n, *min, *max)).then_some(Code::OutOfRange),
            },
            (Ty::Object(obj), Node::Object(members)) => {
                let slots = Slots::<V>::new(obj, members);
                self.object(obj, &slots, relaxed);
                None
            }
            (Ty::Array(item), Node::Array(items)) => {
                let too_many = items.len() > MAX_ITEMS;
                if too_many {
                    self.error(Code::TooManyItems, subject);
                }
                self.items(item, items, relaxed);
                return too_many;
            }
            (Ty::Extensions, Node::Object(members)) => {
                self.extensions(members);
                None
            }
            (ty, Node::String(s)) if is_text(ty) => self.text(ty, text::trim(s)),
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
            Ty::Code(choices) => {
                fails(choices.iter().any(|c| same(c.code, s)), Code::InvalidOption)
            }
            Ty::Format(format) => {
                let owner = formats::owner(*format);
                match owner.bounded_day {
                    Some(day) => self.date_bounds(day(s), owner.code),
                    None => fails((owner.check)(s), owner.code),
                }
            }
            _ => Some(Code::Type),
        }
    }

    /// A bounded day's problem: `invalid` when it names no real day, else after the
    /// referral date, else before [`EARLIEST_DATE`].
    fn date_bounds(&self, date: Option<Date>, invalid: Code) -> Option<Code> {
        let date = match date {
            None => return Some(invalid),
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

    fn items(&mut self, item: &'static Field, items: V::Items, relaxed: bool) {
        let mut seen: Vec<&str> = Vec::new();
        for (i, v) in items.enumerate() {
            let value = Some(v).filter(|v| !is_absent(*v));
            self.path.push(Seg::Index(i));
            let failed = self.field(item, value, true, relaxed, Subject::Item(item));
            let code = match (failed, &item.ty) {
                (false, Ty::Code(_)) => value.and_then(Value::as_str),
                _ => None,
            };
            if let Some(s) = code {
                let s = text::trim(s);
                if seen.contains(&s) {
                    self.error(Code::Duplicate, Subject::Item(item));
                } else {
                    seen.push(s);
                }
            }
            self.path.pop();
        }
    }

    fn extensions(&mut self, members: V::Members) {
        for ((key, value), repeated) in members.clone().zip(member_repeats::<V>(members)) {
            self.path.push(Seg::Key(key));
            if repeated {
                self.error(Code::Duplicate, Subject::Member(key));
            } else if !extensions::is_extension_key(key) {
                self.error(Code::InvalidFormat, Subject::ExtensionKey(key));
            }
            self.unchecked_value(value);
            self.path.pop();
        }
    }

    /// Reports repeated member names (spec §11.12) and values JSON cannot hold anywhere
    /// inside an unchecked value, without recursion so that depth cannot exhaust the stack.
    fn unchecked_value(&mut self, value: V) {
        let base = self.path.len();
        // Each entry: the path below `base`, and the value there.
        let mut stack: Vec<(Vec<Seg<'a>>, V)> = vec![(Vec::new(), value)];
        while let Some((below, v)) = stack.pop() {
            let mut children: Vec<(Vec<Seg<'a>>, V)> = Vec::new();
            let child_path = |seg: Seg<'a>| {
                let mut p = below.clone();
                p.push(seg);
                p
            };
            match v.node() {
                Node::Object(members) => {
                    for ((k, child), repeated) in members.clone().zip(member_repeats::<V>(members))
                    {
                        let p = child_path(Seg::Key(k));
                        if repeated {
                            self.path.extend_from_slice(&p);
                            self.error(Code::Duplicate, Subject::Member(k));
                            self.path.truncate(base);
                        }
                        children.push((p, child));
                    }
                }
                Node::Array(items) => {
                    for (i, child) in items.enumerate() {
                        children.push((child_path(Seg::Index(i)), child));
                    }
                }
                // Not JSON, or a number outside the double range, which JavaScript reads as
                // an infinity: `type` in both (spec §11.16).
                Node::Foreign(_) => {
                    self.path.extend_from_slice(&below);
                    self.error(Code::Type, Subject::Value);
                    self.path.truncate(base);
                }
                Node::Number(n) if !n.is_finite() => {
                    self.path.extend_from_slice(&below);
                    self.error(Code::Type, Subject::Value);
                    self.path.truncate(base);
                }
                _ => {}
            }
            // Reversed so that the stack yields them in document order.
            stack.extend(children.into_iter().rev());
        }
    }

    fn rule(
        &mut self,
        rule: &Rule,
        obj: &'static Object,
        slots: &Slots<'a, V>,
        relaxed: bool,
        failed: bool,
    ) {
        // A rule runs from the field it names (the walker picks rules by `at`), so a name not
        // in the object would make it never apply: `model::wellformed` refuses such a model,
        // and its test holds both documents to that.
        let Some(at_field) = obj.field(rule.at()) else {
            debug_assert!(false, "rule {rule:?} names a missing field");
            return;
        };
        match *rule {
            Rule::AtLeastOne { fields, code } => {
                if !relaxed && fields.iter().all(|f| slots.present(f).is_none()) {
                    let other = fields.get(1).and_then(|f| obj.field(f));
                    let subject = match (code, other) {
                        (Code::Required, Some(other)) => Subject::Either(at_field, other),
                        _ => Subject::Field(at_field),
                    };
                    self.error(code, subject);
                }
            }
            Rule::NotBoth { first, second } => {
                if let (false, Some(kept), Some(_), Some(_)) = (
                    failed,
                    obj.field(first),
                    slots.present(first),
                    slots.present(second),
                ) {
                    self.error(Code::Conflict, Subject::Pair(kept, at_field));
                }
            }
            Rule::WarnIfTrue { field, code } => {
                if matches!(slots.get(field).map(Value::node), Some(Node::Bool(true))) {
                    self.warn(code, Subject::Field(at_field));
                }
            }
            Rule::WarnIfShorter { field, chars, code } => {
                if let (false, Some(s)) = (failed, slots.present(field).and_then(Value::as_str)) {
                    if !text::longer_than(text::trim(s), chars.saturating_sub(1)) {
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
                let recommended_missing = match slots.present(field).map(Value::node) {
                    None => true,
                    Some(Node::Array(items)) => items.len() == 0,
                    Some(_) => false,
                };
                let under_age = self
                    .age(obj, slots, date_of_birth, age)
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
        slots: &Slots<'a, V>,
        date_of_birth: &str,
        age: &str,
    ) -> Option<f64> {
        let from_birth = slots
            .present(date_of_birth)
            .and_then(Value::as_str)
            .and_then(|s| dates::parse_date(text::trim(s)))
            .filter(|d| *d >= Date::from_tuple(EARLIEST_DATE))
            .and_then(|birth| {
                let on = self.referral_date.filter(|r| birth <= *r)?;
                Some(f64::from(dates::age_on(birth, on)))
            });
        let age_field = obj.field(age)?;
        from_birth.or_else(|| {
            let n = slots.present(age).and_then(as_whole)?;
            match age_field.ty {
                Ty::Integer { min, max } => in_range(n, min, max).then_some(n),
                _ => None,
            }
        })
    }
}

/// `a == b`, without a call to `memcmp` (in wasm a byte loop): settled by the lengths or
/// first bytes for most pairs of names and codes compared here, else eight bytes at a time,
/// the last word overlapping the one before.
#[inline]
fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let n = a.len();
    if n != b.len() || a.first() != b.first() {
        return false;
    }
    if n < 8 {
        return a == b;
    }
    let word = |s: &[u8], at: usize| {
        s.get(at..at + 8)
            .and_then(|w| w.try_into().ok())
            .map(u64::from_le_bytes)
    };
    let mut at = 0;
    while at + 8 < n {
        if word(a, at) != word(b, at) {
            return false;
        }
        at += 8;
    }
    word(a, n - 8) == word(b, n - 8)
}

fn is_text(ty: &Ty) -> bool {
    matches!(
        ty,
        Ty::ShortText | Ty::LongText | Ty::Format(_) | Ty::Code(_)
    )
}

#[cfg(test)]
mod tests {
    use super::{merge_by_index, repeats};
    use crate::model::Code;

    #[test]
    fn extras_are_merged_in_member_order() {
        let dup = Code::Duplicate;
        let unknown = Code::UnknownField;
        let merged = merge_by_index(
            vec![(1, "b", dup), (4, "e", dup), (9, "j", dup)],
            [
                (0, "a", unknown),
                (2, "c", unknown),
                (5, "f", dup),
                (10, "k", unknown),
            ]
            .into_iter(),
        );
        let order: Vec<usize> = merged.iter().map(|x| x.0).collect();
        assert_eq!(order, [0, 1, 2, 4, 5, 9, 10]);
        assert_eq!(merged[4], (5, "f", dup));
        assert_eq!(
            merge_by_index(vec![(3, "d", dup)], std::iter::empty()),
            [(3, "d", dup)]
        );
    }

    /// A repeated declared field and unknown members, interleaved, are reported in the
    /// order the members come.
    #[test]
    fn member_problems_follow_member_order() {
        let doc = crate::json::parse_str(
            r#"{"zz": 1, "schema_version": "1.0", "aa": 2, "schema_version": "1.0", "zz": 3}"#,
        )
        .unwrap();
        let report = super::validate(
            &doc,
            crate::model::DocKind::Referral,
            crate::model::Lang::En,
        );
        let member: Vec<(&str, &str)> = report
            .errors
            .iter()
            .filter(|e| matches!(e.code, Code::UnknownField | Code::Duplicate))
            .map(|e| (e.path.as_str(), e.code.as_str()))
            .collect();
        assert_eq!(
            member,
            [
                ("/zz", "unknown_field"),
                ("/aa", "unknown_field"),
                ("/schema_version", "duplicate"),
                ("/zz", "duplicate"),
            ]
        );
    }

    /// The word-at-a-time comparison agrees with `==` for every length up to 40, with the
    /// one differing byte at every offset (first word, middle, overlapping last word).
    #[test]
    fn same_agrees_with_equality() {
        for n in 0..40 {
            let a: String = (0..n).map(|i| char::from(b'a' + (i % 26) as u8)).collect();
            assert!(super::same(&a, &a.clone()));
            assert!(!super::same(&a, &format!("{a}x")));
            for at in 0..n {
                let mut b = a.clone().into_bytes();
                b[at] = b'-';
                let b = String::from_utf8(b).unwrap();
                assert!(!super::same(&a, &b), "{a} vs {b}");
            }
        }
    }

    #[test]
    fn repeats_marks_later_occurrences_small_and_large() {
        assert_eq!(repeats(&["a", "b", "a", "a"]), [false, false, true, true]);
        let mut names: Vec<String> = (0..100).map(|i| format!("k{i}")).collect();
        names.push("k7".into());
        names.insert(0, "k99".into());
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let r = repeats(&names);
        assert_eq!(r.iter().filter(|x| **x).count(), 2);
        assert!(r[101] && r[100] && !r[0] && !r[8]);
    }
}
