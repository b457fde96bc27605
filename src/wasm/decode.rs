//! Reading a JavaScript value: `npm/encode.js` flattens it in one pass (at JIT speed) and
//! this decodes the flat form into [`Json`]. The format is described in that file.
//!
//! Values JSON cannot hold arrive as [`Json::Foreign`], their originals kept in a JS array
//! so that `normalise` can give them back. Nothing here trusts the encoder: a malformed
//! stream decodes to `null` (a `type` error at `""`), never a panic.

use js_sys::{Array, Float64Array, Reflect, Uint32Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::json::{Foreign, ForeignKind, Json, Number, MAX_DEPTH};

#[wasm_bindgen(module = "/npm/encode.js")]
extern "C" {
    #[wasm_bindgen(catch)]
    fn encode(v: &JsValue) -> Result<JsValue, JsValue>;
}

/// A value read from JavaScript, and the originals of its foreign values by id.
pub struct Read {
    /// The value.
    pub json: Json,
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
    let mut decoder = Decoder {
        tags: &tags,
        lens: &lens,
        nums: &nums,
        text: &text,
        foreign: 0,
    };
    let json = decoder.value(0).unwrap_or(Json::Null);
    Read { json, originals }
}

struct Decoder<'a> {
    tags: &'a [u8],
    lens: &'a [u32],
    nums: &'a [f64],
    text: &'a str,
    foreign: u32,
}

fn take<T: Copy>(list: &mut &[T]) -> Option<T> {
    let (first, rest) = list.split_first()?;
    *list = rest;
    Some(*first)
}

impl Decoder<'_> {
    fn string(&mut self) -> Option<String> {
        let units = take(&mut self.lens)? as usize;
        // ASCII (the common case): UTF-16 units are bytes.
        let end = match self.text.get(..units) {
            Some(prefix) if prefix.is_ascii() => units,
            _ => {
                let mut left = units;
                let mut end = 0;
                let mut chars = self.text.char_indices();
                while left > 0 {
                    let (i, c) = chars.next()?;
                    left = left.checked_sub(c.len_utf16())?;
                    end = i + c.len_utf8();
                }
                end
            }
        };
        let s = self.text.get(..end)?;
        self.text = self.text.get(end..)?;
        Some(s.to_owned())
    }

    fn value(&mut self, depth: usize) -> Option<Json> {
        Some(match take(&mut self.tags)? {
            0 => Json::Null,
            1 => Json::Bool(false),
            2 => Json::Bool(true),
            3 => number(take(&mut self.nums)?)?,
            4 => Json::String(self.string()?),
            5 if depth < MAX_DEPTH => {
                let n = take(&mut self.lens)? as usize;
                let mut items = Vec::with_capacity(n.min(64));
                for _ in 0..n {
                    items.push(self.value(depth + 1)?);
                }
                Json::Array(items)
            }
            6 if depth < MAX_DEPTH => {
                let n = take(&mut self.lens)? as usize;
                let mut members = Vec::with_capacity(n.min(64));
                for _ in 0..n {
                    let key = self.string()?;
                    members.push((key, self.value(depth + 1)?));
                }
                Json::Object(members)
            }
            7 => {
                let kind = match take(&mut self.lens)? {
                    0 => ForeignKind::NonFiniteNumber,
                    1 => ForeignKind::LoneSurrogate,
                    2 => ForeignKind::BigInt,
                    3 => ForeignKind::Symbol,
                    4 => ForeignKind::Function,
                    5 => ForeignKind::NonPlainObject,
                    6 => ForeignKind::Cycle,
                    7 => ForeignKind::TooDeep,
                    9 => ForeignKind::TooLarge,
                    _ => ForeignKind::Unreadable,
                };
                let id = self.foreign;
                self.foreign = self.foreign.saturating_add(1);
                Json::Foreign(Foreign { kind, id })
            }
            _ => return None,
        })
    }
}

/// A finite number; whole numbers that fit are kept as integers (so `15` stays `15`).
pub(crate) fn number(f: f64) -> Option<Json> {
    if f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0 {
        return Some(Json::Number(Number::from(f as i64)));
    }
    Number::from_f64(f).map(Json::Number)
}
