//! JSON Schema (2020-12) files, generated from the model.
//!
//! The schema describes the **normalised** document (spec §8, §10): texts trimmed,
//! postcodes and NHS numbers in normal form, blanks and `null`s removed. Shape and
//! requirements are generated separately so that a relaxed field (the individual in an
//! advice request) can carry its shape always and its requirements only under an `else`.

use super::build::{count, n, obj, s};
use crate::check::{extensions, formats, text};
use crate::json::{Json, Member};
use crate::model::{
    Cond, DocKind, Equals, Field, Object, Presence, Rule, Ty, LIMITS, LONG_TEXT_MAX, MAX_ITEMS,
    SCHEMA_VERSION, SHORT_TEXT_MAX,
};

use super::describe;

fn strings(items: &[&str]) -> Json<'static> {
    Json::Array(items.iter().map(|i| s(i)).collect())
}

/// The `$id` of a kind's schema.
pub fn id(kind: DocKind) -> String {
    format!(
        "urn:prevent-referral:schema:{}:{SCHEMA_VERSION}",
        kind.name()
    )
}

/// The file name under `schemas/`.
pub fn file_name(kind: DocKind) -> String {
    format!("{}-{SCHEMA_VERSION}.schema.json", kind.name())
}

/// The schema as a value.
pub fn schema(kind: DocKind) -> Json<'static> {
    let (title, description) = match kind {
        DocKind::Referral => (
            "Prevent referral document, version 1.0",
            "A referral (or a recorded request for advice) from a partner agency to a police Prevent team, in normalised form: texts trimmed, postcodes and NHS numbers in normal form, email domains in lower case, blank and null fields removed. Rules a JSON Schema cannot state are marked with x- keywords.",
        ),
        DocKind::Feedback => (
            "Prevent referral feedback document, version 1.0",
            "Sent back by the receiving Prevent team so that the referrer hears what happened to a referral. Normalised form, as for the referral document.",
        ),
    };
    let mut members = vec![
        ("$schema", s("https://json-schema.org/draft/2020-12/schema")),
        ("$id", s(&id(kind))),
        ("title", s(title)),
        ("description", s(description)),
    ];
    if kind == DocKind::Referral {
        members.push(("x-unique-member-names", Json::Bool(true)));
    }
    let Json::Object(body) = object(kind.root(), true) else {
        unreachable!("object() builds an object")
    };
    let mut out: Vec<Member<'static>> = members.into_iter().map(|(k, v)| (k.into(), v)).collect();
    out.extend(body);
    Json::Object(out)
}

/// The schema as the exact text of the committed file.
pub fn text(kind: DocKind) -> String {
    let mut out = serde_json::to_string_pretty(&schema(kind)).unwrap_or_default();
    out.push('\n');
    out
}

/// An object's schema: shape, and its requirements when `requirements` is set.
fn object(o: &'static Object, requirements: bool) -> Json<'static> {
    let properties = o
        .fields
        .iter()
        .map(|f| (f.name.into(), property(f, requirements)))
        .collect();
    let mut members = vec![
        ("type", s("object")),
        ("properties", Json::Object(properties)),
    ];
    let mut all_of = shape_rules(o);
    if requirements {
        let req = requirement_parts(o);
        members.extend(req.required);
        all_of.extend(req.all_of);
    }
    members.push(("additionalProperties", Json::Bool(false)));
    if !all_of.is_empty() {
        members.push(("allOf", Json::Array(all_of)));
    }
    obj(members)
}

/// A field's property schema: title, description and the value's shape.
fn property(f: &'static Field, requirements: bool) -> Json<'static> {
    let mut members = vec![
        ("title", s(f.label.en)),
        ("description", s(&describe::sentence(f))),
    ];
    // A relaxed field carries only its shape here; its requirements go under an `else`.
    let inner = requirements && f.relaxed_when.is_none();
    let Json::Object(shape) = value(&f.ty, inner) else {
        unreachable!("value() builds an object")
    };
    let mut out: Vec<Member<'static>> = members.drain(..).map(|(k, v)| (k.into(), v)).collect();
    out.extend(shape);
    Json::Object(out)
}

fn text_schema(max: usize, class: text::TextClass) -> Json<'static> {
    obj(vec![
        ("type", s("string")),
        ("minLength", n(1)),
        ("maxLength", count(max)),
        ("pattern", s(&text::schema_pattern(class))),
    ])
}

/// The schema of a value of type `ty`.
fn value(ty: &'static Ty, requirements: bool) -> Json<'static> {
    match ty {
        Ty::ShortText => text_schema(SHORT_TEXT_MAX, text::TextClass::Short),
        Ty::LongText => text_schema(LONG_TEXT_MAX, text::TextClass::Long),
        Ty::Format(format) => {
            let mut members = vec![("type", s("string"))];
            members.extend((formats::owner(*format).schema)(&LIMITS));
            obj(members)
        }
        Ty::Code(choices) => {
            let codes: Vec<&str> = choices.iter().map(|c| c.code).collect();
            obj(vec![("type", s("string")), ("enum", strings(&codes))])
        }
        Ty::Bool => obj(vec![("type", s("boolean"))]),
        Ty::Confirmation => obj(vec![("type", s("boolean")), ("const", Json::Bool(true))]),
        Ty::Integer { min, max } => obj(vec![
            ("type", s("integer")),
            ("minimum", n(*min)),
            ("maximum", n(*max)),
        ]),
        Ty::Object(o) => object(o, requirements),
        Ty::Array(item) => {
            let mut members = vec![
                ("type", s("array")),
                ("maxItems", count(MAX_ITEMS)),
                ("items", value(&item.ty, requirements)),
            ];
            if matches!(item.ty, Ty::Code(_)) {
                members.push(("uniqueItems", Json::Bool(true)));
            }
            obj(members)
        }
        Ty::Extensions => obj(vec![
            ("type", s("object")),
            (
                "propertyNames",
                obj(vec![("pattern", s(extensions::PATTERN))]),
            ),
        ]),
    }
}

/// Rules that hold whatever the submission type: fields that must not both be given.
fn shape_rules(o: &Object) -> Vec<Json<'static>> {
    o.rules
        .iter()
        .filter_map(|r| match r {
            Rule::NotBoth { first, second } => Some(obj(vec![(
                "not",
                obj(vec![("required", strings(&[first, second]))]),
            )])),
            _ => None,
        })
        .collect()
}

fn holds(c: &Cond) -> Json<'static> {
    let value = match c.equals {
        Equals::True => obj(vec![("const", Json::Bool(true))]),
        Equals::Code(code) => obj(vec![("const", s(code))]),
    };
    obj(vec![
        ("properties", obj(vec![(c.field, value)])),
        ("required", strings(&[c.field])),
    ])
}

struct Requirements {
    /// `required: [...]` if any field is always required.
    required: Vec<(&'static str, Json<'static>)>,
    /// Conditional requirements and at-least-one rules.
    all_of: Vec<Json<'static>>,
}

/// The requirements of an object, and of everything beneath it that is not relaxed.
fn requirement_parts(o: &'static Object) -> Requirements {
    let always: Vec<&str> = o
        .fields
        .iter()
        .filter(|f| matches!(f.presence, Presence::Required))
        .map(|f| f.name)
        .collect();
    // Conditions in first-seen order, each with (required unless, required when, relaxed).
    type Group = (
        Cond,
        Vec<&'static str>,
        Vec<&'static str>,
        Vec<&'static Field>,
    );
    fn entry(groups: &mut Vec<Group>, c: Cond) -> &mut Group {
        let i = match groups.iter().position(|g| g.0 == c) {
            Some(i) => i,
            None => {
                groups.push((c, Vec::new(), Vec::new(), Vec::new()));
                groups.len() - 1
            }
        };
        &mut groups[i]
    }
    let mut by_cond: Vec<Group> = Vec::new();
    for f in o.fields {
        match f.presence {
            Presence::RequiredUnless(c) => entry(&mut by_cond, c).1.push(f.name),
            Presence::RequiredWhen(c) => entry(&mut by_cond, c).2.push(f.name),
            _ => {}
        }
        if let Some(c) = f.relaxed_when {
            entry(&mut by_cond, c).3.push(f);
        }
    }
    let mut all_of = Vec::new();
    for (c, unless, when, relaxed) in by_cond {
        let mut members = vec![("if", holds(&c))];
        if !when.is_empty() {
            members.push(("then", obj(vec![("required", strings(&when))])));
        }
        let mut otherwise = Vec::new();
        if !unless.is_empty() {
            otherwise.push(("required", strings(&unless)));
        }
        if !relaxed.is_empty() {
            let props = relaxed
                .iter()
                .filter_map(|f| nested_requirements(&f.ty).map(|r| (f.name.into(), r)))
                .collect();
            otherwise.push(("properties", Json::Object(props)));
        }
        if !otherwise.is_empty() {
            members.push(("else", obj(otherwise)));
        }
        all_of.push(obj(members));
    }
    for r in o.rules {
        if let Rule::AtLeastOne { fields, .. } = r {
            let options = fields
                .iter()
                .map(|f| obj(vec![("required", strings(&[f]))]))
                .collect();
            all_of.push(obj(vec![("anyOf", Json::Array(options))]));
        }
    }
    Requirements {
        required: if always.is_empty() {
            vec![]
        } else {
            vec![("required", strings(&always))]
        },
        all_of,
    }
}

/// Only the requirements of a value (for a relaxed field's `else` branch).
fn nested_requirements(ty: &'static Ty) -> Option<Json<'static>> {
    match ty {
        Ty::Object(o) => {
            let req = requirement_parts(o);
            let props: Vec<Member<'static>> = o
                .fields
                .iter()
                .filter_map(|f| nested_requirements(&f.ty).map(|r| (f.name.into(), r)))
                .collect();
            let mut members = req.required;
            if !props.is_empty() {
                members.push(("properties", Json::Object(props)));
            }
            if !req.all_of.is_empty() {
                members.push(("allOf", Json::Array(req.all_of)));
            }
            // The type restates the property's own; Ajv's strict mode (strictTypes) asks for
            // it next to `properties`, `required` and `items`.
            (!members.is_empty()).then(|| {
                members.insert(0, ("type", s("object")));
                obj(members)
            })
        }
        Ty::Array(item) => {
            nested_requirements(&item.ty).map(|r| obj(vec![("type", s("array")), ("items", r)]))
        }
        _ => None,
    }
}

/// Every `x-` annotation used, with what it means: the rules JSON Schema cannot state.
pub const ANNOTATIONS: &[(&str, &str)] = &[
    (
        "x-real-calendar-day",
        "The date must be a real calendar day (no 30 February; 29 February only in leap years). The pattern only checks digits and ranges.",
    ),
    (
        "x-not-after-referral-date",
        "The date (for a partial date, its first day) must not be after the referral date: the calendar date of `created_at` in its own offset.",
    ),
    (
        "x-nhs-check-digit",
        "The tenth digit must be the modulus-11 check digit of the first nine (spec 7.4).",
    ),
    (
        "x-unique-member-names",
        "No object in the JSON text may repeat a member name; parsers silently keep one value, so only a validator that reads the text can see it.",
    ),
];
