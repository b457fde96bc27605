//! The normaliser (spec §8, §11.11): the canonical document that is sent.
//!
//! It trims every string at a known position, writes normal forms for valid postcodes,
//! NHS numbers and email domains, and removes blank strings and `null`s at known field
//! positions. It never removes array items and never touches unknown fields or
//! `extensions`, so it cannot change the verdict.

use std::borrow::Cow;

use crate::check::is_absent;
use crate::json::{Json, Member};
use crate::model::{DocKind, Field, Object, Ty};

/// The normalised form of a document of `kind`. Its strings borrow from `doc`'s text where
/// `doc`'s do, so that a parsed document normalises without copying its strings.
pub fn normalise<'a>(doc: &Json<'a>, kind: DocKind) -> Json<'a> {
    match doc {
        Json::Object(members) => Json::Object(object(kind.root(), members)),
        other => other.clone(),
    }
}

fn object<'a>(obj: &Object, members: &[Member<'a>]) -> Vec<Member<'a>> {
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

fn normal<'a>(field: &Field, value: &Json<'a>) -> Json<'a> {
    match (&field.ty, value) {
        (Ty::Extensions, v) => v.clone(),
        (Ty::Object(obj), Json::Object(members)) => Json::Object(object(obj, members)),
        (Ty::Array(item), Json::Array(items)) => {
            Json::Array(items.iter().map(|v| normal(item, v)).collect())
        }
        (ty, Json::String(s)) => Json::String(normal_text(ty, s)),
        (_, v) => v.clone(),
    }
}

/// The normal form of a string: trimmed, and written in its format's normal form if it
/// has one and is valid. Still borrowed if `s` was and only trimming applied.
fn normal_text<'a>(ty: &Ty, s: &Cow<'a, str>) -> Cow<'a, str> {
    let trimmed = s.trim();
    let normal = match ty {
        Ty::Format(format) => {
            let owner = crate::check::formats::owner(*format);
            (owner.check)(trimmed)
                .then(|| (owner.normal)(trimmed))
                .flatten()
        }
        _ => None,
    };
    match (normal, s) {
        (Some(n), _) => Cow::Owned(n),
        (None, Cow::Borrowed(b)) => Cow::Borrowed(b.trim()),
        (None, Cow::Owned(_)) => Cow::Owned(trimmed.to_owned()),
    }
}
