//! The WebAssembly bindings (wasm-bindgen): a thin layer over the core.
//!
//! Inputs are plain JavaScript values as `JSON.parse` makes them. Whatever a caller passes —
//! a function, a `Map`, a cycle, a BigInt, a 10 MB string, 100,000-deep nesting, a throwing
//! getter — is read without throwing (`from_js`) and reported as an error in the report;
//! nothing here can panic on input, so the module stays usable after any call.

mod decode;
mod to_js;

use js_sys::Reflect;
use wasm_bindgen::prelude::*;

use crate::model::{DocKind, Lang};
use crate::report::Report;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
import type { Report, ValidateOptions, SchemaName, Lang, Messages, FormDefinition, ReferralDocument, FeedbackDocument } from "./types.js";
"#;

/// Options as a caller passes them; anything unreadable counts as not given.
#[derive(Default)]
struct Options {
    lang: Option<String>,
}

fn options(value: &JsValue) -> Options {
    if !value.is_object() {
        return Options::default();
    }
    let get = |name: &str| {
        Reflect::get(value, &JsValue::from_str(name))
            .ok()
            .and_then(|v| v.as_string())
    };
    Options { lang: get("lang") }
}

fn lang_of(o: &Options) -> Lang {
    o.lang
        .as_deref()
        .and_then(|l| l.parse().ok())
        .unwrap_or_default()
}

fn report_to_js(report: &Report) -> JsValue {
    to_js::report(report)
}

fn validate_value(doc: &JsValue, kind: DocKind, options: &JsValue) -> JsValue {
    let lang = lang_of(&self::options(options));
    decode::read_flat(doc, |flat| {
        report_to_js(&crate::check::validate(flat, kind, lang))
    })
}

/// Validates a referral (or advice request) given as a plain object.
#[wasm_bindgen(js_name = validate, unchecked_return_type = "Report")]
pub fn validate_js(
    #[wasm_bindgen(unchecked_param_type = "unknown")] doc: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ValidateOptions | undefined")] options: JsValue,
) -> JsValue {
    validate_value(&doc, DocKind::Referral, &options)
}

/// Validates a feedback document given as a plain object.
#[wasm_bindgen(js_name = validateFeedback, unchecked_return_type = "Report")]
pub fn validate_feedback_js(
    #[wasm_bindgen(unchecked_param_type = "unknown")] doc: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ValidateOptions | undefined")] options: JsValue,
) -> JsValue {
    validate_value(&doc, DocKind::Feedback, &options)
}

/// The normalised referral document (spec §8). Values JSON cannot hold are returned as
/// they were given.
#[wasm_bindgen(js_name = normalise, unchecked_return_type = "unknown")]
pub fn normalise_js(#[wasm_bindgen(unchecked_param_type = "unknown")] doc: JsValue) -> JsValue {
    decode::read(&doc, |json, originals| {
        let normal = crate::normalise::normalise(json, DocKind::Referral);
        to_js::to_js(&normal, originals)
    })
}

/// The committed schema files (generated from the model, kept equal to it by
/// `tests/generated.rs`). Embedding the text costs a third of the wasm that generating
/// the schema here would (docs/decisions/0009).
const REFERRAL_SCHEMA: &str = include_str!("../../schemas/referral-1.0.schema.json");
const FEEDBACK_SCHEMA: &str = include_str!("../../schemas/feedback-1.0.schema.json");

/// A string argument as Rust text; `None` for any other value. Parameters are taken as
/// `JsValue`, never `&str`: wasm-bindgen's glue for `&str` reads `arg.length` without
/// checking the type, so a Symbol or a number became a zero-length allocation that was then
/// reallocated as if it held bytes — `RuntimeError: memory access out of bounds`.
fn text_arg(value: &JsValue) -> Option<String> {
    value.as_string()
}

/// The language a `lang` argument names; the default for anything else, a non-string
/// included.
fn lang_arg(value: &JsValue) -> Lang {
    text_arg(value)
        .and_then(|l| l.parse().ok())
        .unwrap_or_default()
}

/// The JSON Schema of `"referral"` or `"feedback"`; `undefined` for any other value.
#[wasm_bindgen(js_name = schema, unchecked_return_type = "object | undefined")]
pub fn schema_js(#[wasm_bindgen(unchecked_param_type = "SchemaName")] name: JsValue) -> JsValue {
    let text = match text_arg(&name).as_deref() {
        Some("referral") => REFERRAL_SCHEMA,
        Some("feedback") => FEEDBACK_SCHEMA,
        _ => return JsValue::UNDEFINED,
    };
    js_sys::JSON::parse(text).unwrap_or(JsValue::UNDEFINED)
}

/// Messages for every code (worded for no particular field) and the form's own texts; a
/// `lang` that is not `"en"` or `"cy"` (not a string, or `undefined`) gives English.
#[wasm_bindgen(js_name = messages, unchecked_return_type = "Messages")]
pub fn messages_js(#[wasm_bindgen(unchecked_param_type = "Lang")] lang: JsValue) -> JsValue {
    to_js::to_js(&crate::form_texts(lang_arg(&lang)), &js_sys::Array::new())
}

/// What a form renders for the referral document: sections, fields, labels, options,
/// limits and conditions, in `lang` (English for anything but `"cy"`).
#[wasm_bindgen(js_name = formDefinition, unchecked_return_type = "FormDefinition")]
pub fn form_definition_js(#[wasm_bindgen(unchecked_param_type = "Lang")] lang: JsValue) -> JsValue {
    to_js::to_js(
        &crate::form_definition(DocKind::Referral, lang_arg(&lang)),
        &js_sys::Array::new(),
    )
}

/// This package's version.
#[wasm_bindgen(js_name = version)]
pub fn version_js() -> String {
    crate::VERSION.to_owned()
}

/// The allocator (docs/decisions/0009): Talc instead of the default dlmalloc.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
