//! Reading a JavaScript value: `npm/encode.js` flattens it in one pass (at JIT speed) and
//! `json::flat` (plain Rust, fuzzed natively) decodes the flat form into [`Json`]. The
//! format is described in that file.
//!
//! Values JSON cannot hold arrive as [`Json::Foreign`], their originals kept in a JS array
//! so that `normalise` can give them back. Nothing here trusts the encoder: a malformed
//! stream decodes to `null` (a `type` error at `""`), never a panic.

use js_sys::{Array, Float64Array, Reflect, Uint32Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::json::{Foreign, ForeignKind, Json};

#[wasm_bindgen(module = "/npm/encode.js")]
extern "C" {
    #[wasm_bindgen(catch)]
    fn encode(v: &JsValue) -> Result<JsValue, JsValue>;
}

/// A value read from JavaScript, and the originals of its foreign values by id.
pub struct Read {
    /// The value. It owns its strings (the text they were decoded from is dropped here).
    pub json: Json<'static>,
    /// `originals.get(id)` is the value a `Json::Foreign { id, .. }` stands for.
    pub originals: Array,
}

/// Reads any JavaScript value; never throws.
pub fn read(v: &JsValue) -> Read {
    let Ok(encoded) = encode(v) else {
        let originals = Array::new();
        originals.push(v);
        let kind = ForeignKind::Unreadable;
        return Read {
            json: Json::Foreign(Foreign { kind, id: 0 }),
            originals,
        };
    };
    let field = |name: &str| Reflect::get(&encoded, &JsValue::from_str(name)).ok();
    let tags = field("tags")
        .and_then(|v| v.dyn_into::<Uint8Array>().ok())
        .map(|a| a.to_vec())
        .unwrap_or_default();
    let lens = field("lens")
        .and_then(|v| v.dyn_into::<Uint32Array>().ok())
        .map(|a| a.to_vec())
        .unwrap_or_default();
    let nums = field("nums")
        .and_then(|v| v.dyn_into::<Float64Array>().ok())
        .map(|a| a.to_vec())
        .unwrap_or_default();
    let text = field("text")
        .and_then(|v| v.as_string())
        .unwrap_or_default();
    let originals = field("originals")
        .and_then(|v| v.dyn_into::<Array>().ok())
        .unwrap_or_default();
    let json =
        crate::json::flat::decode(&tags, &lens, &nums, &text).map_or(Json::Null, Json::into_owned);
    Read { json, originals }
}
