//! English messages, in GOV.UK style.

use super::{expected, limits, shape, verb, Expected, Shape, Subject, Verb};
use crate::model::{Code, Lang, Limits, ADULT_AGE, SCHEMA_VERSION};
use crate::report::MAX_ISSUES;

fn noun(subject: Subject<'_>) -> String {
    match subject {
        Subject::Document => "the document".to_owned(),
        Subject::Value => "this value".to_owned(),
        Subject::Member(k) | Subject::ExtensionKey(k) => format!("“{k}”"),
        Subject::Field(f)
        | Subject::Item(f)
        | Subject::FieldLimit(f, _)
        | Subject::Pair(_, f)
        | Subject::Either(f, _) => f.noun.get(Lang::En).to_owned(),
    }
}

fn capitalise(s: &str) -> String {
    // Nouns start with an ASCII letter or a quotation mark; ASCII keeps the Unicode case
    // tables out of the wasm module.
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    if let Some(c) = chars.next() {
        out.push(c.to_ascii_uppercase());
        out.push_str(chars.as_str());
    }
    out
}

/// A document refused whole: too deeply nested or too large (spec §11.16).
pub fn refused() -> String {
    format!(
        "The document is nested more than {} levels deep or holds more than {} values; a referral is never that large",
        crate::json::MAX_DEPTH,
        crate::json::MAX_VALUES
    )
}

/// The months, as dates in these messages name them ("1 January 1900").
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The English message for `code` about `subject`, quoting numbers from `lim`.
pub fn render(code: Code, subject: Subject<'_>, lim: &Limits) -> String {
    let n = noun(subject);
    let cap = capitalise(&n);
    let (min, max) = limits(subject, lim);
    match code {
        Code::Required if matches!(subject, Subject::Either(..)) => match subject {
            Subject::Either(a, b) => format!(
                "Enter {} or {}",
                a.noun.get(Lang::En),
                b.noun.get(Lang::En)
            ),
            _ => unreachable!("matched above"),
        },
        Code::Required => {
            let verb = match subject {
                Subject::Field(f) | Subject::Item(f) => verb(&f.ty),
                _ => Verb::Enter,
            };
            let said = match verb {
                Verb::Enter => format!("Enter {n}"),
                Verb::Select => format!("Select {n}"),
                Verb::Confirm => format!("Confirm {n}"),
            };
            match subject {
                Subject::Item(_) => format!("{said}, or remove the empty entry"),
                _ => said,
            }
        }
        Code::Type => {
            let what = match expected(subject) {
                Expected::Boolean => {
                    // Yes/no questions are named by the question itself.
                    if let Some(f) = subject.field() {
                        return format!("The answer to “{}” must be true or false", f.label.en);
                    }
                    "true or false"
                }
                Expected::Text => "text",
                Expected::WholeNumber => "a whole number",
                Expected::Object => "a set of fields (a JSON object)",
                Expected::Array => "a list (a JSON array)",
                Expected::Json => "a JSON value: text, a number, true or false, null, a list or a set of fields",
            };
            format!("{cap} must be {what}")
        }
        Code::UnknownField => format!("{cap} is not a field here: remove it or check its spelling"),
        Code::UnsupportedVersion => format!("{cap} must be \"{SCHEMA_VERSION}\""),
        Code::InvalidFormat => match shape(subject) {
            Shape::Uuid => format!("Enter {n} as a UUID, like 3f2c8a9e-5b1d-4c6a-9f0e-2d7b8c4a1e55"),
            Shape::ExtensionKey => format!(
                "Name the extension {n} as a reverse domain name in lower case, like uk.gov.example.case-id"
            ),
            Shape::DateTime => format!("Enter {n} as a date and time with a time zone, like 2026-11-25T14:30:00Z"),
            Shape::Date | Shape::PartialDate | Shape::Other => {
                format!("Enter {n} in the correct format")
            }
        },
        Code::InvalidOption => format!("Select {n} from the list"),
        Code::TooLong => format!("{cap} must be {max} characters or fewer"),
        Code::InvalidCharacters => format!(
            "{cap} must not contain control characters or hidden characters that change the direction of text"
        ),
        Code::TooManyItems => format!("{cap} must have {max} items or fewer"),
        Code::Duplicate => format!("{cap} is given more than once"),
        Code::InvalidDate => match shape(subject) {
            Shape::PartialDate => {
                format!("{cap} must be a real date, written as YYYY, YYYY-MM or YYYY-MM-DD")
            }
            _ => format!("{cap} must be a real date, written as YYYY-MM-DD"),
        },
        Code::DateInFuture => format!("{cap} must be on or before the date of the referral"),
        Code::DateTooEarly => format!("{cap} must be {} or later", super::date(&MONTHS, lim.earliest_date)),
        Code::OutOfRange => format!("{cap} must be between {min} and {max}"),
        Code::Conflict => match subject {
            Subject::Pair(kept, _) => {
                format!("Enter {} or {n}, not both", kept.noun.get(Lang::En))
            }
            _ => format!("Remove {n}: it conflicts with another answer"),
        },
        Code::InvalidEmail => format!("Enter {n} in the correct format, like name@example.com"),
        Code::InvalidPhone => format!(
            "Enter {n} in the correct format, like 01632 960 001 or +44 808 157 0192"
        ),
        Code::InvalidPostcode => "Enter a real postcode, like SW1A 1AA".to_owned(),
        Code::InvalidNhsNumber => {
            "Enter a valid NHS number: 10 digits, like 943 476 5919".to_owned()
        }
        Code::EmailOrPhoneRequired => "Enter an email address or a phone number".to_owned(),
        Code::MustBeTrue => format!("Confirm {n}"),
        Code::TooManyErrors => format!(
            "There are more than {} problems; fix these and check again",
            MAX_ISSUES - 1
        ),
        Code::Call999 => "If anyone is in immediate danger, call 999 now".to_owned(),
        Code::ParentsOrCarersRecommended => format!(
            "The person is under {ADULT_AGE}: add the details of a parent or carer if you can"
        ),
        Code::DescriptionTooBrief => format!(
            "Describe {n} in more detail, in at least {min} characters"
        ),
    }
}
