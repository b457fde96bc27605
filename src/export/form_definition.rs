//! The form definition: what a form renders for a document — fields in order, labels and
//! option labels in one language, limits, and the conditions that show, hide, require or
//! relax them, and how each is asked (`widget`, `order`, `autocomplete`, `input` (the text
//! input's type, `inputmode`, width and spellcheck, from the format's owner), `shownWhen` /
//! `hiddenWhen`, the send button's `actions`; `model/presentation.rs`). Generated from the
//! model; the embeddable form and `attach()` read nothing else about fields.

use super::build::{count, n, obj, s};
use crate::check::formats::Input;
use crate::json::Json;
use crate::model::hints;
use crate::model::presentation;
use crate::model::{
    Cond, DocKind, Equals, Field, Lang, Object, Presence, Ty, LIMITS, LONG_TEXT_MAX, MAX_ITEMS,
    SCHEMA_VERSION, SHORT_TEXT_MAX,
};

/// The definition of a document kind's form in `lang`.
pub fn definition(kind: DocKind, lang: Lang) -> Json<'static> {
    obj(vec![
        ("kind", s(kind.name())),
        ("schemaVersion", s(SCHEMA_VERSION)),
        ("lang", s(lang.as_str())),
        ("fields", fields(kind.root(), "", lang)),
    ])
}

fn fields(o: &Object, prefix: &str, lang: Lang) -> Json<'static> {
    Json::Array(
        o.fields
            .iter()
            .enumerate()
            .map(|(i, f)| field(f, prefix, lang, i))
            .collect(),
    )
}

/// How a form asks for a field: `none` (filled in by the form), `input`, `textarea`,
/// `radios`, `checkboxes` (a list of codes), `tick_box`, `date`, `fieldset` (an object) or
/// `add_another` (a list of text or objects).
fn widget(f: &Field, key: &str) -> &'static str {
    if presentation::filled_by(key).is_some() {
        return "none";
    }
    if presentation::TICK_BOXES.contains(&key) {
        return "tick_box";
    }
    match &f.ty {
        Ty::LongText => "textarea",
        Ty::Code(_) | Ty::Bool => "radios",
        Ty::Confirmation => "tick_box",
        Ty::Format(format) => crate::check::formats::owner(*format).widget,
        Ty::Object(_) => "fieldset",
        Ty::Array(item) if matches!(item.ty, Ty::Code(_)) => "checkboxes",
        Ty::Array(_) => "add_another",
        Ty::Extensions => "none",
        _ => "input",
    }
}

/// The send button's text and the confirmation title for each code of the action field.
fn actions(lang: Lang) -> Json<'static> {
    let text = |key: &str| {
        crate::messages::UI
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, t)| s(t.get(lang)))
            .unwrap_or(Json::Null)
    };
    obj(presentation::ACTION_FIELD
        .1
        .iter()
        .map(|(code, send, sent)| (*code, obj(vec![("send", text(send)), ("sent", text(sent))])))
        .collect())
}

fn cond(c: &Cond) -> Json<'static> {
    let equals = match c.equals {
        Equals::True => Json::Bool(true),
        Equals::Code(code) => s(code),
    };
    obj(vec![("field", s(c.field)), ("equals", equals)])
}

/// The model's key of a path (`/individual/other_names/-` → `individual.other_names[]`).
fn key_of(path: &str) -> String {
    let mut key = String::new();
    for seg in path.split('/').filter(|s| !s.is_empty()) {
        if seg == "-" {
            key.push_str("[]");
        } else {
            if !key.is_empty() {
                key.push('.');
            }
            key.push_str(seg);
        }
    }
    key
}

/// The `type` a form switches on.
fn type_name(ty: &Ty) -> &'static str {
    match ty {
        Ty::ShortText => "short_text",
        Ty::LongText => "long_text",
        Ty::Format(format) => crate::check::formats::owner(*format).form_type,
        Ty::Code(_) => "code",
        Ty::Bool => "boolean",
        Ty::Confirmation => "confirmation",
        Ty::Integer { .. } => "integer",
        Ty::Object(_) => "object",
        Ty::Array(_) => "array",
        Ty::Extensions => "extensions",
    }
}

/// How a form's text input asks for a value of `ty` (`type`, `inputmode`, `width`,
/// `spellcheck`): a format's from its owner, a whole number's, or a line of text's.
fn input(ty: &Ty) -> Json<'static> {
    let hints = match ty {
        Ty::Format(format) => crate::check::formats::owner(*format).input,
        Ty::Integer { .. } => Input::INTEGER,
        _ => Input::TEXT,
    };
    let mut members = vec![("type", s(hints.ty))];
    if let Some(mode) = hints.inputmode {
        members.push(("inputmode", s(mode)));
    }
    if let Some(width) = hints.width {
        members.push(("width", count(width.into())));
    }
    members.push(("spellcheck", Json::Bool(hints.spellcheck)));
    obj(members)
}

fn field(f: &Field, prefix: &str, lang: Lang, index: usize) -> Json<'static> {
    let path = if f.name.is_empty() {
        format!("{prefix}/-")
    } else {
        format!("{prefix}/{}", f.name)
    };
    let required = match f.presence {
        Presence::Optional => Json::Bool(false),
        Presence::Required => Json::Bool(true),
        Presence::RequiredUnless(c) => obj(vec![("unless", cond(&c))]),
        Presence::RequiredWhen(c) => obj(vec![("when", cond(&c))]),
    };
    let mut members = vec![
        ("name", s(f.name)),
        ("path", s(&path)),
        ("type", s(type_name(&f.ty))),
        ("label", s(f.label.get(lang))),
        ("required", required),
    ];
    let key = key_of(&path);
    let widget = widget(f, &key);
    members.push(("widget", s(widget)));
    if let Some(source) = presentation::filled_by(&key) {
        members.push(("filledBy", s(source)));
    }
    members.push(("order", count(presentation::order(&key, index))));
    if widget == "input" {
        members.push(("autocomplete", s(presentation::autocomplete(&key))));
        members.push(("input", input(&f.ty)));
    }
    match f.presence {
        Presence::RequiredWhen(c) => members.push(("shownWhen", cond(&c))),
        Presence::RequiredUnless(c) if !presentation::NEVER_HIDES.contains(&c.field) => {
            members.push(("hiddenWhen", cond(&c)))
        }
        _ => {}
    }
    if key == presentation::ACTION_FIELD.0 {
        members.push(("actions", actions(lang)));
    }
    if let Some(hint) = hints::hint(&key) {
        members.push(("hint", s(hint.get(lang))));
    }
    if let Some(c) = f.relaxed_when {
        members.push(("relaxedWhen", cond(&c)));
    }
    match &f.ty {
        Ty::ShortText => members.push(("maxLength", count(SHORT_TEXT_MAX))),
        Ty::LongText => members.push(("maxLength", count(LONG_TEXT_MAX))),
        Ty::Format(format) => {
            if let Some(max) = (crate::check::formats::owner(*format).max_length)(&LIMITS) {
                members.push(("maxLength", count(max)));
            }
        }
        Ty::Integer { min, max } => {
            members.push(("minimum", n(*min)));
            members.push(("maximum", n(*max)));
        }
        Ty::Code(choices) => members.push((
            "options",
            Json::Array(
                choices
                    .iter()
                    .map(|c| obj(vec![("value", s(c.code)), ("label", s(c.label.get(lang)))]))
                    .collect(),
            ),
        )),
        Ty::Object(o) => members.push(("fields", fields(o, &path, lang))),
        Ty::Array(item) => {
            members.push(("maxItems", count(MAX_ITEMS)));
            members.push(("item", field(item, &path, lang, 0)));
        }
        _ => {}
    }
    obj(members)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find<'a>(fields: &'a Json<'a>, name: &str) -> &'a Json<'a> {
        let Json::Array(items) = fields else {
            panic!("not a list")
        };
        items
            .iter()
            .find(|f| f.get("name").and_then(Json::as_str) == Some(name))
            .unwrap_or_else(|| panic!("no field {name}"))
    }

    #[test]
    fn carries_labels_options_and_conditions_in_the_language_asked() {
        let def = definition(DocKind::Referral, Lang::Cy);
        let fields = def.get("fields").unwrap();
        let referrer = find(fields, "referrer");
        let sector = find(referrer.get("fields").unwrap(), "sector");
        assert_eq!(
            sector.get("label").and_then(Json::as_str),
            Some("Ym mha sector ydych chi'n gweithio?")
        );
        let Some(Json::Array(options)) = sector.get("options") else {
            panic!("no options")
        };
        assert_eq!(options.len(), 9);
        assert_eq!(
            options[0].get("label").and_then(Json::as_str),
            Some("Addysg")
        );
        let organisation = find(referrer.get("fields").unwrap(), "organisation");
        assert_eq!(
            serde_json::to_string(organisation.get("required").unwrap()).unwrap(),
            r#"{"unless":{"field":"sector","equals":"friends_family"}}"#
        );
        let immediate = find(fields, "immediate_risk");
        let submission = find(fields, "submission_type");
        let order = |f: &Json| {
            serde_json::to_string(f.get("order").unwrap())
                .unwrap()
                .parse::<u64>()
                .unwrap()
        };
        assert!(order(immediate) < order(submission));
        assert_eq!(
            find(fields, "referral_id")
                .get("widget")
                .and_then(Json::as_str),
            Some("none")
        );
        assert_eq!(
            find(fields, "referral_id")
                .get("filledBy")
                .and_then(Json::as_str),
            Some("new_id")
        );
        assert!(immediate.get("filledBy").is_none());
        assert_eq!(
            serde_json::to_string(submission.get("actions").unwrap()).unwrap(),
            r#"{"referral":{"send":"Anfon yr atgyfeiriad","sent":"Atgyfeiriad wedi'i anfon"},"advice_request":{"send":"Anfon y cais am gyngor","sent":"Cais am gyngor wedi'i anfon"}}"#
        );
        assert_eq!(
            serde_json::to_string(organisation.get("hiddenWhen").unwrap()).unwrap(),
            r#"{"field":"sector","equals":"friends_family"}"#
        );
        assert_eq!(
            find(referrer.get("fields").unwrap(), "email")
                .get("autocomplete")
                .and_then(Json::as_str),
            Some("email")
        );
        assert_eq!(
            serde_json::to_string(
                find(referrer.get("fields").unwrap(), "email")
                    .get("input")
                    .unwrap()
            )
            .unwrap(),
            r#"{"type":"email","spellcheck":false}"#
        );
        let individual = find(fields, "individual");
        assert!(
            individual.get("hiddenWhen").is_none(),
            "an advice request may still name the person"
        );
        let names = individual.get("fields").unwrap();
        assert_eq!(
            serde_json::to_string(find(names, "approximate_age").get("input").unwrap()).unwrap(),
            r#"{"type":"text","inputmode":"numeric","width":3,"spellcheck":true}"#
        );
        assert_eq!(
            find(names, "name_not_known")
                .get("widget")
                .and_then(Json::as_str),
            Some("tick_box")
        );
        assert_eq!(
            find(names, "given_names")
                .get("autocomplete")
                .and_then(Json::as_str),
            Some("off")
        );
        assert_eq!(
            serde_json::to_string(individual.get("relaxedWhen").unwrap()).unwrap(),
            r#"{"field":"submission_type","equals":"advice_request"}"#
        );
        let other_names = find(individual.get("fields").unwrap(), "other_names");
        assert_eq!(
            other_names.get("hint").and_then(Json::as_str),
            Some("Unrhyw enwau eraill y maent yn eu defnyddio, gan gynnwys enwau blaenorol neu lysenwau")
        );
        assert_eq!(
            other_names
                .get("item")
                .unwrap()
                .get("path")
                .and_then(Json::as_str),
            Some("/individual/other_names/-")
        );
    }
}
