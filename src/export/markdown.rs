//! Markdown tables for the format reference (`docs/format.md`) and the schema README,
//! generated from the model so the documentation cannot drift from the code.

use super::describe;
use super::json_schema::ANNOTATIONS;
use crate::model::{walk_fields, Code, DocKind, Ty, LIMITS};

/// The field table of a document kind: every field, its type and rule, when it is required.
pub fn field_table(kind: DocKind) -> String {
    let mut out = String::from("| field | value | required |\n|---|---|---|\n");
    walk_fields(kind, &mut |key, field| {
        let presence = if key.ends_with("[]") {
            "each item required".to_owned()
        } else {
            describe::presence(field)
        };
        let value = match &field.ty {
            // Items are described on their own row.
            Ty::Array(_) => describe::list(&LIMITS),
            ty => describe::kind(ty),
        };
        out.push_str(&format!("| `{key}` | {value} | {presence} |\n"));
    });
    out
}

/// The table of error and warning codes.
pub fn code_table() -> String {
    let mut out = String::from("| code | kind |\n|---|---|\n");
    for code in Code::ALL {
        let kind = if code.is_warning() {
            "warning"
        } else {
            "error"
        };
        out.push_str(&format!("| `{}` | {kind} |\n", code.as_str()));
    }
    out
}

/// The list of `x-` annotations: the rules JSON Schema cannot state.
pub fn annotation_table() -> String {
    let mut out = String::from("| keyword | rule the validator applies |\n|---|---|\n");
    for (keyword, meaning) in ANNOTATIONS {
        out.push_str(&format!("| `{keyword}` | {meaning} |\n"));
    }
    out
}
