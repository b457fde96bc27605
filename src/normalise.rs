//! The normaliser (spec §8, §11.11): the canonical document that is sent.
//!
//! It trims every string at a known position, writes normal forms for valid postcodes,
//! NHS numbers and email domains, and removes blank strings and `null`s at known field
//! positions. It never removes array items and never touches unknown fields or
//! `extensions`, so it cannot change the verdict.

use crate::check::is_absent;
use crate::json::Json;
use crate::model::{DocKind, Field, Object, Ty};

/// The normalised form of a document of `kind`.
pub fn normalise(doc: &Json, kind: DocKind) -> Json {
    match doc {
        Json::Object(members) => Json::Object(object(kind.root(), members)),
        other => other.clone(),
    }
}

fn object(obj: &Object, members: &[(String, Json)]) -> Vec<(String, Json)> {
    // How often each declared field's name occurs, counted once for the object, so that a
    // hostile object of 100,000 members costs linear time (it was quadratic).
    let position = |name: &str| obj.fields.iter().position(|f| f.name == name);
    let mut counts = vec![0usize; obj.fields.len()];
    for (name, _) in members {
        if let Some(count) = position(name).and_then(|i| counts.get_mut(i)) {
            *count += 1;
        }
    }
    let repeated = |name: &str| {
        position(name)
            .and_then(|i| counts.get(i))
            .is_some_and(|&n| n > 1)
    };
    let mut out = Vec::with_capacity(members.len());
    for (name, value) in members {
        match obj.field(name) {
            None => out.push((name.clone(), value.clone())),
            // A repeated name keeps every occurrence, so that the second is still reported.
            Some(_) if is_absent(value) && !repeated(name) => {}
            Some(field) => out.push((name.clone(), normal(field, value))),
        }
    }
    out
}

fn normal(field: &Field, value: &Json) -> Json {
    match (&field.ty, value) {
        (Ty::Extensions, v) => v.clone(),
        (Ty::Object(obj), Json::Object(members)) => Json::Object(object(obj, members)),
        (Ty::Array(item), Json::Array(items)) => {
            Json::Array(items.iter().map(|v| normal(item, v)).collect())
        }
        (ty, Json::String(s)) => Json::String(normal_text(ty, s.trim())),
        (_, v) => v.clone(),
    }
}

fn normal_text(ty: &Ty, s: &str) -> String {
    let normal = match ty {
        Ty::Format(format) => {
            let owner = crate::check::formats::owner(*format);
            (owner.check)(s).then(|| (owner.normal)(s)).flatten()
        }
        _ => None,
    };
    normal.unwrap_or_else(|| s.to_owned())
}
