//! Property tests over mutated example documents and arbitrary JSON values (spec §1, §6,
//! §8, §10, §11.11): the validator never panics and is self-consistent, normalisation is
//! idempotent and never changes the verdict, the language changes only messages, and every
//! valid document passes the JSON Schema once normalised.
//!
//! Each property runs at most 256 cases so that the file takes a few seconds in debug.

use std::sync::OnceLock;

use prevent_referral::json::Number;
use prevent_referral::model::{walk_fields, Ty};
use prevent_referral::{
    normalise, normalise_kind, parse_str, schema, validate, validate_kind, DocKind, Lang, Report,
};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, TestRunner};

/// Every value built here owns its strings.
type Json = prevent_referral::Json<'static>;

/// Cases per property; `PREVENT_REFERRAL_PROPTEST_CASES` raises it for a deeper local run.
fn cases() -> u32 {
    std::env::var("PREVENT_REFERRAL_PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(256)
}

fn config() -> Config {
    Config {
        cases: cases(),
        // Never write regression files into the source tree.
        failure_persistence: None,
        ..Config::default()
    }
}

// ---------------------------------------------------------------------------------------
// The starting documents and what the model knows

struct Known {
    /// The valid examples, parsed with the order-keeping parser, with their kind.
    bases: Vec<(DocKind, Json)>,
    /// Every declared field position of each kind (`individual.address.postcode`,
    /// `individual.other_names[]`), as steps.
    model_paths: Vec<(DocKind, Vec<Tok>)>,
    /// Every code of every vocabulary, and the declared field names.
    codes: Vec<&'static str>,
    names: Vec<&'static str>,
}

#[derive(Clone, Debug)]
enum Tok {
    Key(&'static str),
    Item,
}

fn known() -> &'static Known {
    static KNOWN: OnceLock<Known> = OnceLock::new();
    KNOWN.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/examples/valid");
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        let bases: Vec<(DocKind, Json)> = files
            .iter()
            .map(|p| {
                let doc = parse_str(&std::fs::read_to_string(p).unwrap())
                    .unwrap()
                    .into_owned();
                let kind = if p.ends_with("feedback.json") {
                    DocKind::Feedback
                } else {
                    DocKind::Referral
                };
                assert!(validate_kind(&doc, kind, Lang::En).valid, "{}", p.display());
                (kind, doc)
            })
            .collect();
        assert_eq!(bases.len(), 5);
        let mut model_paths = Vec::new();
        let mut codes = Vec::new();
        let mut names = Vec::new();
        for kind in DocKind::ALL {
            walk_fields(kind, &mut |key, field| {
                let mut toks = Vec::new();
                for part in key.split('.') {
                    match part.strip_suffix("[]") {
                        Some(name) => {
                            toks.push(Tok::Key(leak(name)));
                            toks.push(Tok::Item);
                        }
                        None => toks.push(Tok::Key(leak(part))),
                    }
                }
                model_paths.push((kind, toks));
                if let Ty::Code(list) = &field.ty {
                    codes.extend(list.iter().map(|c| c.code));
                }
                if !field.name.is_empty() {
                    names.push(field.name);
                }
            });
        }
        codes.sort_unstable();
        codes.dedup();
        names.sort_unstable();
        names.dedup();
        Known {
            bases,
            model_paths,
            codes,
            names,
        }
    })
}

fn leak(s: &str) -> &'static str {
    Box::leak(s.to_owned().into_boxed_str())
}

// ---------------------------------------------------------------------------------------
// Values

fn num_i(n: i64) -> Json {
    Json::Number(Number::from(n))
}

fn num_f(f: f64) -> Json {
    Number::from_f64(f).map(Json::Number).unwrap_or(Json::Null)
}

fn text(s: &str) -> Json {
    Json::String(s.to_owned().into())
}

/// An object from owned member names.
fn object(members: Vec<(String, Json)>) -> Json {
    Json::Object(members.into_iter().map(|(k, v)| (k.into(), v)).collect())
}

/// Characters that stress text rules: controls, bidi overrides, line separators, white
/// space that `trim` removes and some it does not, multi-byte and astral characters.
const SPECIAL: &[char] = &[
    '\0',
    '\u{1}',
    '\u{8}',
    '\t',
    '\n',
    '\r',
    '\u{b}',
    '\u{1f}',
    '\u{7f}',
    '\u{85}',
    '\u{9f}',
    '\u{a0}',
    '\u{1680}',
    '\u{180e}',
    '\u{2003}',
    '\u{200b}',
    '\u{202a}',
    '\u{202e}',
    '\u{2066}',
    '\u{2069}',
    '\u{2028}',
    '\u{2029}',
    '\u{3000}',
    '\u{feff}',
    '\u{fffd}',
    '😀',
    '👩',
    '\u{200d}',
    'é',
    'ŵ',
    'Ä',
    'ß',
    'ı',
    'İ',
    'K',
    '中',
    '\u{10ffff}',
    ' ',
    '@',
    '.',
    '-',
    '_',
    '+',
    '(',
    '/',
    '~',
    'A',
    'z',
    '0',
    '9',
];

/// White space `str::trim` removes.
const WHITE: &[&str] = &[
    " ", "  ", "\t", "\n", "\r\n", "\u{a0}", "\u{85}", "\u{2003}", "\u{3000}", "\u{2028}", " \n\t",
];

/// Strings that are valid somewhere, or nearly: they let mutations produce valid documents.
const INTERESTING: &[&str] = &[
    "1.0",
    "1.00",
    "1",
    "2.0",
    "SW1A 1AA",
    "sw1a1aa",
    "Sw1a-1aA",
    "s.w.1.a 1.a.a",
    "GIR0AA",
    "gir 0aa",
    "bfpo 12",
    "BFPO12345",
    "LS1 4DY",
    "ls14dy",
    "Q1A 1AA",
    "SW1A 1AI",
    "943 476 5919",
    "943-476-5919",
    "9434765918",
    "4010232137",
    "0000000000",
    "ruth@School.Example.ORG",
    "RUTH@SCHOOL.ORG",
    "ruth@localhost",
    "ruth@-school.org",
    "a b@school.org",
    "ruth@schööl.org",
    "07700 900123",
    "+44 (0)113 496-0732",
    "0113.496.0732",
    "++44 113 496 0732",
    "1234567",
    "2010-02-28",
    "2008-02-29",
    "2009-02-29",
    "1900-01-01",
    "1899-12-31",
    "2026-11-20",
    "2026-11-21",
    "2026",
    "2026-11",
    "2027",
    "1899",
    "2026-13",
    "2026-11-20T10:15:00Z",
    "2026-11-20t10:15:00.123z",
    "2026-11-20T23:59:60+01:00",
    "2026-11-20 10:15:00Z",
    "2026-02-30T10:15:00Z",
    "2026-11-20T10:15:00",
    "c0a8012e-7d4b-4f6a-9e21-3b5c7d9f1a2b",
    "C0A8012E-7D4B-4F6A-9E21-3B5C7D9F1A2B",
    "00000000-0000-0000-0000-000000000000",
    "c0a8012e7d4b4f6a9e213b5c7d9f1a2b",
    "uk.gov.example",
    "uk.police.west-yorkshire",
    "UK.gov",
    "nodots",
    "Ruth\n",
    "true",
    "null",
    "15",
    "Short.",
];

fn leaf_value() -> BoxedStrategy<Json> {
    let k = known();
    prop_oneof![
        Just(Json::Null),
        Just(text("")),
        Just(text("   ")),
        prop::sample::select(WHITE).prop_map(text),
        any::<bool>().prop_map(Json::Bool),
        any::<i64>().prop_map(num_i),
        (-2i64..130).prop_map(num_i),
        any::<u64>().prop_map(|n| Json::Number(Number::from(n))),
        any::<f64>().prop_map(num_f),
        prop::sample::select(&[15.0, 15.5, -0.0, 0.0, 17.999, 120.0, 121.0, 1e300, -1e-300][..])
            .prop_map(num_f),
        prop::sample::select(INTERESTING).prop_map(text),
        prop::sample::select(k.codes.clone()).prop_map(text),
        unicode_string().prop_map(Json::from),
        any::<String>().prop_map(Json::from),
        long_string().prop_map(Json::from),
    ]
    .boxed()
}

fn unicode_string() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            3 => prop::sample::select(SPECIAL),
            1 => any::<char>(),
            2 => prop::char::range('a', 'z'),
        ],
        0..24,
    )
    .prop_map(|cs| cs.into_iter().collect())
}

fn long_string() -> impl Strategy<Value = String> {
    (
        prop::sample::select(&['a', 'é', '😀', ' ', '\n'][..]),
        prop::sample::select(
            &[
                199usize, 200, 201, 253, 254, 255, 9_999, 10_000, 10_001, 12_000,
            ][..],
        ),
        prop::sample::select(&["", "@example.org", " ", "x"][..]),
    )
        .prop_map(|(c, n, tail)| {
            let mut s: String = std::iter::repeat_n(c, n).collect();
            s.push_str(tail);
            s
        })
}

fn member_name() -> BoxedStrategy<String> {
    let k = known();
    prop_oneof![
        3 => prop::sample::select(k.names.clone()).prop_map(str::to_owned),
        2 => "[a-z_]{1,12}",
        1 => prop::sample::select(
            &["", "a/b", "~", "~1", "a~0b", "/", "uk.gov.example", "Bad_Key", " name ", "x.y"][..]
        )
        .prop_map(str::to_owned),
        1 => unicode_string(),
    ]
    .boxed()
}

/// Any value, nested up to three levels; arrays sometimes longer than 20 items.
fn value() -> BoxedStrategy<Json> {
    let k = known();
    let nested = leaf_value().prop_recursive(3, 24, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Json::Array),
            prop::collection::vec((member_name(), inner), 0..5).prop_map(object),
        ]
    });
    prop_oneof![
        6 => leaf_value(),
        2 => nested,
        1 => prop::collection::vec(prop::sample::select(k.codes.clone()), 0..25)
            .prop_map(|v| Json::Array(v.into_iter().map(text).collect())),
    ]
    .boxed()
}

// ---------------------------------------------------------------------------------------
// Mutations

#[derive(Clone, Debug)]
enum Near {
    Append(char),
    DropLast,
    Underscore(char),
    Insert(Index, char),
    Replace(Index, char),
}

#[derive(Clone, Debug)]
enum Op {
    /// Replace the value at an existing position.
    Replace(Json),
    /// Surround a string with white space.
    Pad(&'static str, &'static str),
    /// Change a string slightly (codes to nearby invalid ones).
    Near(Near),
    /// Upper- or lower-case a whole string (postcodes, codes, UUIDs).
    Case(bool),
    /// Upper- or lower-case what follows the `@` (email domains).
    DomainCase(bool),
    /// Remove a member or an item.
    Delete,
    /// Add a member to an object (unknown, or a known name in the wrong place).
    Add(String, Json),
    /// Repeat a member name: a copy (or a new value) right after it or at the end.
    Duplicate(Option<Json>, bool),
    /// Put a value at a declared position, creating the objects on the way.
    SetNew(Index, Index, Json),
}

#[derive(Clone, Debug)]
struct Mutation {
    at: Index,
    op: Op,
}

fn op(gentle: bool) -> BoxedStrategy<Op> {
    let near = prop_oneof![
        prop::char::range('a', 'z').prop_map(Near::Append),
        Just(Near::DropLast),
        prop::sample::select(&['-', ' ', 'x'][..]).prop_map(Near::Underscore),
        (any::<Index>(), prop::sample::select(SPECIAL)).prop_map(|(i, c)| Near::Insert(i, c)),
        (any::<Index>(), prop::char::range('0', 'z')).prop_map(|(i, c)| Near::Replace(i, c)),
    ];
    let pad =
        (prop::sample::select(WHITE), prop::sample::select(WHITE)).prop_map(|(a, b)| Op::Pad(a, b));
    let interesting = prop_oneof![
        prop::sample::select(INTERESTING).prop_map(text),
        prop::sample::select(known().codes.clone()).prop_map(text),
        any::<bool>().prop_map(Json::Bool),
        (0i64..121).prop_map(num_i),
    ];
    if gentle {
        prop_oneof![
            4 => pad,
            2 => any::<bool>().prop_map(Op::Case),
            3 => any::<bool>().prop_map(Op::DomainCase),
            2 => Just(Op::Delete),
            2 => (any::<Index>(), any::<Index>(), interesting.clone())
                .prop_map(|(p, i, v)| Op::SetNew(p, i, v)),
            1 => interesting.prop_map(Op::Replace),
            1 => Just(Op::Replace(Json::Null)),
        ]
        .boxed()
    } else {
        prop_oneof![
            4 => value().prop_map(Op::Replace),
            2 => pad,
            2 => near.prop_map(Op::Near),
            1 => any::<bool>().prop_map(Op::Case),
            1 => any::<bool>().prop_map(Op::DomainCase),
            2 => Just(Op::Delete),
            2 => (member_name(), value()).prop_map(|(k, v)| Op::Add(k, v)),
            2 => (prop::option::of(value()), any::<bool>())
                .prop_map(|(v, end)| Op::Duplicate(v, end)),
            3 => (any::<Index>(), any::<Index>(), value())
                .prop_map(|(p, i, v)| Op::SetNew(p, i, v)),
        ]
        .boxed()
    }
}

#[derive(Clone, Copy, Debug)]
enum Step {
    Member(usize),
    Item(usize),
}

/// Every position below the root, depth first.
fn locations(doc: &Json) -> Vec<Vec<Step>> {
    fn go(v: &Json, prefix: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
        let children: Vec<(Step, &Json)> = match v {
            Json::Object(m) => m
                .iter()
                .enumerate()
                .map(|(i, (_, c))| (Step::Member(i), c))
                .collect(),
            Json::Array(a) => a
                .iter()
                .enumerate()
                .map(|(i, c)| (Step::Item(i), c))
                .collect(),
            _ => Vec::new(),
        };
        for (step, child) in children {
            prefix.push(step);
            out.push(prefix.clone());
            go(child, prefix, out);
            prefix.pop();
        }
    }
    let mut out = Vec::new();
    go(doc, &mut Vec::new(), &mut out);
    out
}

fn get<'a>(doc: &'a Json, steps: &[Step]) -> Option<&'a Json> {
    let mut cur = doc;
    for step in steps {
        cur = match (step, cur) {
            (Step::Member(i), Json::Object(m)) => &m.get(*i)?.1,
            (Step::Item(i), Json::Array(a)) => a.get(*i)?,
            _ => return None,
        };
    }
    Some(cur)
}

fn get_mut<'a>(doc: &'a mut Json, steps: &[Step]) -> Option<&'a mut Json> {
    let mut cur = doc;
    for step in steps {
        cur = match (step, cur) {
            (Step::Member(i), Json::Object(m)) => &mut m.get_mut(*i)?.1,
            (Step::Item(i), Json::Array(a)) => a.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(cur)
}

fn map_string(v: &mut Json, f: impl FnOnce(&str) -> String) {
    if let Json::String(s) = v {
        *s = f(s).into();
    }
}

fn char_index(s: &str, at: &Index) -> usize {
    let n = s.chars().count();
    let i = at.index(n + 1);
    s.char_indices().nth(i).map_or(s.len(), |(b, _)| b)
}

fn apply(doc: &mut Json, kind: DocKind, m: &Mutation) {
    let locs = locations(doc);
    let pick = |filter: &dyn Fn(&[Step]) -> bool| -> Option<Vec<Step>> {
        let c: Vec<&Vec<Step>> = locs.iter().filter(|l| filter(l)).collect();
        (!c.is_empty()).then(|| c[m.at.index(c.len())].clone())
    };
    match &m.op {
        Op::Replace(v) => {
            if let Some(l) = pick(&|_| true) {
                *get_mut(doc, &l).unwrap() = v.clone();
            }
        }
        Op::Pad(..) | Op::Near(_) | Op::Case(_) | Op::DomainCase(_) => {
            let strings: Vec<Vec<Step>> = locs
                .iter()
                .filter(|l| matches!(get(doc, l), Some(Json::String(_))))
                .cloned()
                .collect();
            if strings.is_empty() {
                return;
            }
            let l = &strings[m.at.index(strings.len())];
            let v = get_mut(doc, l).unwrap();
            match &m.op {
                Op::Pad(a, b) => map_string(v, |s| format!("{a}{s}{b}")),
                Op::Case(true) => map_string(v, str::to_uppercase),
                Op::Case(false) => map_string(v, str::to_lowercase),
                Op::DomainCase(up) => map_string(v, |s| match s.rsplit_once('@') {
                    Some((l, d)) if *up => format!("{l}@{}", d.to_uppercase()),
                    Some((l, d)) => format!("{l}@{}", d.to_lowercase()),
                    None => s.to_owned(),
                }),
                Op::Near(n) => map_string(v, |s| {
                    let mut s = s.to_owned();
                    match n {
                        Near::Append(c) => s.push(*c),
                        Near::DropLast => {
                            s.pop();
                        }
                        Near::Underscore(c) => s = s.replace('_', &c.to_string()),
                        Near::Insert(i, c) => {
                            let b = char_index(&s, i);
                            s.insert(b, *c);
                        }
                        Near::Replace(i, c) => {
                            let b = char_index(&s, i);
                            if b < s.len() {
                                let old = s[b..].chars().next().unwrap();
                                s.replace_range(b..b + old.len_utf8(), &c.to_string());
                            } else {
                                s.push(*c);
                            }
                        }
                    }
                    s
                }),
                _ => unreachable!(),
            }
        }
        Op::Delete => {
            if let Some(l) = pick(&|_| true) {
                let (last, parent) = l.split_last().unwrap();
                match (last, get_mut(doc, parent).unwrap()) {
                    (Step::Member(i), Json::Object(mm)) => {
                        mm.remove(*i);
                    }
                    (Step::Item(i), Json::Array(a)) => {
                        a.remove(*i);
                    }
                    _ => unreachable!(),
                }
            }
        }
        Op::Add(name, v) => {
            let mut objects: Vec<Vec<Step>> = vec![Vec::new()];
            objects.extend(
                locs.iter()
                    .filter(|l| matches!(get(doc, l), Some(Json::Object(_))))
                    .cloned(),
            );
            let l = &objects[m.at.index(objects.len())];
            if let Some(Json::Object(mm)) = get_mut(doc, l) {
                mm.push((name.clone().into(), v.clone()));
            }
        }
        Op::Duplicate(v, at_end) => {
            if let Some(l) = pick(&|l| matches!(l.last(), Some(Step::Member(_)))) {
                let (last, parent) = l.split_last().unwrap();
                let (Step::Member(i), Some(Json::Object(mm))) = (last, get_mut(doc, parent)) else {
                    unreachable!()
                };
                let (k, old) = mm[*i].clone();
                let member = (k, v.clone().unwrap_or(old));
                if *at_end {
                    mm.push(member);
                } else {
                    mm.insert(i + 1, member);
                }
            }
        }
        Op::SetNew(p, item, v) => {
            let paths: Vec<&Vec<Tok>> = known()
                .model_paths
                .iter()
                .filter(|(k, _)| *k == kind)
                .map(|(_, t)| t)
                .collect();
            let toks = paths[p.index(paths.len())];
            set_at(doc, toks, &|n| item.index(n), v.clone());
        }
    }
}

/// Sets `value` at a declared position, creating objects and array items on the way; does
/// nothing when a value of another type is in the way.
fn set_at(doc: &mut Json, toks: &[Tok], item: &dyn Fn(usize) -> usize, value: Json) {
    let Some((first, rest)) = toks.split_first() else {
        *doc = value;
        return;
    };
    let fresh = || match rest.first() {
        None => Json::Null,
        Some(Tok::Key(_)) => Json::Object(Vec::new()),
        Some(Tok::Item) => Json::Array(Vec::new()),
    };
    match (first, doc) {
        (Tok::Key(name), Json::Object(members)) => {
            let i = match members.iter().position(|(k, _)| k == name) {
                Some(i) => i,
                None => {
                    members.push(((*name).to_owned().into(), fresh()));
                    members.len() - 1
                }
            };
            set_at(&mut members[i].1, rest, item, value);
        }
        (Tok::Item, Json::Array(items)) => {
            let i = item(items.len() + 1);
            if i == items.len() {
                items.push(fresh());
            }
            set_at(&mut items[i], rest, item, value);
        }
        _ => {}
    }
}

/// A valid example with 1–4 mutations applied, and its kind.
fn mutated(gentle: bool) -> impl Strategy<Value = (DocKind, Json)> {
    let n = known().bases.len();
    (
        0..n,
        prop::collection::vec(
            (any::<Index>(), op(gentle)).prop_map(|(at, op)| Mutation { at, op }),
            1..=4,
        ),
    )
        .prop_map(|(i, muts)| {
            let (kind, mut doc) = known().bases[i].clone();
            for m in &muts {
                apply(&mut doc, kind, m);
            }
            (kind, doc)
        })
}

/// Any JSON value, nested at most six levels deep; member names are often declared ones.
fn arbitrary_json() -> impl Strategy<Value = Json> {
    let any_json = leaf_value().prop_recursive(6, 96, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Json::Array),
            prop::collection::vec((member_name(), inner), 0..8).prop_map(object),
        ]
    });
    prop_oneof![
        1 => any_json.clone(),
        2 => prop::collection::vec((member_name(), any_json), 0..12).prop_map(object),
    ]
}

// ---------------------------------------------------------------------------------------
// Checks

fn is_pointer(p: &str) -> bool {
    if p.is_empty() {
        return true;
    }
    if !p.starts_with('/') {
        return false;
    }
    let mut chars = p.chars();
    while let Some(c) = chars.next() {
        if c == '~' && !matches!(chars.next(), Some('0' | '1')) {
            return false;
        }
    }
    true
}

fn tokens(p: &str) -> Vec<String> {
    p.split('/')
        .skip(1)
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
        .collect()
}

/// Whether a pointer leads to a value, following any member of a repeated name.
fn resolves(doc: &Json, toks: &[String]) -> bool {
    let Some((first, rest)) = toks.split_first() else {
        return true;
    };
    match doc {
        Json::Object(m) => m
            .iter()
            .filter(|(k, _)| k == first)
            .any(|(_, v)| resolves(v, rest)),
        Json::Array(a) => {
            let ok_index = first == "0"
                || (!first.starts_with('0') && first.bytes().all(|b| b.is_ascii_digit()));
            ok_index
                && first
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| a.get(i))
                    .is_some_and(|v| resolves(v, rest))
        }
        _ => false,
    }
}

/// The report is self-consistent and every path is a JSON Pointer into the document: the
/// field itself, or (for something missing) its parent.
fn check_report(doc: &Json, r: &Report) -> Result<(), TestCaseError> {
    prop_assert_eq!(r.valid, r.errors.is_empty());
    for issue in r.errors.iter().chain(&r.warnings) {
        prop_assert!(is_pointer(&issue.path), "bad pointer {:?}", issue.path);
        prop_assert!(!issue.message.is_empty(), "empty message at {}", issue.path);
        let toks = tokens(&issue.path);
        let code = issue.code.as_str();
        let may_be_missing = matches!(
            code,
            "required" | "email_or_phone_required" | "parents_or_carers_recommended"
        );
        if may_be_missing {
            prop_assert!(
                resolves(doc, &toks[..toks.len().saturating_sub(1)]),
                "{} at {:?}: the parent is not in the document",
                code,
                issue.path
            );
        } else {
            prop_assert!(
                resolves(doc, &toks),
                "{} at {:?}: not in the document",
                code,
                issue.path
            );
        }
    }
    Ok(())
}

/// Paths and codes, without messages.
type PathCodes = Vec<(String, &'static str)>;

/// A report without its messages: validity, then errors and warnings as paths and codes.
fn verdict(r: &Report) -> (bool, PathCodes, PathCodes) {
    let pc = |v: &[prevent_referral::Issue]| {
        v.iter()
            .map(|i| (i.path.clone(), i.code.as_str()))
            .collect::<Vec<_>>()
    };
    (r.valid, pc(&r.errors), pc(&r.warnings))
}

// ---------------------------------------------------------------------------------------
// Properties

proptest! {
    #![proptest_config(config())]

    /// Property 1: No panic; valid exactly when there are no errors; paths are JSON Pointers into
    /// the document.
    #[test]
    fn validate_is_self_consistent((kind, doc) in mutated(false)) {
        for lang in [Lang::En, Lang::Cy] {
            let r = validate_kind(&doc, kind, lang);
            check_report(&doc, &r)?;
        }
    }

    /// Property 2: normalise(normalise(d)) == normalise(d).
    #[test]
    fn normalise_is_idempotent((kind, doc) in mutated(false)) {
        let once = normalise_kind(&doc, kind);
        let twice = normalise_kind(&once, kind);
        prop_assert_eq!(&twice, &once);
        if kind == DocKind::Referral {
            prop_assert_eq!(&normalise(&doc), &once);
        }
    }

    /// Property 3: Normalising never changes the verdict (the whole report, messages included).
    #[test]
    fn normalise_keeps_the_verdict((kind, doc) in mutated(false)) {
        let before = validate_kind(&doc, kind, Lang::En);
        let normal = normalise_kind(&doc, kind);
        let after = validate_kind(&normal, kind, Lang::En);
        prop_assert_eq!(&after, &before, "normalised: {}", serde_json::to_string(&normal).unwrap());
        if kind == DocKind::Referral {
            prop_assert_eq!(&validate(&doc, Lang::En), &before);
        }
    }

    /// Property 3b: The same on gentle mutations, which keep more documents valid.
    #[test]
    fn normalise_keeps_the_verdict_of_nearly_valid_documents((kind, doc) in mutated(true)) {
        let before = validate_kind(&doc, kind, Lang::En);
        let normal = normalise_kind(&doc, kind);
        prop_assert_eq!(&normalise_kind(&normal, kind), &normal);
        prop_assert_eq!(&validate_kind(&normal, kind, Lang::En), &before);
    }

    /// Property 4: English and Welsh give the same paths and codes; only messages differ.
    #[test]
    fn languages_differ_only_in_messages((kind, doc) in mutated(false)) {
        let en = validate_kind(&doc, kind, Lang::En);
        let cy = validate_kind(&doc, kind, Lang::Cy);
        prop_assert_eq!(verdict(&en), verdict(&cy));
        for issue in cy.errors.iter().chain(&cy.warnings) {
            prop_assert!(!issue.message.is_empty());
        }
    }

    /// Property 6: Arbitrary JSON values as whole documents, both kinds: no panic, consistent report.
    #[test]
    fn arbitrary_values_never_panic(doc in arbitrary_json()) {
        for kind in DocKind::ALL {
            let r = validate_kind(&doc, kind, Lang::En);
            check_report(&doc, &r)?;
            let cy = validate_kind(&doc, kind, Lang::Cy);
            prop_assert_eq!(verdict(&r), verdict(&cy));
            if !matches!(doc, Json::Object(_)) {
                prop_assert_eq!(verdict(&r).1, vec![(String::new(), "type")]);
            }
        }
    }

    /// Property 6b: Arbitrary values normalise idempotently and keep their verdict.
    #[test]
    fn arbitrary_values_normalise_consistently(doc in arbitrary_json()) {
        for kind in DocKind::ALL {
            let normal = normalise_kind(&doc, kind);
            prop_assert_eq!(&normalise_kind(&normal, kind), &normal);
            prop_assert_eq!(
                validate_kind(&normal, kind, Lang::En),
                validate_kind(&doc, kind, Lang::En)
            );
        }
    }
}

/// Property 5: Every document the validator accepts passes the JSON Schema once normalised. Also
/// counts the accepted documents, so that the property is not vacuous.
#[test]
fn valid_documents_pass_the_schema_once_normalised() {
    let validators: Vec<(DocKind, jsonschema::Validator)> = DocKind::ALL
        .iter()
        .map(|&k| {
            let text = std::fs::read_to_string(
                std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join(format!("schemas/{}-1.0.schema.json", k.name())),
            )
            .unwrap();
            assert_eq!(text, schema(k));
            let value: serde_json::Value = serde_json::from_str(&text).unwrap();
            (
                k,
                jsonschema::validator_for(&value).expect("the schema compiles"),
            )
        })
        .collect();
    let accepted = std::cell::Cell::new((0usize, 0usize));
    let mut runner = TestRunner::new(config());
    let strategy = prop_oneof![2 => mutated(true), 1 => mutated(false)];
    let result = runner.run(&strategy, |(kind, doc)| {
        let report = validate_kind(&doc, kind, Lang::En);
        if !report.valid {
            return Ok(());
        }
        let (referral, feedback) = accepted.get();
        accepted.set(match kind {
            DocKind::Referral => (referral + 1, feedback),
            DocKind::Feedback => (referral, feedback + 1),
        });
        let validator = &validators.iter().find(|(k, _)| *k == kind).unwrap().1;
        let normal = serde_json::Value::from(&normalise_kind(&doc, kind));
        let why: Vec<String> = validator
            .iter_errors(&normal)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        prop_assert!(
            validator.is_valid(&normal) && why.is_empty(),
            "{} document valid but the schema says {:?}; normalised: {}",
            kind.name(),
            why,
            normal
        );
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    let (referral, feedback) = accepted.get();
    eprintln!("{referral} valid referral and {feedback} valid feedback documents checked");
    assert!(
        referral >= cases() as usize / 10,
        "only {referral} valid referral documents out of {}; the property is too weak",
        cases()
    );
}

/// The mutation machinery itself: every base document is valid, and a gentle change such
/// as padding or re-casing a postcode keeps it valid.
#[test]
fn the_examples_start_valid_and_gentle_changes_keep_them_valid() {
    for (kind, doc) in &known().bases {
        let r = validate_kind(doc, *kind, Lang::En);
        assert!(r.valid, "{:?}", r.errors);
        let normal = normalise_kind(doc, *kind);
        assert_eq!(&normalise_kind(&normal, *kind), &normal);
    }
    let (_, mut doc) = known()
        .bases
        .iter()
        .find(|(_, d)| {
            d.get("referrer")
                .and_then(|r| r.get("full_name"))
                .and_then(Json::as_str)
                == Some("Priya Shah")
        })
        .cloned()
        .unwrap();
    let toks = [
        Tok::Key("individual"),
        Tok::Key("address"),
        Tok::Key("postcode"),
    ];
    set_at(&mut doc, &toks, &|_| 0, text(" ls14dy\u{3000}"));
    assert!(validate(&doc, Lang::En).valid);
    let normal = normalise(&doc);
    assert_eq!(
        normal
            .get("individual")
            .and_then(|i| i.get("address"))
            .and_then(|a| a.get("postcode")),
        Some(&text("LS1 4DY"))
    );
}

// ---------------------------------------------------------------------------------------
// The JSON reader (src/json/parser.rs) against serde_json, on text made from arbitrary values
// and on arbitrary number texts (issue 10: the reader is this crate's own since §11.15/16).

/// RFC 8259 number texts, exponents and long digit runs included.
fn number_text() -> impl Strategy<Value = String> {
    (
        any::<bool>(),
        "(0|[1-9][0-9]{0,40})",
        prop::option::of("[0-9]{1,30}"),
        prop::option::of(("[eE]", "[+-]?", "[0-9]{1,4}")),
    )
        .prop_map(|(neg, int, frac, exp)| {
            let mut s = String::new();
            if neg {
                s.push('-');
            }
            s.push_str(&int);
            if let Some(f) = frac {
                s.push('.');
                s.push_str(&f);
            }
            if let Some((e, sign, digits)) = exp {
                s.push_str(&e);
                s.push_str(&sign);
                s.push_str(&digits);
            }
            s
        })
}

proptest! {
    #![proptest_config(config())]

    /// The reader reads what serde_json writes, to the same value serde_json reads.
    #[test]
    fn the_reader_agrees_with_serde_json(doc in arbitrary_json()) {
        let text = serde_json::to_string(&doc).unwrap();
        let ours = parse_str(&text).unwrap();
        let theirs: serde_json::Value = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(serde_json::Value::from(&ours), theirs);
        // And writes it back byte for byte.
        prop_assert_eq!(serde_json::to_string(&ours).unwrap(), text);
    }

    /// Numbers keep their text through parse and normalise (spec §11.15); their value is
    /// the double serde_json reads, or an infinity outside the double range (§11.16).
    #[test]
    fn numbers_keep_their_text(n in number_text()) {
        let text = format!("{{\"extensions\":{{\"uk.example.n\":{n}}},\"x\":[{n}]}}");
        let doc = parse_str(&text).unwrap().into_owned();
        let out = serde_json::to_string(&normalise(&doc)).unwrap();
        prop_assert_eq!(out, format!("{{\"extensions\":{{\"uk.example.n\":{n}}},\"x\":[{n}]}}"));
        let Some(Json::Number(num)) = doc.get("x").and_then(|x| match x {
            Json::Array(items) => items.first(),
            _ => None,
        }) else {
            return Err(TestCaseError::fail("not a number"));
        };
        match serde_json::from_str::<f64>(&n) {
            Ok(f) => prop_assert_eq!(num.as_f64(), Some(f)),
            Err(_) => prop_assert!(!num.is_finite()),
        }
    }
}
