//! Loading the conformance fixtures, shared by the test files.
#![allow(dead_code)]

use std::path::Path;

use prevent_referral::{parse_str, DocKind, Json};

/// One fixture case.
pub struct Case {
    pub name: String,
    pub kind: DocKind,
    pub document: Json<'static>,
    pub valid: bool,
    pub errors: Vec<(String, String)>,
    pub warnings: Vec<(String, String)>,
    pub normalised: Option<Json<'static>>,
    /// The document was given as raw JSON text (it repeats a member name).
    pub from_text: bool,
}

fn str_of<'a>(v: &'a Json, key: &str) -> &'a str {
    v.get(key).and_then(Json::as_str).unwrap_or("")
}

fn issues(v: Option<&Json>) -> Vec<(String, String)> {
    match v {
        Some(Json::Array(items)) => items
            .iter()
            .map(|i| (str_of(i, "path").to_owned(), str_of(i, "code").to_owned()))
            .collect(),
        _ => Vec::new(),
    }
}

/// Every case of every file in `tests/conformance/`, read with the library's own
/// order-keeping parser (the order of unknown fields matters).
pub fn fixtures() -> Vec<Case> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/conformance exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut cases = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("readable fixture");
        let groups = parse_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let Json::Array(groups) = groups else {
            panic!("{}: not an array of groups", file.display())
        };
        let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
        for group in &groups {
            let kind = match str_of(group, "kind") {
                "feedback" => DocKind::Feedback,
                _ => DocKind::Referral,
            };
            let Some(Json::Array(tests)) = group.get("tests") else {
                panic!("{stem}: group without tests")
            };
            for t in tests {
                let text = t.get("document_text").and_then(Json::as_str);
                let document = match text {
                    Some(text) => parse_str(text).expect("document_text is JSON"),
                    None => t.get("document").cloned().expect("a document"),
                }
                .into_owned();
                cases.push(Case {
                    name: format!(
                        "{stem}: {} / {}",
                        str_of(group, "description"),
                        str_of(t, "description")
                    ),
                    kind,
                    document,
                    valid: matches!(t.get("valid"), Some(Json::Bool(true))),
                    errors: issues(t.get("errors")),
                    warnings: issues(t.get("warnings")),
                    normalised: t.get("normalised").cloned().map(Json::into_owned),
                    from_text: text.is_some(),
                });
            }
        }
    }
    cases
}
