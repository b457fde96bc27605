//! The CSV export's columns, walked from the referral model (`prevent_referral::model`), so
//! a field added to the model is a column without an edit here.
//!
//! Leaf fields are columns named by JSON Pointer (`/individual/address/postcode`). Code
//! lists are one column, codes joined with `;`. Other arrays are repeated: their items'
//! columns are numbered (`/individual/parents_or_carers/0/full_name`), up to the most
//! items any referral in the export has. `extensions` is one column holding its JSON.

use prevent_referral::model::{DocKind, Object, Ty};

/// One column, or a group of columns repeated for each item of an array.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Column {
    /// A single value at `path` (relative to the enclosing item or document).
    Leaf {
        /// JSON Pointer, e.g. `/individual/address/postcode`.
        path: String,
        /// A code list: the codes joined with `;`.
        list: bool,
    },
    /// An array whose items each contribute the `item` columns, numbered.
    Repeated {
        /// JSON Pointer of the array.
        path: String,
        /// The columns of one item, relative to the item (`""` when the item is a value).
        item: Vec<Column>,
    },
}

/// The referral document's columns, in model order.
pub fn referral_columns() -> Vec<Column> {
    walk(DocKind::Referral.root(), "")
}

fn walk(object: &Object, prefix: &str) -> Vec<Column> {
    object
        .fields
        .iter()
        .flat_map(|field| {
            let path = format!("{prefix}/{}", field.name);
            column(&field.ty, path)
        })
        .collect()
}

fn column(ty: &Ty, path: String) -> Vec<Column> {
    match ty {
        Ty::Object(object) => walk(object, &path),
        Ty::Array(item) => match &item.ty {
            Ty::Code(_) => vec![Column::Leaf { path, list: true }],
            other => vec![Column::Repeated {
                item: column(other, String::new()),
                path,
            }],
        },
        _ => vec![Column::Leaf { path, list: false }],
    }
}

/// The columns' names as documented, `{n}` standing for the item number.
pub fn templates() -> Vec<(String, bool)> {
    fn go(columns: &[Column], prefix: &str, out: &mut Vec<(String, bool)>) {
        for c in columns {
            match c {
                Column::Leaf { path, list } => out.push((format!("{prefix}{path}"), *list)),
                Column::Repeated { path, item } => go(item, &format!("{prefix}{path}/{{n}}"), out),
            }
        }
    }
    let mut out = Vec::new();
    go(&referral_columns(), "", &mut out);
    out
}

/// `docs/export-columns.md`: the CSV export's columns (generated; a test keeps it current).
pub fn markdown() -> String {
    let mut out = String::from(
        "# CSV export columns\n\n\
         <!-- Generated from the referral model by crates/server/src/columns.rs; \
         `UPDATE_DOCS=1 cargo test -p prevent-referral-server --test export_columns_doc` rewrites it. -->\n\n\
         `GET /v1/team/export?format=csv` answers RFC 4180 CSV in UTF-8 without a byte order \
         mark: a header row, then one row per referral, oldest first. The columns are \
         `reference`, `received_at`, `status`, then one column per leaf field of the referral \
         document in model order, named by JSON Pointer. `{n}` is an item number from 0; each \
         repeated group has as many numbered columns as the referral with the most items in \
         that export. Code lists are one column, codes joined with `;`. A cell that starts \
         with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with `'` so that a \
         spreadsheet does not run it as a formula. An empty cell means the field was not \
         given (or the document was deleted after the retention period).\n\n\
         | column | question (English / Welsh) | value |\n|---|---|---|\n\
         | `reference` | | the reference given to the referrer |\n\
         | `received_at` | | when it was received (RFC 3339, UTC) |\n",
    );
    out.push_str(&format!(
        "| `status` | | the current feedback status: {} |\n",
        codes(prevent_referral::model::vocab::FEEDBACK_STATUSES)
    ));
    let mut fields = std::collections::HashMap::new();
    prevent_referral::model::walk_fields(DocKind::Referral, &mut |key, field| {
        fields.insert(key.to_owned(), field);
    });
    for (path, list) in templates() {
        // `/individual/social_media/{n}/handle` is the model's `individual.social_media[].handle`.
        let key = path
            .trim_start_matches('/')
            .replace("/{n}", "[]")
            .replace('/', ".");
        let field = fields.get(&key).or_else(|| fields.get(&format!("{key}[]")));
        let question = field.map_or(String::new(), |f| {
            if f.label.en.is_empty() {
                String::new()
            } else {
                format!("{} / {}", cell(f.label.en), cell(f.label.cy))
            }
        });
        let value = if path.ends_with("/extensions") {
            "the extensions object as JSON".to_owned()
        } else {
            match field.map(|f| &f.ty) {
                Some(Ty::Array(item)) if list => match &item.ty {
                    Ty::Code(choices) => format!("codes joined with `;`: {}", codes(choices)),
                    _ => "codes joined with `;`".to_owned(),
                },
                Some(ty) => value_of(ty),
                None => "the value as text".to_owned(),
            }
        };
        out.push_str(&format!("| `{path}` | {question} | {value} |\n"));
    }
    out
}

/// Text for a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

/// `code` (English label), … for a code list.
fn codes(choices: &[prevent_referral::model::vocab::Choice]) -> String {
    choices
        .iter()
        .map(|c| format!("`{}` ({})", c.code, cell(c.label.en)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a column of this type holds.
fn value_of(ty: &Ty) -> String {
    match ty {
        Ty::Code(choices) => format!("one of {}", codes(choices)),
        Ty::Bool | Ty::Confirmation => "`true` or `false`".to_owned(),
        Ty::Format(format) => prevent_referral::check::formats::owner(*format)
            .column
            .to_owned(),
        Ty::LongText => "text, may hold line breaks".to_owned(),
        _ => "text".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_follow_the_model() {
        let names: Vec<String> = templates().into_iter().map(|(p, _)| p).collect();
        let pos = |p: &str| {
            names
                .iter()
                .position(|n| n == p)
                .unwrap_or_else(|| panic!("{p}"))
        };
        assert_eq!(names[0], "/schema_version");
        assert!(pos("/referral_id") < pos("/individual/address/postcode"));
        assert!(names.contains(&"/individual/parents_or_carers/{n}/full_name".to_owned()));
        assert!(names.contains(&"/individual/other_names/{n}".to_owned()));
        assert!(templates().contains(&("/concern/concern_types".to_owned(), true)));
        assert!(!names
            .iter()
            .any(|n| n == "/individual" || n == "/individual/address"));
    }
}
