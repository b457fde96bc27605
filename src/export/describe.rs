//! Plain-English descriptions of fields, derived from the model; used by the JSON Schema
//! `description`s and the format reference tables, so both always say the same.

use crate::model::{Cond, Equals, Field, Limits, Presence, Ty, LIMITS};

/// A count as the documentation writes it: digits grouped by commas from 10,000 on.
pub fn number(n: usize) -> String {
    let digits = n.to_string();
    if digits.len() < 5 {
        return digits;
    }
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// What the value is, in a few words ("short text, 1–200 characters").
pub fn kind(ty: &Ty) -> String {
    kind_in(ty, &LIMITS)
}

/// The phrase for a list: "list of up to 20 items".
pub fn list(limits: &Limits) -> String {
    format!("list of up to {} items", number(limits.max_items))
}

/// [`kind`] with the numbers taken from `limits`.
pub fn kind_in(ty: &Ty, limits: &Limits) -> String {
    match ty {
        Ty::ShortText => format!(
            "short text: one line, 1–{} characters",
            number(limits.short_text_max)
        ),
        Ty::LongText => format!(
            "long text: line breaks allowed, 1–{} characters",
            number(limits.long_text_max)
        ),
        Ty::Format(format) => (crate::check::formats::owner(*format).describe)(limits),
        Ty::Code(choices) => {
            let codes: Vec<&str> = choices.iter().map(|c| c.code).collect();
            format!("one of: {}", codes.join(", "))
        }
        Ty::Bool => "true or false".into(),
        Ty::Confirmation => "must be true".into(),
        Ty::Integer { min, max } => format!("whole number, {min}–{max}"),
        Ty::Object(_) => "object".into(),
        Ty::Array(item) => format!("{}, each {}", list(limits), kind_in(&item.ty, limits)),
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
    sentence_in(field, &LIMITS)
}

/// [`sentence`] with the numbers taken from `limits`.
pub fn sentence_in(field: &Field, limits: &Limits) -> String {
    let mut s = format!(
        "{}. {}.",
        capitalise(&kind_in(&field.ty, limits)),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{walk_fields, DocKind, Format};

    use crate::model::OTHER_LIMITS as OTHER;

    fn numbers(s: &str) -> Vec<String> {
        s.split(|c: char| !c.is_ascii_digit() && c != ',')
            .map(|w| w.trim_matches(','))
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn every_number_a_description_states_comes_from_the_model() {
        let standard = [
            number(LIMITS.max_items),
            number(LIMITS.short_text_max),
            number(LIMITS.long_text_max),
            number(LIMITS.email_max),
            format!("{:04}", LIMITS.earliest_date.0),
            LIMITS.phone_digits.0.to_string(),
            LIMITS.phone_digits.1.to_string(),
        ];
        let mut changed = 0;
        for kind in DocKind::ALL {
            walk_fields(kind, &mut |key, field| {
                let (ours, other) = (sentence(field), sentence_in(field, &OTHER));
                let found = numbers(&other);
                for n in &standard {
                    // "8" also stands in a UUID's 8-4-4-4-12 shape, which is not a limit.
                    if n == "8" && matches!(field.ty, Ty::Format(Format::Uuid)) {
                        continue;
                    }
                    assert!(
                        !found.contains(n),
                        "{key}: states {n} whatever the model says: {other}"
                    );
                }
                if ours != other {
                    changed += 1;
                }
            });
        }
        assert!(
            changed > 20,
            "only {changed} descriptions follow the limits"
        );
    }

    #[test]
    fn each_limit_is_stated_where_it_applies() {
        let said = |ty: &Ty| kind_in(ty, &OTHER);
        assert!(said(&Ty::ShortText).contains("1–150 characters"));
        assert!(said(&Ty::LongText).contains("1–9876 characters"));
        assert!(said(&Ty::Format(Format::Email)).contains("at most 233 characters"));
        assert!(said(&Ty::Format(Format::Phone)).contains("9–14 digits"));
        assert!(said(&Ty::Format(Format::Date)).contains("from 1912-03-04"));
        assert!(said(&Ty::Format(Format::PartialDate)).contains("from 1912"));
        assert!(list(&OTHER).contains("up to 17 items"));
        assert_eq!(number(10_000), "10,000");
        assert_eq!(number(254), "254");
    }
}
