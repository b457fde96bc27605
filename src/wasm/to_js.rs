//! Writing [`Json`] back as plain JavaScript values.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::JsValue;

use crate::json::Json;
use crate::report::{Issue, Report};

/// The report as `{valid, errors: [{path, code, message}], warnings: [...]}`.
pub fn report(r: &Report) -> JsValue {
    let issues = |list: &[Issue]| -> JsValue {
        let out = Array::new();
        for i in list {
            let o = Object::new();
            let _ = Reflect::set(&o, &"path".into(), &JsValue::from_str(&i.path));
            let _ = Reflect::set(&o, &"code".into(), &JsValue::from_str(i.code.as_str()));
            let _ = Reflect::set(&o, &"message".into(), &JsValue::from_str(&i.message));
            out.push(&o);
        }
        out.into()
    };
    let o = Object::new();
    let _ = Reflect::set(&o, &"valid".into(), &JsValue::from_bool(r.valid));
    let _ = Reflect::set(&o, &"errors".into(), &issues(&r.errors));
    let _ = Reflect::set(&o, &"warnings".into(), &issues(&r.warnings));
    o.into()
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
