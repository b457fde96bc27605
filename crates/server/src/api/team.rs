//! The Prevent team's endpoints (spec §4): list, get, feedback updates, audit log, browser
//! session. Every request is recorded in the audit log before it is answered (by the audit
//! layer the router puts on every team route).

use std::collections::HashMap;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use prevent_referral::check::uuid::is_uuid;
use prevent_referral::model::vocab::FEEDBACK_STATUSES;
use prevent_referral::receiving::audit::{self, ParamKind};
use prevent_referral::receiving::{ApiCode, API_LIMITS};
use prevent_referral::{normalise_kind, parse, validate_feedback, DocKind, Json, Lang};

use super::audit::ReferralId;
use super::auth::{cookie, over_tls, Member, SESSION_COOKIE};
use super::error::ApiError;
use super::intake::{read_json_body, requested_lang};
use super::json_out::{int, invalid, object, opt_text, respond, text};
use super::query::{FromQuery, Params, QueryMap};
use super::status::{build_feedback, feedback_documents};
use super::AppState;
use crate::clock::rfc3339;
use crate::crypto::{new_token, token_hash, Aad};
use crate::store::{AuditQuery, FeedbackAdded, ListQuery, NewFeedback, NewSession, ReferralRow};

/// Default number of referrals in one page of the list.
pub const DEFAULT_LIMIT: i64 = API_LIMITS.default_page_size;
/// The most referrals in one page.
pub const MAX_LIMIT: i64 = API_LIMITS.max_page_size;
/// Default number of entries in one page of the audit log.
pub const DEFAULT_AUDIT_PAGE: i64 = API_LIMITS.default_audit_page;
/// The most entries in one page of the audit log.
pub const MAX_AUDIT_PAGE: i64 = API_LIMITS.max_audit_page;
/// How long a browser session lasts, in milliseconds.
pub const SESSION_MS: i64 = API_LIMITS.session_secs * 1000;

fn encode_cursor(seq: i64) -> String {
    URL_SAFE_NO_PAD.encode(format!("v1:{seq}"))
}

/// The text a cursor holds after its `prefix`, or 400.
fn cursor_text(cursor: &str, prefix: &str) -> Result<String, ApiError> {
    URL_SAFE_NO_PAD
        .decode(cursor)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .and_then(|text| text.strip_prefix(prefix).map(str::to_owned))
        .ok_or_else(|| {
            ApiError::with_message(
                ApiCode::InvalidParameter,
                "cursor is not one this service gave.",
            )
        })
}

fn decode_cursor(cursor: &str) -> Result<i64, ApiError> {
    let text = cursor_text(cursor, "v1:")?;
    text.parse()
        .map_err(|_| ApiError::new(ApiCode::InvalidParameter))
}

/// The audit log's cursor: the last entry's time and id.
fn encode_audit_cursor(at: i64, id: i64) -> String {
    URL_SAFE_NO_PAD.encode(format!("a1:{at}:{id}"))
}

fn decode_audit_cursor(cursor: &str) -> Result<(i64, i64), ApiError> {
    let text = cursor_text(cursor, "a1:")?;
    text.split_once(':')
        .and_then(|(at, id)| Some((at.parse().ok()?, id.parse().ok()?)))
        .ok_or_else(|| {
            ApiError::with_message(
                ApiCode::InvalidParameter,
                "cursor is not one this service gave.",
            )
        })
}

/// A page size parameter: `default` when absent, else a whole number from 1 to `max`.
fn page_limit(params: &QueryMap, name: &str, default: i64, max: i64) -> Result<i64, ApiError> {
    match params.get(name) {
        None => Ok(default),
        Some(v) => v
            .parse::<i64>()
            .ok()
            .filter(|n| (1..=max).contains(n))
            .ok_or_else(|| {
                ApiError::with_message(
                    ApiCode::InvalidParameter,
                    format!("{name} must be a whole number from 1 to {max}."),
                )
            }),
    }
}

/// The list's parameters: `status`, `since`, `limit`, `cursor`.
pub(super) struct ListParams {
    status: Option<String>,
    since: Option<i64>,
    limit: i64,
    before_seq: Option<i64>,
}

impl FromQuery for ListParams {
    fn from_query(params: &QueryMap) -> Result<Self, ApiError> {
        let status = params.get("status").map(str::to_owned);
        if let Some(s) = &status {
            if !FEEDBACK_STATUSES.iter().any(|c| c.code == s) {
                return Err(ApiError::with_message(
                    ApiCode::InvalidParameter,
                    "status must be one of the feedback status codes.",
                ));
            }
        }
        Ok(ListParams {
            status,
            since: params.time("since")?,
            limit: page_limit(params, "limit", DEFAULT_LIMIT, MAX_LIMIT)?,
            before_seq: params.get("cursor").map(decode_cursor).transpose()?,
        })
    }
}

/// `GET /v1/team/referrals?status=&since=&limit=&cursor=`, newest first.
pub(super) async fn list(
    State(state): State<AppState>,
    Params(params): Params<ListParams>,
) -> Result<Response, ApiError> {
    let ListParams {
        status,
        since,
        limit,
        before_seq,
    } = params;
    let rows = state
        .store()
        .list(&ListQuery {
            status,
            since,
            before_seq,
            limit: limit + 1,
        })
        .await?;
    let more = rows.len() as i64 > limit;
    let page = &rows[..rows.len().min(limit as usize)];
    let next = match (more, page.last()) {
        (true, Some(last)) => text(&encode_cursor(last.seq)),
        _ => Json::Null,
    };
    let items = page.iter().map(|row| summary(&state, row)).collect();
    Ok(respond(
        StatusCode::OK,
        &object([("items", Json::Array(items)), ("next", next)]),
    ))
}

fn summary(state: &AppState, row: &ReferralRow) -> Json<'static> {
    let name = row.individual_name.as_ref().and_then(|sealed| {
        state
            .vault()
            .record_key(&row.referral_id, row.data_key.as_deref())
            .ok()?
            .open_text(
                Aad::IndividualName {
                    referral_id: &row.referral_id,
                },
                sealed,
            )
            .ok()
    });
    object([
        ("referral_id", text(&row.referral_id)),
        ("reference", text(&row.reference)),
        ("received_at", text(&rfc3339(row.received_at))),
        ("submission_type", text(&row.submission_type)),
        ("status", text(&row.status)),
        (
            "immediate_risk",
            row.immediate_risk.map_or(Json::Null, Json::Bool),
        ),
        ("sector", opt_text(row.sector.as_deref())),
        ("individual_name", opt_text(name.as_deref())),
    ])
}

/// The stored document, decrypted and parsed; `Null` once deleted by retention.
pub(super) fn stored_document(
    state: &AppState,
    row: &ReferralRow,
) -> Result<Json<'static>, ApiError> {
    let Some(sealed) = &row.document else {
        return Ok(Json::Null);
    };
    let plain = state
        .vault()
        .record_key(&row.referral_id, row.data_key.as_deref())
        .and_then(|key| {
            key.open(
                Aad::Document {
                    referral_id: &row.referral_id,
                },
                sealed,
            )
        })
        .map_err(|e| {
            tracing::error!(error = %e, "stored document");
            ApiError::unavailable()
        })?;
    parse(&plain)
        .map(Json::into_owned)
        .map_err(|_| ApiError::unavailable())
}

/// `GET /v1/team/referrals/{referral_id}`.
pub(super) async fn get_one(
    State(state): State<AppState>,
    ReferralId(referral_id): ReferralId,
) -> Result<Response, ApiError> {
    let row = state
        .store()
        .referral(&referral_id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let document = stored_document(&state, &row)?;
    let feedback = feedback_documents(&state, &row.referral_id).await?;
    Ok(respond(
        StatusCode::OK,
        &object([
            ("reference", text(&row.reference)),
            ("received_at", text(&rfc3339(row.received_at))),
            ("status", text(&row.status)),
            ("document", document),
            ("feedback", Json::Array(feedback)),
        ]),
    ))
}

/// `POST /v1/team/referrals/{referral_id}/feedback` with `{"status", "message"?}`.
pub(super) async fn add_feedback(
    State(state): State<AppState>,
    ReferralId(referral_id): ReferralId,
    request: Request,
) -> Result<Response, ApiError> {
    let (parts, body) = request.into_parts();
    let lang = requested_lang(&parts.headers).unwrap_or(Lang::En);
    let bytes = read_json_body(&parts.headers, body).await?;
    let update = parse(&bytes)
        .map_err(|e| ApiError::with_message(ApiCode::NotJson, format!("The body is {e}.")))?;
    let Json::Object(members) = update else {
        return Err(ApiError::with_message(
            ApiCode::BadRequest,
            "The body must be a JSON object {\"status\", \"message\"}.",
        ));
    };
    let now = state.now();
    // The server writes schema_version, referral_id and updated_at; whatever else the body
    // holds is checked by the feedback validator (unknown members are reported).
    let Json::Object(mut doc) = build_feedback(&referral_id, "", now, None) else {
        return Err(ApiError::unavailable());
    };
    doc.retain(|(k, _)| k != "status");
    let mut insert_at = 2;
    for (name, value) in members {
        if name == "status" {
            doc.insert(insert_at, (name, value));
            insert_at += 1;
        } else {
            doc.push((name, value));
        }
    }
    let doc = Json::Object(doc);
    let report = validate_feedback(&doc, lang);
    if !report.valid {
        return invalid(&report);
    }
    let doc = normalise_kind(&doc, DocKind::Feedback);
    let status = doc
        .get("status")
        .and_then(Json::as_str)
        .unwrap_or("")
        .to_owned();
    let message = doc.get("message").and_then(Json::as_str);
    // The message is sealed under the referral's own data key.
    let row = state
        .store()
        .referral(&referral_id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let key = state
        .vault()
        .record_key(&row.referral_id, row.data_key.as_deref())
        .map_err(|e| {
            tracing::error!(error = %e, "the referral's data key");
            ApiError::unavailable()
        })?;
    let sealed = message
        .map(|m| {
            key.seal(
                Aad::Message {
                    referral_id: &referral_id,
                    status: &status,
                    updated_at: now,
                },
                m.as_bytes(),
            )
        })
        .transpose()
        .map_err(|_| ApiError::unavailable())?;
    let added = state
        .store()
        .add_feedback(
            &referral_id,
            &NewFeedback {
                status: status.clone(),
                updated_at: now,
                message: sealed,
            },
        )
        .await?;
    match added {
        FeedbackAdded::Added => Ok(respond(
            StatusCode::CREATED,
            &build_feedback(&referral_id, &status, now, message),
        )),
        FeedbackAdded::NotFound => Err(ApiError::not_found()),
        FeedbackAdded::Closed => Err(ApiError::new(ApiCode::Closed)),
    }
}

/// The audit log's parameters (`AUDIT_PARAMS`): filters and page.
pub(super) struct AuditParams(AuditQuery);

impl FromQuery for AuditParams {
    fn from_query(params: &QueryMap) -> Result<Self, ApiError> {
        let bad = |message: &str| ApiError::with_message(ApiCode::InvalidParameter, message);
        let mut query = AuditQuery::default();
        if let Some(named) = params.get(audit::param(ParamKind::Referral)) {
            let id = named.trim().to_ascii_lowercase();
            let reference = named.trim().to_ascii_uppercase();
            if is_uuid(&id) {
                query.referral_id = Some(id);
            } else if is_reference(&reference) {
                query.reference = Some(reference);
            } else {
                return Err(bad("referral must be a reference or a referral_id."));
            }
        }
        if let Some(actor) = params.get(audit::param(ParamKind::Member)) {
            let id = actor.parse::<i64>().ok().filter(|n| *n > 0);
            query.actor = Some(id.ok_or_else(|| bad("actor must be a member's id."))?);
        }
        if let Some(action) = params.get(audit::param(ParamKind::Action)) {
            if !audit::actions().iter().any(|a| a == action) {
                return Err(bad("action must be one of the audit log's actions."));
            }
            query.action = Some(action.to_owned());
        }
        query.from = params.time("from")?;
        query.to = params.time("to")?;
        query.limit = page_limit(
            params,
            audit::param(ParamKind::Limit),
            DEFAULT_AUDIT_PAGE,
            MAX_AUDIT_PAGE,
        )?;
        query.before = params
            .get(audit::param(ParamKind::Cursor))
            .map(decode_audit_cursor)
            .transpose()?;
        Ok(AuditParams(query))
    }
}

/// Whether `text` is a reference as this service draws them.
fn is_reference(text: &str) -> bool {
    text.chars().count() == API_LIMITS.reference_length
        && text
            .chars()
            .all(|c| API_LIMITS.reference_alphabet.contains(c))
}

/// `GET /v1/team/audit?referral=&actor=&action=&from=&to=&limit=&cursor=`, newest first,
/// with every team member (id and name) for the `actor` filter.
pub(super) async fn audit(
    State(state): State<AppState>,
    Params(AuditParams(query)): Params<AuditParams>,
) -> Result<Response, ApiError> {
    let members: Vec<(i64, String)> = state
        .store()
        .members()
        .await?
        .into_iter()
        .map(|m| {
            let name = state
                .vault()
                .open_text(
                    Aad::MemberName {
                        name_lookup: &m.name_lookup,
                    },
                    &m.name,
                )
                .unwrap_or_else(|_| format!("member {}", m.id));
            (m.id, name)
        })
        .collect();
    let names: HashMap<i64, &str> = members.iter().map(|(id, n)| (*id, n.as_str())).collect();
    let limit = query.limit;
    let rows = state
        .store()
        .audit_page(&AuditQuery {
            limit: limit + 1,
            ..query
        })
        .await?;
    let more = rows.len() as i64 > limit;
    let page = rows.get(..rows.len().min(limit as usize)).unwrap_or(&[]);
    let next = match (more, page.last()) {
        (true, Some(last)) => text(&encode_audit_cursor(last.at, last.id)),
        _ => Json::Null,
    };
    let items = page
        .iter()
        .map(|row| {
            let period = row
                .period
                .as_deref()
                .and_then(|p| parse(p.as_bytes()).ok())
                .map_or(Json::Null, Json::into_owned);
            object([
                ("id", int(row.id)),
                ("at", text(&rfc3339(row.at))),
                (
                    "actor",
                    row.actor.map_or(Json::Null, |id| {
                        text(names.get(&id).copied().unwrap_or("unknown"))
                    }),
                ),
                ("actor_id", row.actor.map_or(Json::Null, int)),
                ("action", text(&row.action)),
                ("outcome", opt_text(row.outcome.as_deref())),
                ("status", row.status.map_or(Json::Null, int)),
                ("referral_id", opt_text(row.referral_id.as_deref())),
                ("reference", opt_text(row.reference.as_deref())),
                ("count", row.count.map_or(Json::Null, int)),
                ("period", period),
            ])
        })
        .collect();
    let members = members
        .iter()
        .map(|(id, name)| object([("id", int(*id)), ("name", text(name))]))
        .collect();
    Ok(respond(
        StatusCode::OK,
        &object([
            ("items", Json::Array(items)),
            ("next", next),
            ("members", Json::Array(members)),
        ]),
    ))
}

/// `POST /v1/team/session`: exchanges the bearer team token for a session cookie
/// (`HttpOnly; SameSite=Strict`, `Secure` behind TLS).
pub(super) async fn start_session(
    State(state): State<AppState>,
    member: Member,
    headers: axum::http::HeaderMap,
) -> Result<Response, ApiError> {
    // The audit layer has refused a sign-in from another site's page (before recording it).
    let session = new_token("prs_").map_err(|_| ApiError::unavailable())?;
    let now = state.now();
    let expires_at = now + SESSION_MS;
    let hash = token_hash(&session);
    state
        .store()
        .add_session(&NewSession {
            hash: &hash,
            member: member.id,
            expires_at,
            now,
            max_per_member: API_LIMITS.max_sessions_per_member,
        })
        .await?;
    let secure = if over_tls(&headers, &state) {
        "; Secure"
    } else {
        ""
    };
    let cookie = format!(
        "{SESSION_COOKIE}={session}; Path=/v1/team; HttpOnly; SameSite=Strict; Max-Age={}{secure}",
        SESSION_MS / 1000
    );
    let mut response = respond(
        StatusCode::CREATED,
        &object([
            ("expires_at", text(&rfc3339(expires_at))),
            ("expires_in", int(SESSION_MS / 1000)),
        ]),
    );
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, v);
    }
    // The same session for the team's pages (`/team/`), so that a page asked for without a
    // session is answered with a redirect to sign in before anything is shown.
    let pages = cookie.replacen("Path=/v1/team;", &format!("Path={TEAM_PAGES};"), 1);
    if let Ok(v) = HeaderValue::from_str(&pages) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(response)
}

/// Where the team's pages are served; the session cookie is also set for this path.
pub(super) const TEAM_PAGES: &str = "/team";

/// `DELETE /v1/team/session`: ends the cookie's session.
pub(super) async fn end_session(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
) -> Result<Response, ApiError> {
    if let Some(session) = cookie(&headers, SESSION_COOKIE) {
        state.store().delete_session(&token_hash(session)).await?;
    }
    let mut response = StatusCode::NO_CONTENT.into_response();
    for path in ["/v1/team", TEAM_PAGES] {
        let clear = format!("{SESSION_COOKIE}=; Path={path}; HttpOnly; SameSite=Strict; Max-Age=0");
        if let Ok(v) = HeaderValue::from_str(&clear) {
            response.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_reject_others() {
        assert_eq!(decode_cursor(&encode_cursor(42)).ok(), Some(42));
        assert!(decode_cursor("42").is_err());
        assert!(decode_cursor("!!").is_err());
        let audit = encode_audit_cursor(1_795_608_000_000, 7);
        assert_eq!(
            decode_audit_cursor(&audit).ok(),
            Some((1_795_608_000_000, 7))
        );
        assert!(decode_audit_cursor(&encode_cursor(42)).is_err());
        assert!(decode_cursor(&audit).is_err());
    }
}
