//! Reading a JavaScript value: `npm/encode.js` flattens it in one pass (at JIT speed) into
//! one byte buffer, copied into wasm memory in one call, and `json::flat` (plain Rust,
//! fuzzed natively) reads it: as a flat document for validation, as a [`Json`] tree for
//! `normalise`. The format is described in `npm/encode.js`.
//!
//! Values JSON cannot hold arrive as [`Json::Foreign`], their originals kept in a JS array
//! so that `normalise` can give them back. Nothing here trusts the encoder: a malformed
//! buffer decodes to `null` (a `type` error at `""`), never a panic.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;

use crate::json::flat::{Flat, FlatValue};
use crate::json::{Foreign, ForeignKind, Json};

#[wasm_bindgen(module = "/npm/encode.js")]
extern "C" {
    #[wasm_bindgen(catch)]
    fn encode(v: &JsValue) -> Result<Uint8Array, JsValue>;
    // `catch` also makes wasm-bindgen call it through the glue, which scripts/build-pkg.sh
    // points at ./encode.js; a direct import would keep the snippet path in the wasm.
    #[wasm_bindgen(catch)]
    fn originals() -> Result<Array, JsValue>;
}

/// Reads any JavaScript value and gives it to `f` with the originals of the values JSON
/// cannot hold in it (for `normalise`, which gives them back); never throws. The value
/// borrows its strings from the bytes copied in, which live for the call of `f`.
pub fn read<T>(v: &JsValue, f: impl FnOnce(&Json<'_>, &Array) -> T) -> T {
    match encode(v) {
        Ok(packed) => {
            let bytes = packed.to_vec();
            let json = crate::json::flat::decode(&bytes).unwrap_or(Json::Null);
            f(&json, &originals().unwrap_or_default())
        }
        Err(_) => {
            let (json, originals) = unreadable(v);
            f(&json, &originals)
        }
    }
}

/// Reads any JavaScript value for validation, which needs no originals, and gives it to
/// `f` as a flat document, validated where it lies rather than rebuilt as a tree
/// (docs/decisions/0008); never throws. A value that could not be read at all (a getter or
/// Proxy trap outside what the encoder catches) or a malformed buffer reads as `null`: as
/// for any value that is not an object, the validator says the document has the wrong type.
pub fn read_flat<T>(v: &JsValue, f: impl FnOnce(FlatValue<'_>) -> T) -> T {
    let bytes = encode(v).map(|packed| packed.to_vec()).unwrap_or_default();
    let flat = Flat::read(&bytes).unwrap_or_default();
    f(flat.root())
}

/// A value whose reading threw (a getter or Proxy trap outside what the encoder catches).
fn unreadable(v: &JsValue) -> (Json<'static>, Array) {
    let originals = Array::new();
    originals.push(v);
    let kind = ForeignKind::Unreadable;
    (Json::Foreign(Foreign { kind, id: 0 }), originals)
}
