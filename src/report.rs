//! What validation returns: errors and warnings as data.

use serde::Serialize;

use crate::model::Code;

/// The most entries a report's `errors` (and, separately, `warnings`) list holds (spec
/// §11.14): when there are more, the first `MAX_ISSUES - 1` are listed and the last entry
/// is `too_many_errors` at `""`.
pub const MAX_ISSUES: usize = 1000;

/// One problem: where (`path`, a JSON Pointer), what (`code`), and a message for a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Issue {
    /// JSON Pointer (RFC 6901) to the field, using wire names; `""` is the whole document.
    pub path: String,
    /// Stable machine code (spec §6).
    pub code: Code,
    /// Message in the requested language.
    pub message: String,
}

/// The verdict on one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// True when there are no errors (warnings never make a document invalid).
    pub valid: bool,
    /// Errors in document order.
    pub errors: Vec<Issue>,
    /// Warnings in document order.
    pub warnings: Vec<Issue>,
}
