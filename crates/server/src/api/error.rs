//! Errors as the spec words them: `{"error": {"code", "message"}}` with a status. Every code,
//! its status and its message are declared once in the core (`prevent_referral::receiving`).

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use prevent_referral::receiving::{ApiCode, API_LIMITS};

use crate::store::StoreError;

/// An error answer.
#[derive(Debug)]
pub struct ApiError {
    /// The stable snake_case code; the HTTP status is the code's.
    pub code: ApiCode,
    /// One sentence for a person.
    pub message: String,
    /// Seconds for `Retry-After` (429, 503).
    pub retry_after: Option<u64>,
}

impl ApiError {
    /// An error with this code and the code's message.
    pub fn new(code: ApiCode) -> ApiError {
        ApiError::with_message(code, code.message())
    }

    /// An error with this code and a message more precise than the code's.
    pub fn with_message(code: ApiCode, message: impl Into<String>) -> ApiError {
        ApiError {
            code,
            message: message.into(),
            retry_after: None,
        }
    }

    /// The HTTP status of the answer.
    pub fn status(&self) -> StatusCode {
        StatusCode::from_u16(self.code.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    /// 404 `not_found`, the same for every unknown or forbidden thing.
    pub fn not_found() -> ApiError {
        ApiError::new(ApiCode::NotFound)
    }

    /// 503 `unavailable`: the store did not answer; nothing was acknowledged.
    pub fn unavailable() -> ApiError {
        let mut e = ApiError::new(ApiCode::Unavailable);
        e.retry_after = Some(API_LIMITS.unavailable_retry_secs);
        e
    }

    /// 413 `too_large`.
    pub fn too_large() -> ApiError {
        ApiError::new(ApiCode::TooLarge)
    }

    /// 415 `unsupported_media_type`.
    pub fn unsupported_media_type() -> ApiError {
        ApiError::new(ApiCode::UnsupportedMediaType)
    }

    /// 408 `timeout`: the request took longer than allowed.
    pub fn timeout() -> ApiError {
        ApiError::new(ApiCode::Timeout)
    }

    /// 401 `unauthorized`.
    pub fn unauthorized() -> ApiError {
        ApiError::new(ApiCode::Unauthorized)
    }
}

impl From<ApiCode> for ApiError {
    fn from(code: ApiCode) -> Self {
        ApiError::new(code)
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        // The store's message may quote SQL, never data; it goes to the log, not the client.
        tracing::error!(error = %e, "store error");
        ApiError::unavailable()
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        let body = serde_json::json!({
            "error": { "code": self.code.as_str(), "message": self.message }
        });
        let mut response = (status, axum::Json(body)).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        if status == StatusCode::UNAUTHORIZED {
            headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        if let Some(seconds) = self.retry_after {
            if let Ok(v) = HeaderValue::from_str(&seconds.to_string()) {
                headers.insert(header::RETRY_AFTER, v);
            }
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_real_http_status() {
        for code in ApiCode::ALL {
            let status = ApiError::new(code).status();
            assert_eq!(status.as_u16(), code.status(), "{code:?}");
            assert!(
                status.is_client_error() || status.is_server_error(),
                "{code:?}"
            );
        }
    }
}
