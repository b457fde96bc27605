//! The wasm bindings, run by wasm-bindgen-test in Node and in headless Chromium
//! (`make test-wasm`): every conformance fixture through the exported functions, exactly
//! as JavaScript calls them, and hostile values that must never throw or break the module.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Reflect, JSON};
use prevent_referral::wasm::{
    form_definition_js, messages_js, normalise_js, schema_js, validate_feedback_js, validate_js,
    version_js,
};
use prevent_referral::{parse_str, Json};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

/// Every fixture file; `tests/conformance.rs` checks this list is complete.
const FIXTURES: &[(&str, &str)] = &[
    (
        "advice_request",
        include_str!("conformance/advice_request.json"),
    ),
    ("arrays", include_str!("conformance/arrays.json")),
    ("concern", include_str!("conformance/concern.json")),
    ("conditions", include_str!("conformance/conditions.json")),
    ("dates", include_str!("conformance/dates.json")),
    ("duplicates", include_str!("conformance/duplicates.json")),
    ("email", include_str!("conformance/email.json")),
    ("examples", include_str!("conformance/examples.json")),
    ("extensions", include_str!("conformance/extensions.json")),
    ("feedback", include_str!("conformance/feedback.json")),
    ("individual", include_str!("conformance/individual.json")),
    ("limits", include_str!("conformance/limits.json")),
    ("nhs_number", include_str!("conformance/nhs_number.json")),
    ("normalise", include_str!("conformance/normalise.json")),
    ("ordering", include_str!("conformance/ordering.json")),
    ("phone", include_str!("conformance/phone.json")),
    ("postcode", include_str!("conformance/postcode.json")),
    ("referrer", include_str!("conformance/referrer.json")),
    ("required", include_str!("conformance/required.json")),
    ("sharing", include_str!("conformance/sharing.json")),
    ("text", include_str!("conformance/text.json")),
    ("top_level", include_str!("conformance/top_level.json")),
    ("types", include_str!("conformance/types.json")),
    (
        "unknown_fields",
        include_str!("conformance/unknown_fields.json"),
    ),
    ("warnings", include_str!("conformance/warnings.json")),
];

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn list(v: &JsValue) -> Vec<JsValue> {
    v.clone()
        .dyn_into::<Array>()
        .map(|a| a.to_vec())
        .unwrap_or_default()
}

/// `[(path, code)]` of a report's or a fixture's issue list.
fn pairs(v: &JsValue) -> Vec<(String, String)> {
    list(v)
        .iter()
        .map(|i| {
            (
                get(i, "path").as_string().unwrap_or_default(),
                get(i, "code").as_string().unwrap_or_default(),
            )
        })
        .collect()
}

fn options(lang: &str) -> JsValue {
    let o = js_sys::Object::new();
    Reflect::set(&o, &"lang".into(), &lang.into()).unwrap();
    o.into()
}

#[wasm_bindgen_test]
fn every_fixture_passes_through_the_javascript_api() {
    let (mut run, mut text_only) = (0, 0);
    let mut failures = Vec::new();
    for (file, text) in FIXTURES {
        let groups = JSON::parse(text).expect("fixture is JSON");
        for group in list(&groups) {
            let feedback = get(&group, "kind").as_string().as_deref() == Some("feedback");
            for case in list(&get(&group, "tests")) {
                let name = format!(
                    "{file}: {} / {}",
                    get(&group, "description").as_string().unwrap_or_default(),
                    get(&case, "description").as_string().unwrap_or_default()
                );
                let expected = (
                    Some(get(&case, "valid").as_bool().unwrap_or(false)),
                    pairs(&get(&case, "errors")),
                    pairs(&get(&case, "warnings")),
                );
                if let Some(raw) = get(&case, "document_text").as_string() {
                    // A JS object cannot repeat a member name; check the core in wasm instead.
                    text_only += 1;
                    let doc = parse_str(&raw).unwrap_or(Json::Null);
                    let report = if feedback {
                        prevent_referral::validate_feedback(&doc, prevent_referral::Lang::En)
                    } else {
                        prevent_referral::validate(&doc, prevent_referral::Lang::En)
                    };
                    let errors: Vec<_> = report
                        .errors
                        .iter()
                        .map(|i| (i.path.clone(), i.code.as_str().to_owned()))
                        .collect();
                    if errors != expected.1 {
                        failures.push(format!("{name}: {errors:?} != {:?}", expected.1));
                    }
                    continue;
                }
                run += 1;
                let doc = get(&case, "document");
                for lang in ["en", "cy"] {
                    let report = if feedback {
                        validate_feedback_js(doc.clone(), options(lang))
                    } else {
                        validate_js(doc.clone(), options(lang))
                    };
                    let got = (
                        // A report without a boolean `valid` is a failure, never a pass.
                        get(&report, "valid").as_bool(),
                        pairs(&get(&report, "errors")),
                        pairs(&get(&report, "warnings")),
                    );
                    if got != expected {
                        failures.push(format!(
                            "{name} [{lang}]: got {got:?}, expected {expected:?}"
                        ));
                    }
                }
                let normalised = get(&case, "normalised");
                if !feedback && !normalised.is_undefined() {
                    let got = JSON::stringify(&normalise_js(doc.clone())).ok();
                    let want = JSON::stringify(&normalised).ok();
                    if got.map(String::from) != want.map(String::from) {
                        failures.push(format!("{name}: normalise differs"));
                    }
                }
            }
        }
    }
    assert!(run > 700, "only {run} cases ran through the JS API");
    assert!(text_only > 0);
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[wasm_bindgen(inline_js = r#"
export function hostile() {
  const base = {
    schema_version: "1.0", referral_id: "c0a8012e-7d4b-4f6a-9e21-3b5c7d9f1a2b",
    submission_type: "advice_request", language: "en", created_at: "2026-11-20T10:15:00Z",
    immediate_risk: false,
    referrer: { full_name: "A B", sector: "friends_family", relationship_to_individual: "friend", phone: "07700 900123" },
    concern: { description: "x".repeat(60), how_identified: "Seen at school." },
  };
  const cyclic = structuredClone(base); cyclic.referrer.self = cyclic;
  const deep = structuredClone(base); let cur = deep.extensions = {}; cur["uk.x"] = {};
  cur = cur["uk.x"]; for (let i = 0; i < 100000; i++) { cur.a = {}; cur = cur.a; }
  const getter = structuredClone(base);
  Object.defineProperty(getter.referrer, "full_name", { enumerable: true, get() { throw new Error("no"); } });
  const revoked = Proxy.revocable({}, {}); revoked.revoke();
  const sparse = structuredClone(base); sparse.concern.indicators = new Array(4294967295);
  return [
    ["function", () => 1, "", "type"],
    ["undefined", undefined, "", "type"],
    ["symbol", Symbol("s"), "", "type"],
    ["bigint", 10n, "", "type"],
    ["map", new Map([["schema_version", "1.0"]]), "", "type"],
    ["date", new Date(), "", "type"],
    ["string", "{}", "", "type"],
    ["revoked proxy", revoked.proxy, "", "type"],
    ["function field", { ...base, immediate_risk: () => true }, "/immediate_risk", "type"],
    ["bigint field", { ...base, immediate_risk: 1n }, "/immediate_risk", "type"],
    ["NaN age", { ...base, individual: { approximate_age: NaN } }, "/individual/approximate_age", "type"],
    ["map field", { ...base, referrer: new Map() }, "/referrer", "type"],
    ["undefined in a list", { ...base, concern: { ...base.concern, indicators: [undefined] } }, "/concern/indicators/0", "required"],
    ["cycle", cyclic, "/referrer/self", "unknown_field"],
    ["throwing getter", getter, "/referrer/full_name", "type"],
    ["lone surrogate", { ...base, language: "e\ud800" }, "/language", "invalid_characters"],
    ["10 MB string", { ...base, concern: { ...base.concern, description: "y".repeat(10_000_000) } }, "/concern/description", "too_long"],
    // Deeper than 128 levels, or more than 1,000,000 values: the whole document is refused,
    // as the native reader refuses its text (spec §11.16).
    ["100,000-deep nesting", deep, "", "type"],
    ["__proto__ key", JSON.parse('{"__proto__": {"a": 1}}'), "/schema_version", "required"],
    ["constructor key", { ...base, constructor: 1 }, "/constructor", "unknown_field"],
    ["sparse 4-billion list", sparse, "", "type"],
  ];
}
export function validBase() { return hostile()[8][1] && { ...hostile()[8][1], immediate_risk: false }; }
"#)]
extern "C" {
    fn hostile() -> Array;
    #[wasm_bindgen(js_name = validBase)]
    fn valid_base() -> JsValue;
}

#[wasm_bindgen_test]
fn hostile_values_are_reported_never_thrown_and_the_module_keeps_working() {
    let base = valid_base();
    assert_eq!(
        get(&validate_js(base.clone(), JsValue::UNDEFINED), "valid"),
        JsValue::TRUE
    );
    for case in hostile().to_vec() {
        let case = list(&case);
        let name = case[0].as_string().unwrap();
        let (path, code) = (case[2].as_string().unwrap(), case[3].as_string().unwrap());
        let report = validate_js(case[1].clone(), JsValue::UNDEFINED);
        let errors = pairs(&get(&report, "errors"));
        assert!(
            errors.contains(&(path.clone(), code.clone())),
            "{name}: expected {code} at {path}, got {errors:?}"
        );
        // Normalising it does not throw either, and the next ordinary call still works.
        let _ = normalise_js(case[1].clone());
        assert_eq!(
            get(&validate_js(base.clone(), JsValue::UNDEFINED), "valid"),
            JsValue::TRUE,
            "after {name}"
        );
    }
}

#[wasm_bindgen_test]
fn normalise_gives_back_values_json_cannot_hold_and_own_proto_keys() {
    let doc = JSON::parse(r#"{"__proto__": {"x": 1}, "schema_version": " 1.0 "}"#).unwrap();
    let out = normalise_js(doc);
    let proto = js_sys::Object::get_prototype_of(&out);
    let plain = js_sys::Object::get_prototype_of(&js_sys::Object::new());
    assert!(
        JsValue::from(proto) == JsValue::from(plain),
        "the prototype was replaced"
    );
    assert_eq!(get(&out, "schema_version"), JsValue::from_str("1.0"));
    let keys = js_sys::Object::keys(out.unchecked_ref::<js_sys::Object>());
    assert_eq!(keys.length(), 2);
}

/// `limits.json` is given as text (a fixture file would nest its documents too deep); these
/// documents repeat no name, so JSON.parse gives the same document: it must get the same
/// report from the JavaScript API as from the core (spec §11.16: 1e400 is Infinity in JS).
#[wasm_bindgen_test]
fn limits_fixtures_through_json_parse_and_the_javascript_api() {
    let groups = JSON::parse(include_str!("conformance/limits.json")).expect("fixture is JSON");
    let mut run = 0;
    for group in list(&groups) {
        for case in list(&get(&group, "tests")) {
            let doc = match get(&case, "document_text").as_string() {
                Some(text) => JSON::parse(&text).expect("document_text is JSON"),
                None => get(&case, "document"),
            };
            let report = validate_js(doc, JsValue::UNDEFINED);
            assert_eq!(
                pairs(&get(&report, "errors")),
                pairs(&get(&case, "errors")),
                "{:?}",
                get(&case, "description").as_string()
            );
            run += 1;
        }
    }
    assert!(run >= 10);
}

/// wasm_trap_on_misuse: `schema(Symbol())`, `messages(Symbol())`, `formDefinition(123)`
/// trapped with "memory access out of bounds" in the generated glue for `&str`.
#[wasm_bindgen_test]
fn non_string_arguments_give_undefined_or_the_default() {
    for bad in [
        JsValue::symbol(None),
        JsValue::from_f64(123.0),
        JsValue::NULL,
        JsValue::UNDEFINED,
        js_sys::Object::new().into(),
    ] {
        assert!(schema_js(bad.clone()).is_undefined());
        assert_eq!(
            get(&messages_js(bad.clone()), "lang"),
            JsValue::from_str("en")
        );
        let fields = list(&get(&form_definition_js(bad), "fields"));
        assert!(!fields.is_empty());
    }
}

#[wasm_bindgen_test]
fn schema_messages_form_definition_and_version() {
    let schema = schema_js("referral".into());
    assert_eq!(
        get(&schema, "$id"),
        JsValue::from_str("urn:prevent-referral:schema:referral:1.0")
    );
    assert!(schema_js("nope".into()).is_undefined());
    assert_eq!(
        get(&get(&messages_js("cy".into()), "ui"), "errorSummaryTitle"),
        JsValue::from_str("Mae problem wedi codi")
    );
    let fields = list(&get(&form_definition_js("en".into()), "fields"));
    assert_eq!(get(&fields[0], "name"), JsValue::from_str("schema_version"));
    assert_eq!(version_js(), env!("CARGO_PKG_VERSION"));
}
