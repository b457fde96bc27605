//! `make differential`: writes generated documents, one JSON line each, with the native
//! validator's report and the normalised document, for `tools/differential.mjs` (the wasm
//! package in Node, Ajv) and `tools/differential.py` (Python `jsonschema`) to judge.
//!
//! Documents come from the model (`model::Ty` of every field): valid documents are grown
//! from the examples by setting fields to values drawn from each field's type (a change that
//! makes the document invalid is undone), then every second one gets one fault drawn from
//! its field's type (wrong type, too long, unknown code, impossible date, bad format,
//! forbidden character, out of range, required field removed, unknown member, too many
//! items, bad extension key).
//!
//! Usage: `cargo run --release --example differential -- COUNT [SEED] > docs.jsonl`

use prevent_referral::model::{Field, Format, Object, Presence, Ty, LONG_TEXT_MAX, MAX_ITEMS};
use prevent_referral::{normalise_kind, parse_str, validate_kind, DocKind, Lang};

/// Every value built here owns its strings.
type Json = prevent_referral::Json<'static>;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

fn s(text: impl Into<String>) -> Json {
    Json::String(text.into().into())
}

const WORDS: &[&str] = &[
    "Jordan",
    "Siân",
    "O'Neill",
    "Zoë",
    "Łukasz",
    "school",
    "meeting",
    "Ōsaka",
    "Dafydd",
    "café",
    "ffrind",
    "near",
    "the",
    "and",
    "Ngũgĩ",
    "Mary-Jane",
    "ap",
    "Rhys",
    "武",
    "ﬁle",
];
const POSTCODES: &[&str] = &[
    "SW1A 1AA", "LS1 4DY", "m1 1ae", "B33 8TH", "CR2 6XH", "DN55 1PT", "GIR 0AA", "EC1A-1BB",
    "BFPO 61", "cf10 1ep",
];

fn text(rng: &mut Rng, max_words: usize, max_chars: usize) -> String {
    let n = 1 + rng.below(max_words);
    let words: Vec<&str> = (0..n).map(|_| *rng.pick(WORDS)).collect();
    words.join(" ").chars().take(max_chars).collect()
}

fn nhs_number(rng: &mut Rng) -> String {
    loop {
        let digits: Vec<u32> = (0..9).map(|_| rng.below(10) as u32).collect();
        let sum: u32 = digits.iter().zip((2..=10).rev()).map(|(d, w)| d * w).sum();
        let check = match 11 - sum % 11 {
            11 => 0,
            10 => continue,
            c => c,
        };
        let all: String = digits
            .iter()
            .chain([check].iter())
            .map(|d| d.to_string())
            .collect();
        return if rng.chance(50) {
            format!("{} {} {}", &all[..3], &all[3..6], &all[6..])
        } else {
            all
        };
    }
}

fn date(rng: &mut Rng) -> String {
    format!(
        "{}-{:02}-{:02}",
        1950 + rng.below(70),
        1 + rng.below(12),
        1 + rng.below(28)
    )
}

/// A valid value of `field`'s type (`None` for types it leaves alone).
fn valid_value(rng: &mut Rng, field: &'static Field, depth: usize) -> Option<Json> {
    Some(match &field.ty {
        Ty::ShortText => {
            if rng.chance(3) {
                s("é".repeat(prevent_referral::model::SHORT_TEXT_MAX))
            } else {
                s(text(rng, 4, 200))
            }
        }
        Ty::LongText => {
            if rng.chance(2) {
                s("a\n".repeat(LONG_TEXT_MAX / 2))
            } else {
                s(format!("{}\n{}", text(rng, 30, 2000), text(rng, 30, 2000)))
            }
        }
        Ty::Format(Format::SchemaVersion) => s("1.0"),
        Ty::Format(Format::Uuid) => {
            let hex: String = (0..32)
                .map(|_| *rng.pick(&['0', '7', 'a', 'F', 'c', '9']))
                .collect();
            s(format!(
                "{}-{}-{}-{}-{}",
                &hex[..8],
                &hex[8..12],
                &hex[12..16],
                &hex[16..20],
                &hex[20..]
            ))
        }
        Ty::Format(Format::Email) => s(format!(
            "person{}@Example{}.org",
            rng.below(1000),
            rng.below(9)
        )),
        Ty::Format(Format::Phone) => s(format!("07700 900{:03}", rng.below(1000))),
        Ty::Format(Format::Postcode) => s(*rng.pick(POSTCODES)),
        Ty::Format(Format::NhsNumber) => s(nhs_number(rng)),
        Ty::Code(choices) => s(rng.pick(choices).code),
        Ty::Bool => Json::Bool(rng.chance(50)),
        Ty::Confirmation => Json::Bool(true),
        Ty::Integer { min, max } => {
            let span = (max - min + 1) as usize;
            Json::Number((min + rng.below(span) as i64).into())
        }
        Ty::Format(Format::Date) => s(date(rng)),
        Ty::Format(Format::PartialDate) => {
            let d = date(rng);
            s(match rng.below(3) {
                0 => d[..4].to_owned(),
                1 => d[..7].to_owned(),
                _ => d,
            })
        }
        Ty::Format(Format::DateTime) => s(format!(
            "2026-11-{:02}T{:02}:15:00.5+01:00",
            20 + rng.below(5),
            rng.below(24)
        )),
        Ty::Object(obj) if depth < 4 => {
            let mut members = Vec::new();
            for f in obj.fields {
                let wanted = matches!(f.presence, Presence::Required) || rng.chance(40);
                if wanted {
                    if let Some(v) = valid_value(rng, f, depth + 1) {
                        members.push((f.name.into(), v));
                    }
                }
            }
            Json::Object(members)
        }
        Ty::Array(item) if depth < 4 => {
            let n = rng.below(4);
            let mut items: Vec<Json> = Vec::new();
            for _ in 0..n {
                if let Some(v) = valid_value(rng, item, depth + 1) {
                    if !items.contains(&v) {
                        items.push(v);
                    }
                }
            }
            Json::Array(items)
        }
        Ty::Extensions => Json::Object(vec![(
            "uk.example.case".into(),
            parse_str(r#"{"n": [1E2, 2.50, null, "  kept  "], "deep": {"x": true}}"#).ok()?,
        )]),
        _ => return None,
    })
}

/// Where a field of the model stands in the document: the object's path and its model.
#[derive(Clone)]
struct Slot {
    path: Vec<Tok>,
    obj: &'static Object,
}

#[derive(Clone, Debug)]
enum Tok {
    Key(String),
    Index(usize),
}

fn slots(doc: &Json, obj: &'static Object, path: Vec<Tok>, out: &mut Vec<Slot>) {
    let Json::Object(members) = doc else { return };
    out.push(Slot {
        path: path.clone(),
        obj,
    });
    for (name, value) in members {
        let Some(field) = obj.field(name) else {
            continue;
        };
        let mut p = path.clone();
        p.push(Tok::Key(name.to_string()));
        match (&field.ty, value) {
            (Ty::Object(inner), v) => slots(v, inner, p, out),
            (Ty::Array(item), Json::Array(items)) => {
                if let Ty::Object(inner) = item.ty {
                    for (i, v) in items.iter().enumerate() {
                        let mut q = p.clone();
                        q.push(Tok::Index(i));
                        slots(v, inner, q, out);
                    }
                }
            }
            _ => {}
        }
    }
}

fn at_mut<'a>(doc: &'a mut Json, path: &[Tok]) -> Option<&'a mut Json> {
    let mut cur = doc;
    for tok in path {
        cur = match (cur, tok) {
            (Json::Object(m), Tok::Key(k)) => &mut m.iter_mut().find(|(n, _)| n == k)?.1,
            (Json::Array(a), Tok::Index(i)) => a.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(cur)
}

fn set(doc: &mut Json, slot: &Slot, name: &str, value: Option<Json>) {
    let Some(Json::Object(members)) = at_mut(doc, &slot.path) else {
        return;
    };
    let existing = members.iter().position(|(k, _)| k == name);
    match (existing, value) {
        (Some(i), Some(v)) => members[i].1 = v,
        (None, Some(v)) => members.push((name.to_owned().into(), v)),
        (Some(i), None) => {
            members.remove(i);
        }
        (None, None) => {}
    }
}

/// One fault in the value of `field`, drawn from its type.
fn fault(rng: &mut Rng, field: &'static Field) -> (&'static str, Option<Json>) {
    let wrong_type = [
        Json::Number(12.into()),
        Json::Bool(true),
        Json::Array(vec![]),
        Json::Object(vec![]),
        s("yes"),
    ];
    let generic = |rng: &mut Rng| -> (&'static str, Option<Json>) {
        match rng.below(4) {
            0 => ("absent", None),
            1 => ("blank", Some(s("   "))),
            _ => ("wrong type", Some(rng.pick(&wrong_type).clone())),
        }
    };
    if rng.chance(30) {
        return generic(rng);
    }
    match &field.ty {
        Ty::ShortText => match rng.below(3) {
            0 => ("too long", Some(s("x".repeat(201)))),
            1 => ("line separator", Some(s("a\u{2028}b"))),
            _ => ("control character", Some(s("a\u{7}b"))),
        },
        Ty::LongText => match rng.below(2) {
            0 => ("too long", Some(s("x".repeat(LONG_TEXT_MAX + 1)))),
            _ => ("bidi override", Some(s("a\u{202e}b"))),
        },
        Ty::Code(_) => (
            "unknown code",
            Some(s(*rng.pick(&["not-a-code", "Referral", "other "]))),
        ),
        Ty::Format(Format::Date) => (
            "bad date",
            Some(s(*rng.pick(&[
                "2021-02-29",
                "1899-12-31",
                "2030-01-01",
                "2021-13-01",
                "21-01-01",
            ]))),
        ),
        Ty::Format(Format::PartialDate) => (
            "bad partial date",
            Some(s(*rng.pick(&["1899", "2021-00", "2031", "20210101"]))),
        ),
        Ty::Format(Format::DateTime) => (
            "bad date-time",
            Some(s(*rng.pick(&[
                "2026-11-20 10:15:00Z",
                "2026-11-31T10:15:00Z",
                "2026-11-20T10:15:00.1234567890Z",
                "2026-11-20T24:00:00Z",
            ]))),
        ),
        Ty::Format(Format::Email) => (
            "bad email",
            Some(s(*rng.pick(&["a@b", "a b@example.org", "@example.org"]))),
        ),
        Ty::Format(Format::Phone) => (
            "bad phone",
            Some(s(*rng.pick(&["0770", "07700    900123", "call me"]))),
        ),
        Ty::Format(Format::Postcode) => (
            "bad postcode",
            Some(s(*rng.pick(&["SW1A 1A", "ZZ1 1ZZ", "LS1  _4DY"]))),
        ),
        Ty::Format(Format::NhsNumber) => (
            "bad NHS number",
            Some(s(*rng.pick(&["943 476 5910", "12345", "943476591X"]))),
        ),
        Ty::Format(Format::Uuid) => ("bad uuid", Some(s("3f2c8a4e-9b1d-4c7a-8e2f-5a6b7c8d9e0"))),
        Ty::Format(Format::SchemaVersion) => ("bad version", Some(s("1.1"))),
        Ty::Integer { max, .. } => match rng.below(2) {
            0 => ("out of range", Some(Json::Number((max + 1).into()))),
            _ => ("fraction", Some(parse_str("15.5").ok()).flatten()),
        },
        Ty::Confirmation => ("not confirmed", Some(Json::Bool(false))),
        Ty::Array(item) => match rng.below(2) {
            0 => (
                "too many items",
                Some(Json::Array(vec![s("x"); MAX_ITEMS + 1])),
            ),
            _ => match &item.ty {
                Ty::Code(choices) => (
                    "repeated code",
                    Some(Json::Array(vec![s(choices[0].code); 2])),
                ),
                _ => ("null item", Some(Json::Array(vec![Json::Null]))),
            },
        },
        Ty::Extensions => (
            "bad extension key",
            Some(Json::Object(vec![("Bad Key".into(), Json::Null)])),
        ),
        _ => generic(rng),
    }
}

fn examples(kind: DocKind) -> Vec<Json> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/examples/valid");
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .expect("examples")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            (p.file_name().is_some_and(|n| n == "feedback.json")) == (kind == DocKind::Feedback)
        })
        .collect();
    names.sort();
    names
        .iter()
        .map(|p| {
            parse_str(&std::fs::read_to_string(p).expect("readable"))
                .expect("JSON")
                .into_owned()
        })
        .collect()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let count: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(2000);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let bases = [
        (DocKind::Referral, examples(DocKind::Referral)),
        (DocKind::Feedback, examples(DocKind::Feedback)),
    ];
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for i in 0..count {
        let (kind, docs) = if rng.chance(85) { &bases[0] } else { &bases[1] };
        let mut doc = rng.pick(docs).clone();
        // Grow a valid document: changes drawn from the model, undone if they invalidate it.
        for _ in 0..1 + rng.below(12) {
            let mut all = Vec::new();
            slots(&doc, kind.root(), Vec::new(), &mut all);
            let slot = rng.pick(&all).clone();
            let field = rng.pick(slot.obj.fields);
            let before = doc.clone();
            let value = if !matches!(field.presence, Presence::Required) && rng.chance(30) {
                None
            } else {
                valid_value(&mut rng, field, slot.path.len())
            };
            set(&mut doc, &slot, field.name, value);
            if !validate_kind(&doc, *kind, Lang::En).valid {
                doc = before;
            }
        }
        let mut what = "valid".to_owned();
        if i % 2 == 1 {
            let mut all = Vec::new();
            slots(&doc, kind.root(), Vec::new(), &mut all);
            let slot = rng.pick(&all).clone();
            if rng.chance(5) {
                set(&mut doc, &slot, "zz_unknown", Some(Json::Number(1.into())));
                what = "unknown member".to_owned();
            } else {
                let field = rng.pick(slot.obj.fields);
                let (name, value) = fault(&mut rng, field);
                set(&mut doc, &slot, field.name, value);
                what = format!("{name} at {}", field.name);
            }
        }
        let lang = if i % 4 < 2 { Lang::En } else { Lang::Cy };
        let report = validate_kind(&doc, *kind, lang);
        let line = Json::Object(vec![
            ("i".into(), Json::Number(i.into())),
            ("kind".into(), s(kind.name())),
            ("lang".into(), s(lang.as_str())),
            ("fault".into(), s(what)),
            ("doc".into(), doc.clone()),
            (
                "report".into(),
                parse_str(&serde_json::to_string(&report).expect("report"))
                    .expect("JSON")
                    .into_owned(),
            ),
            ("normalised".into(), normalise_kind(&doc, *kind)),
        ]);
        use std::io::Write;
        serde_json::to_writer(&mut out, &line).expect("stdout");
        writeln!(out).expect("stdout");
    }
}
