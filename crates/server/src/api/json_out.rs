//! Building JSON answers with [`Json`], which keeps members in the order written (documents
//! come back in model order, not sorted).

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use prevent_referral::{Json, Report};

use super::error::ApiError;

/// A string value.
pub fn text(s: &str) -> Json<'static> {
    Json::String(s.to_owned().into())
}

/// A string, or `null`.
pub fn opt_text(s: Option<&str>) -> Json<'static> {
    s.map_or(Json::Null, text)
}

/// An object from `(name, value)` pairs, in that order.
pub fn object<const N: usize>(members: [(&str, Json<'static>); N]) -> Json<'static> {
    Json::Object(
        members
            .into_iter()
            .map(|(k, v)| (k.to_owned().into(), v))
            .collect(),
    )
}

/// A whole number.
pub fn int(n: i64) -> Json<'static> {
    Json::Number(n.into())
}

/// A JSON answer, never cached.
pub fn respond(status: StatusCode, body: &Json) -> Response {
    match serde_json::to_vec(body) {
        Ok(bytes) => (
            status,
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("application/json"),
                ),
                (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
            ],
            bytes,
        )
            .into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// A document that failed validation: the validator's report, 422, never cached.
pub fn invalid(report: &Report) -> Result<Response, ApiError> {
    let body = serde_json::to_vec(report).map_err(|_| ApiError::unavailable())?;
    Ok((
        StatusCode::UNPROCESSABLE_ENTITY,
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response())
}
