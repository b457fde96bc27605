//! The flat encoding of a JavaScript value that `npm/encode.js` writes (the format is
//! described there), read into a [`Flat`] document: one list of entries, one per value and
//! member name, in document order, an array or object followed by what it holds and knowing
//! how many entries that takes. The validator walks it where it lies
//! ([`super::view::Value`]) instead of building a [`Json`] tree first, which costs half as
//! much (docs/decisions/0008); [`decode`] builds the tree for `normalise`. Plain Rust over
//! slices, so that it is fuzzed natively (`fuzz/fuzz_targets/flat_decode.rs`); the wasm
//! layer calls it.
//!
//! Nothing here trusts the encoder: a malformed stream gives `None`, never a panic, and
//! the work is bounded by the length of `tags` and the nesting by [`MAX_DEPTH`].

use std::borrow::Cow;

use super::view::{Node, Value};
use super::{Foreign, ForeignKind, Json, Number, MAX_DEPTH};

/// A document read from the flat form. Its strings and member names borrow from the text.
#[derive(Debug)]
pub struct Flat<'a> {
    entries: Vec<Entry<'a>>,
}

impl Default for Flat<'_> {
    /// The document `null`.
    fn default() -> Self {
        Flat {
            entries: vec![Entry::Null],
        }
    }
}

/// One value or member name.
#[derive(Debug, Clone, Copy)]
enum Entry<'a> {
    Null,
    Bool(bool),
    /// A finite number.
    Number(f64),
    String(&'a str),
    /// `count` items, in the `size - 1` entries that follow.
    Array {
        count: u32,
        size: u32,
    },
    /// `count` members (a [`Entry::Name`], then its value), in the `size - 1` entries that
    /// follow.
    Object {
        count: u32,
        size: u32,
    },
    Foreign(Foreign),
    /// A member name, followed by its value.
    Name(&'a str),
}

/// The entries after the value that starts `entries` (and everything inside it): where its
/// next sibling starts. A malformed size counts as 1.
#[inline]
fn after<'e, 'a>(entries: &'e [Entry<'a>]) -> &'e [Entry<'a>] {
    let size = match entries.first() {
        Some(Entry::Array { size, .. } | Entry::Object { size, .. }) => (*size as usize).max(1),
        _ => 1,
    };
    entries.get(size..).unwrap_or_default()
}

/// Tags, lens, nums and text.
type Sections<'b> = (&'b [u8], &'b [u8], &'b [u8], &'b str);

/// The sections of a packed buffer: 4 × u32 header (counts of tags, lens, nums and the
/// byte length of text), then nums (f64 each), lens (u32 each), tags (a byte each) and
/// text (UTF-8), all little-endian, as `npm/encode.js` writes them.
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
    let text = core::str::from_utf8(bytes.get(text_at..end)?).ok()?;
    Some((
        bytes.get(tags_at..text_at)?,
        bytes.get(lens_at..tags_at)?,
        bytes.get(nums_at..lens_at)?,
        text,
    ))
}

impl<'a> Flat<'a> {
    /// Reads one value from a packed buffer; `None` if it is malformed. The sections are
    /// read where they lie (no copies of the lengths or numbers).
    pub fn read(bytes: &'a [u8]) -> Option<Flat<'a>> {
        let (tags, lens, nums, text) = sections(bytes)?;
        let mut reader = Reader {
            tags,
            lens,
            nums,
            text,
            ascii: text.is_ascii(),
            foreign: 0,
            // One entry per value and per member name (names are fewer than lens).
            entries: Vec::with_capacity(tags.len() + lens.len() / 4),
        };
        reader.value(0)?;
        Some(Flat {
            entries: reader.entries,
        })
    }

    /// The document's top value.
    pub fn root(&self) -> FlatValue<'_> {
        FlatValue(&self.entries)
    }

    /// The tree of the value that starts `entries`, for `normalise` (whose speed matters
    /// less than validation's). Recursion is bounded by [`MAX_DEPTH`], which
    /// [`Flat::read`] enforced.
    fn tree(entries: &[Entry<'a>]) -> Json<'a> {
        let mut rest = entries.get(1..).unwrap_or_default();
        let mut next = || {
            let value = rest;
            rest = after(rest);
            value
        };
        match entries.first() {
            None | Some(Entry::Null | Entry::Name(_)) => Json::Null,
            Some(Entry::Bool(b)) => Json::Bool(*b),
            Some(Entry::Number(f)) => number(*f).unwrap_or(Json::Null),
            Some(Entry::String(s)) => Json::String(Cow::Borrowed(s)),
            Some(Entry::Array { count, .. }) => {
                let count = *count as usize;
                let mut items = Vec::with_capacity(count.min(64));
                for _ in 0..count {
                    items.push(Flat::tree(next()));
                }
                Json::Array(items)
            }
            Some(Entry::Object { count, .. }) => {
                let count = *count as usize;
                let mut members = Vec::with_capacity(count.min(64));
                for _ in 0..count {
                    let name = match next().first() {
                        Some(Entry::Name(s)) => *s,
                        _ => "",
                    };
                    members.push((Cow::Borrowed(name), Flat::tree(next())));
                }
                Json::Object(members)
            }
            Some(Entry::Foreign(f)) => Json::Foreign(*f),
        }
    }
}

/// A handle on one value of a [`Flat`] document: the entries from the value's own on.
#[derive(Debug, Clone, Copy)]
pub struct FlatValue<'a>(&'a [Entry<'a>]);

/// The items of a flat array: each item's entries follow the one before's.
#[derive(Debug, Clone)]
pub struct FlatItems<'a> {
    rest: &'a [Entry<'a>],
    left: u32,
}

impl<'a> Iterator for FlatItems<'a> {
    type Item = FlatValue<'a>;

    #[inline]
    fn next(&mut self) -> Option<FlatValue<'a>> {
        self.left = self.left.checked_sub(1)?;
        let item = self.rest;
        self.rest = after(item);
        Some(FlatValue(item))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left as usize, Some(self.left as usize))
    }
}

impl ExactSizeIterator for FlatItems<'_> {}

/// The members of a flat object: a name's entry, then its value's.
#[derive(Debug, Clone)]
pub struct FlatMembers<'a> {
    rest: &'a [Entry<'a>],
    left: u32,
}

impl<'a> Iterator for FlatMembers<'a> {
    type Item = (&'a str, FlatValue<'a>);

    #[inline]
    fn next(&mut self) -> Option<(&'a str, FlatValue<'a>)> {
        self.left = self.left.checked_sub(1)?;
        let (name, value) = match self.rest {
            [Entry::Name(name), value @ ..] => (*name, value),
            _ => ("", &[][..]),
        };
        self.rest = after(value);
        Some((name, FlatValue(value)))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left as usize, Some(self.left as usize))
    }
}

impl ExactSizeIterator for FlatMembers<'_> {}

impl<'a> Value<'a> for FlatValue<'a> {
    type Items = FlatItems<'a>;
    type Members = FlatMembers<'a>;

    #[inline]
    fn node(self) -> Node<'a, Self> {
        let rest = self.0.get(1..).unwrap_or_default();
        match self.0.first() {
            None | Some(Entry::Null | Entry::Name(_)) => Node::Null,
            Some(Entry::Bool(b)) => Node::Bool(*b),
            Some(Entry::Number(f)) => Node::Number(*f),
            Some(Entry::String(s)) => Node::String(s),
            Some(Entry::Array { count, .. }) => Node::Array(FlatItems { rest, left: *count }),
            Some(Entry::Object { count, .. }) => Node::Object(FlatMembers { rest, left: *count }),
            Some(Entry::Foreign(f)) => Node::Foreign(*f),
        }
    }

    #[inline]
    fn as_str(self) -> Option<&'a str> {
        match self.0.first() {
            Some(Entry::String(s)) => Some(s),
            _ => None,
        }
    }
}

/// Reads a packed buffer into a tree; `None` if it is malformed. Its strings and member
/// names borrow from the buffer.
pub fn decode(bytes: &[u8]) -> Option<Json<'_>> {
    let flat = Flat::read(bytes)?;
    Some(Flat::tree(&flat.entries))
}

/// A finite number; whole numbers that fit are kept as integers (so `15` stays `15`).
fn number(f: f64) -> Option<Json<'static>> {
    if f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0 {
        return Some(Json::Number(Number::from(f as i64)));
    }
    Number::from_f64(f).map(Json::Number)
}

struct Reader<'a> {
    tags: &'a [u8],
    /// Little-endian u32s.
    lens: &'a [u8],
    /// Little-endian f64s.
    nums: &'a [u8],
    /// The text not yet read.
    text: &'a str,
    /// Whether the whole text is ASCII, so that UTF-16 units are bytes everywhere.
    ascii: bool,
    foreign: u32,
    entries: Vec<Entry<'a>>,
}

fn take<T: Copy>(list: &mut &[T]) -> Option<T> {
    let (first, rest) = list.split_first()?;
    *list = rest;
    Some(*first)
}

/// The next `N` bytes of `list`.
fn take_bytes<const N: usize>(list: &mut &[u8]) -> Option<[u8; N]> {
    let (first, rest) = list.split_first_chunk::<N>()?;
    *list = rest;
    Some(*first)
}

impl<'a> Reader<'a> {
    fn len(&mut self) -> Option<u32> {
        take_bytes(&mut self.lens).map(u32::from_le_bytes)
    }

    /// The next string.
    fn string(&mut self) -> Option<&'a str> {
        let units = self.len()? as usize;
        // ASCII (the common case): UTF-16 units are bytes.
        let (s, rest) = match self.text.split_at_checked(units) {
            Some(split) if self.ascii || split.0.is_ascii() => split,
            _ => {
                let mut left = units;
                let mut end = 0;
                let mut chars = self.text.char_indices();
                while left > 0 {
                    let (i, c) = chars.next()?;
                    left = left.checked_sub(c.len_utf16())?;
                    end = i + c.len_utf8();
                }
                self.text.split_at_checked(end)?
            }
        };
        self.text = rest;
        Some(s)
    }

    /// Reads one value (with everything inside it).
    fn value(&mut self, depth: usize) -> Option<()> {
        let entry = match take(&mut self.tags)? {
            0 => Entry::Null,
            1 => Entry::Bool(false),
            2 => Entry::Bool(true),
            // A stream holds finite numbers only: JavaScript's others come as foreign values.
            3 => Entry::Number(
                take_bytes(&mut self.nums)
                    .map(f64::from_le_bytes)
                    .filter(|f| f.is_finite())?,
            ),
            4 => Entry::String(self.string()?),
            tag @ (5 | 6) if depth < MAX_DEPTH => {
                let count = self.len()?;
                let object = tag == 6;
                let at = self.entries.len();
                self.entries.push(Entry::Null);
                for _ in 0..count {
                    if object {
                        let name = self.string()?;
                        self.entries.push(Entry::Name(name));
                    }
                    self.value(depth + 1)?;
                }
                let size = u32::try_from(self.entries.len() - at).ok()?;
                *self.entries.get_mut(at)? = if object {
                    Entry::Object { count, size }
                } else {
                    Entry::Array { count, size }
                };
                return Some(());
            }
            7 => {
                let kind = match self.len()? {
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
                Entry::Foreign(Foreign { kind, id })
            }
            _ => return None,
        };
        self.entries.push(entry);
        Some(())
    }
}

/// A value in the flat form, as `npm/encode.js` would write it: for native tests, fuzzing
/// and benchmarks of what the wasm layer reads.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Encoded {
    /// One tag per value.
    pub tags: Vec<u8>,
    /// Lengths, counts and foreign kinds.
    pub lens: Vec<u32>,
    /// The numbers.
    pub nums: Vec<f64>,
    /// Every string and member name, joined.
    pub text: String,
}

impl Encoded {
    /// The flat form of `v`.
    pub fn of(v: &Json) -> Encoded {
        let mut out = Encoded::default();
        out.value(v);
        out
    }

    fn string(&mut self, s: &str) {
        self.lens.push(s.encode_utf16().count() as u32);
        self.text.push_str(s);
    }

    fn value(&mut self, v: &Json) {
        match v {
            Json::Null => self.tags.push(0),
            Json::Bool(b) => self.tags.push(if *b { 2 } else { 1 }),
            Json::Number(n) => match n.as_f64().filter(|f| f.is_finite()) {
                Some(f) => {
                    self.tags.push(3);
                    self.nums.push(f);
                }
                None => {
                    self.tags.push(7);
                    self.lens.push(0);
                }
            },
            Json::String(s) => {
                self.tags.push(4);
                self.string(s);
            }
            Json::Array(items) => {
                self.tags.push(5);
                self.lens.push(items.len() as u32);
                items.iter().for_each(|item| self.value(item));
            }
            Json::Object(members) => {
                self.tags.push(6);
                self.lens.push(members.len() as u32);
                for (k, v) in members {
                    self.string(k);
                    self.value(v);
                }
            }
            Json::Foreign(f) => {
                self.tags.push(7);
                self.lens.push(match f.kind {
                    ForeignKind::NonFiniteNumber => 0,
                    ForeignKind::LoneSurrogate => 1,
                    ForeignKind::BigInt => 2,
                    ForeignKind::Symbol => 3,
                    ForeignKind::Function => 4,
                    ForeignKind::NonPlainObject => 5,
                    ForeignKind::Cycle => 6,
                    ForeignKind::TooDeep => 7,
                    ForeignKind::Unreadable => 8,
                    ForeignKind::TooLarge => 9,
                });
            }
        }
    }

    /// The buffer `npm/encode.js` would pack: header, nums, lens, tags, text.
    pub fn pack(&self) -> Vec<u8> {
        let mut out = Vec::new();
        let counts = [
            self.tags.len(),
            self.lens.len(),
            self.nums.len(),
            self.text.len(),
        ];
        for n in counts {
            out.extend_from_slice(&(n as u32).to_le_bytes());
        }
        self.nums
            .iter()
            .for_each(|f| out.extend_from_slice(&f.to_le_bytes()));
        self.lens
            .iter()
            .for_each(|n| out.extend_from_slice(&n.to_le_bytes()));
        out.extend_from_slice(&self.tags);
        out.extend_from_slice(self.text.as_bytes());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn packed(tags: &[u8], lens: &[u32], nums: &[f64], text: &str) -> Vec<u8> {
        let (tags, lens, nums, text) = (tags.to_vec(), lens.to_vec(), nums.to_vec(), text.into());
        Encoded {
            tags,
            lens,
            nums,
            text,
        }
        .pack()
    }

    fn dec(tags: &[u8], lens: &[u32], nums: &[f64], text: &str) -> Option<Json<'static>> {
        decode(&packed(tags, lens, nums, text)).map(Json::into_owned)
    }

    #[test]
    fn decodes_an_object_with_a_non_ascii_key_and_a_foreign_value() {
        // {"é": [1.5, true], "b": <a Symbol>}
        let json = dec(&[6, 5, 3, 2, 7], &[2, 1, 2, 1, 3], &[1.5], "éb").unwrap();
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
    fn strings_borrow_from_the_buffer_ascii_or_not() {
        for text in ["abcd", "aébc"] {
            // ["a", {"<2 units>": "<rest>"}]
            let rest = (text.encode_utf16().count() - 3) as u32;
            let bytes = packed(&[5, 4, 6, 4], &[2, 1, 1, 2, rest], &[], text);
            let json = decode(&bytes).unwrap();
            let Json::Array(items) = &json else {
                panic!("not an array")
            };
            let Json::Object(members) = &items[1] else {
                panic!("not an object")
            };
            let within = |s: &str| bytes.as_ptr_range().contains(&s.as_ptr());
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
        assert_eq!(dec(&[], &[], &[], ""), None);
        assert_eq!(dec(&[5], &[3], &[], ""), None, "items missing");
        assert_eq!(dec(&[4], &[5], &[], "ab"), None, "text too short");
        assert_eq!(dec(&[3], &[], &[f64::NAN], ""), None);
        assert_eq!(dec(&[3], &[], &[f64::INFINITY], ""), None);
        assert_eq!(dec(&[9], &[], &[], ""), None);
        let deep = vec![5u8; MAX_DEPTH + 1];
        assert_eq!(dec(&deep, &vec![1; MAX_DEPTH + 1], &[], ""), None);
        let fine = vec![5u8; MAX_DEPTH];
        let mut lens = vec![1; MAX_DEPTH];
        lens[MAX_DEPTH - 1] = 0;
        assert!(dec(&fine, &lens, &[], "").is_some(), "128 levels are read");
    }

    /// The header is not trusted: short buffers, counts past the end or overflowing, and
    /// text that is not UTF-8 are malformed, never a panic.
    #[test]
    fn malformed_buffers_are_none() {
        let good = packed(&[4], &[2], &[], "ok");
        assert_eq!(decode(&good), Some(Json::from("ok")));
        for cut in 0..good.len() {
            assert_eq!(decode(&good[..cut]), None, "cut at {cut}");
        }
        for word in 0..4 {
            for bad in [u32::MAX, u32::MAX / 4 + 1, 1 << 30] {
                let mut b = good.clone();
                b[word * 4..word * 4 + 4].copy_from_slice(&bad.to_le_bytes());
                assert_eq!(decode(&b), None, "word {word} = {bad}");
            }
        }
        let mut b = good.clone();
        let last = b.len() - 1;
        b[last] = 0xFF;
        assert_eq!(decode(&b), None, "text not UTF-8");
        // Trailing bytes after the text are ignored, as the encoder's buffer is reused.
        let mut b = good.clone();
        b.extend_from_slice(b"junk");
        assert_eq!(decode(&b), Some(Json::from("ok")));
    }
}
