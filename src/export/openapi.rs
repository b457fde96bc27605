//! The OpenAPI 3.1 description of the receiving API, version 1
//! (`schemas/receiving-api-1.0.openapi.json`), generated from the model.
//!
//! Every enumeration (feedback statuses, submission types, sectors, concern types, error and
//! warning codes) is read from the model's code lists, never typed here. The referral and
//! feedback documents are `$ref`s to the JSON Schema files in the same folder, so the API
//! description and the document schemas cannot disagree. Paths, status codes and error codes
//! follow the receiving API specification, sections 2 to 5; error codes and every limit a
//! description quotes are read from `receiving` (rendered with other limits in the tests).

use super::build::{n, obj, s};
use super::json_schema;
use crate::check::uuid;
use crate::json::Json;
use crate::model::vocab::{self, Choice};
use crate::model::{Code, DocKind};
use crate::receiving::routes::{Access, Endpoint, ExportFormat, REFERRAL_ID_PARAM, ROUTES};
use crate::receiving::{alphabet_text, ApiCode, ApiLimits, API_LIMITS, OTHER_STATUS};

/// The file name under `schemas/`.
pub const FILE_NAME: &str = "receiving-api-1.0.openapi.json";

/// The description as a value.
pub fn document() -> Json<'static> {
    document_in(&API_LIMITS)
}

/// The description as a value, quoting `limits`.
pub fn document_in(limits: &ApiLimits) -> Json<'static> {
    obj(vec![
        ("openapi", s("3.1.0")),
        ("info", info(limits)),
        ("tags", tags()),
        ("paths", paths(limits)),
        ("components", components(limits)),
    ])
}

/// The description as the exact text of the committed file.
pub fn text() -> String {
    let mut out = serde_json::to_string_pretty(&document()).unwrap_or_default();
    out.push('\n');
    out
}

fn info(limits: &ApiLimits) -> Json<'static> {
    obj(vec![
        ("title", s("Prevent referral receiving API")),
        ("version", s("1.0.0")),
        (
            "summary",
            s("How referrals reach a police Prevent team, and how the referrer hears back."),
        ),
        (
            "description",
            s(&format!(
                "Agencies' systems and the embeddable form send referrals to the intake; the referrer follows the referral with the status token from the receipt; the Prevent team lists, reads, updates and exports referrals with a personal team token. Bodies are JSON (UTF-8) unless stated; every error that is not a validation report is `{{\"error\": {{\"code\", \"message\"}}}}`. Times are RFC 3339 in UTC with `Z`. Messages are in Welsh when `Accept-Language` asks for `cy`, else in the document's language, else in English. Request bodies are limited to {} bytes and request headers to {} bytes in all. The referral and feedback documents are described by `{}` and `{}` in the same folder.",
                limits.max_body_bytes,
                limits.max_header_bytes,
                json_schema::file_name(DocKind::Referral),
                json_schema::file_name(DocKind::Feedback),
            )),
        ),
        (
            "license",
            obj(vec![
                ("name", s("MIT OR Apache-2.0")),
                ("identifier", s("MIT OR Apache-2.0")),
            ]),
        ),
    ])
}

fn tags() -> Json<'static> {
    Json::Array(vec![
        tag("intake", "Sending a referral (public; no credentials)."),
        tag(
            "status",
            "The referrer's view of what happened (status token).",
        ),
        tag(
            "team",
            "The Prevent team's work (team token or session; every request is audited).",
        ),
        tag("operations", "Health of the service."),
    ])
}

fn tag(name: &str, description: &str) -> Json<'static> {
    obj(vec![("name", s(name)), ("description", s(description))])
}

// ---------------------------------------------------------------------------------------
// Small builders

fn strings(items: &[&str]) -> Json<'static> {
    Json::Array(items.iter().map(|i| s(i)).collect())
}

fn schema_ref(name: &str) -> Json<'static> {
    obj(vec![("$ref", s(&format!("#/components/schemas/{name}")))])
}

fn response_ref(name: &str) -> Json<'static> {
    obj(vec![("$ref", s(&format!("#/components/responses/{name}")))])
}

fn parameter_ref(name: &str) -> Json<'static> {
    obj(vec![(
        "$ref",
        s(&format!("#/components/parameters/{name}")),
    )])
}

fn codes_of(list: &[Choice]) -> Json<'static> {
    let codes: Vec<&str> = list.iter().map(|c| c.code).collect();
    obj(vec![("type", s("string")), ("enum", strings(&codes))])
}

/// An object whose members are all listed in `required` and no others are allowed.
fn closed_object(description: &str, properties: Vec<(&str, Json<'static>)>) -> Json<'static> {
    let names: Vec<&str> = properties.iter().map(|(k, _)| *k).collect();
    obj(vec![
        ("description", s(description)),
        ("type", s("object")),
        ("required", strings(&names)),
        ("properties", obj(properties)),
        ("additionalProperties", Json::Bool(false)),
    ])
}

fn described(description: &str, schema: Json<'static>) -> Json<'static> {
    match schema {
        Json::Object(mut members) => {
            members.insert(0, ("description".into(), s(description)));
            Json::Object(members)
        }
        other => other,
    }
}

fn nullable(schema: Json<'static>) -> Json<'static> {
    obj(vec![(
        "oneOf",
        Json::Array(vec![schema, obj(vec![("type", s("null"))])]),
    )])
}

/// A page's `next`: the opaque cursor of the following page, null on the last.
fn next_cursor() -> Json<'static> {
    described(
        "The cursor of the next page; null on the last page.",
        nullable(obj(vec![("type", s("string"))])),
    )
}

fn array_of(items: Json<'static>) -> Json<'static> {
    obj(vec![("type", s("array")), ("items", items)])
}

fn json_content(schema: Json<'static>) -> Json<'static> {
    obj(vec![("application/json", obj(vec![("schema", schema)]))])
}

fn response(description: &str, schema: Json<'static>) -> Json<'static> {
    obj(vec![
        ("description", s(description)),
        ("content", json_content(schema)),
    ])
}

/// The error body with the codes this response may carry.
fn error_schema(codes: &[ApiCode]) -> Json<'static> {
    let codes: Vec<&str> = codes.iter().map(|c| c.as_str()).collect();
    obj(vec![
        ("type", s("object")),
        ("required", strings(&["error"])),
        (
            "properties",
            obj(vec![(
                "error",
                obj(vec![
                    ("type", s("object")),
                    ("required", strings(&["code", "message"])),
                    (
                        "properties",
                        obj(vec![
                            (
                                "code",
                                obj(vec![("type", s("string")), ("enum", strings(&codes))]),
                            ),
                            (
                                "message",
                                obj(vec![("type", s("string")), ("minLength", n(1))]),
                            ),
                        ]),
                    ),
                    ("additionalProperties", Json::Bool(false)),
                ]),
            )]),
        ),
        ("additionalProperties", Json::Bool(false)),
    ])
}

fn error_response(description: &str, codes: &[ApiCode]) -> Json<'static> {
    response(description, error_schema(codes))
}

fn operation(
    id: &str,
    tag: &str,
    summary: &str,
    description: &str,
    mut rest: Vec<(&str, Json<'static>)>,
) -> Json<'static> {
    let mut members = vec![
        ("operationId", s(id)),
        ("tags", strings(&[tag])),
        ("summary", s(summary)),
        ("description", s(description)),
    ];
    members.append(&mut rest);
    obj(members)
}

fn responses(items: Vec<(&str, Json<'static>)>) -> (&'static str, Json<'static>) {
    ("responses", obj(items))
}

fn query(name: &str, description: &str, schema: Json<'static>, required: bool) -> Json<'static> {
    obj(vec![
        ("name", s(name)),
        ("in", s("query")),
        ("description", s(description)),
        ("required", Json::Bool(required)),
        ("schema", schema),
    ])
}

fn team_security() -> (&'static str, Json<'static>) {
    (
        "security",
        Json::Array(vec![
            obj(vec![("teamToken", Json::Array(vec![]))]),
            obj(vec![("teamSession", Json::Array(vec![]))]),
        ]),
    )
}

fn json_body(description: &str, schema: Json<'static>) -> (&'static str, Json<'static>) {
    (
        "requestBody",
        obj(vec![
            ("description", s(description)),
            ("required", Json::Bool(true)),
            ("content", json_content(schema)),
        ]),
    )
}

// ---------------------------------------------------------------------------------------
// Paths

fn paths(limits: &ApiLimits) -> Json<'static> {
    let mut paths: Vec<(&str, Vec<(&str, Json<'static>)>)> = Vec::new();
    for route in ROUTES {
        let index = match paths.iter().position(|(p, _)| *p == route.path) {
            Some(i) => i,
            None => {
                let parameters = if route.path.contains(REFERRAL_ID_PARAM) {
                    vec![("parameters", Json::Array(vec![parameter_ref("ReferralId")]))]
                } else {
                    Vec::new()
                };
                paths.push((route.path, parameters));
                paths.len() - 1
            }
        };
        let (description, preflight) = describe_endpoint(route.endpoint, limits);
        if let Some((_, methods)) = paths.get_mut(index) {
            methods.push((route.method.name(), description));
            if let (Access::Public, Some(p)) = (route.access, preflight) {
                methods.push(("options", p));
            }
        }
    }
    obj(paths
        .into_iter()
        .map(|(p, methods)| (p, obj(methods)))
        .collect())
}

/// The operation of an endpoint, and for a public one its CORS preflight.
fn describe_endpoint(
    endpoint: Endpoint,
    limits: &ApiLimits,
) -> (Json<'static>, Option<Json<'static>>) {
    match endpoint {
        Endpoint::SendReferral => (intake(), Some(preflight("intake"))),
        Endpoint::ReferralStatus => (referrer_status(), Some(preflight("status"))),
        Endpoint::ListReferrals => (team_list(limits), None),
        Endpoint::GetReferral => (team_get(), None),
        Endpoint::AddFeedback => (team_feedback(), None),
        Endpoint::ExportReferrals => (team_export(limits), None),
        Endpoint::Indicators => (team_indicators(), None),
        Endpoint::AuditLog => (team_audit(limits), None),
        Endpoint::StartSession => (session_start(limits), None),
        Endpoint::EndSession => (session_end(), None),
        Endpoint::Health => (health(), None),
    }
}

fn intake() -> Json<'static> {
    operation(
        "sendReferral",
        "intake",
        "Send a referral or a request for advice",
        "The receiver validates the document again, from the raw JSON text, and stores it in normalised form. The request schema describes the normalised form; the receiver also takes a document the validator accepts before normalisation (texts with surrounding spaces, postcodes in any case or spacing, blank or null optional fields), and refuses with 422 what the schema cannot see (real calendar days, dates after the referral date, NHS check digits, a member name given twice). A referral is acknowledged (201 or 200) only once it is durably stored. Sending the same referral again (same `referral_id`, compared without regard to case, and the same normalised document, whatever the member order or spacing) is a safe retry: 200 with the first receipt, status token included.",
        vec![
            (
                "parameters",
                Json::Array(vec![parameter_ref("AcceptLanguage")]),
            ),
            (
                "requestBody",
                obj(vec![
                    (
                        "description",
                        s("The referral document (`Content-Type: application/json`; a `charset=utf-8` parameter is accepted)."),
                    ),
                    ("required", Json::Bool(true)),
                    (
                        "content",
                        obj(vec![(
                            "application/json",
                            obj(vec![
                                ("schema", schema_ref("Referral")),
                                ("examples", referral_examples()),
                            ]),
                        )]),
                    ),
                ]),
            ),
            responses(vec![
                ("200", with_links(response("The same referral again: the receipt of the first time.", schema_ref("Receipt")))),
                ("201", with_links(response("Accepted and stored.", schema_ref("Receipt")))),
                ("400", response_ref("BadBody")),
                ("408", response_ref("Timeout")),
                ("409", error_response("This `referral_id` is already held for a different document.", &[ApiCode::ReferralIdInUse])),
                ("413", response_ref("TooLarge")),
                ("415", response_ref("UnsupportedMediaType")),
                ("422", response("The document is not valid: the validation report, in the requested language.", schema_ref("ValidationReport"))),
                ("429", response_ref("RateLimited")),
                ("431", response_ref("HeadersTooLarge")),
                ("503", response_ref("Unavailable")),
            ]),
        ],
    )
}

/// Where the receipt's `referral_id` leads: the referrer's status, and the team's view.
fn with_links(response: Json<'static>) -> Json<'static> {
    let link = |operation: &str, description: &str| {
        obj(vec![
            ("operationId", s(operation)),
            (
                "parameters",
                obj(vec![("referral_id", s("$response.body#/referral_id"))]),
            ),
            ("description", s(description)),
        ])
    };
    let links = obj(vec![
        (
            "GetStatus",
            link(
                "getReferralStatus",
                "The referrer follows the referral with the receipt's `status_token`.",
            ),
        ),
        (
            "GetReferral",
            link("getReferral", "The Prevent team reads the referral."),
        ),
        (
            "AddFeedback",
            link("addFeedback", "The Prevent team records a new status."),
        ),
    ]);
    match response {
        Json::Object(mut members) => {
            members.push(("links".into(), links));
            Json::Object(members)
        }
        other => other,
    }
}

/// The valid example documents of `schemas/examples/valid/`, as request examples (compiled
/// in: the core reads no file at run time).
fn referral_examples() -> Json<'static> {
    let examples = [
        (
            "referral",
            "A referral from a school",
            include_str!("../../schemas/examples/valid/full-referral.json"),
        ),
        (
            "friends_family",
            "A referral from a member of the public, who does not know the person's name",
            include_str!("../../schemas/examples/valid/minimal-referral.json"),
        ),
        (
            "advice_request",
            "A request for advice from a school, in Welsh",
            include_str!("../../schemas/examples/valid/advice-request.json"),
        ),
    ];
    Json::Object(
        examples
            .iter()
            .filter_map(|(name, summary, text)| {
                let value = crate::json::parse_str(text).ok()?;
                Some((
                    (*name).into(),
                    obj(vec![("summary", s(summary)), ("value", value)]),
                ))
            })
            .collect(),
    )
}

fn preflight(what: &str) -> Json<'static> {
    let header = |description: &str| {
        obj(vec![
            ("description", s(description)),
            ("schema", obj(vec![("type", s("string"))])),
        ])
    };
    let headers = obj(vec![
        (
            "Access-Control-Allow-Origin",
            header("The caller's origin when it is allowed (or `*`); absent when it is not."),
        ),
        ("Access-Control-Allow-Methods", header("`POST, GET`")),
        (
            "Access-Control-Allow-Headers",
            header("`Content-Type, Authorization`"),
        ),
    ]);
    let ok = |description: &str| {
        obj(vec![
            ("description", s(description)),
            ("headers", headers.clone()),
        ])
    };
    operation(
        &format!("{what}Preflight"),
        what,
        "CORS preflight",
        "Browsers ask before a cross-origin request. The answer allows the origins the receiver is configured with (a list, or `*`), the methods POST and GET and the headers Content-Type and Authorization. No cookies are involved.",
        vec![responses(vec![
            ("200", ok("The preflight answer (no body).")),
            ("204", ok("The preflight answer (no body).")),
        ])],
    )
}

fn referrer_status() -> Json<'static> {
    operation(
        "getReferralStatus",
        "status",
        "What has happened to a referral",
        "For the referrer, with the status token from the receipt. The feedback documents carry no personal data about the person referred. An unknown `referral_id` and a wrong or missing token get the same 404, so nobody can learn which referrals exist.",
        vec![
            (
                "security",
                Json::Array(vec![obj(vec![("statusToken", Json::Array(vec![]))])]),
            ),
            responses(vec![
                ("200", response("The referral's feedback so far, oldest first.", schema_ref("ReferrerStatus"))),
                ("404", response_ref("NotFound")),
                ("429", response_ref("RateLimited")),
                ("431", response_ref("HeadersTooLarge")),
                ("503", response_ref("Unavailable")),
            ]),
        ],
    )
}

/// The responses every team request may get besides its own.
fn team_common(mut own: Vec<(&'static str, Json<'static>)>) -> (&'static str, Json<'static>) {
    own.extend([
        ("401", response_ref("Unauthorized")),
        // Too many failed sign-ins from this address: refused for a while, even a good token.
        ("429", response_ref("RateLimited")),
        ("431", response_ref("HeadersTooLarge")),
        ("503", response_ref("Unavailable")),
    ]);
    own.sort_by(|a, b| a.0.cmp(b.0));
    responses(own)
}

fn team_list(limits: &ApiLimits) -> Json<'static> {
    operation(
        "listReferrals",
        "team",
        "List referrals, newest first",
        "One page of summaries; follow `next` for the following page until it is null.",
        vec![
            team_security(),
            (
                "parameters",
                Json::Array(vec![
                    query(
                        "status",
                        "Only referrals whose current status is this.",
                        schema_ref("FeedbackStatus"),
                        false,
                    ),
                    query(
                        "since",
                        "Only referrals received at or after this time.",
                        schema_ref("Timestamp"),
                        false,
                    ),
                    query(
                        "limit",
                        "Most summaries on the page.",
                        obj(vec![
                            ("type", s("integer")),
                            ("minimum", n(1)),
                            ("maximum", n(limits.max_page_size)),
                            ("default", n(limits.default_page_size)),
                        ]),
                        false,
                    ),
                    query(
                        "cursor",
                        "The `next` value of the previous page (opaque).",
                        obj(vec![("type", s("string"))]),
                        false,
                    ),
                ]),
            ),
            team_common(vec![
                (
                    "200",
                    response("A page of summaries.", schema_ref("ReferralPage")),
                ),
                ("400", response_ref("BadQuery")),
            ]),
        ],
    )
}

fn team_get() -> Json<'static> {
    operation(
        "getReferral",
        "team",
        "One referral, as stored",
        "The normalised document and its feedback, oldest first. Once the retention period after `closed` has passed, the document is `null` and feedback messages are gone; the reference, dates and statuses remain.",
        vec![
            team_security(),
            team_common(vec![
                ("200", response("The referral.", schema_ref("TeamReferral"))),
                ("404", response_ref("NotFound")),
            ]),
        ],
    )
}

fn team_feedback() -> Json<'static> {
    operation(
        "addFeedback",
        "team",
        "Record a new status for a referral",
        "The receiver builds the feedback document (`updated_at` is now), validates it with the feedback validator and appends it. The referrer sees it with the status token. After `closed`, no further update is accepted.",
        vec![
            team_security(),
            (
                "parameters",
                Json::Array(vec![parameter_ref("AcceptLanguage")]),
            ),
            json_body("The new status, and a message for the referrer.", schema_ref("FeedbackUpdate")),
            team_common(vec![
                ("201", response("The feedback document as appended.", schema_ref("Feedback"))),
                ("400", response_ref("BadBody")),
                ("403", response_ref("ForbiddenOrigin")),
                ("404", response_ref("NotFound")),
                ("408", response_ref("Timeout")),
                ("409", error_response("The referral is closed; it takes no further updates.", &[ApiCode::Closed])),
                ("413", response_ref("TooLarge")),
                ("415", response_ref("UnsupportedMediaType")),
                ("422", response("The feedback document would not be valid: the validation report.", schema_ref("ValidationReport"))),
            ]),
        ],
    )
}

fn team_export(limits: &ApiLimits) -> Json<'static> {
    let csv = obj(vec![(
        "schema",
        obj(vec![
            ("type", s("string")),
            (
                "description",
                s(&format!("RFC 4180, UTF-8 without a byte order mark, streamed: a header row that depends only on the model version (`reference`, `received_at`, `status`, then one column per leaf field of the referral document, in document order, named by JSON Pointer; each repeated group numbered from 0 to {last}, items after {last} joined into column {last}, one line each; code lists joined with `;`; then `export_state`), then one row per referral. A referral whose document cannot be read has its document's columns empty and `export_state` `unreadable`. A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with `'`.", last = limits.export_repeated_columns.saturating_sub(1))),
            ),
        ]),
    )]);
    let jsonl = obj(vec![
        (
            "schema",
            obj(vec![
                ("type", s("string")),
                (
                    "description",
                    s("One JSON object per line, each an `ExportLine`."),
                ),
            ]),
        ),
        ("x-line-schema", schema_ref("ExportLine")),
    ]);
    operation(
        "exportReferrals",
        "team",
        "Every referral received since a time, for the case tracker",
        "As stored (normalised), oldest first.",
        vec![
            team_security(),
            (
                "parameters",
                Json::Array(vec![
                    query(
                        "format",
                        "`csv` or `jsonl`.",
                        obj(vec![
                            ("type", s("string")),
                            ("enum", strings(&ExportFormat::ALL.map(ExportFormat::name))),
                        ]),
                        true,
                    ),
                    query(
                        "since",
                        "Only referrals received at or after this time.",
                        schema_ref("Timestamp"),
                        false,
                    ),
                ]),
            ),
            team_common(vec![
                (
                    "200",
                    obj(vec![
                        ("description", s("The export.")),
                        (
                            "content",
                            obj(vec![("text/csv", csv), ("application/jsonl", jsonl)]),
                        ),
                    ]),
                ),
                ("400", response_ref("BadQuery")),
            ]),
        ],
    )
}

fn team_indicators() -> Json<'static> {
    operation(
        "getIndicators",
        "team",
        "Counts for performance reporting, with no personal data",
        "Referrals received in the period, counted by submission type, referrer's sector, concern type and current status, and the hours from receipt to the first feedback after `received`.",
        vec![
            team_security(),
            (
                "parameters",
                Json::Array(vec![
                    query("from", "Start of the period (received at or after).", schema_ref("Timestamp"), false),
                    query("to", "End of the period (received before).", schema_ref("Timestamp"), false),
                ]),
            ),
            team_common(vec![
                ("200", response("The indicators.", schema_ref("Indicators"))),
                ("400", response_ref("BadQuery")),
            ]),
        ],
    )
}

fn team_audit(limits: &ApiLimits) -> Json<'static> {
    use crate::receiving::audit::{actions, ParamKind, AUDIT_PARAMS};
    let parameters = AUDIT_PARAMS
        .iter()
        .map(|p| {
            let schema = match p.kind {
                ParamKind::Referral => obj(vec![("type", s("string"))]),
                ParamKind::Member => obj(vec![("type", s("integer")), ("minimum", n(1))]),
                ParamKind::Action => {
                    let all = actions();
                    let names: Vec<&str> = all.iter().map(String::as_str).collect();
                    obj(vec![("type", s("string")), ("enum", strings(&names))])
                }
                ParamKind::Time => schema_ref("Timestamp"),
                ParamKind::Limit => obj(vec![
                    ("type", s("integer")),
                    ("minimum", n(1)),
                    ("maximum", n(limits.max_audit_page)),
                    ("default", n(limits.default_audit_page)),
                ]),
                ParamKind::Cursor => obj(vec![("type", s("string"))]),
            };
            query(p.name, p.description, schema, false)
        })
        .collect();
    operation(
        "getAuditLog",
        "team",
        "Who did what, newest first",
        "Every team request is recorded once it is answered, reading included, with what became of it (`outcome`); a refused team token is recorded with no actor. One page of entries; follow `next` for the following page until it is null.",
        vec![
            team_security(),
            ("parameters", Json::Array(parameters)),
            team_common(vec![
                ("200", response("A page of entries.", schema_ref("AuditLog"))),
                ("400", response_ref("BadQuery")),
            ]),
        ],
    )
}

fn session_start(limits: &ApiLimits) -> Json<'static> {
    let created = obj(vec![
        ("description", s("The session has started; the cookie is set.")),
        (
            "headers",
            obj(vec![(
                "Set-Cookie",
                obj(vec![
                    (
                        "description",
                        s(&format!("`{}=…; Path=/v1/team; HttpOnly; SameSite=Strict; Max-Age=…`, and `Secure` when the request came over TLS.", limits.session_cookie)),
                    ),
                    ("required", Json::Bool(true)),
                    ("schema", obj(vec![("type", s("string"))])),
                ]),
            )]),
        ),
        ("content", json_content(schema_ref("Session"))),
    ]);
    operation(
        "startSession",
        "team",
        "Exchange a team token for a session cookie",
        "For the team's browser page: the page sends the team token once and then relies on the `HttpOnly` cookie, so the token need not stay in the page.",
        vec![
            (
                "security",
                Json::Array(vec![obj(vec![("teamToken", Json::Array(vec![]))])]),
            ),
            team_common(vec![("201", created), ("403", response_ref("ForbiddenOrigin"))]),
        ],
    )
}

fn session_end() -> Json<'static> {
    operation(
        "endSession",
        "team",
        "End the session",
        "The session is deleted on the server and the cookie cleared.",
        vec![
            team_security(),
            team_common(vec![
                (
                    "204",
                    obj(vec![("description", s("Ended; the cookie is cleared."))]),
                ),
                ("403", response_ref("ForbiddenOrigin")),
            ]),
        ],
    )
}

fn health() -> Json<'static> {
    operation(
        "health",
        "operations",
        "Whether the service can store referrals",
        "200 only when the store answers a write check.",
        vec![responses(vec![
            (
                "200",
                response(
                    "The store answers.",
                    closed_object(
                        "The service is healthy.",
                        vec![("status", obj(vec![("const", s("ok"))]))],
                    ),
                ),
            ),
            ("503", response_ref("Unavailable")),
        ])],
    )
}

// ---------------------------------------------------------------------------------------
// Components

fn components(limits: &ApiLimits) -> Json<'static> {
    obj(vec![
        ("schemas", schemas(limits)),
        ("responses", shared_responses(limits)),
        ("parameters", parameters()),
        ("securitySchemes", security_schemes(limits)),
    ])
}

fn parameters() -> Json<'static> {
    obj(vec![
        (
            "ReferralId",
            obj(vec![
                ("name", s("referral_id")),
                ("in", s("path")),
                ("description", s("The referral's `referral_id` (compared without regard to case).")),
                ("required", Json::Bool(true)),
                ("schema", schema_ref("ReferralId")),
            ]),
        ),
        (
            "AcceptLanguage",
            obj(vec![
                ("name", s("Accept-Language")),
                ("in", s("header")),
                ("description", s("`cy` for messages in Welsh; otherwise the document's language, else English.")),
                ("required", Json::Bool(false)),
                ("schema", obj(vec![("type", s("string"))])),
            ]),
        ),
    ])
}

fn security_schemes(limits: &ApiLimits) -> Json<'static> {
    obj(vec![
        (
            "statusToken",
            obj(vec![
                ("type", s("http")),
                ("scheme", s("bearer")),
                ("description", s("The `status_token` of the referral's receipt: the only key to its status.")),
            ]),
        ),
        (
            "teamToken",
            obj(vec![
                ("type", s("http")),
                ("scheme", s("bearer")),
                ("description", s("A team member's personal token, created and revoked by an administrator (`prevent-referral-server token create`).")),
            ]),
        ),
        (
            "teamSession",
            obj(vec![
                ("type", s("apiKey")),
                ("in", s("cookie")),
                ("name", s(limits.session_cookie)),
                ("description", s("A session cookie a team page may get in exchange for a team token (`HttpOnly; SameSite=Strict`, and `Secure` over TLS). A state-changing request with the cookie must come from the receiver's own origin.")),
            ]),
        ),
    ])
}

fn shared_responses(limits: &ApiLimits) -> Json<'static> {
    let retry_after = obj(vec![(
        "Retry-After",
        obj(vec![
            ("description", s("Seconds to wait before trying again.")),
            ("required", Json::Bool(true)),
            (
                "schema",
                obj(vec![("type", s("integer")), ("minimum", n(0))]),
            ),
        ]),
    )]);
    obj(vec![
        (
            "BadBody",
            error_response(
                "The body is not JSON or not UTF-8 (`not_json`), or could not be read, or is not the JSON object expected (`bad_request`).",
                &[ApiCode::NotJson, ApiCode::BadRequest],
            ),
        ),
        (
            "BadQuery",
            error_response(
                "A query parameter is malformed or out of range.",
                &[ApiCode::InvalidParameter],
            ),
        ),
        (
            "Unauthorized",
            obj(vec![
                ("description", s("No valid team token or session.")),
                (
                    "headers",
                    obj(vec![(
                        "WWW-Authenticate",
                        obj(vec![
                            ("description", s("`Bearer`")),
                            ("schema", obj(vec![("type", s("string"))])),
                        ]),
                    )]),
                ),
                ("content", json_content(error_schema(&[ApiCode::Unauthorized]))),
            ]),
        ),
        (
            "ForbiddenOrigin",
            error_response(
                "A state-changing request with the session cookie did not come from this service's own origin.",
                &[ApiCode::ForbiddenOrigin],
            ),
        ),
        (
            "Timeout",
            error_response(
                "The request (its body included) took too long to arrive or to answer.",
                &[ApiCode::Timeout],
            ),
        ),
        ("NotFound", error_response("No such referral (or, for the status, a wrong token: the answer is the same).", &[ApiCode::NotFound])),
        ("MethodNotAllowed", error_response("The path does not take this method (any method an operation here does not describe); no operation refers to it.", &[ApiCode::MethodNotAllowed])),
        ("TooLarge", error_response(&format!("The body is over {} bytes (by its declared length or by the bytes read); the receiver reads no further.", limits.max_body_bytes), &[ApiCode::TooLarge])),
        ("UnsupportedMediaType", error_response("The body is not `application/json`.", &[ApiCode::UnsupportedMediaType])),
        ("HeadersTooLarge", error_response(&format!("The request headers are over {} bytes in all.", limits.max_header_bytes), &[ApiCode::HeadersTooLarge])),
        (
            "RateLimited",
            obj(vec![
                ("description", s("Too many requests from this client: referrals (the intake rate), or, on a team route, refused team tokens (the address is refused for a while, even with a good token).")),
                ("headers", retry_after),
                ("content", json_content(error_schema(&[ApiCode::RateLimited]))),
            ]),
        ),
        (
            "Unavailable",
            obj(vec![
                ("description", s("The store is unavailable; nothing was acknowledged. Try again later.")),
                (
                    "headers",
                    obj(vec![(
                        "Retry-After",
                        obj(vec![
                            ("description", s("Seconds to wait before trying again.")),
                            ("schema", obj(vec![("type", s("integer")), ("minimum", n(0))])),
                        ]),
                    )]),
                ),
                ("content", json_content(error_schema(&[ApiCode::Unavailable]))),
            ]),
        ),
    ])
}

fn schemas(limits: &ApiLimits) -> Json<'static> {
    let errors: Vec<&str> = Code::ALL
        .iter()
        .filter(|c| !c.is_warning())
        .map(|c| c.as_str())
        .collect();
    let warnings: Vec<&str> = Code::ALL
        .iter()
        .filter(|c| c.is_warning())
        .map(|c| c.as_str())
        .collect();
    let counts_and = |description: &str, list: &[Choice], extra: &[&str]| {
        let mut codes: Vec<&str> = list.iter().map(|c| c.code).collect();
        codes.extend_from_slice(extra);
        obj(vec![
            ("description", s(description)),
            ("type", s("object")),
            ("propertyNames", obj(vec![("enum", strings(&codes))])),
            (
                "additionalProperties",
                obj(vec![("type", s("integer")), ("minimum", n(0))]),
            ),
        ])
    };
    let counts = |description: &str, list: &[Choice]| counts_and(description, list, &[]);
    let by_status = counts_and(
        &format!(
            "Referrals by current status; `{OTHER_STATUS}` counts those whose status this server \
             does not know (present only then), so that the statuses always sum to `total`."
        ),
        vocab::FEEDBACK_STATUSES,
        &[OTHER_STATUS],
    );
    let hours = nullable(obj(vec![("type", s("number")), ("minimum", n(0))]));
    obj(vec![
        (
            "Referral",
            obj(vec![("$ref", s(&json_schema::file_name(DocKind::Referral)))]),
        ),
        (
            "Feedback",
            obj(vec![("$ref", s(&json_schema::file_name(DocKind::Feedback)))]),
        ),
        (
            "ReferralId",
            obj(vec![
                ("description", s("A UUID, in any case.")),
                ("type", s("string")),
                ("pattern", s(uuid::PATTERN)),
            ]),
        ),
        (
            "Reference",
            obj(vec![
                ("description", s(&format!("{} characters a person can read aloud, unique in the store: {}.", limits.reference_length, alphabet_text(limits.reference_alphabet)))),
                ("type", s("string")),
                ("pattern", s(&format!("^[{}]{{{}}}$", limits.reference_alphabet, limits.reference_length))),
            ]),
        ),
        (
            "Timestamp",
            obj(vec![
                ("description", s("An RFC 3339 date and time, or a date (midnight UTC).")),
                ("type", s("string")),
                (
                    "anyOf",
                    Json::Array(vec![
                        obj(vec![("format", s("date-time"))]),
                        obj(vec![("format", s("date"))]),
                    ]),
                ),
            ]),
        ),
        (
            "UtcTimestamp",
            obj(vec![
                ("description", s("An RFC 3339 date and time in UTC, with `Z`.")),
                ("type", s("string")),
                ("format", s("date-time")),
                ("pattern", s("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?Z$")),
            ]),
        ),
        ("FeedbackStatus", described("A feedback status.", codes_of(vocab::FEEDBACK_STATUSES))),
        ("SubmissionType", described("A referral or a request for advice.", codes_of(vocab::SUBMISSION_TYPES))),
        ("Sector", described("The referrer's sector.", codes_of(vocab::SECTORS))),
        (
            "ErrorIssue",
            closed_object(
                "One error: where (a JSON Pointer into the document), what (a stable code) and a message for a person.",
                vec![
                    ("path", obj(vec![("type", s("string"))])),
                    ("code", obj(vec![("type", s("string")), ("enum", strings(&errors))])),
                    ("message", obj(vec![("type", s("string"))])),
                ],
            ),
        ),
        (
            "WarningIssue",
            closed_object(
                "One warning (it never makes the document invalid).",
                vec![
                    ("path", obj(vec![("type", s("string"))])),
                    ("code", obj(vec![("type", s("string")), ("enum", strings(&warnings))])),
                    ("message", obj(vec![("type", s("string"))])),
                ],
            ),
        ),
        (
            "ValidationReport",
            closed_object(
                "Why a document was refused: every error and warning, in document order.",
                vec![
                    ("valid", obj(vec![("const", Json::Bool(false))])),
                    (
                        "errors",
                        obj(vec![
                            ("type", s("array")),
                            ("minItems", n(1)),
                            ("items", schema_ref("ErrorIssue")),
                        ]),
                    ),
                    ("warnings", array_of(schema_ref("WarningIssue"))),
                ],
            ),
        ),
        (
            "Receipt",
            closed_object(
                "What the referrer keeps: the reference to quote, and the status token to follow the referral.",
                vec![
                    ("reference", schema_ref("Reference")),
                    ("referral_id", schema_ref("ReferralId")),
                    (
                        "status_token",
                        obj(vec![
                            ("description", s("A secret (at least 128 bits of randomness, base64url): the only key to the referral's status. Keep it; it is never shown again except on a retry of the same referral.")),
                            ("type", s("string")),
                            ("minLength", n(22)),
                            ("pattern", s("^[A-Za-z0-9_-]+$")),
                        ]),
                    ),
                    (
                        "feedback",
                        obj(vec![
                            ("description", s("The first feedback document, status `received`.")),
                            (
                                "allOf",
                                Json::Array(vec![
                                    schema_ref("Feedback"),
                                    obj(vec![(
                                        "properties",
                                        obj(vec![("status", obj(vec![("const", s(vocab::FEEDBACK_STATUSES[0].code))]))]),
                                    )]),
                                ]),
                            ),
                        ]),
                    ),
                ],
            ),
        ),
        (
            "ReferrerStatus",
            closed_object(
                "The referral's feedback as the referrer sees it.",
                vec![
                    ("reference", schema_ref("Reference")),
                    ("referral_id", schema_ref("ReferralId")),
                    (
                        "feedback",
                        obj(vec![
                            ("type", s("array")),
                            ("minItems", n(1)),
                            ("items", schema_ref("Feedback")),
                        ]),
                    ),
                ],
            ),
        ),
        (
            "ReferralSummary",
            closed_object(
                "One line of the team's list.",
                vec![
                    ("referral_id", schema_ref("ReferralId")),
                    ("reference", schema_ref("Reference")),
                    ("received_at", schema_ref("UtcTimestamp")),
                    ("submission_type", schema_ref("SubmissionType")),
                    ("status", schema_ref("FeedbackStatus")),
                    ("immediate_risk", obj(vec![("type", s("boolean"))])),
                    ("sector", schema_ref("Sector")),
                    (
                        "individual_name",
                        described(
                            "The person's name; null when not given (or deleted after the retention period).",
                            nullable(obj(vec![("type", s("string"))])),
                        ),
                    ),
                ],
            ),
        ),
        (
            "ReferralPage",
            closed_object(
                "A page of the list, newest first.",
                vec![
                    ("items", array_of(schema_ref("ReferralSummary"))),
                    ("next", next_cursor()),
                ],
            ),
        ),
        (
            "TeamReferral",
            closed_object(
                "A referral as the team sees it.",
                vec![
                    ("reference", schema_ref("Reference")),
                    ("received_at", schema_ref("UtcTimestamp")),
                    ("status", schema_ref("FeedbackStatus")),
                    (
                        "document",
                        described(
                            "The normalised referral; null once deleted after the retention period.",
                            nullable(schema_ref("Referral")),
                        ),
                    ),
                    ("feedback", array_of(schema_ref("Feedback"))),
                ],
            ),
        ),
        (
            "FeedbackUpdate",
            obj(vec![
                ("description", s("A new status, and optionally a message for the referrer (no personal data about the person referred).")),
                ("type", s("object")),
                ("required", strings(&["status"])),
                (
                    "properties",
                    obj(vec![
                        ("status", schema_ref("FeedbackStatus")),
                        ("message", feedback_property("message")),
                    ]),
                ),
                ("additionalProperties", Json::Bool(false)),
            ]),
        ),
        (
            "ExportLine",
            obj(vec![
                (
                    "description",
                    s("One referral in the JSON Lines export: its `document` (null once deleted \
                       after the retention period), or, when its stored document cannot be \
                       read, `\"unreadable\": true` and no `document`."),
                ),
                ("type", s("object")),
                ("required", strings(&["reference", "received_at", "status"])),
                (
                    "properties",
                    obj(vec![
                        ("reference", schema_ref("Reference")),
                        ("received_at", schema_ref("UtcTimestamp")),
                        ("status", schema_ref("FeedbackStatus")),
                        ("document", nullable(schema_ref("Referral"))),
                        ("unreadable", obj(vec![("const", Json::Bool(true))])),
                    ]),
                ),
                (
                    "oneOf",
                    Json::Array(vec![
                        obj(vec![("required", strings(&["document"]))]),
                        obj(vec![("required", strings(&["unreadable"]))]),
                    ]),
                ),
                ("additionalProperties", Json::Bool(false)),
            ]),
        ),
        (
            "Indicators",
            closed_object(
                "Counts with no personal data.",
                vec![
                    ("total", obj(vec![("type", s("integer")), ("minimum", n(0))])),
                    ("by_submission_type", counts("Referrals by submission type.", vocab::SUBMISSION_TYPES)),
                    ("by_sector", counts("Referrals by the referrer's sector.", vocab::SECTORS)),
                    ("by_concern_type", counts("Referrals by concern type (a referral may have several).", vocab::CONCERN_TYPES)),
                    ("by_status", by_status),
                    (
                        "hours_to_first_feedback",
                        closed_object(
                            "Hours from receipt to the first feedback after `received`; null when no referral has one yet.",
                            vec![("median", hours.clone()), ("p90", hours)],
                        ),
                    ),
                ],
            ),
        ),
        (
            "AuditEntry",
            closed_object(
                "One team request, or one refused sign-in.",
                vec![
                    ("id", described("The entry's number.", obj(vec![("type", s("integer"))]))),
                    ("at", schema_ref("UtcTimestamp")),
                    (
                        "actor",
                        described(
                            "The team member's name; null for a refused team token.",
                            nullable(obj(vec![("type", s("string"))])),
                        ),
                    ),
                    (
                        "actor_id",
                        described(
                            "The team member's id (the `actor` filter); null for a refused team token.",
                            nullable(obj(vec![("type", s("integer"))])),
                        ),
                    ),
                    ("action", described("What was done.", obj(vec![("type", s("string"))]))),
                    (
                        "outcome",
                        described(
                            "What became of the request: done (2xx, 3xx), refused (4xx) or failed (5xx); null for an entry recorded before version 1.1.",
                            nullable(obj(vec![
                                ("type", s("string")),
                                ("enum", strings(&crate::receiving::audit::Outcome::ALL.map(|o| o.name()))),
                            ])),
                        ),
                    ),
                    (
                        "status",
                        described(
                            "The HTTP status answered; null for an entry recorded before version 1.1.",
                            nullable(obj(vec![("type", s("integer"))])),
                        ),
                    ),
                    ("referral_id", nullable(schema_ref("ReferralId"))),
                    ("reference", nullable(schema_ref("Reference"))),
                    (
                        "count",
                        described(
                            "For an export: how many referrals it held; else null.",
                            nullable(obj(vec![("type", s("integer")), ("minimum", n(0))])),
                        ),
                    ),
                    (
                        "period",
                        described(
                            "For an export: the filters it was asked with (`since`, `from`, `to` as UTC timestamps, `status`); else null.",
                            nullable(obj(vec![
                                ("type", s("object")),
                                ("additionalProperties", obj(vec![("type", s("string"))])),
                            ])),
                        ),
                    ),
                ],
            ),
        ),
        (
            "AuditMember",
            closed_object(
                "A team member, for the `actor` filter.",
                vec![
                    ("id", obj(vec![("type", s("integer"))])),
                    ("name", obj(vec![("type", s("string"))])),
                ],
            ),
        ),
        (
            "Session",
            closed_object(
                "When the session ends.",
                vec![
                    ("expires_at", schema_ref("UtcTimestamp")),
                    (
                        "expires_in",
                        described("Seconds from now.", obj(vec![("type", s("integer")), ("minimum", n(0))])),
                    ),
                ],
            ),
        ),
        (
            "AuditLog",
            closed_object(
                "A page of the audit log, newest first, and every team member.",
                vec![
                    ("items", array_of(schema_ref("AuditEntry"))),
                    ("next", next_cursor()),
                    ("members", array_of(schema_ref("AuditMember"))),
                ],
            ),
        ),
    ])
}

/// A property of the feedback document's schema, as generated from the model.
fn feedback_property(name: &str) -> Json<'static> {
    json_schema::schema(DocKind::Feedback)
        .get("properties")
        .and_then(|p| p.get(name))
        .cloned()
        .unwrap_or(Json::Null)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::build::count;

    fn at<'a>(doc: &'a Json<'a>, path: &[&str]) -> &'a Json<'a> {
        path.iter()
            .try_fold(doc, |v, k| v.get(k))
            .unwrap_or_else(|| panic!("no {path:?}"))
    }

    fn enum_of(v: &Json) -> Vec<String> {
        match v.get("enum") {
            Some(Json::Array(items)) => items
                .iter()
                .filter_map(|i| i.as_str().map(str::to_owned))
                .collect(),
            _ => panic!("no enum in {v:?}"),
        }
    }

    #[test]
    fn every_path_and_method_of_the_spec_is_described() {
        let doc = document();
        for (path, methods) in [
            ("/v1/referrals", &["post", "options"][..]),
            ("/v1/referrals/{referral_id}/feedback", &["get", "options"]),
            ("/v1/team/referrals", &["get"]),
            ("/v1/team/referrals/{referral_id}", &["get"]),
            ("/v1/team/referrals/{referral_id}/feedback", &["post"]),
            ("/v1/team/export", &["get"]),
            ("/v1/team/indicators", &["get"]),
            ("/v1/team/audit", &["get"]),
            ("/v1/team/session", &["post", "delete"]),
            ("/healthz", &["get"]),
        ] {
            for m in methods {
                at(&doc, &["paths", path, m, "responses"]);
            }
        }
    }

    #[test]
    fn the_described_paths_and_methods_are_the_route_table() {
        let doc = document();
        let Some(Json::Object(paths)) = doc.get("paths") else {
            panic!("no paths");
        };
        let mut described = Vec::new();
        for (path, item) in paths {
            let Json::Object(methods) = item else {
                panic!("{path}");
            };
            for (method, operation) in methods.iter().filter(|(m, _)| m != "parameters") {
                described.push((path.to_string(), method.to_string()));
                let tags = at(operation, &["tags"]);
                let route = ROUTES
                    .iter()
                    .find(|r| r.path == path.as_ref() && (r.method.name() == method.as_ref()));
                match route {
                    Some(r) => assert_eq!(
                        matches!(r.access, Access::Team(_)),
                        tags == &strings(&["team"]),
                        "{path} {method}: team routes, and only they, are in the team tag"
                    ),
                    None => assert_eq!(method, "options", "{path}: not in the route table"),
                }
            }
        }
        let mut from_table = Vec::new();
        for r in ROUTES {
            from_table.push((r.path.to_owned(), r.method.name().to_owned()));
            if r.access == Access::Public {
                from_table.push((r.path.to_owned(), "options".to_owned()));
            }
        }
        described.sort();
        from_table.sort();
        assert_eq!(described, from_table);
    }

    #[test]
    fn intake_describes_every_outcome_of_the_spec() {
        let doc = document();
        let Json::Object(responses) = at(&doc, &["paths", "/v1/referrals", "post", "responses"])
        else {
            panic!("responses is an object")
        };
        let statuses: Vec<&str> = responses.iter().map(|(k, _)| k.as_ref()).collect();
        assert_eq!(
            statuses,
            // The spec's table, and 408 for its time limit (§5).
            ["200", "201", "400", "408", "409", "413", "415", "422", "429", "431", "503"]
        );
    }

    #[test]
    fn enumerations_come_from_the_model() {
        let doc = document();
        let schemas = at(&doc, &["components", "schemas"]);
        let codes = |list: &[Choice]| list.iter().map(|c| c.code.to_owned()).collect::<Vec<_>>();
        assert_eq!(
            enum_of(at(schemas, &["FeedbackStatus"])),
            codes(vocab::FEEDBACK_STATUSES)
        );
        assert_eq!(enum_of(at(schemas, &["Sector"])), codes(vocab::SECTORS));
        let errors = enum_of(at(schemas, &["ErrorIssue", "properties", "code"]));
        let warnings = enum_of(at(schemas, &["WarningIssue", "properties", "code"]));
        assert_eq!(errors.len() + warnings.len(), Code::ALL.len());
        assert!(errors.contains(&"required".to_owned()));
        assert!(warnings.contains(&"call_999".to_owned()));
        assert!(!errors.contains(&"call_999".to_owned()));
    }

    #[test]
    fn documents_are_references_to_the_schema_files() {
        let doc = document();
        assert_eq!(
            at(&doc, &["components", "schemas", "Referral", "$ref"]).as_str(),
            Some("referral-1.0.schema.json")
        );
        assert_eq!(
            at(&doc, &["components", "schemas", "Feedback", "$ref"]).as_str(),
            Some("feedback-1.0.schema.json")
        );
    }

    #[test]
    fn every_local_reference_resolves() {
        fn walk(v: &Json, doc: &Json, seen: &mut usize) {
            match v {
                Json::Object(members) => {
                    for (k, child) in members {
                        if k == "$ref" {
                            let target = child.as_str().unwrap_or_default();
                            if let Some(pointer) = target.strip_prefix("#/") {
                                let parts: Vec<&str> = pointer.split('/').collect();
                                at(doc, &parts);
                                *seen += 1;
                            }
                        }
                        walk(child, doc, seen);
                    }
                }
                Json::Array(items) => items.iter().for_each(|i| walk(i, doc, seen)),
                _ => {}
            }
        }
        let doc = document();
        let mut seen = 0;
        walk(&doc, &doc, &mut seen);
        assert!(seen > 20, "only {seen} local references");
    }

    #[test]
    fn the_request_examples_are_valid_referrals() {
        let Json::Object(examples) = referral_examples() else {
            panic!("examples is an object")
        };
        assert_eq!(examples.len(), 3, "an example file no longer parses");
        for (name, example) in &examples {
            let value = example.get("value").expect("value");
            let report = crate::validate(value, crate::Lang::En);
            assert!(report.valid, "{name}: {:?}", report.errors);
        }
    }

    #[test]
    fn every_limit_the_description_quotes_comes_from_the_limits() {
        use crate::receiving::OTHER_API_LIMITS as OTHER;
        let text_in =
            |limits| serde_json::to_string_pretty(&document_in(limits)).unwrap_or_default();
        let (ours, other) = (text(), text_in(&OTHER));
        for quote in [
            "1048576",
            "16384",
            "prs_session",
            API_LIMITS.reference_alphabet,
            "]{8}$",
            "8 characters",
            "without I, O, Q and Z",
        ] {
            assert!(ours.contains(quote), "{quote} is not in the description");
            assert!(!other.contains(quote), "{quote} whatever the limits say");
        }
        for quote in [
            "3145728",
            "12288",
            "other_session",
            OTHER.reference_alphabet,
            "]{11}$",
            "11 characters",
            "the capital letters A, C, E, G and K",
        ] {
            assert!(other.contains(quote), "{quote} is not in the description");
        }
        let doc = document_in(&OTHER);
        let Json::Array(parameters) =
            at(&doc, &["paths", "/v1/team/referrals", "get", "parameters"])
        else {
            panic!("parameters is an array")
        };
        let limit = parameters
            .iter()
            .find(|p| p.get("name").and_then(Json::as_str) == Some("limit"))
            .expect("a limit parameter");
        assert_eq!(at(limit, &["schema", "maximum"]), &n(OTHER.max_page_size));
        assert_eq!(
            at(limit, &["schema", "default"]),
            &n(OTHER.default_page_size)
        );
    }

    #[test]
    fn the_feedback_message_keeps_the_model_limits() {
        let message = feedback_property("message");
        assert_eq!(
            message.get("maxLength"),
            Some(&count(crate::model::LONG_TEXT_MAX))
        );
    }
}
