//! docs/export-columns.md is what the model generates (`UPDATE_DOCS=1` rewrites it).

#[test]
fn export_columns_doc_is_current() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/export-columns.md");
    let expected = prevent_referral_server::columns::markdown();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &expected).unwrap();
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "docs/export-columns.md is out of date: run UPDATE_DOCS=1 cargo test -p prevent-referral-server --test export_columns_doc"
    );
}
