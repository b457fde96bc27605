//! The OpenAPI description of the receiving API against the documents and the docs:
//! its schemas compile as JSON Schema 2020-12, accept what the API really sends (the valid
//! example documents, a receipt, a report the validator makes) and refuse what it must not;
//! every example in `docs/receiving-api.md` marked `<!-- example: Name -->` matches schema
//! `Name`; the error codes it lists are exactly the API's (`receiving::ApiCode`); and the page
//! names every path and every error code the description lists.
//! (openapi-spec-validator checks the file as OpenAPI in `make test-openapi`; schemathesis
//! checks the running server against it in `make test-schemathesis`.)

use std::collections::BTreeSet;
use std::path::Path;

use prevent_referral::receiving::{size_text, ApiCode, API_LIMITS};
use prevent_referral::{normalise, parse_str, schema, validate, DocKind, Lang};
use serde_json::{json, Value};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn description() -> Value {
    serde_json::from_str(&prevent_referral::openapi()).expect("the description is JSON")
}

/// A validator for `#/components/schemas/<name>`, with the two document schemas inlined
/// where the description refers to their files.
fn validator(name: &str) -> jsonschema::Validator {
    fn inline_files(v: &mut Value) {
        match v {
            Value::Object(members) => {
                if let Some(Value::String(target)) = members.get_mut("$ref") {
                    for kind in DocKind::ALL {
                        if *target == format!("{}-1.0.schema.json", kind.name()) {
                            *target = format!("#/$defs/{}", kind.name());
                        }
                    }
                }
                members.values_mut().for_each(inline_files);
            }
            Value::Array(items) => items.iter_mut().for_each(inline_files),
            _ => {}
        }
    }
    let mut doc = description();
    inline_files(&mut doc);
    let mut defs = serde_json::Map::new();
    for kind in DocKind::ALL {
        let mut s: Value = serde_json::from_str(&schema(kind)).unwrap();
        // Inlined, the schemas are plain subschemas of this one.
        if let Value::Object(m) = &mut s {
            m.remove("$id");
            m.remove("$schema");
        }
        defs.insert(kind.name().to_owned(), s);
    }
    let root = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$ref": format!("#/components/schemas/{name}"),
        "$defs": defs,
        "components": doc["components"],
    });
    jsonschema::draft202012::new(&root).unwrap_or_else(|e| panic!("{name} compiles: {e}"))
}

fn assert_valid(name: &str, instance: &Value) {
    let v = validator(name);
    let errors: Vec<String> = v
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{name}: {errors:#?}\n{instance:#}");
}

fn assert_invalid(name: &str, instance: &Value) {
    assert!(
        !validator(name).is_valid(instance),
        "{name} accepts what it must not: {instance:#}"
    );
}

fn example(file: &str) -> Value {
    let text = std::fs::read_to_string(root().join("schemas/examples/valid").join(file)).unwrap();
    let doc = normalise(&parse_str(&text).unwrap());
    serde_json::from_str(&serde_json::to_string(&doc).unwrap()).unwrap()
}

fn receipt(id: &str) -> Value {
    json!({
        "reference": "H7KX4M2P",
        "referral_id": id,
        "status_token": "q3V9cXk2Qm1zT2FyZ0lKdVZfN0x3aGJ0Y1k4RkE",
        "feedback": {
            "schema_version": "1.0",
            "referral_id": id,
            "status": "received",
            "updated_at": "2026-12-01T09:30:02Z"
        }
    })
}

#[test]
fn every_component_schema_compiles() {
    let doc = description();
    let names: Vec<&String> = doc["components"]["schemas"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert!(names.len() > 15, "{names:?}");
    for name in names {
        validator(name);
    }
}

#[test]
fn the_valid_example_referrals_are_referrals_and_team_views_of_them() {
    for file in [
        "full-referral.json",
        "minimal-referral.json",
        "advice-request.json",
        "friends-family-referral.json",
    ] {
        let doc = example(file);
        assert_valid("Referral", &doc);
        let id = doc["referral_id"].as_str().unwrap();
        assert_valid("Receipt", &receipt(id));
        let line = json!({
            "reference": "ABCD2345",
            "received_at": "2026-12-01T09:30:02Z",
            "status": "received",
            "document": doc,
        });
        assert_valid("ExportLine", &line);
        let mut team = line.clone();
        team["feedback"] = json!([receipt(id)["feedback"]]);
        assert_valid("TeamReferral", &team);
    }
}

#[test]
fn a_report_the_validator_makes_is_a_validation_report() {
    let text =
        std::fs::read_to_string(root().join("schemas/examples/valid/full-referral.json")).unwrap();
    let mut doc: Value = serde_json::from_str(&text).unwrap();
    doc["individual"]["address"]["postcode"] = json!("SW1A 1Z");
    doc["immediate_risk"] = json!(true);
    doc["surprise"] = json!(1);
    for lang in [Lang::En, Lang::Cy] {
        let report = validate(&parse_str(&doc.to_string()).unwrap(), lang);
        let value = serde_json::to_value(&report).unwrap();
        assert_eq!(value["warnings"][0]["code"], "call_999");
        assert_valid("ValidationReport", &value);
    }
}

#[test]
fn what_the_api_must_not_send_is_refused() {
    let id = "5d0b6c1e-2f3a-4b4c-8d5e-6f7a8b9c0d1e";
    // References use no I, O, Q, Z, 0 or 1, and have 8 characters.
    for reference in ["H7KX4M2I", "H7KX4M20", "H7KX4M2", "h7kx4m2p", "H7KX4M2PP"] {
        let mut r = receipt(id);
        r["reference"] = json!(reference);
        assert_invalid("Receipt", &r);
    }
    // The receipt's feedback is `received`, and its token is long enough.
    let mut r = receipt(id);
    r["feedback"]["status"] = json!("closed");
    assert_invalid("Receipt", &r);
    let mut r = receipt(id);
    r["status_token"] = json!("short");
    assert_invalid("Receipt", &r);
    // A warning code is not an error code, and a report with no errors is not a refusal.
    assert_invalid(
        "ValidationReport",
        &json!({"valid": false, "errors": [{"path": "", "code": "call_999", "message": "m"}], "warnings": []}),
    );
    assert_invalid(
        "ValidationReport",
        &json!({"valid": false, "errors": [], "warnings": []}),
    );
    // Team views carry times in UTC with Z, and codes from the lists.
    let summary = json!({
        "referral_id": id, "reference": "ABCD2345", "received_at": "2026-12-01T09:30:02Z",
        "submission_type": "referral", "status": "received", "immediate_risk": false,
        "sector": "health", "individual_name": null
    });
    assert_valid("ReferralSummary", &summary);
    for (key, bad) in [
        ("received_at", json!("2026-12-01T09:30:02+01:00")),
        ("sector", json!("banking")),
        ("status", json!("lost")),
        ("individual_name", json!(5)),
    ] {
        let mut s = summary.clone();
        s[key] = bad;
        assert_invalid("ReferralSummary", &s);
    }
    // Indicators count only codes of the lists.
    assert_invalid(
        "Indicators",
        &json!({"total": 1, "by_submission_type": {"complaint": 1}, "by_sector": {},
                "by_concern_type": {}, "by_status": {}, "hours_to_first_feedback": {"median": null, "p90": null}}),
    );
}

/// The examples of the page, each with the schema named in the comment before it.
fn documented_examples() -> Vec<(String, Value)> {
    let page = std::fs::read_to_string(root().join("docs/receiving-api.md")).unwrap();
    let mut out = Vec::new();
    let mut rest = page.as_str();
    while let Some(at) = rest.find("<!-- example: ") {
        rest = &rest[at + "<!-- example: ".len()..];
        let name = rest[..rest.find(" -->").unwrap()].to_owned();
        let start = rest.find("```json\n").unwrap() + "```json\n".len();
        let end = start + rest[start..].find("\n```").unwrap();
        let value: Value = serde_json::from_str(&rest[start..end])
            .unwrap_or_else(|e| panic!("example {name} is not JSON: {e}"));
        out.push((name, value));
        rest = &rest[end..];
    }
    out
}

#[test]
fn every_example_on_the_page_matches_its_schema() {
    let examples = documented_examples();
    assert!(
        examples.len() >= 8,
        "only {} examples marked",
        examples.len()
    );
    for (name, value) in examples {
        if name.starts_with("error:") {
            // An error answer: the shape, and a code the description lists for some answer.
            let code = value["error"]["code"].as_str().unwrap_or_default();
            assert!(
                error_codes(&description()).contains(code),
                "example error code {code} is not in the description"
            );
            let declared = ApiCode::ALL
                .iter()
                .find(|c| c.as_str() == code)
                .map(|c| c.message());
            assert_eq!(
                value["error"]["message"].as_str(),
                declared.as_deref(),
                "example {name}: not the message the server sends"
            );
            continue;
        }
        assert_valid(&name, &value);
    }
}

fn error_codes(doc: &Value) -> BTreeSet<String> {
    fn walk(v: &Value, out: &mut BTreeSet<String>) {
        match v {
            Value::Object(m) => {
                if let Some(code) = m
                    .get("properties")
                    .and_then(|p| p.get("error"))
                    .and_then(|e| e.pointer("/properties/code/enum"))
                    .and_then(Value::as_array)
                {
                    out.extend(code.iter().filter_map(|c| c.as_str().map(str::to_owned)));
                }
                m.values().for_each(|c| walk(c, out));
            }
            Value::Array(items) => items.iter().for_each(|c| walk(c, out)),
            _ => {}
        }
    }
    let mut out = BTreeSet::new();
    walk(doc, &mut out);
    out
}

#[test]
fn the_page_names_every_path_and_error_code_of_the_description() {
    let page = std::fs::read_to_string(root().join("docs/receiving-api.md")).unwrap();
    let doc = description();
    for (path, methods) in doc["paths"].as_object().unwrap() {
        for method in methods.as_object().unwrap().keys() {
            if method == "parameters" || method == "options" {
                continue;
            }
            let line = format!("`{} {}", method.to_uppercase(), path);
            assert!(
                page.contains(&line),
                "docs/receiving-api.md never says {line}`"
            );
        }
    }
    let codes = error_codes(&doc);
    assert!(codes.len() >= 10, "{codes:?}");
    for code in codes {
        assert!(
            page.contains(&format!("| `{code}` |")),
            "docs/receiving-api.md has no row for error code {code}"
        );
    }
}

/// The page's hand-written sentences that quote a limit quote the declared one (its tables
/// are generated: `tests/generated.rs`).
#[test]
fn the_page_quotes_the_declared_limits() {
    let page = std::fs::read_to_string(root().join("docs/receiving-api.md")).unwrap();
    let l = &API_LIMITS;
    for quote in [
        format!(
            "| `413 Content Too Large` | the body is over {} |",
            size_text(l.max_body_bytes)
        ),
        format!(
            "| `431 Request Header Fields Too Large` | the request headers are over {} |",
            size_text(l.max_header_bytes)
        ),
        format!("sets `{}` (`Path=/v1/team;", l.session_cookie),
        format!(
            "(default {}, at most {})",
            l.default_page_size, l.max_page_size
        ),
    ] {
        assert!(
            page.contains(&quote),
            "docs/receiving-api.md never says {quote}"
        );
    }
}

#[test]
fn the_error_codes_described_are_exactly_the_api_codes() {
    let described = error_codes(&description());
    let declared: BTreeSet<String> = ApiCode::ALL.iter().map(|c| c.as_str().to_owned()).collect();
    assert_eq!(described, declared);
}

/// GitHub's anchor of a heading: lower case, spaces to `-`, punctuation dropped.
fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

#[test]
fn the_page_links_only_to_headings_and_files_that_exist() {
    let page = std::fs::read_to_string(root().join("docs/receiving-api.md")).unwrap();
    let headings: BTreeSet<String> = page
        .lines()
        .filter_map(|l| l.strip_prefix('#'))
        .map(|l| slug(l.trim_start_matches('#')))
        .collect();
    let mut links = 0;
    for (i, _) in page.match_indices("](") {
        let rest = &page[i + 2..];
        let target = &rest[..rest.find(')').unwrap()];
        let (file, anchor) = target.split_once('#').unwrap_or((target, ""));
        if file.is_empty() {
            assert!(headings.contains(anchor), "no heading for #{anchor}");
        } else {
            let path = root().join("docs").join(file);
            assert!(path.exists(), "{target}: no file {}", path.display());
            if !anchor.is_empty() {
                let text = std::fs::read_to_string(&path).unwrap();
                let found = text
                    .lines()
                    .filter_map(|l| l.strip_prefix('#'))
                    .any(|l| slug(l.trim_start_matches('#')) == anchor);
                assert!(found, "{file} has no heading #{anchor}");
            }
        }
        links += 1;
    }
    assert!(links > 10, "only {links} links");
}
