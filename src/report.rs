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

/// The length of `s` in UTF-16 units, as JavaScript counts it: one per byte that starts a
/// character, and one more for each character outside the Basic Multilingual Plane (whose
/// first byte is 0xF0 or above). No decoding. The wasm layer gives JavaScript the report's
/// text with these lengths.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) fn utf16_len(s: &str) -> usize {
    s.bytes()
        .map(|b| usize::from((b as i8) >= -0x40) + usize::from(b >= 0xF0))
        .sum()
}

#[cfg(test)]
mod tests {
    #[test]
    fn utf16_len_counts_as_javascript_does() {
        for s in [
            "",
            "abc",
            "é",
            "Mae’n",
            "\u{FFFF}",
            "\u{10000}",
            "a😀b",
            "ŵŷ\u{7F}\u{80}\u{800}",
        ] {
            assert_eq!(super::utf16_len(s), s.encode_utf16().count(), "{s:?}");
        }
    }
}
