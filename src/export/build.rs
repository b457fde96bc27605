//! Shorthand for building the JSON values the exports write.

use crate::json::Json;

/// A JSON string.
pub fn s(v: &str) -> Json<'static> {
    Json::String(v.to_owned().into())
}

/// A JSON integer.
pub fn n(v: i64) -> Json<'static> {
    Json::Number(v.into())
}

/// A JSON integer from a count.
pub fn count(v: usize) -> Json<'static> {
    Json::Number((v as u64).into())
}

/// A JSON object from members in order.
pub fn obj(members: Vec<(&str, Json<'static>)>) -> Json<'static> {
    Json::Object(
        members
            .into_iter()
            .map(|(k, v)| (k.to_owned().into(), v))
            .collect(),
    )
}
