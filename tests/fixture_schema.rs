//! The conformance fixture format is itself described by a JSON Schema
//! (`tests/conformance/schema/fixture.schema.json`), so another implementation can check it reads
//! the files as meant: every fixture file must validate against it, its code list must be the
//! library's, and a broken fixture must not.

use std::path::{Path, PathBuf};

use prevent_referral::Code;
use serde_json::{json, Value};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance")
}

fn read(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn validator() -> jsonschema::Validator {
    let schema = read(&dir().join("schema/fixture.schema.json"));
    jsonschema::meta::validate(&schema).expect("a valid 2020-12 schema");
    jsonschema::draft202012::new(&schema).expect("the fixture schema compiles")
}

fn fixture_files() -> Vec<PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir())
        .expect("tests/conformance exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_fixture_file_validates_against_the_fixture_schema() {
    let validator = validator();
    let files = fixture_files();
    assert!(files.len() >= 20, "only {} fixture files", files.len());
    let mut failures = Vec::new();
    for file in &files {
        let value = read(file);
        for error in validator.iter_errors(&value).take(5) {
            failures.push(format!(
                "{}: {} at {}",
                file.file_name().unwrap().to_string_lossy(),
                error,
                error.instance_path()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_schema_lists_exactly_the_libraries_codes() {
    let schema = read(&dir().join("schema/fixture.schema.json"));
    let listed: Vec<&str> = schema["$defs"]["issue"]["properties"]["code"]["enum"]
        .as_array()
        .expect("an enum of codes")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let ours: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(listed, ours);
}

#[test]
fn a_broken_fixture_is_refused() {
    let validator = validator();
    let good = json!([{
        "description": "a group",
        "kind": "referral",
        "tests": [{
            "description": "a case",
            "document": {},
            "valid": false,
            "errors": [{"path": "/schema_version", "code": "required"}],
            "warnings": []
        }]
    }]);
    assert!(validator.is_valid(&good), "the sample itself must pass");
    type Edit = fn(&mut Value);
    let broken: [(&str, Edit); 8] = [
        ("no valid", |v| {
            v[0]["tests"][0].as_object_mut().unwrap().remove("valid");
        }),
        ("unknown code", |v| {
            v[0]["tests"][0]["errors"][0]["code"] = json!("bad_code")
        }),
        ("path not a JSON Pointer", |v| {
            v[0]["tests"][0]["errors"][0]["path"] = json!("schema_version")
        }),
        ("both document and text", |v| {
            v[0]["tests"][0]["document_text"] = json!("{}")
        }),
        ("neither document nor text", |v| {
            v[0]["tests"][0].as_object_mut().unwrap().remove("document");
        }),
        ("valid with errors", |v| {
            v[0]["tests"][0]["valid"] = json!(true)
        }),
        ("unknown kind", |v| v[0]["kind"] = json!("letter")),
        ("unknown member", |v| {
            v[0]["tests"][0]["expected"] = json!(true)
        }),
    ];
    for (what, edit) in broken {
        let mut v = good.clone();
        edit(&mut v);
        assert!(!validator.is_valid(&v), "{what}: accepted");
    }
    let mut invalid_without_errors = good.clone();
    invalid_without_errors[0]["tests"][0]["errors"] = json!([]);
    assert!(!validator.is_valid(&invalid_without_errors));
}
