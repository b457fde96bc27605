//! One owner per text format: everything the library says about a format — the check, the normal
//! form, the error code, the date bounds, the JSON Schema keywords, the form's field type, widget
//! and input hints, the limit a form states, the message's wording and the descriptions — is
//! declared in that format's own file (`uuid.rs`, `email.rs`, `phone.rs`, `postcode.rs`,
//! `nhs_number.rs`, `schema_version.rs`, and `dates.rs` for dates, partial dates and date-times),
//! as a [`FormatOwner`]. The validator, the normaliser, the schema, the form definition, the
//! descriptions, the messages and the export columns ask [`owner`], so adding a format is one file,
//! one [`Format`] variant and one line below.

use super::dates::{self, Date};
use super::{email, nhs_number, phone, postcode, schema_version, uuid};
use crate::json::Json;
use crate::messages::Shape;
use crate::model::{Code, Format, Limits};

/// Everything about one text format.
pub struct FormatOwner {
    /// The field `type` a form definition gives (a form picks its input by it).
    pub form_type: &'static str,
    /// The form definition's `widget`: `input`, `date`, or `none` (not asked of a person).
    pub widget: &'static str,
    /// How a form's text input asks for a value (the definition's `input`, for `input`).
    pub input: Input,
    /// The error code of a value that fails [`FormatOwner::check`] (or names no real day).
    pub code: Code,
    /// Whether a trimmed value (already free of forbidden characters) passes.
    pub check: fn(&str) -> bool,
    /// For a day bounded as the referral's dates are (spec §11.8): the day a trimmed value
    /// names, `None` when it names no real day ([`FormatOwner::code`]). The validator then
    /// reports a day after the referral date as `date_in_future`, else one before
    /// [`crate::model::EARLIEST_DATE`] as `date_too_early`.
    pub bounded_day: Option<fn(&str) -> Option<Date>>,
    /// The normal form of a trimmed value that passes, when it differs from the value; `None`
    /// leaves the trimmed value as it is.
    pub normal: fn(&str) -> Option<String>,
    /// The JSON Schema keywords after `"type": "string"` (a pattern, `const`, `maxLength`,
    /// `x-` annotations), for the normalised value.
    pub schema: fn(&Limits) -> Vec<(&'static str, Json<'static>)>,
    /// The most characters a form should let a person type, when the rule has such a limit.
    pub max_length: fn(&Limits) -> Option<usize>,
    /// The value in a few words, for descriptions and the format reference.
    pub describe: fn(&Limits) -> String,
    /// What a column of exported data in this format holds, in plain words.
    pub column: &'static str,
    /// How the messages word this format's [`FormatOwner::code`].
    pub shape: Shape,
}

/// How a form's text input asks for a value: the HTML attributes a form gives an `input`
/// widget (the form definition's `input` member), so that a form names no format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Input {
    /// The input's `type`: `text`, `email` or `tel`.
    pub ty: &'static str,
    /// The `inputmode`, when the keyboard should differ from the type's (`numeric`).
    pub inputmode: Option<&'static str>,
    /// The characters of GOV.UK's width class (`govuk-input--width-N`), for a value shorter
    /// than a line.
    pub width: Option<u8>,
    /// Whether a browser should check the spelling (not of codes, addresses or numbers).
    pub spellcheck: bool,
}

impl Input {
    /// A line of text as typed.
    pub const TEXT: Input = Input {
        ty: "text",
        inputmode: None,
        width: None,
        spellcheck: true,
    };
    /// A whole number: a numeric keyboard, three characters wide.
    pub const INTEGER: Input = Input {
        ty: "text",
        inputmode: Some("numeric"),
        width: Some(3),
        spellcheck: true,
    };
}

/// The owner of `format`.
pub fn owner(format: Format) -> &'static FormatOwner {
    match format {
        Format::SchemaVersion => &schema_version::OWNER,
        Format::Uuid => &uuid::OWNER,
        Format::Email => &email::OWNER,
        Format::Phone => &phone::OWNER,
        Format::Postcode => &postcode::OWNER,
        Format::NhsNumber => &nhs_number::OWNER,
        Format::Date => &dates::DATE,
        Format::PartialDate => &dates::PARTIAL_DATE,
        Format::DateTime => &dates::DATE_TIME,
    }
}

/// `"pattern": p` as a schema member.
pub fn pattern(p: &str) -> (&'static str, Json<'static>) {
    ("pattern", Json::String(p.to_owned().into()))
}

/// No normal form other than the trimmed value.
pub fn as_given(_: &str) -> Option<String> {
    None
}

/// No length limit of the rule's own.
pub fn no_limit(_: &Limits) -> Option<usize> {
    None
}

/// Helpers for the rules' tests.
#[cfg(test)]
pub mod testing {
    /// Every string one edit (a character of `alphabet` put in place of one or inserted
    /// before one, or a character removed) away from each of `seeds`, and the seeds.
    pub fn one_edit_away(seeds: &[&str], alphabet: &str) -> Vec<String> {
        let mut out = Vec::new();
        for seed in seeds {
            let chars: Vec<char> = seed.chars().collect();
            out.push(seed.to_string());
            for i in 0..=chars.len() {
                for c in alphabet.chars() {
                    let mut inserted = chars.clone();
                    inserted.insert(i, c);
                    out.push(inserted.into_iter().collect());
                    if i < chars.len() {
                        let mut replaced = chars.clone();
                        replaced[i] = c;
                        out.push(replaced.into_iter().collect());
                    }
                }
                if i < chars.len() {
                    let mut removed = chars.clone();
                    removed.remove(i);
                    out.push(removed.into_iter().collect());
                }
            }
        }
        out
    }

    /// A format's check and normal form agree with its definition (`by_definition`, the
    /// rule as first written) on every string one edit away from `seeds`; at least
    /// `min_valid` of those strings are valid, so that both answers are reached.
    pub fn agree_on_one_edits(
        seeds: &[&str],
        alphabet: &str,
        min_valid: usize,
        normalise: fn(&str) -> Option<String>,
        is_valid: fn(&str) -> bool,
        by_definition: fn(&str) -> Option<String>,
    ) {
        let mut valid = 0;
        for s in &one_edit_away(seeds, alphabet) {
            assert_eq!(normalise(s), by_definition(s), "{s:?}");
            assert_eq!(is_valid(s), by_definition(s).is_some(), "{s:?}");
            valid += usize::from(is_valid(s));
        }
        assert!(valid > min_valid, "the edits reach both answers: {valid}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LIMITS;

    /// Each owner's check and schema pattern agree on its own normal forms, its form type
    /// and code are its own, no two owners share a form type, its widget and input type are
    /// ones a form knows, and a bounded day's parser agrees with its check.
    #[test]
    fn every_format_has_an_owner_that_keeps_its_promises() {
        let samples: [(Format, &str, &str); 9] = [
            (Format::SchemaVersion, "1.0", "1.1"),
            (
                Format::Uuid,
                "3f2c8a4e-9b1d-4c7a-8e2f-5a6b7c8d9e0f",
                "3f2c8a4e",
            ),
            (Format::Email, "Name@Example.ORG", "name@"),
            (Format::Phone, "+44 20 7946 0958", "12345"),
            (Format::Postcode, "sw1a1aa", "SW1A"),
            (Format::NhsNumber, "943 476 5919", "9434765918"),
            (Format::Date, "2024-02-29", "2023-02-29"),
            (Format::PartialDate, "2026-11", "2026-13"),
            (
                Format::DateTime,
                "2026-03-01T00:30:00+01:00",
                "2026-03-01T00:30:00",
            ),
        ];
        let mut form_types = std::collections::BTreeSet::new();
        for (format, good, bad) in samples {
            let o = owner(format);
            assert!(
                form_types.insert(o.form_type),
                "{format:?}: form type reused"
            );
            assert!((o.check)(good), "{format:?}: {good}");
            assert!(!(o.check)(bad), "{format:?}: {bad}");
            assert!(
                ["text", "email", "tel"].contains(&o.input.ty),
                "{format:?}: input type {}",
                o.input.ty
            );
            assert!(
                ["input", "date", "none"].contains(&o.widget),
                "{format:?}: widget {}",
                o.widget
            );
            if let Some(day) = o.bounded_day {
                assert!(day(good).is_some(), "{format:?}: no day in {good}");
                assert!(day(bad).is_none(), "{format:?}: a day in {bad}");
                assert_eq!(
                    o.code,
                    Code::InvalidDate,
                    "{format:?}: a bounded day's code"
                );
            }
            let normal = (o.normal)(good).unwrap_or_else(|| good.to_owned());
            assert!((o.check)(&normal), "{format:?}: normal form {normal} fails");
            assert_eq!(
                (o.normal)(&normal).unwrap_or_else(|| normal.clone()),
                normal,
                "{format:?}: normal form not stable"
            );
            for (key, value) in (o.schema)(&LIMITS) {
                if key == "pattern" {
                    let Json::String(p) = value else {
                        panic!("{format:?}: pattern not a string")
                    };
                    let re = regex::Regex::new(&p).unwrap();
                    assert!(re.is_match(&normal), "{format:?}: {p} refuses {normal}");
                }
            }
            assert!(!(o.describe)(&LIMITS).is_empty());
        }
    }
}
