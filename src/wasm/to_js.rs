//! Writing [`Json`] back as plain JavaScript values.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;

use crate::json::Json;
use crate::report::Report;

#[wasm_bindgen(module = "/npm/encode.js")]
extern "C" {
    #[wasm_bindgen(js_name = report)]
    fn make_report(valid: bool, errors: u32, lens: &[u32], text: &str) -> JsValue;
}

/// The report as `{valid, errors: [{path, code, message}], warnings: [...]}`, built by
/// `npm/encode.js` from one string in one call.
pub fn report(r: &Report) -> JsValue {
    let issues = || r.errors.iter().chain(&r.warnings);
    let parts =
        |i: &'_ crate::report::Issue| [i.path.len(), i.code.as_str().len(), i.message.len()];
    let mut text = String::with_capacity(issues().flat_map(parts).sum());
    let mut lens = Vec::with_capacity(3 * (r.errors.len() + r.warnings.len()));
    for i in issues() {
        for part in [i.path.as_str(), i.code.as_str(), i.message.as_str()] {
            text.push_str(part);
            lens.push(crate::report::utf16_len(part) as u32);
        }
    }
    make_report(r.valid, r.errors.len() as u32, &lens, &text)
}

/// The JavaScript value of `json`; a foreign value becomes its original again.
pub fn to_js(json: &Json, originals: &Array) -> JsValue {
    match json {
        Json::Null => JsValue::NULL,
        Json::Bool(b) => JsValue::from_bool(*b),
        Json::Number(n) => JsValue::from_f64(n.as_f64().unwrap_or(f64::NAN)),
        Json::String(s) => JsValue::from_str(s),
        Json::Array(items) => {
            let out = Array::new();
            for item in items {
                out.push(&to_js(item, originals));
            }
            out.into()
        }
        Json::Object(members) => {
            let out = Object::new();
            for (k, v) in members {
                let key = JsValue::from_str(k);
                let value = to_js(v, originals);
                if k == "__proto__" {
                    // An assignment would set the prototype; define an own property instead.
                    let desc = Object::new();
                    let _ = Reflect::set(&desc, &"value".into(), &value);
                    for flag in ["writable", "enumerable", "configurable"] {
                        let _ = Reflect::set(&desc, &flag.into(), &JsValue::TRUE);
                    }
                    let _ = Reflect::define_property(&out, &key, &desc);
                } else {
                    let _ = Reflect::set(&out, &key, &value);
                }
            }
            out.into()
        }
        Json::Foreign(f) => originals.get(f.id),
    }
}
