//! The committed derived files (schemas, documentation tables) must equal what the code
//! generates. `PREVENT_REFERRAL_BLESS=1 cargo test --test generated` (or `make generate`)
//! rewrites them.

use std::path::PathBuf;

use prevent_referral::export::{json_schema, markdown, receiving_tables, typescript};
use prevent_referral::{schema, DocKind};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn bless() -> bool {
    std::env::var_os("PREVENT_REFERRAL_BLESS").is_some()
}

fn check_file(rel: &str, expected: &str) {
    let path = root().join(rel);
    if bless() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, expected).unwrap();
        return;
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "{rel} differs from what the code generates; run `make generate` and commit the result"
    );
}

/// Replaces the text between `<!-- generated:NAME -->` and `<!-- /generated:NAME -->`.
fn check_region(rel: &str, name: &str, expected: &str) {
    let path = root().join(rel);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let (open, close) = (
        format!("<!-- generated:{name} -->\n"),
        format!("<!-- /generated:{name} -->"),
    );
    let start = text
        .find(&open)
        .unwrap_or_else(|| panic!("{rel}: no {open}"))
        + open.len();
    let end = text
        .find(&close)
        .unwrap_or_else(|| panic!("{rel}: no {close}"));
    let updated = format!("{}{}{}", &text[..start], expected, &text[end..]);
    if bless() {
        std::fs::write(&path, updated).unwrap();
        return;
    }
    assert!(
        text == updated,
        "{rel}: generated region {name} is out of date; run `make generate`"
    );
}

#[test]
fn schema_files_are_current() {
    for kind in DocKind::ALL {
        check_file(
            &format!("schemas/{}", json_schema::file_name(kind)),
            &schema(kind),
        );
    }
}

#[test]
fn format_reference_tables_are_current() {
    check_region(
        "docs/format.md",
        "referral-fields",
        &markdown::field_table(DocKind::Referral),
    );
    check_region(
        "docs/format.md",
        "feedback-fields",
        &markdown::field_table(DocKind::Feedback),
    );
    check_region("docs/format.md", "codes", &markdown::code_table());
}

#[test]
fn schema_readme_lists_every_annotation() {
    check_region(
        "schemas/README.md",
        "annotations",
        &markdown::annotation_table(),
    );
}

#[test]
fn openapi_description_is_current() {
    check_file(
        &format!("schemas/{}", prevent_referral::export::openapi::FILE_NAME),
        &prevent_referral::openapi(),
    );
}

#[test]
fn receiving_api_tables_are_current() {
    check_region(
        "docs/receiving-api.md",
        "api-errors",
        &receiving_tables::error_table(),
    );
    check_region(
        "docs/receiving-api.md",
        "api-limits",
        &receiving_tables::limit_table(),
    );
}

#[test]
fn typescript_declarations_are_current() {
    check_file("npm/document.d.ts", &typescript::declarations());
}
