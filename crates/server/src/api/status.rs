//! `GET /v1/referrals/{referral_id}/feedback` (spec §3): the referrer's view, with the status
//! token. An unknown id and a wrong token get the same 404.

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use prevent_referral::Json;

use super::error::ApiError;
use super::json_out::{object, respond, text};
use super::AppState;
use crate::clock::rfc3339;
use crate::crypto::Aad;
use crate::store::FeedbackRow;

/// The bearer token of an `Authorization` header.
pub(super) fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.trim().split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim())
        .filter(|t| !t.is_empty())
}

pub(super) async fn status(
    State(state): State<AppState>,
    Path(referral_id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let referral_id = referral_id.to_ascii_lowercase();
    // The token is checked first, in constant time, without touching the store: a wrong
    // token and an unknown id take the same path to the same answer.
    let token = bearer(&headers).unwrap_or("");
    if !state.vault().check_status_token(&referral_id, token) {
        return ApiError::not_found().into_response();
    }
    let row = match state.store().referral(&referral_id).await {
        Ok(Some(row)) => row,
        Ok(None) => return ApiError::not_found().into_response(),
        Err(e) => return ApiError::from(e).into_response(),
    };
    match feedback_documents(&state, &row.referral_id).await {
        Ok(feedback) => respond(
            StatusCode::OK,
            &object([
                ("reference", text(&row.reference)),
                ("referral_id", text(&row.referral_id)),
                ("feedback", Json::Array(feedback)),
            ]),
        ),
        Err(e) => e.into_response(),
    }
}

/// The referral's feedback documents, oldest first (spec §9 shape).
pub(super) async fn feedback_documents(
    state: &AppState,
    referral_id: &str,
) -> Result<Vec<Json<'static>>, ApiError> {
    let rows = state.store().feedback(referral_id).await?;
    Ok(rows
        .iter()
        .map(|row| feedback_document(state, referral_id, row))
        .collect())
}

/// One feedback document from its row; a message that cannot be decrypted is left out.
pub(super) fn feedback_document(
    state: &AppState,
    referral_id: &str,
    row: &FeedbackRow,
) -> Json<'static> {
    let message = row.message.as_ref().and_then(|sealed| {
        state
            .vault()
            .record_key(referral_id, row.data_key.as_deref())
            .ok()?
            .open_text(
                Aad::Message {
                    referral_id,
                    status: &row.status,
                    updated_at: row.updated_at,
                },
                sealed,
            )
            .ok()
    });
    build_feedback(referral_id, &row.status, row.updated_at, message.as_deref())
}

/// A feedback document.
pub(super) fn build_feedback(
    referral_id: &str,
    status: &str,
    updated_at: i64,
    message: Option<&str>,
) -> Json<'static> {
    let mut members = vec![
        ("schema_version".into(), text("1.0")),
        ("referral_id".into(), text(referral_id)),
        ("status".into(), text(status)),
        ("updated_at".into(), text(&rfc3339(updated_at))),
    ];
    if let Some(message) = message {
        members.push(("message".into(), text(message)));
    }
    Json::Object(members)
}
