use std::collections::BTreeSet;

use super::*;
use crate::model::{walk_fields, DocKind, OTHER_LIMITS};

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

/// Every message a report can hold: each code each field can be given, then the codes about
/// a document, a member name or a pair of fields, and the warnings; with what it is about.
fn every_case() -> Vec<(String, Code, Subject<'static>)> {
    let mut cases = Vec::new();
    for (key, field) in all_fields() {
        let is_item = key.ends_with("[]");
        let subject = if is_item {
            Subject::Item(field)
        } else {
            Subject::Field(field)
        };
        for code in codes_for(field, is_item) {
            cases.push((key.clone(), code, subject));
        }
    }
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
        let about = match subject {
            Subject::Document => "(document)".to_owned(),
            Subject::Value => "(a value in extensions)".to_owned(),
            Subject::Member(m) => format!("(member \"{m}\")"),
            Subject::ExtensionKey(k) => format!("(extension key \"{k}\")"),
            Subject::Pair(a, b) => format!("(pair {} / {})", a.name, b.name),
            Subject::FieldLimit(f, n) => format!("{} (advised {n})", f.name),
            Subject::Field(f) | Subject::Item(f) | Subject::Either(f, _) => f.name.to_owned(),
        };
        cases.push((about, code, subject));
    }
    cases
}

#[test]
fn every_code_of_every_field_has_a_message_in_both_languages() {
    let mut covered = BTreeSet::new();
    for (key, code, subject) in every_case() {
        covered.insert(code);
        let en = render(Lang::En, code, subject);
        let cy = render(Lang::Cy, code, subject);
        well_formed(&en, &format!("{key} {code:?} en"));
        well_formed(&cy, &format!("{key} {code:?} cy"));
        if matches!(subject, Subject::Field(_) | Subject::Item(_)) {
            assert_ne!(en, cy, "{key} {code:?}: Welsh is the English text");
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
        Some("Mae problem wedi codi")
    );
}

#[test]
fn every_number_a_message_quotes_comes_from_the_model() {
    use crate::model::LIMITS;
    let standard = [
        LIMITS.max_items.to_string(),
        LIMITS.short_text_max.to_string(),
        LIMITS.long_text_max.to_string(),
        LIMITS.email_max.to_string(),
        LIMITS.earliest_date.0.to_string(),
    ];
    let mut quoted = BTreeSet::new();
    for (key, code, subject) in every_case() {
        for lang in [Lang::En, Lang::Cy] {
            let other = render_in(lang, code, subject, &OTHER_LIMITS);
            let words: Vec<&str> = other
                .split(|c: char| !c.is_ascii_digit())
                .filter(|w| !w.is_empty())
                .collect();
            for n in &standard {
                assert!(
                    !words.contains(&n.as_str()),
                    "{key} {code:?} {lang:?} quotes {n} whatever the model says: {other}"
                );
            }
            for (n, what) in [
                ("17", "max_items"),
                ("150", "short_text_max"),
                ("9876", "long_text_max"),
                ("1912", "earliest_date"),
            ] {
                if words.contains(&n) {
                    quoted.insert(what);
                }
            }
            if render(lang, code, subject) != other {
                assert!(
                    words
                        .iter()
                        .any(|w| ["17", "150", "9876", "1912"].contains(w)),
                    "{key} {code:?} {lang:?} changed without quoting a limit: {other}"
                );
            }
        }
    }
    // Each limit a message can quote was quoted, so the loop above looked at it.
    assert_eq!(quoted.len(), 4, "{quoted:?}");
    let early = |lang| {
        let dob = DocKind::Referral
            .root()
            .field("individual")
            .and_then(|f| match &f.ty {
                Ty::Object(o) => o.field("date_of_birth"),
                _ => None,
            })
            .unwrap();
        render_in(lang, Code::DateTooEarly, Subject::Field(dob), &OTHER_LIMITS)
    };
    assert!(
        early(Lang::En).contains("4 March 1912"),
        "{}",
        early(Lang::En)
    );
    assert!(
        early(Lang::Cy).contains("4 Mawrth 1912"),
        "{}",
        early(Lang::Cy)
    );
}

/// Every message, as rendered, in one file per language: a reviewer reads the file, and any
/// change to a message shows in review as a change to it (`cargo insta review`, or
/// `INSTA_UPDATE=always cargo test -q --lib messages` then read the diff).
#[test]
fn every_message_as_rendered() {
    for lang in [Lang::En, Lang::Cy] {
        let mut text = String::new();
        for (key, code, subject) in every_case() {
            text.push_str(&format!(
                "{key} · {} · {}\n",
                code.as_str(),
                render(lang, code, subject)
            ));
        }
        text.push_str(&format!(
            "(document refused whole) · type · {}\n",
            refused(lang)
        ));
        insta::assert_snapshot!(format!("messages_{}", lang.as_str()), text);
    }
}

/// `invalid_format` about a value that is neither a UUID, a date-time nor an extension key
/// (a format added later) is worded in general terms, never as a date and time.
#[test]
fn invalid_format_of_another_value_is_not_worded_as_a_date() {
    let postcode = all_fields()
        .into_iter()
        .find(|(key, _)| key.ends_with("postcode"))
        .map(|(_, f)| f)
        .unwrap();
    for lang in [Lang::En, Lang::Cy] {
        let msg = render(lang, Code::InvalidFormat, Subject::Field(postcode));
        well_formed(&msg, "postcode invalid_format");
        assert!(!msg.contains("2026"), "{msg}");
        assert!(msg.contains("format") || msg.contains("fformat"), "{msg}");
    }
}

/// Every other text a person reads, as given, in one file per language beside the messages:
/// the form's own texts (`ui.rs`), each question's label and the noun its messages use,
/// each option's label, and the question hints. A Welsh reviewer reads these two files and
/// the messages' two; any change to a text shows in review.
#[test]
fn every_form_text_as_given() {
    for lang in [Lang::En, Lang::Cy] {
        let mut text = String::from("# Form texts (src/messages/ui.rs)\n");
        for (key, t) in UI {
            text.push_str(&format!("{key} · {}\n", t.get(lang)));
        }
        text.push_str("\n# Questions: label · noun (src/model/referral.rs, feedback.rs)\n");
        let mut seen_lists = BTreeSet::new();
        let mut options = String::new();
        for (key, field) in all_fields() {
            text.push_str(&format!(
                "{key} · {} · {}\n",
                field.label.get(lang),
                field.noun.get(lang)
            ));
            if let crate::model::Ty::Code(choices) = field.ty {
                // Lists shared by several fields are given once, under the first.
                if seen_lists.insert(choices.as_ptr() as usize) {
                    for c in choices {
                        options.push_str(&format!("{key} = {} · {}\n", c.code, c.label.get(lang)));
                    }
                }
            }
        }
        text.push_str("\n# Options (src/model/vocab.rs)\n");
        text.push_str(&options);
        text.push_str("\n# Question hints (src/model/hints.rs)\n");
        for (key, t) in crate::model::hints::HINTS {
            text.push_str(&format!("{key} · {}\n", t.get(lang)));
        }
        insta::assert_snapshot!(format!("form_texts_{}", lang.as_str()), text);
    }
}
