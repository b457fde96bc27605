//! What the validator sees of a JSON value, whichever way the value is held: a [`Json`]
//! tree (parsed text, natively) or a [`flat::Flat`](super::flat::Flat) document (a
//! JavaScript value as `npm/encode.js` packs it, in wasm), which is validated where it lies
//! instead of being rebuilt as a tree first (docs/decisions/0008).
//!
//! The validator is written once, over [`Value`]; each holder says what its values are.

use super::{Foreign, Json, Member};

/// One value as the validator sees it.
pub enum Node<'a, V: Value<'a>> {
    /// `null` (or `undefined` in JavaScript).
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number as the nearest double: an infinity outside the double range, `NaN` never
    /// (spec §11.16).
    Number(f64),
    /// A string.
    String(&'a str),
    /// An array's items, in order.
    Array(V::Items),
    /// An object's members, in input order, repeats kept.
    Object(V::Members),
    /// A value JSON cannot hold.
    Foreign(Foreign),
}

/// A handle on one value of a document: cheap to copy, and read through [`Value::node`].
pub trait Value<'a>: Copy + 'a {
    /// The items of an array.
    type Items: ExactSizeIterator<Item = Self> + Clone;
    /// The members (name, value) of an object.
    type Members: ExactSizeIterator<Item = (&'a str, Self)> + Clone;

    /// What this value is.
    fn node(self) -> Node<'a, Self>;

    /// The string, if this is a string.
    fn as_str(self) -> Option<&'a str> {
        match self.node() {
            Node::String(s) => Some(s),
            _ => None,
        }
    }
}

/// The member iterator of a [`Json`] object.
pub type JsonMembers<'a> =
    std::iter::Map<std::slice::Iter<'a, Member<'a>>, fn(&'a Member<'a>) -> (&'a str, &'a Json<'a>)>;

fn member<'a>((name, value): &'a Member<'a>) -> (&'a str, &'a Json<'a>) {
    (name, value)
}

impl<'a> Value<'a> for &'a Json<'a> {
    type Items = std::slice::Iter<'a, Json<'a>>;
    type Members = JsonMembers<'a>;

    fn node(self) -> Node<'a, Self> {
        match self {
            Json::Null => Node::Null,
            Json::Bool(b) => Node::Bool(*b),
            Json::Number(n) => Node::Number(n.as_f64().unwrap_or(f64::NAN)),
            Json::String(s) => Node::String(s),
            Json::Array(items) => Node::Array(items.iter()),
            Json::Object(members) => Node::Object(members.iter().map(member as fn(_) -> _)),
            Json::Foreign(f) => Node::Foreign(*f),
        }
    }
}
