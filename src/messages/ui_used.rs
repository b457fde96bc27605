//! Every form text is used (issue 16: `call999` was written, translated and reviewed in both
//! languages, and shown by nothing). A key of [`UI`] is used when a file that reads the texts
//! names it:
//! - a script (`npm/`, `www/`) reading `messages(lang).ui`: `ui.key` or `ui["key"]`; and, in a
//!   script that also reads `ui[…]` with a computed name, the string `"key"` (`"day"`, read as
//!   `this.#ui[part]`) or a prefix of it ending in `_` (`` ui[`audit_${action}`] ``);
//! - Rust code (`src/`, `crates/server/src/`): the string `"key"` where the code looks texts
//!   up in `UI`, or the constant a key holds (`("received", RECEIVED)`: the server's receipt).
//!
//! Whole folders are read, never named files, so a file split off or added is read too.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use regex::Regex;

use super::UI;

/// The folders of the scripts that read `messages(lang).ui`.
const SCRIPT_FOLDERS: &[&str] = &["npm", "www"];
/// The folders of the Rust code that may look texts up.
const RUST_FOLDERS: &[&str] = &["src", "crates/server/src"];
/// Where the texts are declared and rendered for review, which is no use.
const DECLARED_IN: &str = "src/messages";

/// The repository's root.
fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every file under `dir` whose name ends in one of `extensions`, at any depth.
fn files_under(dir: &Path, extensions: &[&str], out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("a folder entry").path();
        if path.is_dir() {
            files_under(&path, extensions, out);
        } else if path
            .extension()
            .is_some_and(|x| extensions.iter().any(|e| x == *e))
        {
            out.push(path);
        }
    }
}

/// What the files of `folders` (less those under `DECLARED_IN`) say, one text per file.
fn texts(folders: &[&str], extensions: &[&str]) -> Vec<String> {
    let mut paths = Vec::new();
    for folder in folders {
        files_under(&root().join(folder), extensions, &mut paths);
    }
    paths
        .iter()
        .filter(|p| !p.starts_with(root().join(DECLARED_IN)))
        .map(|p| std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
        .collect()
}

/// The names the consumers read (`names`) and the prefixes of the names they build
/// (`prefixes`, each ending in `_`).
#[derive(Default)]
struct Reads {
    names: BTreeSet<String>,
    prefixes: BTreeSet<String>,
}

impl Reads {
    fn uses(&self, key: &str) -> bool {
        self.names.contains(key)
            || self
                .prefixes
                .iter()
                .any(|p| key.len() > p.len() && key.starts_with(p.as_str()))
    }
}

/// What the scripts and the Rust code read of the texts.
fn reads() -> Reads {
    let re = |pattern: &str| Regex::new(pattern).expect("a valid pattern");
    let dotted = re(r"\bui\??\.([A-Za-z_$][\w$]*)");
    let quoted_index = re(r#"\bui\[\s*["'`]([\w$]+)["'`]\s*\]"#);
    let computed_index = re(r#"\bui\[\s*(?:[^\s"'`]|`[^`]*\$\{)"#);
    let string = re(r#""([A-Za-z_$][\w$]*)"|'([A-Za-z_$][\w$]*)'"#);
    let template_head = re(r"`([A-Za-z_$][\w$]*_)\$\{");
    let looks_up_ui = re(r"\bUI\b");

    let mut reads = Reads::default();
    let scripts = texts(SCRIPT_FOLDERS, &["js", "mjs"]);
    assert!(
        scripts.iter().any(|s| dotted.is_match(s)),
        "no script under {SCRIPT_FOLDERS:?} reads `ui.` texts: the scan is looking in the wrong place"
    );
    for script in &scripts {
        for pattern in [&dotted, &quoted_index] {
            for c in pattern.captures_iter(script) {
                reads.names.insert(c[1].to_owned());
            }
        }
        if !computed_index.is_match(script) {
            continue;
        }
        for c in string.captures_iter(script) {
            let s = c.get(1).or_else(|| c.get(2)).map_or("", |m| m.as_str());
            if s.ends_with('_') {
                reads.prefixes.insert(s.to_owned());
            } else {
                reads.names.insert(s.to_owned());
            }
        }
        for c in template_head.captures_iter(script) {
            reads.prefixes.insert(c[1].to_owned());
        }
    }
    let declared = std::fs::read_to_string(root().join(DECLARED_IN).join("ui.rs"))
        .expect("src/messages/ui.rs");
    let held = re(r#"\(\s*"([\w$]+)",\s*([A-Z][A-Z0-9_]*)\s*\)"#);
    for code in texts(RUST_FOLDERS, &["rs"]) {
        if looks_up_ui.is_match(&code) {
            for c in string.captures_iter(&code) {
                if let Some(s) = c.get(1) {
                    reads.names.insert(s.as_str().to_owned());
                }
            }
        }
        for c in held.captures_iter(&declared) {
            if re(&format!(r"\b{}\b", &c[2])).is_match(&code) {
                reads.names.insert(c[1].to_owned());
            }
        }
    }
    reads
}

#[test]
fn every_form_text_is_read_by_a_script_or_the_rust_code() {
    let reads = reads();
    let unused: Vec<&str> = UI
        .iter()
        .map(|(key, _)| *key)
        .filter(|key| !reads.uses(key))
        .collect();
    assert!(
        unused.is_empty(),
        "form texts in src/messages/ui.rs that no script (npm/, www/) nor Rust code \
         (src/, crates/server/src/) reads; remove them (both languages, npm/types.d.ts's \
         UiText, the snapshots): {unused:?}"
    );
}
