//! Reading a JavaScript value: `npm/encode.js` flattens it in one pass (at JIT speed) into
//! one byte buffer, copied into wasm memory in one call, and `json::flat` (plain Rust,
//! fuzzed natively) decodes the flat form into [`Json`]. The format is described in
//! `npm/encode.js`.
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
            let json = unpack(&bytes).unwrap_or(Json::Null);
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
    let flat = sections(&bytes)
        .and_then(|(tags, lens, nums, text)| Flat::read(tags, &lens, &nums, text))
        .unwrap_or_default();
    f(flat.root())
}

/// A value whose reading threw (a getter or Proxy trap outside what the encoder catches).
fn unreadable(v: &JsValue) -> (Json<'static>, Array) {
    let originals = Array::new();
    originals.push(v);
    let kind = ForeignKind::Unreadable;
    (Json::Foreign(Foreign { kind, id: 0 }), originals)
}

/// The sections of the buffer: tags, lens, nums and text.
type Sections<'b> = (&'b [u8], Vec<u32>, Vec<f64>, &'b str);

/// Splits the buffer into its sections.
fn sections(bytes: &[u8]) -> Option<Sections<'_>> {
    let word = |i: usize| -> Option<usize> {
        let b = bytes.get(i * 4..i * 4 + 4)?;
        Some(u32::from_le_bytes(b.try_into().ok()?) as usize)
    };
    let (tags, lens, nums, text) = (word(0)?, word(1)?, word(2)?, word(3)?);
    let nums_at = 16usize;
    let lens_at = nums_at.checked_add(nums.checked_mul(8)?)?;
    let tags_at = lens_at.checked_add(lens.checked_mul(4)?)?;
    let text_at = tags_at.checked_add(tags)?;
    let end = text_at.checked_add(text)?;
    let nums: Vec<f64> = bytes
        .get(nums_at..lens_at)?
        .chunks_exact(8)
        .map(|c| f64::from_le_bytes(c.try_into().unwrap_or_default()))
        .collect();
    let lens: Vec<u32> = bytes
        .get(lens_at..tags_at)?
        .chunks_exact(4)
        .map(|c| u32::from_le_bytes(c.try_into().unwrap_or_default()))
        .collect();
    let tags = bytes.get(tags_at..text_at)?;
    let text = core::str::from_utf8(bytes.get(text_at..end)?).ok()?;
    Some((tags, lens, nums, text))
}

/// Decodes the buffer into a tree (for `normalise`).
fn unpack(bytes: &[u8]) -> Option<Json<'_>> {
    let (tags, lens, nums, text) = sections(bytes)?;
    crate::json::flat::decode(tags, &lens, &nums, text)
}
