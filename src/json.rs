//! The JSON value the validator walks.
//!
//! Unlike `serde_json::Value` it keeps members in input order and keeps a repeated member
//! name as a second entry, so that the validator can report it (spec §11.12) instead of a
//! parser silently keeping the first or the last value.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

pub mod flat;
mod number;
mod parser;
pub mod view;

pub use number::Number;

/// A JSON value. Objects are a list of members in input order; a repeated name appears twice.
///
/// Strings and member names borrow from the text they were read from where they can
/// (`Cow::Borrowed`: [`parse`] when a string has no escape, [`flat::decode`] always), so
/// that reading a document allocates no string; [`Json::into_owned`] detaches a value.
#[derive(Debug, Clone, PartialEq)]
pub enum Json<'a> {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// Any JSON number, its text kept as written (spec §11.15).
    Number(Number),
    /// A string.
    String(Cow<'a, str>),
    /// An array.
    Array(Vec<Json<'a>>),
    /// An object, members in input order, repeats kept.
    Object(Vec<Member<'a>>),
    /// A value JSON cannot hold, met when reading a JavaScript value (a function, a Symbol,
    /// a BigInt, a `Map`, a cycle…). Never produced by [`parse`]. The validator reports it
    /// as `type` wherever it stands; the normaliser keeps it as it is.
    Foreign(Foreign),
}

/// A value JSON cannot hold, and an id by which the caller can find the original again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Foreign {
    /// What it is.
    pub kind: ForeignKind,
    /// The caller's index of the original value (the wasm layer keeps the `JsValue`s).
    pub id: u32,
}

/// The kinds of value JSON cannot hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ForeignKind {
    /// A function.
    Function,
    /// A Symbol.
    Symbol,
    /// A BigInt.
    BigInt,
    /// `NaN` or an infinity.
    NonFiniteNumber,
    /// An object that is not a plain object or array (`Map`, `Set`, `Date`, a class instance).
    NonPlainObject,
    /// An object or array that contains itself.
    Cycle,
    /// Nesting deeper than [`MAX_DEPTH`]. The wasm layer gives it only as the whole
    /// document, so that a too-deep value is refused as [`parse`] refuses it (spec §11.16).
    TooDeep,
    /// A property whose getter threw.
    Unreadable,
    /// A string holding a lone UTF-16 surrogate (reported as `invalid_characters` where
    /// text is expected).
    LoneSurrogate,
    /// More than [`MAX_VALUES`] values. The wasm layer gives it only as the whole document.
    TooLarge,
}

/// The deepest nesting of arrays and objects that [`parse`] (and the wasm layer) accepts:
/// 128 levels are read, 129 are refused.
pub const MAX_DEPTH: usize = 128;

/// The most values (`null`s, booleans, numbers, strings, arrays and objects, the document
/// itself included; member names are not counted) that one document may hold. A referral
/// holds a few hundred; the bound makes the work any input can cause linear in a known
/// size, in [`parse`] and in the wasm layer alike (where shared references could otherwise
/// multiply it).
pub const MAX_VALUES: usize = 1_000_000;

/// One member of an object: its name and its value.
pub type Member<'a> = (Cow<'a, str>, Json<'a>);

impl<'a> Json<'a> {
    /// The first member called `key`, if this is an object that has one.
    pub fn get(&self, key: &str) -> Option<&Json<'a>> {
        match self {
            Json::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The string, if this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    /// The same value owning all its strings, so that it outlives the text it was read from.
    pub fn into_owned(self) -> Json<'static> {
        match self {
            Json::Null => Json::Null,
            Json::Bool(b) => Json::Bool(b),
            Json::Number(n) => Json::Number(n),
            Json::String(s) => Json::String(Cow::Owned(s.into_owned())),
            Json::Array(items) => Json::Array(items.into_iter().map(Json::into_owned).collect()),
            Json::Object(members) => Json::Object(
                members
                    .into_iter()
                    .map(|(k, v)| (Cow::Owned(k.into_owned()), v.into_owned()))
                    .collect(),
            ),
            Json::Foreign(f) => Json::Foreign(f),
        }
    }
}

impl<'a> From<&'a str> for Json<'a> {
    /// A string borrowing `s`.
    fn from(s: &'a str) -> Json<'a> {
        Json::String(Cow::Borrowed(s))
    }
}

impl From<String> for Json<'static> {
    /// A string owning `s`.
    fn from(s: String) -> Json<'static> {
        Json::String(Cow::Owned(s))
    }
}

/// Why a text could not be read as one JSON document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    /// Nothing but white space.
    Empty,
    /// Not UTF-8; the offset of the first bad byte.
    NotUtf8 {
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// Arrays and objects nested deeper than [`MAX_DEPTH`].
    TooDeep,
    /// More than [`MAX_VALUES`] values.
    TooLarge,
    /// Not JSON; what was wrong, with line and column.
    Syntax(String),
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Empty => f.write_str("the input is empty; expected one JSON document"),
            ParseError::NotUtf8 { offset } => {
                write!(f, "not UTF-8 text (invalid byte at offset {offset})")
            }
            ParseError::TooDeep => write!(
                f,
                "arrays and objects are nested more than {MAX_DEPTH} levels deep; a referral is never that deep"
            ),
            ParseError::TooLarge => write!(
                f,
                "the document holds more than {MAX_VALUES} values; a referral is never that large"
            ),
            ParseError::Syntax(msg) => write!(f, "not valid JSON: {msg}"),
        }
    }
}

impl std::error::Error for ParseError {}

/// Reads one JSON document from bytes. A leading UTF-8 byte-order mark is ignored.
pub fn parse(bytes: &[u8]) -> Result<Json<'_>, ParseError> {
    let text = std::str::from_utf8(bytes).map_err(|e| ParseError::NotUtf8 {
        offset: e.valid_up_to(),
    })?;
    parse_str(text)
}

/// Reads one JSON document (RFC 8259) from text. A leading byte-order mark is ignored.
/// Nesting is bounded by [`MAX_DEPTH`] and size by [`MAX_VALUES`], both counted while
/// reading; numbers keep their text. Strings without escapes borrow from `text`.
pub fn parse_str(text: &str) -> Result<Json<'_>, ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ParseError::Empty);
    }
    parser::parse(text)
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json<'static>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Json<'static>, E> {
        Ok(Json::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Json<'static>, E> {
        Ok(Json::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Json<'static>, E> {
        Ok(Json::Number(v.into()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Json<'static>, E> {
        Number::from_f64(v)
            .map(Json::Number)
            .ok_or_else(|| E::custom("number out of range"))
    }
    fn visit_str<E>(self, v: &str) -> Result<Json<'static>, E> {
        Ok(Json::String(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E>(self, v: String) -> Result<Json<'static>, E> {
        Ok(Json::String(Cow::Owned(v)))
    }
    fn visit_unit<E>(self) -> Result<Json<'static>, E> {
        Ok(Json::Null)
    }
    fn visit_none<E>(self) -> Result<Json<'static>, E> {
        Ok(Json::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Json<'static>, D::Error> {
        Json::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json<'static>, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json<'static>, A::Error> {
        let mut members = Vec::with_capacity(map.size_hint().unwrap_or(0).min(64));
        while let Some((k, v)) = map.next_entry::<String, Json<'static>>()? {
            members.push((Cow::Owned(k), v));
        }
        Ok(Json::Object(members))
    }
}

/// Reading through serde (any format) has serde's limits; [`parse`] is the reader with this
/// crate's ([`MAX_DEPTH`], [`MAX_VALUES`], numbers kept as text). The value owns its strings.
impl<'de> Deserialize<'de> for Json<'static> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Json<'static>, D::Error> {
        d.deserialize_any(JsonVisitor)
    }
}

impl Serialize for Json<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            // Not JSON: written as null; the wasm layer puts the original back.
            Json::Null | Json::Foreign(_) => s.serialize_unit(),
            Json::Bool(b) => s.serialize_bool(*b),
            Json::Number(n) => n.serialize(s),
            Json::String(v) => s.serialize_str(v),
            Json::Array(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Json::Object(members) => {
                let mut map = s.serialize_map(Some(members.len()))?;
                for (k, v) in members {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

impl<'a> From<&'a serde_json::Value> for Json<'a> {
    /// Strings borrow from `v`.
    fn from(v: &'a serde_json::Value) -> Json<'a> {
        match v {
            serde_json::Value::Null => Json::Null,
            serde_json::Value::Bool(b) => Json::Bool(*b),
            serde_json::Value::Number(n) => Json::Number(Number::from(n)),
            serde_json::Value::String(s) => Json::String(Cow::Borrowed(s)),
            serde_json::Value::Array(a) => Json::Array(a.iter().map(Json::from).collect()),
            serde_json::Value::Object(o) => Json::Object(
                o.iter()
                    .map(|(k, v)| (Cow::Borrowed(k.as_str()), Json::from(v)))
                    .collect(),
            ),
        }
    }
}

impl From<&Json<'_>> for serde_json::Value {
    /// A repeated member name keeps its last value, as serde_json does; a number outside
    /// the range of a double (`1e400`) becomes `null`.
    fn from(v: &Json<'_>) -> serde_json::Value {
        match v {
            Json::Null | Json::Foreign(_) => serde_json::Value::Null,
            Json::Bool(b) => serde_json::Value::Bool(*b),
            Json::Number(n) => n
                .to_serde()
                .map_or(serde_json::Value::Null, serde_json::Value::Number),
            Json::String(s) => serde_json::Value::String(s.to_string()),
            Json::Array(a) => serde_json::Value::Array(a.iter().map(Into::into).collect()),
            Json::Object(o) => serde_json::Value::Object(
                o.iter()
                    .map(|(k, v)| (k.to_string(), serde_json::Value::from(v)))
                    .collect(),
            ),
        }
    }
}

/// Appends `/token` to a JSON Pointer, escaping `~` and `/` (RFC 6901).
pub fn push_token(pointer: &mut String, token: &str) {
    pointer.push('/');
    if !token.contains(['~', '/']) {
        pointer.push_str(token);
        return;
    }
    for c in token.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_repeated_members_in_order() {
        let doc = parse_str(r#"{"a": 1, "b": 2, "a": 3}"#).unwrap();
        let Json::Object(members) = doc else {
            panic!("not an object")
        };
        let keys: Vec<&str> = members.iter().map(|(k, _)| k.as_ref()).collect();
        assert_eq!(keys, ["a", "b", "a"]);
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let text = "[".repeat(100_000) + &"]".repeat(100_000);
        assert_eq!(parse_str(&text), Err(ParseError::TooDeep));
    }

    #[test]
    fn empty_bom_and_bad_utf8_get_clear_errors() {
        assert_eq!(parse(b"  \n"), Err(ParseError::Empty));
        assert_eq!(parse(b"\xEF\xBB\xBF{}"), Ok(Json::Object(vec![])));
        assert_eq!(
            parse(b"{\"a\": \"\xff\"}"),
            Err(ParseError::NotUtf8 { offset: 7 })
        );
        assert!(matches!(parse(b"{} x"), Err(ParseError::Syntax(_))));
    }

    #[test]
    fn pointer_tokens_are_escaped() {
        let mut p = String::from("/extensions");
        push_token(&mut p, "a/b~c");
        assert_eq!(p, "/extensions/a~1b~0c");
    }

    #[test]
    fn round_trips_through_serialisation() {
        let text = r#"{"b":[1,2.5,"x",null,true],"a":{"c":-3},"b":false}"#;
        let doc = parse_str(text).unwrap();
        assert_eq!(serde_json::to_string(&doc).unwrap(), text);
    }
}
