//! Runs the language-neutral conformance fixtures in `tests/conformance/*.json`
//! (the same files the wasm and JSON Schema runners read).

mod common;

use common::{fixtures, Case};
use prevent_referral::{normalise_kind, validate_kind, Lang};

fn pairs(issues: &[prevent_referral::Issue]) -> Vec<(String, String)> {
    issues
        .iter()
        .map(|i| (i.path.clone(), i.code.as_str().to_owned()))
        .collect()
}

#[test]
fn every_fixture_case_passes() {
    let cases = fixtures();
    assert!(cases.len() >= 150, "only {} cases", cases.len());
    let mut failures = Vec::new();
    for Case {
        name,
        kind,
        document,
        valid,
        errors,
        warnings,
        normalised,
        ..
    } in &cases
    {
        for lang in [Lang::En, Lang::Cy] {
            let report = validate_kind(document, *kind, lang);
            let (got_e, got_w) = (pairs(&report.errors), pairs(&report.warnings));
            if report.valid != *valid || &got_e != errors || &got_w != warnings {
                failures.push(format!(
                    "{name} [{}]\n   expected valid={valid} errors={errors:?} warnings={warnings:?}\n   got      valid={} errors={got_e:?} warnings={got_w:?}",
                    lang.as_str(),
                    report.valid
                ));
            }
            assert!(report
                .errors
                .iter()
                .chain(&report.warnings)
                .all(|i| !i.message.is_empty()));
        }
        if let Some(expected) = normalised {
            let got = normalise_kind(document, *kind);
            if &got != expected {
                failures.push(format!(
                    "{name} [normalised]\n   expected {}\n   got      {}",
                    serde_json::to_string(expected).unwrap(),
                    serde_json::to_string(&got).unwrap()
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} fixture cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// The wasm layer validates a JavaScript value where `npm/encode.js` packed it (a flat
/// document), not as a tree: every fixture, packed the same way, gets the very report the
/// tree gets (messages included, in both languages), and reads back as the same tree.
#[test]
fn every_fixture_case_gets_the_same_report_from_the_flat_form() {
    use prevent_referral::json::flat::{self, Encoded};
    for case in fixtures() {
        let packed = Encoded::of(&case.document).pack();
        let doc = flat::Flat::read(&packed).expect("a packed fixture reads");
        for lang in [Lang::En, Lang::Cy] {
            assert_eq!(
                prevent_referral::check::validate(doc.root(), case.kind, lang),
                validate_kind(&case.document, case.kind, lang),
                "{}",
                case.name
            );
        }
        let tree = flat::decode(&packed).expect("a packed fixture decodes");
        assert_eq!(
            validate_kind(&tree, case.kind, Lang::En),
            validate_kind(&case.document, case.kind, Lang::En),
            "{}",
            case.name
        );
    }
}

#[test]
fn normalising_a_fixture_keeps_its_verdict_and_is_idempotent() {
    for case in fixtures() {
        let once = normalise_kind(&case.document, case.kind);
        let twice = normalise_kind(&once, case.kind);
        assert_eq!(once, twice, "{}: not idempotent", case.name);
        let before = validate_kind(&case.document, case.kind, Lang::En);
        let after = validate_kind(&once, case.kind, Lang::En);
        assert_eq!(before, after, "{}: verdict changed", case.name);
    }
}

#[test]
fn the_wasm_runner_includes_every_fixture_file() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let runner = std::fs::read_to_string(root.join("tests/wasm.rs")).expect("tests/wasm.rs");
    for entry in std::fs::read_dir(root.join("tests/conformance")).expect("fixtures") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        if let Some(stem) = name.strip_suffix(".json") {
            assert!(
                runner.contains(&format!("include_str!(\"conformance/{stem}.json\")")),
                "tests/wasm.rs does not include {name}"
            );
        }
    }
}
