//! Plain-English descriptions of fields, derived from the model; used by the JSON Schema
//! `description`s and the format reference tables, so both always say the same.

use crate::model::{Cond, Equals, Field, Format, Presence, Ty, EMAIL_MAX};

/// What the value is, in a few words ("short text, 1–200 characters").
pub fn kind(ty: &Ty) -> String {
    match ty {
        Ty::ShortText => "short text: one line, 1–200 characters".into(),
        Ty::LongText => "long text: line breaks allowed, 1–10,000 characters".into(),
        Ty::Format(Format::SchemaVersion) => "text, exactly \"1.0\"".into(),
        Ty::Format(Format::Uuid) => "UUID, 8-4-4-4-12 hex digits, any case".into(),
        Ty::Format(Format::Email) => format!("email address, at most {EMAIL_MAX} characters"),
        Ty::Format(Format::Phone) => {
            "phone number: digits, spaces, ( ) - . and one leading +; 8–15 digits".into()
        }
        Ty::Format(Format::Postcode) => {
            "UK postcode (GIR 0AA and BFPO numbers too); sent as SW1A 1AA".into()
        }
        Ty::Format(Format::NhsNumber) => {
            "NHS number: 10 digits with a valid check digit; sent as 10 digits".into()
        }
        Ty::Code(choices) => {
            let codes: Vec<&str> = choices.iter().map(|c| c.code).collect();
            format!("one of: {}", codes.join(", "))
        }
        Ty::Bool => "true or false".into(),
        Ty::Confirmation => "must be true".into(),
        Ty::Integer { min, max } => format!("whole number, {min}–{max}"),
        Ty::Date => {
            "date YYYY-MM-DD, a real day from 1900-01-01, not after the referral date".into()
        }
        Ty::PartialDate => {
            "YYYY, YYYY-MM or YYYY-MM-DD, real, from 1900, not after the referral date".into()
        }
        Ty::DateTime => "date and time, RFC 3339 with an offset or Z".into(),
        Ty::Object(_) => "object".into(),
        Ty::Array(item) => format!("list of up to 20 items, each {}", kind(&item.ty)),
        Ty::Extensions => {
            "object; keys are reverse-DNS names (uk.gov.example.case-id); values unchecked".into()
        }
    }
}

fn cond(c: &Cond) -> String {
    match c.equals {
        Equals::True => format!("`{}` is true", c.field),
        Equals::Code(code) => format!("`{}` is `{code}`", c.field),
    }
}

/// When the field is required, in a few words.
pub fn presence(field: &Field) -> String {
    let base = match field.presence {
        Presence::Optional => "optional".to_owned(),
        Presence::Required => "required".to_owned(),
        Presence::RequiredUnless(c) => format!("required unless {}", cond(&c)),
        Presence::RequiredWhen(c) => format!("required when {}", cond(&c)),
    };
    match field.relaxed_when {
        Some(c) => format!("{base}; when {}, nothing inside it is required", cond(&c)),
        None => base,
    }
}

/// One sentence for a JSON Schema `description`.
pub fn sentence(field: &Field) -> String {
    let mut s = format!(
        "{}. {}.",
        capitalise(&kind(&field.ty)),
        capitalise(&presence(field))
    );
    s = s.replace("..", ".");
    s
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => std::iter::once(f.to_ascii_uppercase()).chain(c).collect(),
        None => String::new(),
    }
}
