use std::collections::BTreeSet;

use super::*;
use crate::model::{walk_fields, DocKind};

fn all_fields() -> Vec<(String, &'static Field)> {
    let mut out = Vec::new();
    for kind in DocKind::ALL {
        walk_fields(kind, &mut |key, f| out.push((key.to_owned(), f)));
    }
    out
}

fn well_formed(msg: &str, context: &str) {
    assert!(!msg.is_empty(), "{context}: empty");
    assert!(!msg.contains('{') && !msg.contains('}'), "{context}: {msg}");
    assert!(!msg.contains("  "), "{context}: double space in {msg:?}");
    assert!(
        !msg.ends_with('.'),
        "{context}: GOV.UK error messages have no full stop: {msg}"
    );
    assert!(
        msg.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c == '“'),
        "{context}: starts in lower case: {msg}"
    );
}

#[test]
fn every_code_of_every_field_has_a_message_in_both_languages() {
    let mut covered = BTreeSet::new();
    for (key, field) in all_fields() {
        let is_item = key.ends_with("[]");
        let subject = if is_item {
            Subject::Item(field)
        } else {
            Subject::Field(field)
        };
        for code in codes_for(field, is_item) {
            covered.insert(code);
            let en = render(Lang::En, code, subject);
            let cy = render(Lang::Cy, code, subject);
            well_formed(&en, &format!("{key} {code:?} en"));
            well_formed(&cy, &format!("{key} {code:?} cy"));
            assert_ne!(en, cy, "{key} {code:?}: Welsh is the English text");
        }
    }
    // Codes that are about a document, a member name or a pair of fields, and the warnings.
    let referral = DocKind::Referral.root();
    let individual = match &referral.field("individual").unwrap().ty {
        Ty::Object(o) => o,
        _ => unreachable!(),
    };
    let dob = individual.field("date_of_birth").unwrap();
    let age = individual.field("approximate_age").unwrap();
    let description = match &referral.field("concern").unwrap().ty {
        Ty::Object(o) => o.field("description").unwrap(),
        _ => unreachable!(),
    };
    let others = [
        (Code::Type, Subject::Document),
        (Code::Type, Subject::Value),
        (Code::UnknownField, Subject::Member("nickname")),
        (Code::Duplicate, Subject::Member("given_names")),
        (Code::InvalidFormat, Subject::ExtensionKey("Case-ID")),
        (Code::Conflict, Subject::Pair(dob, age)),
        (Code::EmailOrPhoneRequired, Subject::Field(dob)),
        (Code::Call999, Subject::Document),
        (Code::TooManyErrors, Subject::Document),
        (Code::ParentsOrCarersRecommended, Subject::Document),
        (
            Code::DescriptionTooBrief,
            Subject::FieldLimit(description, 50),
        ),
    ];
    for (code, subject) in others {
        covered.insert(code);
        for lang in [Lang::En, Lang::Cy] {
            well_formed(&render(lang, code, subject), &format!("{code:?} {lang:?}"));
        }
    }
    let missing: Vec<_> = Code::ALL.iter().filter(|c| !covered.contains(c)).collect();
    assert!(
        missing.is_empty(),
        "codes never given a message: {missing:?}"
    );
}

#[test]
fn every_field_has_label_and_noun_in_both_languages() {
    for (key, field) in all_fields() {
        for t in [field.label, field.noun] {
            assert!(!t.en.trim().is_empty() && !t.cy.trim().is_empty(), "{key}");
            assert_ne!(t.en, t.cy, "{key}: Welsh is the English text");
        }
        assert!(
            field.noun.cy.chars().next().is_some_and(char::is_lowercase),
            "{key}: Welsh noun must be in radical lower-case form"
        );
    }
}

fn msg(lang: Lang, code: Code, path: &[&str]) -> String {
    let mut obj = DocKind::Referral.root();
    let mut field = None;
    for (i, name) in path.iter().enumerate() {
        let f = obj.field(name).unwrap();
        field = Some(f);
        if i + 1 < path.len() {
            obj = match &f.ty {
                Ty::Object(o) => o,
                _ => unreachable!(),
            };
        }
    }
    render(lang, code, Subject::Field(field.unwrap()))
}

#[test]
fn messages_read_as_gov_uk_style_sentences() {
    use Code::*;
    let cases: &[(Code, &[&str], &str, &str)] = &[
        (Required, &["individual", "address", "postcode"], "Enter the postcode", "Rhowch y cod post"),
        (Required, &["referrer", "sector"], "Select your sector", "Dewiswch eich sector"),
        (
            Required,
            &["individual", "email"],
            "Enter the person's email address",
            "Rhowch gyfeiriad e-bost yr unigolyn",
        ),
        (
            Type,
            &["individual", "address", "postcode"],
            "The postcode must be text",
            "Rhaid i'r cod post fod yn destun",
        ),
        (
            DateInFuture,
            &["individual", "date_of_birth"],
            "The date of birth must be on or before the date of the referral",
            "Rhaid i'r dyddiad geni fod ar ddyddiad yr atgyfeiriad neu cyn hynny",
        ),
        (
            TooLong,
            &["referrer", "full_name"],
            "Your full name must be 200 characters or fewer",
            "Rhaid i'ch enw llawn fod yn 200 nod neu lai",
        ),
        (
            InvalidCharacters,
            &["referrer", "email"],
            "Your email address must not contain control characters or hidden characters that change the direction of text",
            "Ni ddylai'ch cyfeiriad e-bost gynnwys nodau rheoli na nodau cudd sy'n newid cyfeiriad y testun",
        ),
        (
            Type,
            &["individual", "phone"],
            "The person's phone number must be text",
            "Rhaid i rif ffôn yr unigolyn fod yn destun",
        ),
        (
            MustBeTrue,
            &["sharing", "necessity_confirmed"],
            "Confirm that sharing this information is necessary and proportionate",
            "Cadarnhewch fod rhannu'r wybodaeth hon yn angenrheidiol ac yn gymesur",
        ),
        (
            Type,
            &["sharing", "necessity_confirmed"],
            "The answer to “I confirm that sharing this information is necessary and proportionate” must be true or false",
            "Rhaid i'r ateb i “Rwy'n cadarnhau bod rhannu'r wybodaeth hon yn angenrheidiol ac yn gymesur” fod yn wir neu'n anwir (true neu false)",
        ),
    ];
    for (code, path, en, cy) in cases {
        assert_eq!(msg(Lang::En, *code, path), *en);
        assert_eq!(msg(Lang::Cy, *code, path), *cy);
    }
}

#[test]
fn welsh_mutation_and_contraction() {
    assert_eq!(cy::soft("cyfeiriad e-bost"), "gyfeiriad e-bost");
    assert_eq!(cy::soft("manylion yr unigolyn"), "fanylion yr unigolyn");
    assert_eq!(cy::soft("rhif ffôn"), "rif ffôn");
    assert_eq!(cy::soft("llinell"), "linell");
    assert_eq!(cy::soft("gwybodaeth"), "wybodaeth");
    assert_eq!(cy::soft("y cod post"), "y cod post");
    assert_eq!(cy::glue("Rhaid i", "y cod post"), "Rhaid i'r cod post");
    assert_eq!(cy::glue("Rhaid i", "eich enw"), "Rhaid i'ch enw");
    assert_eq!(cy::glue("Rhaid i", "eu perthynas"), "Rhaid i'w perthynas");
    assert_eq!(cy::glue("Mae", "yr oedran"), "Mae'r oedran");
    assert_eq!(cy::glue("Dewiswch", "y sector"), "Dewiswch y sector");
}

#[test]
fn conflict_names_both_fields() {
    let individual = match &DocKind::Referral.root().field("individual").unwrap().ty {
        Ty::Object(o) => o,
        _ => unreachable!(),
    };
    let dob = individual.field("date_of_birth").unwrap();
    let age = individual.field("approximate_age").unwrap();
    assert_eq!(
        render(Lang::En, Code::Conflict, Subject::Pair(dob, age)),
        "Enter the date of birth or the approximate age, not both"
    );
    assert_eq!(
        render(Lang::Cy, Code::Conflict, Subject::Pair(dob, age)),
        "Rhowch y dyddiad geni neu'r oedran bras, nid y ddau"
    );
    assert_eq!(
        render(Lang::En, Code::Required, Subject::Either(dob, age)),
        "Enter the date of birth or the approximate age"
    );
    assert_eq!(
        render(Lang::Cy, Code::Required, Subject::Either(dob, age)),
        "Rhowch y dyddiad geni neu'r oedran bras"
    );
}

#[test]
fn every_form_text_is_given_in_both_languages() {
    let mut keys = Vec::new();
    for (key, t) in UI {
        assert!(!keys.contains(key), "{key} twice");
        keys.push(*key);
        assert!(
            !t.en.is_empty() && !t.cy.is_empty() && t.en != t.cy,
            "{key}"
        );
    }
    let crate::json::Json::Object(members) = table(Lang::Cy) else {
        panic!("not an object")
    };
    assert_eq!(members[0].1, crate::json::Json::String("cy".into()));
    assert_eq!(
        members[1]
            .1
            .get("errorSummaryTitle")
            .and_then(crate::json::Json::as_str),
        Some("Mae problem")
    );
}
