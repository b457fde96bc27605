//! Typed query strings: a team route's parameters arrive as a value of their own type, and a
//! malformed or invalid one is refused with the API's own error (400 `invalid_parameter`, as
//! JSON), never axum's plain-text rejection.

use std::collections::HashMap;

use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;
use axum::http::Uri;

use prevent_referral::receiving::ApiCode;

use super::error::ApiError;
use crate::clock::parse_time;

/// A query string's parameters by name: the last of a repeated name counts, unknown names
/// are ignored.
pub(super) struct QueryMap(HashMap<String, String>);

impl QueryMap {
    /// The parameters of `uri`, or 400 when its query string is malformed.
    pub(super) fn from_uri(uri: &Uri) -> Result<QueryMap, ApiError> {
        Query::try_from_uri(uri)
            .map(|Query(q)| QueryMap(q))
            .map_err(|_| ApiError::new(ApiCode::InvalidParameter))
    }

    /// The value of `name`.
    pub(super) fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(String::as_str)
    }

    /// A time parameter (`since`, `from`, `to`) in ms since the epoch, or 400.
    pub(super) fn time(&self, name: &str) -> Result<Option<i64>, ApiError> {
        self.get(name)
            .map(|v| {
                parse_time(v).ok_or_else(|| {
                    ApiError::with_message(
                        ApiCode::InvalidParameter,
                        format!("{name} must be an RFC 3339 date-time or a date (YYYY-MM-DD)."),
                    )
                })
            })
            .transpose()
    }
}

/// Parameters read from a query string, checked in a fixed order (the first problem is the
/// one answered).
pub(super) trait FromQuery: Sized {
    /// The parameters, or the 400 of the first one that is wrong.
    fn from_query(query: &QueryMap) -> Result<Self, ApiError>;
}

/// The extractor of `T` from the query string; its rejection is an [`ApiError`].
pub(super) struct Params<T>(pub T);

impl<S: Send + Sync, T: FromQuery> FromRequestParts<S> for Params<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        T::from_query(&QueryMap::from_uri(&parts.uri)?).map(Params)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(uri: &str) -> QueryMap {
        QueryMap::from_uri(&uri.parse().unwrap()).unwrap()
    }

    #[test]
    fn the_last_of_a_repeated_name_counts_and_times_are_checked() {
        let q = query("/x?since=2026-01-01&since=2026-11-25&other=1");
        assert_eq!(q.get("since"), Some("2026-11-25"));
        assert!(q.time("since").unwrap().is_some());
        assert_eq!(q.time("absent").unwrap(), None);
        let bad = query("/x?since=soon").time("since").unwrap_err();
        assert_eq!(bad.code, ApiCode::InvalidParameter);
        assert_eq!(
            bad.message,
            "since must be an RFC 3339 date-time or a date (YYYY-MM-DD)."
        );
    }
}
