//! The CSV export's columns, walked from the referral model (`prevent_referral::model`), so
//! a field added to the model is a column without an edit here.
//!
//! Leaf fields are columns named by JSON Pointer (`/individual/address/postcode`). Code
//! lists are one column, codes joined with `;`. Other arrays are repeated: their items'
//! columns are numbered (`/individual/parents_or_carers/0/full_name`), always
//! [`REPEATED_COLUMNS`] of them, the last holding every item from there on, one line each
//! (spec §6.7: the column set depends only on the model version, so a streamed export can
//! write its header first). `extensions` is one column holding its JSON.

use prevent_referral::model::{DocKind, Object, Ty};
use prevent_referral::receiving::API_LIMITS;

/// Numbered columns of each repeated group; items beyond the last are joined into it.
pub const REPEATED_COLUMNS: usize = API_LIMITS.export_repeated_columns;

/// The CSV column after the document's columns that marks a row whose document could not
/// be read ([`UNREADABLE`]); empty for every other row.
pub const STATE_COLUMN: &str = "export_state";

/// The [`STATE_COLUMN`] value of a row whose document could not be read.
pub const UNREADABLE: &str = "unreadable";

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

/// One step from a document to a cell's values.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    /// The member at this JSON Pointer (`""`: the value itself).
    Pointer(String),
    /// The array's item at this index.
    Item(usize),
    /// Every item of the array from this index on (the last numbered column).
    From(usize),
}

/// One column of the CSV export: its name and where its cell is read in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvColumn {
    /// The header, e.g. `/individual/parents_or_carers/0/full_name`.
    pub name: String,
    /// A code list: the codes joined with `;`.
    list: bool,
    steps: Vec<Step>,
}

impl CsvColumn {
    /// The cell of this column for `document`: empty when absent; in the last numbered
    /// column of a repeated group, one line per item from there on.
    pub fn cell(&self, document: &serde_json::Value) -> String {
        let mut values = Vec::new();
        values_at(document, &self.steps, &mut values);
        values
            .into_iter()
            .map(|v| cell_text(v, self.list))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// The values `steps` lead to from `value` (`None` where a member is missing).
fn values_at<'v>(
    value: &'v serde_json::Value,
    steps: &[Step],
    out: &mut Vec<Option<&'v serde_json::Value>>,
) {
    let Some((step, rest)) = steps.split_first() else {
        out.push(Some(value));
        return;
    };
    match step {
        Step::Pointer(p) => match value.pointer(p) {
            Some(v) => values_at(v, rest, out),
            None => out.push(None),
        },
        Step::Item(i) => match value.as_array().and_then(|items| items.get(*i)) {
            Some(v) => values_at(v, rest, out),
            None => out.push(None),
        },
        Step::From(i) => {
            for item in value.as_array().into_iter().flatten().skip(*i) {
                values_at(item, rest, out);
            }
        }
    }
}

/// A value as cell text: strings as they are, a code list joined with `;`, other values as
/// JSON, absent as empty.
fn cell_text(value: Option<&serde_json::Value>, list: bool) -> String {
    use serde_json::Value;
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(items)) if list => items
            .iter()
            .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
            .collect::<Vec<_>>()
            .join(";"),
        Some(other) => other.to_string(),
    }
}

/// The document's CSV columns, the same for every export of this model version: each
/// repeated group numbered `0` to [`REPEATED_COLUMNS`]` - 1`.
pub fn csv_columns() -> Vec<CsvColumn> {
    fn go(columns: &[Column], name: &str, steps: &[Step], out: &mut Vec<CsvColumn>) {
        for c in columns {
            match c {
                Column::Leaf { path, list } => {
                    let mut steps = steps.to_vec();
                    steps.push(Step::Pointer(path.clone()));
                    out.push(CsvColumn {
                        name: format!("{name}{path}"),
                        list: *list,
                        steps,
                    });
                }
                Column::Repeated { path, item } => {
                    for n in 0..REPEATED_COLUMNS {
                        let mut steps = steps.to_vec();
                        steps.push(Step::Pointer(path.clone()));
                        steps.push(if n + 1 == REPEATED_COLUMNS {
                            Step::From(n)
                        } else {
                            Step::Item(n)
                        });
                        go(item, &format!("{name}{path}/{n}"), &steps, out);
                    }
                }
            }
        }
    }
    let mut out = Vec::new();
    go(&referral_columns(), "", &[], &mut out);
    out
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
    let mut out = format!(
        "# CSV export columns\n\n\
         <!-- Generated from the referral model by crates/server/src/columns.rs; \
         `UPDATE_DOCS=1 cargo test -p prevent-referral-server --test export_columns_doc` rewrites it. -->\n\n\
         `GET /v1/team/export?format=csv` answers RFC 4180 CSV in UTF-8 without a byte order \
         mark: a header row, then one row per referral, oldest first. The columns are \
         `reference`, `received_at`, `status`, then one column per leaf field of the referral \
         document in model order, named by JSON Pointer, then `{state}`. The columns depend \
         only on the model version, never on the referrals exported, so every export of this \
         version has the same header. `{{n}}` is an item number: each repeated group has \
         exactly {k} numbered columns, `0` to `{last}`; column `{last}` holds item {last} and \
         every later item, one line per item (a line break between them; an item without \
         that field gives an empty line, so the lines of a group's `{last}` columns belong \
         to the same items in the same order). Code lists are one column, codes joined with \
         `;`. A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is \
         prefixed with `'` so that a spreadsheet does not run it as a formula. An empty cell \
         means the field was not given (or the document was deleted after the retention \
         period). A referral whose stored document cannot be read (damaged, or its key lost) \
         is still a row, with its `reference`, `received_at` and `status`, its document's \
         columns empty and `{state}` = `{unreadable}`; the service logs its reference, and \
         the other referrals are exported. The export is streamed: it is written page by \
         page as it is read, oldest first.\n\n\
         | column | question (English / Welsh) | value |\n|---|---|---|\n\
         | `reference` | | the reference given to the referrer |\n\
         | `received_at` | | when it was received (RFC 3339, UTC) |\n",
        state = STATE_COLUMN,
        unreadable = UNREADABLE,
        k = REPEATED_COLUMNS,
        last = REPEATED_COLUMNS.saturating_sub(1),
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
    out.push_str(&format!(
        "| `{STATE_COLUMN}` | | empty; `{UNREADABLE}` when the referral's document could not \
         be read |\n"
    ));
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

    #[test]
    fn repeated_groups_have_fixed_numbered_columns_and_the_last_takes_the_overflow() {
        let columns = csv_columns();
        let names: Vec<&str> = columns.iter().map(|c| c.name.as_str()).collect();
        let last = REPEATED_COLUMNS - 1;
        for n in 0..REPEATED_COLUMNS {
            assert!(names.contains(&format!("/individual/other_names/{n}").as_str()));
        }
        assert!(!names.contains(&format!("/individual/other_names/{REPEATED_COLUMNS}").as_str()));
        let column = |name: &str| {
            columns
                .iter()
                .find(|c| c.name == name)
                .unwrap_or_else(|| panic!("{name}"))
        };
        let parents: Vec<serde_json::Value> = (0..REPEATED_COLUMNS + 2)
            .map(|i| {
                if i == last + 1 {
                    serde_json::json!({"relationship": "aunt"})
                } else {
                    serde_json::json!({"full_name": format!("P{i}")})
                }
            })
            .collect();
        let doc = serde_json::json!({"individual": {"parents_or_carers": parents}});
        let name = |n: usize| column(&format!("/individual/parents_or_carers/{n}/full_name"));
        assert_eq!(name(0).cell(&doc), "P0");
        assert_eq!(
            name(last).cell(&doc),
            format!("P{last}\n\nP{}", last + 2),
            "overflow items one a line, an item without the field an empty line"
        );
        assert_eq!(name(0).cell(&serde_json::json!({})), "");
        assert_eq!(name(last).cell(&serde_json::json!({})), "");
        let codes = column("/concern/concern_types");
        let doc = serde_json::json!({"concern": {"concern_types": ["a", "b"]}});
        assert_eq!(codes.cell(&doc), "a;b");
    }
}
