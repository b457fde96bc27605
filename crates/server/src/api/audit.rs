//! Audit by construction: the router puts this layer on every team route of the route table
//! (`prevent_referral::receiving::routes`), so every team request is authenticated and
//! recorded in the audit log before its handler runs, and a handler cannot forget it. The
//! entry's action (and referral, and export format) comes from the table and the request, not
//! from the handler.

use axum::extract::{FromRequestParts, Path, Request, State};
use axum::http::{header, request::Parts};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use prevent_referral::check::uuid::is_uuid;
use prevent_referral::receiving::routes::{Audit, Endpoint};

use super::auth::{check_origin, Member};
use super::error::ApiError;
use super::query::QueryMap;
use super::AppState;
use crate::store::AuditRow;

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

/// The layer: authenticates, records, then runs the handler with the [`Member`] (and the
/// [`ReferralId`]) in the request's extensions. The request fails if it cannot be recorded.
pub(super) async fn record_then_run(
    State(audited): State<Audited>,
    request: Request,
    next: Next,
) -> Response {
    let (mut parts, body) = request.into_parts();
    match record(&audited, &mut parts).await {
        Ok(()) => next.run(Request::from_parts(parts, body)).await,
        Err(refused) => refused,
    }
}

async fn record(audited: &Audited, parts: &mut Parts) -> Result<(), Response> {
    let Audited {
        state,
        endpoint,
        audit,
    } = audited;
    let member = Member::authenticate(parts, state)
        .await
        .map_err(IntoResponse::into_response)?;
    // A browser names the page that asks for a session: it must be one of ours (a sign-in
    // from another site, which could sign a victim in as someone else, is refused unrecorded).
    if *endpoint == Endpoint::StartSession && parts.headers.contains_key(header::ORIGIN) {
        check_origin(&parts.headers, state).map_err(IntoResponse::into_response)?;
    }
    // Only a UUID goes into the audit log as a referral id; anything else is recorded as an
    // attempt (null) and answered 404 without a look in the store.
    let referral = match audit {
        Audit::Referral(_) => {
            let Path(segment) = Path::<String>::from_request_parts(parts, state)
                .await
                .map_err(IntoResponse::into_response)?;
            let id = segment.to_ascii_lowercase();
            Some(is_uuid(&id).then_some(id))
        }
        Audit::Action(_) | Audit::Format(_) => None,
    };
    let action = match audit {
        Audit::Format(_) => {
            let query = QueryMap::from_uri(&parts.uri).map_err(IntoResponse::into_response)?;
            audit.action(query.get("format"))
        }
        Audit::Action(_) | Audit::Referral(_) => audit.action(None),
    };
    state
        .store()
        .audit(&AuditRow {
            at: state.now(),
            actor: member.id,
            action,
            referral_id: referral.clone().flatten(),
        })
        .await
        .map_err(|e| ApiError::from(e).into_response())?;
    parts.extensions.insert(member);
    match referral {
        Some(Some(id)) => {
            parts.extensions.insert(ReferralId(id));
        }
        Some(None) => return Err(ApiError::not_found().into_response()),
        None => {}
    }
    Ok(())
}
