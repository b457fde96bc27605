//! Welsh messages, in the style of GOV.UK's Welsh services.
//!
//! Field nouns are stored in their radical form; the templates apply the soft mutation
//! and the contractions (`i'r`, `Mae'r`, `neu'r`, `i'ch`, `i'w`) that Welsh grammar needs
//! after the word before them.

use super::{expected, limits, shape, verb, Expected, Shape, Subject, Verb};
use crate::model::{Code, Lang, Limits, ADULT_AGE, SCHEMA_VERSION};

fn noun(subject: Subject<'_>) -> String {
    match subject {
        Subject::Document => "y ddogfen".to_owned(),
        Subject::Value => "y gwerth hwn".to_owned(),
        Subject::Member(k) | Subject::ExtensionKey(k) => format!("“{k}”"),
        Subject::Field(f)
        | Subject::Item(f)
        | Subject::FieldLimit(f, _)
        | Subject::Pair(_, f)
        | Subject::Either(f, _) => f.noun.get(Lang::Cy).to_owned(),
    }
}

/// Words that start a noun phrase and are never mutated themselves.
const DETERMINERS: [&str; 5] = ["y ", "yr ", "eich ", "eu ", "ei "];

/// The soft mutation of the first word of a noun phrase (after `Rhowch`, `i`, `neu`…).
pub(super) fn soft(phrase: &str) -> String {
    if DETERMINERS.iter().any(|d| phrase.starts_with(d)) {
        return phrase.to_owned();
    }
    const RULES: [(&str, &str); 9] = [
        ("ll", "l"),
        ("rh", "r"),
        ("ch", "ch"),
        ("p", "b"),
        ("t", "d"),
        ("c", "g"),
        ("b", "f"),
        ("d", "dd"),
        ("m", "f"),
    ];
    for (from, to) in RULES {
        if let Some(rest) = phrase.strip_prefix(from) {
            return format!("{to}{rest}");
        }
    }
    match phrase.strip_prefix('g') {
        Some(rest) => rest.to_owned(),
        None => phrase.to_owned(),
    }
}

/// `word` followed by `phrase`, contracting the article or possessive after a vowel.
pub(super) fn glue(word: &str, phrase: &str) -> String {
    let after_vowel = word.ends_with(['a', 'e', 'i', 'o', 'u', 'w', 'y']);
    if after_vowel {
        for (det, short) in [("y ", "'r "), ("yr ", "'r "), ("eich ", "'ch ")] {
            if let Some(rest) = phrase.strip_prefix(det) {
                return format!("{word}{short}{rest}");
            }
        }
        if word.ends_with(" i") || word == "i" {
            if let Some(rest) = phrase.strip_prefix("eu ") {
                return format!("{word}'w {rest}");
            }
        }
    }
    format!("{word} {phrase}")
}

/// "Rhaid i … fod …": the subject mutated and contracted after `i`.
fn rhaid(n: &str, rest: &str) -> String {
    format!("{} {rest}", glue("Rhaid i", &soft(n)))
}

/// A document refused whole: too deeply nested or too large (spec §11.16).
pub fn refused() -> String {
    format!(
        "Mae'r ddogfen wedi'i nythu'n ddyfnach na {} lefel neu'n cynnwys mwy na {} o werthoedd; nid yw atgyfeiriad byth mor fawr â hynny",
        crate::json::MAX_DEPTH,
        crate::json::MAX_VALUES
    )
}

/// The months, as dates in these messages name them ("1 Ionawr 1900").
const MONTHS: [&str; 12] = [
    "Ionawr",
    "Chwefror",
    "Mawrth",
    "Ebrill",
    "Mai",
    "Mehefin",
    "Gorffennaf",
    "Awst",
    "Medi",
    "Hydref",
    "Tachwedd",
    "Rhagfyr",
];

/// The Welsh message for `code` about `subject`, quoting numbers from `lim`.
pub fn render(code: Code, subject: Subject<'_>, lim: &Limits) -> String {
    let n = noun(subject);
    let (min, max) = limits(subject, lim);
    match code {
        Code::Required if matches!(subject, Subject::Either(..)) => match subject {
            Subject::Either(a, b) => format!(
                "Rhowch {}",
                glue(&format!("{} neu", soft(a.noun.get(Lang::Cy))), &soft(b.noun.get(Lang::Cy)))
            ),
            _ => unreachable!("matched above"),
        },
        Code::Required => {
            let verb = match subject {
                Subject::Field(f) | Subject::Item(f) => verb(&f.ty),
                _ => Verb::Enter,
            };
            let said = match verb {
                Verb::Enter => format!("Rhowch {}", soft(&n)),
                Verb::Select => format!("Dewiswch {}", soft(&n)),
                Verb::Confirm => format!("Cadarnhewch {n}"),
            };
            match subject {
                Subject::Item(_) => format!("{said}, neu dynnwch y cofnod gwag"),
                _ => said,
            }
        }
        Code::Type => {
            let what = match expected(subject) {
                Expected::Boolean => {
                    if let Some(f) = subject.field() {
                        return format!(
                            "Rhaid i'r ateb i “{}” fod yn wir neu'n anwir (true neu false)",
                            f.label.cy
                        );
                    }
                    "wir neu'n anwir (true neu false)"
                }
                Expected::Text => "destun",
                Expected::WholeNumber => "rhif cyfan",
                Expected::Object => "set o feysydd (gwrthrych JSON)",
                Expected::Array => "rhestr (arae JSON)",
                Expected::Json => "werth JSON: testun, rhif, true neu false, null, rhestr neu set o feysydd",
            };
            rhaid(&n, &format!("fod yn {what}"))
        }
        Code::UnknownField => {
            format!("Nid yw {n} yn faes yma: tynnwch ef neu gwiriwch y sillafu")
        }
        Code::UnsupportedVersion => rhaid(&n, &format!("fod yn \"{SCHEMA_VERSION}\"")),
        Code::InvalidFormat => match shape(subject) {
            Shape::Uuid => format!(
                "Rhowch {} fel UUID, fel 3f2c8a9e-5b1d-4c6a-9f0e-2d7b8c4a1e55",
                soft(&n)
            ),
            Shape::ExtensionKey => format!(
                "Rhowch enw parth o chwith mewn llythrennau bach fel enw'r estyniad {n}, fel uk.gov.example.case-id"
            ),
            Shape::DateTime => format!(
                "Rhowch {} fel dyddiad ac amser gyda chylchfa amser, fel 2026-11-25T14:30:00Z",
                soft(&n)
            ),
            Shape::Date | Shape::PartialDate | Shape::Other => {
                format!("Rhowch {} yn y fformat cywir", soft(&n))
            }
        },
        Code::InvalidOption => format!("Dewiswch {} o'r rhestr", soft(&n)),
        Code::TooLong => rhaid(&n, &format!("fod yn {max} nod neu lai")),
        Code::InvalidCharacters => format!(
            "{} gynnwys nodau rheoli na nodau cudd sy'n newid cyfeiriad y testun",
            glue("Ni ddylai", &soft(&n))
        ),
        Code::TooManyItems => rhaid(&n, &format!("gynnwys {max} eitem neu lai")),
        Code::Duplicate => format!("{} wedi'i roi fwy nag unwaith", glue("Mae", &n)),
        Code::InvalidDate => match shape(subject) {
            Shape::PartialDate => rhaid(
                &n,
                "fod yn ddyddiad go iawn, ar ffurf BBBB, BBBB-MM neu BBBB-MM-DD",
            ),
            _ => rhaid(&n, "fod yn ddyddiad go iawn, ar ffurf BBBB-MM-DD"),
        },
        Code::DateInFuture => rhaid(&n, "fod ar ddyddiad yr atgyfeiriad neu cyn hynny"),
        Code::DateTooEarly => rhaid(
            &n,
            &format!("fod ar {} neu'n hwyrach", super::date(&MONTHS, lim.earliest_date)),
        ),
        Code::OutOfRange => rhaid(&n, &format!("fod rhwng {min} a {max}")),
        Code::Conflict => match subject {
            Subject::Pair(kept, _) => format!(
                "Rhowch {}, nid y ddau",
                glue(
                    &format!("{} neu", soft(kept.noun.get(Lang::Cy))),
                    &soft(&n)
                )
            ),
            _ => format!("Tynnwch {}: mae'n gwrthdaro ag ateb arall", soft(&n)),
        },
        Code::InvalidEmail => format!(
            "Rhowch {} yn y fformat cywir, fel enw@enghraifft.com",
            soft(&n)
        ),
        Code::InvalidPhone => format!(
            "Rhowch {} yn y fformat cywir, fel 01632 960 001 neu +44 808 157 0192",
            soft(&n)
        ),
        Code::InvalidPostcode => "Rhowch god post go iawn, fel SW1A 1AA".to_owned(),
        Code::InvalidNhsNumber => "Rhowch rif GIG dilys: 10 digid, fel 943 476 5919".to_owned(),
        Code::EmailOrPhoneRequired => "Rhowch gyfeiriad e-bost neu rif ffôn".to_owned(),
        Code::MustBeTrue => format!("Cadarnhewch {n}"),
        Code::TooManyErrors => format!(
            "Mae mwy na {} o broblemau; cywirwch y rhain a gwiriwch eto",
            crate::report::MAX_ISSUES - 1
        ),
        Code::Call999 => {
            "Os oes unrhyw un mewn perygl uniongyrchol, ffoniwch 999 nawr".to_owned()
        }
        Code::ParentsOrCarersRecommended => format!(
            "Mae'r unigolyn o dan {ADULT_AGE} oed: ychwanegwch fanylion rhiant neu ofalwr os gallwch"
        ),
        Code::DescriptionTooBrief => format!(
            "Disgrifiwch {} yn fwy manwl, mewn o leiaf {min} nod",
            soft(&n)
        ),
    }
}
