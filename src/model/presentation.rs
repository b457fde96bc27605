//! How a form presents the referral's fields: what the model says about asking, beyond what
//! a value must be. The form definition (`export/form_definition.rs`) carries these, so the
//! embeddable form and `attach()` name no field themselves. Keys are field keys as
//! `walk_fields` names them; a test checks every key names a field.

/// Fields a form fills in itself and never asks, with what it fills them with:
/// `schema_version` (the definition's), `new_id` (a random UUID, kept for retries),
/// `language` (the form's), `now` (the time, RFC 3339 UTC), or `nothing` (left out).
pub const FILLED_BY_FORM: &[(&str, &str)] = &[
    ("schema_version", "schema_version"),
    ("referral_id", "new_id"),
    ("language", "language"),
    ("created_at", "now"),
    ("extensions", "nothing"),
];

/// What a form fills `key` with, if it fills it in itself.
pub fn filled_by(key: &str) -> Option<&'static str> {
    FILLED_BY_FORM
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, v)| *v)
}

/// Questions asked before the others of their object, in this order (GOV.UK: ask about
/// immediate danger first).
pub const ASKED_FIRST: &[&str] = &["immediate_risk"];

/// Booleans asked as one tick box ("I do not know their name") rather than Yes/No.
pub const TICK_BOXES: &[&str] = &["individual.name_not_known", "individual.address_not_known"];

/// The HTML `autocomplete` token of fields about the person filling in the form; every
/// other field is `off` (the person referred is someone else).
pub const AUTOCOMPLETE: &[(&str, &str)] = &[
    ("referrer.full_name", "name"),
    ("referrer.organisation", "organization"),
    ("referrer.job_title", "organization-title"),
    ("referrer.email", "email"),
    ("referrer.phone", "tel"),
];

/// Conditions (by the controlling field) that decide only whether a field is required, and
/// never hide it: an advice request may leave the person's details out, but may still give
/// them.
pub const NEVER_HIDES: &[&str] = &["submission_type"];

/// The field whose answer names what sending does, and the UI text keys of the send
/// button and the confirmation title for each of its codes (`messages/ui.rs`).
pub const ACTION_FIELD: (&str, &[(&str, &str, &str)]) = (
    "submission_type",
    &[
        ("referral", "submitReferral", "sentTitle"),
        ("advice_request", "submitAdvice", "adviceSentTitle"),
    ],
);

/// The position of `key` among the questions a form asks (lower first).
pub fn order(key: &str, index: usize) -> usize {
    match ASKED_FIRST.iter().position(|k| *k == key) {
        Some(i) => i,
        None => ASKED_FIRST.len() + index,
    }
}

/// The `autocomplete` token for `key`.
pub fn autocomplete(key: &str) -> &'static str {
    AUTOCOMPLETE
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, v)| *v)
        .unwrap_or("off")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{walk_fields, DocKind, Ty};

    #[test]
    fn every_key_names_a_field() {
        let mut fields = Vec::new();
        walk_fields(DocKind::Referral, &mut |key, f| {
            fields.push((key.to_owned(), f))
        });
        let find = |key: &str| {
            fields
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, f)| *f)
                .unwrap_or_else(|| panic!("no field {key}"))
        };
        for key in FILLED_BY_FORM
            .iter()
            .map(|(k, _)| k)
            .chain(ASKED_FIRST)
            .chain(NEVER_HIDES)
        {
            find(key);
        }
        for key in TICK_BOXES {
            assert!(matches!(find(key).ty, Ty::Bool), "{key} is not a boolean");
        }
        for (key, _) in AUTOCOMPLETE {
            find(key);
        }
        let Ty::Code(choices) = find(ACTION_FIELD.0).ty else {
            panic!("the action field is not a code")
        };
        for (code, send, sent) in ACTION_FIELD.1 {
            assert!(choices.iter().any(|c| c.code == *code), "{code}");
            for text in [send, sent] {
                assert!(crate::messages::UI.iter().any(|(k, _)| k == text), "{text}");
            }
        }
        assert_eq!(choices.len(), ACTION_FIELD.1.len());
    }

    #[test]
    fn immediate_danger_is_asked_first() {
        assert_eq!(order("immediate_risk", 5), 0);
        assert!(order("submission_type", 0) > 0);
        assert_eq!(autocomplete("referrer.email"), "email");
        assert_eq!(autocomplete("individual.given_names"), "off");
    }
}
