//! The generated JSON Schema files against the 2020-12 meta-schema and against the
//! validator, case by case, over the conformance fixtures (spec §10: every document the
//! validator accepts passes the schema once normalised; the schema rejects every document
//! with a fault JSON Schema can express).

mod common;

use std::collections::BTreeSet;

use common::fixtures;
use prevent_referral::export::json_schema::ANNOTATIONS;
use prevent_referral::{normalise_kind, schema, validate_kind, DocKind, Lang};
use serde_json::Value;

fn schema_value(kind: DocKind) -> Value {
    serde_json::from_str(&schema(kind)).expect("the schema is JSON")
}

#[test]
fn schemas_are_valid_draft_2020_12_schemas() {
    for kind in DocKind::ALL {
        let s = schema_value(kind);
        assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
        if let Err(e) = jsonschema::meta::validate(&s) {
            panic!("{} schema is not a valid 2020-12 schema: {e}", kind.name());
        }
        jsonschema::draft202012::new(&s).expect("the schema compiles");
    }
}

fn collect_keys(v: &Value, out: &mut BTreeSet<String>) {
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                // Keys under "properties" are field names, not keywords.
                if k != "properties" {
                    out.insert(k.clone());
                }
                if k == "properties" {
                    if let Value::Object(props) = child {
                        props.values().for_each(|p| collect_keys(p, out));
                    }
                } else {
                    collect_keys(child, out);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|i| collect_keys(i, out)),
        _ => {}
    }
}

#[test]
fn every_x_annotation_is_listed_and_every_listed_one_is_used() {
    let mut used = BTreeSet::new();
    for kind in DocKind::ALL {
        collect_keys(&schema_value(kind), &mut used);
    }
    let used: BTreeSet<String> = used.into_iter().filter(|k| k.starts_with("x-")).collect();
    let listed: BTreeSet<String> = ANNOTATIONS.iter().map(|(k, _)| k.to_string()).collect();
    assert_eq!(used, listed);
}

#[test]
fn every_property_has_a_title_and_a_description() {
    fn walk(v: &Value, path: &str) {
        if let Some(Value::Object(props)) = v.get("properties") {
            for (name, p) in props {
                // Properties inside if/else only restate constraints of declared fields.
                if p.get("type").is_some() || p.get("const").is_some() {
                    assert!(p.get("title").is_some(), "{path}/{name} has no title");
                    assert!(
                        p.get("description").is_some(),
                        "{path}/{name} has no description"
                    );
                }
                walk(p, &format!("{path}/{name}"));
            }
        }
        if let Some(items) = v.get("items") {
            walk(items, &format!("{path}/items"));
        }
    }
    for kind in DocKind::ALL {
        walk(&schema_value(kind), "");
    }
}

/// Errors only the validator can find (the `x-` annotations, repeated member names, numbers
/// outside the double range).
fn schema_cannot_see(path: &str, code: &str, from_text: bool) -> bool {
    match code {
        "invalid_date" | "date_in_future" | "invalid_nhs_number" => true,
        "invalid_format" => path.ends_with("/created_at") || path.ends_with("/updated_at"),
        "duplicate" => from_text,
        // A number outside the double range (`1e400`, spec §11.16): only JSON text holds one,
        // and a schema validator sees its platform's reading of it (null, or Infinity).
        "type" => from_text,
        _ => false,
    }
}

#[test]
fn schema_and_validator_agree_on_every_fixture() {
    let validators: Vec<_> = DocKind::ALL
        .iter()
        .map(|k| (*k, jsonschema::draft202012::new(&schema_value(*k)).unwrap()))
        .collect();
    let mut failures = Vec::new();
    let (mut accepted, mut rejected) = (0, 0);
    for case in fixtures() {
        let validator = &validators.iter().find(|(k, _)| *k == case.kind).unwrap().1;
        let normal = Value::from(&normalise_kind(&case.document, case.kind));
        let report = validate_kind(&case.document, case.kind, Lang::En);
        let schema_ok = validator.is_valid(&normal);
        if report.valid && !schema_ok {
            let why: Vec<String> = validator
                .iter_errors(&normal)
                .map(|e| format!("{} at {}", e, e.instance_path()))
                .collect();
            failures.push(format!(
                "{}: schema rejects a valid document: {why:?}",
                case.name
            ));
        } else if !report.valid && schema_ok {
            let hidden = report
                .errors
                .iter()
                .any(|e| schema_cannot_see(&e.path, e.code.as_str(), case.from_text));
            if !hidden {
                failures.push(format!(
                    "{}: schema accepts a document with {:?}",
                    case.name,
                    report
                        .errors
                        .iter()
                        .map(|e| (&e.path, e.code.as_str()))
                        .collect::<Vec<_>>()
                ));
            }
        }
        if schema_ok {
            accepted += 1;
        } else {
            rejected += 1;
        }
    }
    assert!(
        accepted > 50 && rejected > 300,
        "{accepted} accepted, {rejected} rejected"
    );
    assert!(
        failures.is_empty(),
        "{} disagreements:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
