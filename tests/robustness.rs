//! Regression tests for issue 10's robustness findings, each named after the bug and each
//! failing before its fix. Complexity is shown by `make bench` (ratios); these only check
//! that hostile inputs finish with the right result.

use prevent_referral::{normalise, parse_str, validate, Code, Json, Lang, ParseError, MAX_ISSUES};

fn example() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/schemas/examples/valid/minimal-referral.json"
    ))
    .expect("example")
}

/// The example with `extra` members appended at the top level.
fn with(extra: &str) -> Json<'static> {
    let text = example();
    let body = text.trim_end().strip_suffix('}').expect("an object");
    parse_str(&format!("{body},{extra}}}"))
        .expect("JSON")
        .into_owned()
}

#[test]
fn normalise_is_quadratic_in_repeated_member_names() {
    // 100,000 repeats of a known field, each absent: normalise counted every name again for
    // each one (40,000 took 7.8 s; 100,000 about 50 s). Every occurrence is kept, so that
    // the second is still reported.
    let members = vec!["\"referral_id\":null"; 100_000].join(",");
    let doc = with(&members);
    let Json::Object(out) = normalise(&doc) else {
        panic!("not an object")
    };
    let kept = out.iter().filter(|(k, _)| k == "referral_id").count();
    assert_eq!(kept, 100_001);
    let report = validate(&normalise(&doc), Lang::En);
    assert_eq!(
        report,
        validate(&doc, Lang::En),
        "normalise changed the verdict"
    );
}

#[test]
fn no_cap_on_reported_problems() {
    let members: Vec<String> = (0..200_000).map(|i| format!("\"k{i}\":0")).collect();
    let report = validate(&with(&members.join(",")), Lang::En);
    assert_eq!(report.errors.len(), MAX_ISSUES);
    assert_eq!(report.errors[MAX_ISSUES - 2].path, "/k998");
    let last = &report.errors[MAX_ISSUES - 1];
    assert_eq!((last.path.as_str(), last.code), ("", Code::TooManyErrors));
    // Exactly 1,000 are all listed.
    let members: Vec<String> = (0..MAX_ISSUES).map(|i| format!("\"k{i}\":0")).collect();
    let report = validate(&with(&members.join(",")), Lang::Cy);
    assert_eq!(report.errors.len(), MAX_ISSUES);
    assert!(report.errors.iter().all(|e| e.code == Code::UnknownField));
}

#[test]
fn normalise_rewrites_numbers_inside_extensions() {
    let doc = with(
        r#""extensions":{"uk.example.n":[1E2,123456789012345678901234567890,-0,0.10,1e-400]},"x":2.50"#,
    );
    let text = serde_json::to_string(&normalise(&doc)).expect("serialises");
    assert!(
        text.ends_with(
            r#""extensions":{"uk.example.n":[1E2,123456789012345678901234567890,-0,0.10,1e-400]},"x":2.50}"#
        ),
        "{text}"
    );
}

#[test]
fn native_and_wasm_disagree_on_input_limits() {
    // 128 levels are read (the message says "more than 128"), 129 refused; wasm the same
    // (tests/wasm.rs, tests/npm/robustness.test.mjs).
    let nest = |n: usize| "[".repeat(n) + &"]".repeat(n);
    let ok = with(&format!(r#""extensions":{{"uk.example.d":{}}}"#, nest(126)));
    assert!(validate(&ok, Lang::En).valid);
    let text = example();
    let body = text.trim_end().strip_suffix('}').expect("an object");
    let deep = format!(r#"{body},"extensions":{{"uk.example.d":{}}}}}"#, nest(127));
    assert_eq!(parse_str(&deep), Err(ParseError::TooDeep));
    assert!(ParseError::TooDeep
        .to_string()
        .contains("more than 128 levels"));
    // 1e400 is read, and is `type` wherever it stands, as JavaScript's Infinity is.
    let big = with(r#""extensions":{"uk.example.n":{"a":[1e400]}}"#);
    let report = validate(&big, Lang::En);
    let errors: Vec<_> = report
        .errors
        .iter()
        .map(|e| (e.path.as_str(), e.code))
        .collect();
    assert_eq!(errors, [("/extensions/uk.example.n/a/0", Code::Type)]);
}

#[test]
fn created_at_with_a_million_digit_fraction_is_accepted() {
    let text = example().replacen(
        "\"created_at\": \"2026-11-20T16:40:00Z\"",
        &format!(
            "\"created_at\": \"2026-11-20T16:40:00.{}Z\"",
            "1".repeat(1_000_000)
        ),
        1,
    );
    assert!(text.len() > 1_000_000, "the example's created_at changed");
    let report = validate(&parse_str(&text).expect("JSON"), Lang::En);
    let errors: Vec<_> = report
        .errors
        .iter()
        .map(|e| (e.path.as_str(), e.code))
        .collect();
    assert_eq!(errors, [("/created_at", Code::InvalidFormat)]);
}

#[test]
fn a_value_refused_whole_says_why_in_both_languages() {
    use prevent_referral::json::{Foreign, ForeignKind};
    for kind in [ForeignKind::TooDeep, ForeignKind::TooLarge] {
        let doc = Json::Foreign(Foreign { kind, id: 0 });
        let en = validate(&doc, Lang::En);
        assert_eq!(
            (en.errors[0].path.as_str(), en.errors[0].code),
            ("", Code::Type)
        );
        assert!(en.errors[0].message.contains("more than 128 levels"));
        assert!(validate(&doc, Lang::Cy).errors[0]
            .message
            .contains("128 lefel"));
    }
}
