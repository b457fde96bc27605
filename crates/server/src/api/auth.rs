//! Team authentication (spec §4): a personal bearer token, or the session cookie a browser
//! page got in exchange for one; with the cookie, every state-changing request must come
//! from our own origin.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, Method};
use prevent_referral::receiving::{ApiCode, API_LIMITS};

use super::error::ApiError;
use super::status::bearer;
use super::AppState;
use crate::crypto::token_hash;
use crate::store::MemberRow;

/// The session cookie's name.
pub(super) const SESSION_COOKIE: &str = API_LIMITS.session_cookie;

/// An authenticated team member: only the audit layer ([`super::audit`]) makes one, and it
/// records the request before its answer leaves, so a handler that takes a `Member` cannot
/// answer unrecorded.
#[derive(Clone, Copy, Debug)]
pub(super) struct Member {
    /// Row id (the actor in the audit log).
    pub id: i64,
}

impl Member {
    /// The member the request's credentials name, or 401 (403 for a session cookie on a
    /// state-changing request from another origin).
    pub(super) async fn authenticate(parts: &Parts, state: &AppState) -> Result<Member, ApiError> {
        // An Authorization header, if sent, must hold a valid team token: a bad one is never
        // passed over in favour of a session cookie.
        let row = if parts.headers.contains_key(header::AUTHORIZATION) {
            match bearer(&parts.headers) {
                Some(token) => state.store().member_by_token(&token_hash(token)).await?,
                None => None,
            }
        } else if let Some(session) = cookie(&parts.headers, SESSION_COOKIE) {
            if !matches!(parts.method, Method::GET | Method::HEAD) {
                check_origin(&parts.headers, state)?;
            }
            state
                .store()
                .member_by_session(&token_hash(session), state.now())
                .await?
        } else {
            None
        };
        let row: MemberRow = row.ok_or_else(ApiError::unauthorized)?;
        Ok(Member { id: row.id })
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Member {
    type Rejection = ApiError;

    /// The member the audit layer authenticated and recorded.
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        parts.extensions.get::<Member>().copied().ok_or_else(|| {
            tracing::error!("a team handler ran without the audit layer");
            ApiError::unavailable()
        })
    }
}

/// The value of cookie `name`.
pub(super) fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim())
}

/// A state-changing request with the session cookie must carry `Origin` naming this host.
pub(super) fn check_origin(headers: &HeaderMap, state: &AppState) -> Result<(), ApiError> {
    let forbidden = || ApiError::new(ApiCode::ForbiddenOrigin);
    let origin = headers
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(forbidden)?;
    let origin_host = origin
        .split_once("://")
        .map(|(_, h)| h)
        .ok_or_else(forbidden)?;
    let host = if state.inner.trusted_proxy {
        headers
            .get("x-forwarded-host")
            .or_else(|| headers.get(header::HOST))
    } else {
        headers.get(header::HOST)
    }
    .and_then(|v| v.to_str().ok())
    .ok_or_else(forbidden)?;
    if origin_host.eq_ignore_ascii_case(host) {
        Ok(())
    } else {
        Err(forbidden())
    }
}

/// Whether the request reached us over TLS (only a trusted proxy can say so).
pub(super) fn over_tls(headers: &HeaderMap, state: &AppState) -> bool {
    state.inner.trusted_proxy
        && headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("https"))
}
