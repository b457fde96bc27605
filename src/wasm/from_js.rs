//! Reading a JavaScript value into [`Json`] without ever throwing.
//!
//! Values JSON cannot hold become [`Json::Foreign`], remembering the original so that
//! `normalise` can give it back. `undefined` reads as `null` (absent). Depth is bounded and
//! cycles are detected, so hostile input cannot exhaust the stack.

use js_sys::{Array, JsString, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::json::{Foreign, ForeignKind, Json, Number, MAX_DEPTH};

#[wasm_bindgen]
extern "C" {
    // Each may throw on a Proxy; `catch` turns that into an Err instead of unwinding.
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn object_keys(o: &JsValue) -> Result<Array, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Object, js_name = getPrototypeOf)]
    fn prototype_of(o: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array(o: &JsValue) -> Result<bool, JsValue>;
    #[wasm_bindgen(thread_local_v2, js_namespace = Object, js_name = prototype)]
    static OBJECT_PROTOTYPE: JsValue;
}

/// Reads values; keeps the originals of foreign values.
pub struct Reader {
    originals: Vec<JsValue>,
    ancestors: Vec<JsValue>,
}

impl Reader {
    /// A reader with nothing read yet.
    pub fn new() -> Reader {
        Reader {
            originals: Vec::new(),
            ancestors: Vec::new(),
        }
    }

    /// The originals of the foreign values read, by id.
    pub fn originals(&self) -> &[JsValue] {
        &self.originals
    }

    /// Reads one value.
    pub fn read(&mut self, v: &JsValue) -> Json {
        self.value(v, 0)
    }

    fn foreign(&mut self, kind: ForeignKind, v: &JsValue) -> Json {
        let id = u32::try_from(self.originals.len()).unwrap_or(u32::MAX);
        self.originals.push(v.clone());
        Json::Foreign(Foreign { kind, id })
    }

    fn value(&mut self, v: &JsValue, depth: usize) -> Json {
        if v.is_null() || v.is_undefined() {
            return Json::Null;
        }
        if let Some(b) = v.as_bool() {
            return Json::Bool(b);
        }
        if let Some(f) = v.as_f64() {
            return number(f).unwrap_or_else(|| self.foreign(ForeignKind::NonFiniteNumber, v));
        }
        if v.is_string() {
            let s: &JsString = v.unchecked_ref();
            if !s.is_valid_utf16() {
                return self.foreign(ForeignKind::LoneSurrogate, v);
            }
            return Json::String(String::from(s));
        }
        if v.is_bigint() {
            return self.foreign(ForeignKind::BigInt, v);
        }
        if v.is_symbol() {
            return self.foreign(ForeignKind::Symbol, v);
        }
        if v.is_function() || !v.is_object() {
            return self.foreign(ForeignKind::Function, v);
        }
        if depth >= MAX_DEPTH {
            return self.foreign(ForeignKind::TooDeep, v);
        }
        if self.ancestors.iter().any(|a| a == v) {
            return self.foreign(ForeignKind::Cycle, v);
        }
        match is_array(v) {
            Ok(true) => self.array(v, depth),
            Ok(false) => self.object(v, depth),
            Err(_) => self.foreign(ForeignKind::Unreadable, v),
        }
    }

    fn array(&mut self, v: &JsValue, depth: usize) -> Json {
        let len = Reflect::get(v, &JsValue::from_str("length"))
            .ok()
            .and_then(|l| l.as_f64())
            .filter(|l| l.is_finite() && *l >= 0.0);
        let Some(len) = len else {
            return self.foreign(ForeignKind::Unreadable, v);
        };
        self.ancestors.push(v.clone());
        let mut items = Vec::with_capacity((len as usize).min(64));
        for i in 0..(len as u32) {
            let item = match Reflect::get_u32(v, i) {
                Ok(item) => self.value(&item, depth + 1),
                Err(_) => self.foreign(ForeignKind::Unreadable, &JsValue::UNDEFINED),
            };
            items.push(item);
        }
        self.ancestors.pop();
        Json::Array(items)
    }

    fn object(&mut self, v: &JsValue, depth: usize) -> Json {
        let plain = match prototype_of(v) {
            Ok(p) => p.is_null() || OBJECT_PROTOTYPE.with(|o| &p == o),
            Err(_) => false,
        };
        if !plain {
            return self.foreign(ForeignKind::NonPlainObject, v);
        }
        let Ok(keys) = object_keys(v) else {
            return self.foreign(ForeignKind::Unreadable, v);
        };
        self.ancestors.push(v.clone());
        let mut members = Vec::with_capacity((keys.length() as usize).min(64));
        for key in keys.iter() {
            let name = key.as_string().unwrap_or_default();
            let value = match Reflect::get(v, &key) {
                Ok(value) => self.value(&value, depth + 1),
                Err(_) => self.foreign(ForeignKind::Unreadable, &JsValue::UNDEFINED),
            };
            members.push((name, value));
        }
        self.ancestors.pop();
        Json::Object(members)
    }
}

/// A finite number; whole numbers that fit are kept as integers (so `15` stays `15`).
fn number(f: f64) -> Option<Json> {
    if f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0 {
        return Some(Json::Number(Number::from(f as i64)));
    }
    Number::from_f64(f).map(Json::Number)
}
