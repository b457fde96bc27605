//! Audit by construction: the router puts this layer on every team route of the route table
//! (`prevent_referral::receiving::routes`), so every team request is authenticated, run and
//! recorded in the audit log with what became of it (`outcome` and HTTP status), and a
//! handler cannot forget it. The entry's action (and referral, and an export's format and
//! period) comes from the table and the request, not from the handler; an export's count
//! comes back from its handler in the response's extensions ([`ExportCount`]).
//!
//! The entry is written once the handler has answered, and the answer is sent only after it
//! is written: when it cannot be, the client gets 503 instead of what the handler made, so
//! nothing is read unrecorded (see `SECURITY.md`, "Audit log", for a change that committed
//! before its entry failed). A refused team token (an `Authorization` header that names no
//! active member) is recorded with no actor (`sign_in_failed`), and counted against the
//! client address's failed sign-ins.

use axum::extract::{FromRequestParts, Path, Request, State};
use axum::http::{header, request::Parts, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use prevent_referral::check::uuid::is_uuid;
use prevent_referral::model::vocab::FEEDBACK_STATUSES;
use prevent_referral::receiving::audit::{Outcome, SIGN_IN_FAILED, SIGN_IN_LIMITED};
use prevent_referral::receiving::routes::{Audit, Endpoint};
use prevent_referral::receiving::ApiCode;
use prevent_referral::Json;

use super::auth::{check_origin, Member};
use super::error::ApiError;
use super::json_out::text;
use super::limits::rate_limited;
use super::query::QueryMap;
use super::{client_ip, AppState, ClientAddr};
use crate::clock::rfc3339;
use crate::store::AuditEntry;

/// How many referrals an export held, put in its response's extensions by the handler for
/// the audit layer to record.
#[derive(Clone, Copy, Debug)]
pub(super) struct ExportCount(pub u64);

/// What the audit layer of one team route knows: the server, and from the route table the
/// route's endpoint and what it records.
#[derive(Clone)]
pub(super) struct Audited {
    /// The server.
    pub state: AppState,
    /// The route's endpoint.
    pub endpoint: Endpoint,
    /// What it records.
    pub audit: Audit,
}

/// The referral a team route's path names: lower case, and a UUID (the audit layer answers
/// 404 for anything else, after recording the attempt).
#[derive(Clone, Debug)]
pub(super) struct ReferralId(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ReferralId {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        parts
            .extensions
            .get::<ReferralId>()
            .cloned()
            .ok_or_else(|| {
                tracing::error!("a referral's team route ran without the audit layer");
                ApiError::unavailable()
            })
    }
}

/// What the layer knows of a request before its handler runs: the entry to write once the
/// answer is known.
struct Pending {
    actor: Option<i64>,
    action: String,
    referral_id: Option<String>,
    period: Option<String>,
}

/// The layer: authenticates, runs the handler with the [`Member`] (and the [`ReferralId`])
/// in the request's extensions, records the entry with the answer's status, then answers.
pub(super) async fn record_then_run(
    State(audited): State<Audited>,
    request: Request,
    next: Next,
) -> Response {
    let (mut parts, body) = request.into_parts();
    let state = &audited.state;
    let reads_only = matches!(parts.method, Method::GET | Method::HEAD);
    let peer = parts.extensions.get::<ClientAddr>().map(|c| c.0);
    let ip = client_ip(&parts.headers, peer, state.trusted_proxy());
    // An address that used up its failed sign-ins is refused before its token is looked at.
    if let Some(limiter) = state.sign_in() {
        if let Err(seconds) = limiter.refused(ip) {
            return rate_limited(seconds).into_response();
        }
    }
    let member = match Member::authenticate(&parts, state).await {
        Ok(member) => member,
        // A token that was sent and refused is a failed sign-in (no credentials at all, or a
        // session that has ended, is no guess: a plain 401).
        Err(e)
            if e.code == ApiCode::Unauthorized
                && parts.headers.contains_key(header::AUTHORIZATION) =>
        {
            return sign_in_failed(state, ip, e).await
        }
        Err(e) => return e.into_response(),
    };
    let (pending, early) = match prepare(&audited, &mut parts, member).await {
        Ok(prepared) => prepared,
        // Refused before it was recorded (a sign-in from another site's page).
        Err(refused) => return refused,
    };
    let response = match early {
        Some(refused) => refused.into_response(),
        None => {
            parts.extensions.insert(member);
            next.run(Request::from_parts(parts, body)).await
        }
    };
    let status = response.status().as_u16();
    let count = response
        .extensions()
        .get::<ExportCount>()
        .map(|c| i64::try_from(c.0).unwrap_or(i64::MAX));
    let entry = AuditEntry {
        referral_id: pending.referral_id,
        count,
        period: pending.period,
        ..answered(state, pending.actor, pending.action, status)
    };
    match state.store().audit(&entry).await {
        Ok(()) => response,
        Err(e) => {
            if !reads_only && status < 400 {
                // The change stands (it is in the referral's history); its entry is missing.
                tracing::error!(
                    action = %entry.action,
                    status,
                    "a change was made but its audit entry could not be written; answered 503"
                );
            }
            ApiError::from(e).into_response()
        }
    }
}

/// The entry of a request answered `status` now, its outcome read from the status; no
/// referral, count or period.
fn answered(state: &AppState, actor: Option<i64>, action: String, status: u16) -> AuditEntry {
    AuditEntry {
        at: state.now(),
        actor,
        action,
        referral_id: None,
        outcome: Outcome::of_status(status).name().to_owned(),
        status: i64::from(status),
        count: None,
        period: None,
    }
}

/// A refused team token: counted against the address's failed sign-ins, recorded with no
/// actor (never the token), and answered 401, or 429 when it was one too many.
async fn sign_in_failed(state: &AppState, ip: std::net::IpAddr, refused: ApiError) -> Response {
    let limited = state.sign_in().and_then(|limiter| limiter.failed(ip).err());
    let (action, answer) = match limited {
        Some(seconds) => (SIGN_IN_LIMITED, rate_limited(seconds)),
        None => (SIGN_IN_FAILED, refused),
    };
    let entry = answered(state, None, action.to_owned(), answer.code.status());
    match state.store().audit(&entry).await {
        Ok(()) => answer.into_response(),
        Err(e) => ApiError::from(e).into_response(),
    }
}

/// The entry of an authenticated request, and the refusal to answer without running the
/// handler (a path segment that is not a referral id, a malformed query string); `Err` for a
/// request refused unrecorded.
async fn prepare(
    audited: &Audited,
    parts: &mut Parts,
    member: Member,
) -> Result<(Pending, Option<ApiError>), Response> {
    let Audited {
        state,
        endpoint,
        audit,
        ..
    } = audited;
    // A browser names the page that asks for a session: it must be one of ours (a sign-in
    // from another site, which could sign a victim in as someone else, is refused unrecorded).
    if *endpoint == Endpoint::StartSession && parts.headers.contains_key(header::ORIGIN) {
        check_origin(&parts.headers, state).map_err(IntoResponse::into_response)?;
    }
    let mut early = None;
    // Only a UUID goes into the audit log as a referral id; anything else is recorded as an
    // attempt (null) and answered 404 without a look in the store.
    let mut referral_id = None;
    if let Audit::Referral(_) = audit {
        let Path(segment) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let id = segment.to_ascii_lowercase();
        if is_uuid(&id) {
            parts.extensions.insert(ReferralId(id.clone()));
            referral_id = Some(id);
        } else {
            early = Some(ApiError::not_found());
        }
    }
    let (action, period) = match audit {
        Audit::Format(_) => match QueryMap::from_uri(&parts.uri) {
            Ok(query) => (audit.action(query.get("format")), Some(period(&query))),
            Err(e) => {
                early = early.or(Some(e));
                (audit.action(None), None)
            }
        },
        Audit::Action(_) | Audit::Referral(_) => (audit.action(None), None),
    };
    Ok((
        Pending {
            actor: Some(member.id),
            action,
            referral_id,
            period,
        },
        early,
    ))
}

/// An export's filters as its entry records them: the times as UTC timestamps and a known
/// status (a value that is neither is refused by the export, and left out here).
fn period(query: &QueryMap) -> String {
    let mut members = Vec::new();
    for name in ["since", "from", "to"] {
        if let Ok(Some(at)) = query.time(name) {
            members.push((name.into(), text(&rfc3339(at))));
        }
    }
    if let Some(status) = query.get("status") {
        if let Some(known) = FEEDBACK_STATUSES.iter().find(|c| c.code == status) {
            members.push(("status".into(), text(known.code)));
        }
    }
    serde_json::to_string(&Json::Object(members)).unwrap_or_else(|_| "{}".to_owned())
}
