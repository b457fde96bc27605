//! `schema_version`: exactly [`SCHEMA_VERSION`]; anything else is `unsupported_version`.

use super::formats::{as_given, no_limit, FormatOwner};
use crate::json::Json;
use crate::model::{Code, SCHEMA_VERSION};

/// Everything about the schema version field.
pub const OWNER: FormatOwner = FormatOwner {
    form_type: "schema_version",
    widget: "input",
    input: super::formats::Input::TEXT,
    code: Code::UnsupportedVersion,
    check: |s| s == SCHEMA_VERSION,
    bounded_day: None,
    normal: as_given,
    schema: |_| vec![("const", Json::String(SCHEMA_VERSION.into()))],
    max_length: no_limit,
    describe: |_| format!("text, exactly \"{SCHEMA_VERSION}\""),
    column: "text",
    shape: crate::messages::Shape::Other,
};
