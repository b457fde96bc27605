//! # prevent-referral
//!
//! The standard Prevent referral document, version 1.0: a validator, a normaliser and the
//! JSON Schema files, all derived from one declaration of the document (`model`).
//!
//! ```
//! use prevent_referral::{parse_str, validate, Lang};
//! let doc = parse_str(r#"{"schema_version": "1.0"}"#).unwrap();
//! let report = validate(&doc, Lang::En);
//! assert!(!report.valid);
//! assert_eq!(report.errors[0].path, "/referral_id");
//! assert_eq!(report.errors[0].message, "Enter the referral reference");
//! ```
//!
//! Walk of one document: bytes → [`parse`] → [`Json`] → `check` walks `model` →
//! [`Report`] with messages looked up by code. Nothing flows back up.

pub mod check;
pub mod export;
pub mod json;
mod messages;
pub mod model;
mod normalise;
pub mod receiving;
mod report;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use json::{parse, parse_str, Json, ParseError};
pub use model::{Code, DocKind, Lang};
pub use report::{Issue, Report, MAX_ISSUES};

/// Validates a referral (or advice request) document.
pub fn validate(doc: &Json, lang: Lang) -> Report {
    check::validate(doc, DocKind::Referral, lang)
}

/// Validates a feedback document (spec §9).
pub fn validate_feedback(doc: &Json, lang: Lang) -> Report {
    check::validate(doc, DocKind::Feedback, lang)
}

/// Validates a document of either kind.
pub fn validate_kind(doc: &Json, kind: DocKind, lang: Lang) -> Report {
    check::validate(doc, kind, lang)
}

/// The normalised referral document (spec §8).
pub fn normalise<'a>(doc: &Json<'a>) -> Json<'a> {
    normalise::normalise(doc, DocKind::Referral)
}

/// The normalised document of either kind.
pub fn normalise_kind<'a>(doc: &Json<'a>, kind: DocKind) -> Json<'a> {
    normalise::normalise(doc, kind)
}

/// The JSON Schema of a document kind, as the text of `schemas/<kind>-1.0.schema.json`.
pub fn schema(kind: DocKind) -> String {
    export::json_schema::text(kind)
}

/// The OpenAPI 3.1 description of the receiving API, as the text of
/// `schemas/receiving-api-1.0.openapi.json` (it `$ref`s the two schema files beside it).
pub fn openapi() -> String {
    export::openapi::text()
}

/// The texts a form shows around the fields (error summary title, "Error:" prefix…) in
/// `lang`, as `{lang, ui: {key: text}}`.
pub fn form_texts(lang: Lang) -> Json<'static> {
    messages::table(lang)
}

/// The receiving service's acknowledgement of a referral it has stored (the message of the
/// first feedback document), in `lang`; also among the form texts as `received`.
pub fn received_message(lang: Lang) -> &'static str {
    messages::RECEIVED.get(lang)
}

/// What a form renders for a document kind: fields, labels, options, limits, conditions.
pub fn form_definition(kind: DocKind, lang: Lang) -> Json<'static> {
    export::form_definition::definition(kind, lang)
}

/// This library's version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
