//! The flat encoding of a JavaScript value that `npm/encode.js` writes (the format is
//! described there), decoded into [`Json`]. Plain Rust over slices, so that it is fuzzed
//! natively (`fuzz/fuzz_targets/flat_decode.rs`); the wasm layer calls it.
//!
//! Nothing here trusts the encoder: a malformed stream gives `None`, never a panic, and
//! the work is bounded by the length of `tags` and the nesting by [`MAX_DEPTH`].

use std::borrow::Cow;

use super::{Foreign, ForeignKind, Json, Number, MAX_DEPTH};

/// Decodes one value from the flat form; `None` if the stream is malformed. Its strings
/// and member names borrow from `text`.
pub fn decode<'a>(tags: &[u8], lens: &[u32], nums: &[f64], text: &'a str) -> Option<Json<'a>> {
    Decoder {
        tags,
        lens,
        nums,
        text,
        ascii: text.is_ascii(),
        foreign: 0,
    }
    .value(0)
}

struct Decoder<'s, 'a> {
    tags: &'s [u8],
    lens: &'s [u32],
    nums: &'s [f64],
    /// The text not yet read.
    text: &'a str,
    /// Whether the whole text is ASCII, so that UTF-16 units are bytes everywhere.
    ascii: bool,
    foreign: u32,
}

fn take<T: Copy>(list: &mut &[T]) -> Option<T> {
    let (first, rest) = list.split_first()?;
    *list = rest;
    Some(*first)
}

impl<'a> Decoder<'_, 'a> {
    fn string(&mut self) -> Option<&'a str> {
        let units = take(&mut self.lens)? as usize;
        // ASCII (the common case): UTF-16 units are bytes.
        let end = match self.text.get(..units) {
            Some(_) if self.ascii => units,
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
        Some(s)
    }

    fn value(&mut self, depth: usize) -> Option<Json<'a>> {
        Some(match take(&mut self.tags)? {
            0 => Json::Null,
            1 => Json::Bool(false),
            2 => Json::Bool(true),
            3 => number(take(&mut self.nums)?)?,
            4 => Json::String(Cow::Borrowed(self.string()?)),
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
                    let key = Cow::Borrowed(self.string()?);
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
fn number(f: f64) -> Option<Json<'static>> {
    if f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0 {
        return Some(Json::Number(Number::from(f as i64)));
    }
    Number::from_f64(f).map(Json::Number)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_an_object_with_a_non_ascii_key_and_a_foreign_value() {
        // {"é": [1.5, true], "b": <a Symbol>}
        let json = decode(&[6, 5, 3, 2, 7], &[2, 1, 2, 1, 3], &[1.5], "éb").unwrap();
        let Json::Object(members) = json else {
            panic!("not an object")
        };
        assert_eq!(members[0].0, "é");
        assert_eq!(members[1].0, "b");
        assert!(matches!(
            members[1].1,
            Json::Foreign(Foreign {
                kind: ForeignKind::Symbol,
                ..
            })
        ));
    }

    #[test]
    fn strings_borrow_from_the_text_ascii_or_not() {
        for text in ["abcd", "aébc"] {
            // ["a", {"<2 units>": "<rest>"}]
            let rest = (text.encode_utf16().count() - 3) as u32;
            let json = decode(&[5, 4, 6, 4], &[2, 1, 1, 2, rest], &[], text).unwrap();
            let Json::Array(items) = &json else {
                panic!("not an array")
            };
            let Json::Object(members) = &items[1] else {
                panic!("not an object")
            };
            let within = |s: &str| text.as_bytes().as_ptr_range().contains(&s.as_ptr());
            let strings = [
                items[0].as_str(),
                Some(&*members[0].0),
                members[0].1.as_str(),
            ];
            let want = if text.is_ascii() {
                [Some("a"), Some("bc"), Some("d")]
            } else {
                [Some("a"), Some("éb"), Some("c")]
            };
            assert_eq!(strings, want);
            assert!(matches!(&items[0], Json::String(Cow::Borrowed(s)) if within(s)));
            assert!(matches!(&members[0].0, Cow::Borrowed(s) if within(s)));
        }
    }

    #[test]
    fn malformed_streams_are_none() {
        assert_eq!(decode(&[], &[], &[], ""), None);
        assert_eq!(decode(&[5], &[3], &[], ""), None, "items missing");
        assert_eq!(decode(&[4], &[5], &[], "ab"), None, "text too short");
        assert_eq!(decode(&[3], &[], &[f64::NAN], ""), None);
        assert_eq!(decode(&[9], &[], &[], ""), None);
        let deep = vec![5u8; MAX_DEPTH + 1];
        assert_eq!(decode(&deep, &vec![1; MAX_DEPTH + 1], &[], ""), None);
    }
}
