//! The error codes of the receiving API v1 (`{"error": {"code", "message"}}`). Never renamed.

use std::borrow::Cow;

use super::{size_text, ApiLimits, API_LIMITS};

/// Declares the codes once: the enum, [`ApiCode::ALL`], the wire names, the HTTP statuses,
/// the English messages and the documentation's meanings come from one list, so a code
/// cannot lack any of them. `$limits` names the [`ApiLimits`] a message or meaning quotes.
macro_rules! api_codes {
    ($limits:ident; $($(#[$doc:meta])* $name:ident = $wire:literal, $status:literal,
        $message:expr, $meaning:expr;)*) => {
        /// An error code of the receiving API.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum ApiCode {
            $($(#[$doc])* $name,)*
        }

        impl ApiCode {
            /// Every code, by HTTP status.
            pub const ALL: [ApiCode; [$($wire),*].len()] = [$(ApiCode::$name),*];

            /// The code as it appears on the wire.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ApiCode::$name => $wire,)*
                }
            }

            /// The HTTP status answered with this code.
            pub fn status(self) -> u16 {
                match self {
                    $(ApiCode::$name => $status,)*
                }
            }

            /// The English message answered with this code (a handler may give a more
            /// precise one), quoting `limits`.
            pub fn message_in(self, $limits: &ApiLimits) -> Cow<'static, str> {
                match self {
                    $(ApiCode::$name => Cow::from($message),)*
                }
            }

            /// When a client gets this code, as the documentation says it, quoting `limits`.
            pub fn meaning_in(self, $limits: &ApiLimits) -> Cow<'static, str> {
                match self {
                    $(ApiCode::$name => Cow::from($meaning),)*
                }
            }
        }
    };
}

api_codes! {
    limits;
    /// The body is not JSON, or not UTF-8 (the message says why).
    NotJson = "not_json", 400,
        "The body is not JSON.",
        "the body is not JSON, or not UTF-8";
    /// The body could not be read, or is not the JSON object expected.
    BadRequest = "bad_request", 400,
        "The request body could not be read.",
        "the body could not be read, or is not the JSON object expected";
    /// A query parameter is malformed or out of range (the message names it).
    InvalidParameter = "invalid_parameter", 400,
        "The query string is malformed.",
        "a query parameter is malformed or out of range (a bad time, `status`, `limit`, `cursor` or `format`)";
    /// No valid team token or session.
    Unauthorized = "unauthorized", 401,
        "Send a valid team token as Authorization: Bearer <token>.",
        "no valid team token or session";
    /// A change made with the session cookie from another origin.
    ForbiddenOrigin = "forbidden_origin", 403,
        "This request must come from the team page of this service.",
        "a change made with the session cookie from another origin";
    /// No such referral (for the status, also a wrong token), or no such endpoint.
    NotFound = "not_found", 404,
        "There is no such referral, or the token does not match it.",
        "no such referral (for the status, also a wrong token), or no such endpoint";
    /// The endpoint does not take this method.
    MethodNotAllowed = "method_not_allowed", 405,
        "This endpoint does not take that method.",
        "the endpoint does not take this method";
    /// The request took too long to arrive or to answer.
    Timeout = "timeout", 408,
        "The request took too long to arrive or to answer.",
        "the request took too long to arrive or to answer";
    /// A different document was sent with this `referral_id`.
    ReferralIdInUse = "referral_id_in_use", 409,
        "A different referral with this referral_id has already been received.",
        "a different document was sent with this `referral_id`";
    /// The referral is closed; no more updates.
    Closed = "closed", 409,
        "This referral is closed; it takes no further updates.",
        "the referral is closed; no more updates";
    /// The body is over the body limit.
    TooLarge = "too_large", 413,
        format!("The request body is larger than {}.", size_text(limits.max_body_bytes)),
        format!("the body is over {}", size_text(limits.max_body_bytes));
    /// The body is not `application/json`.
    UnsupportedMediaType = "unsupported_media_type", 415,
        "Send the body as Content-Type: application/json (UTF-8).",
        "the body is not `application/json`";
    /// Too many requests from the client's address.
    RateLimited = "rate_limited", 429,
        "Too many requests from this address; wait and try again.",
        "too many requests; wait the `Retry-After` seconds";
    /// The request headers are over the header limit.
    HeadersTooLarge = "headers_too_large", 431,
        format!(
            "The request headers are larger than {} in all.",
            size_text(limits.max_header_bytes)
        ),
        format!("the request headers are over {}", size_text(limits.max_header_bytes));
    /// The store is unavailable; nothing was acknowledged.
    Unavailable = "unavailable", 503,
        "The service cannot store or read referrals at the moment; nothing was saved. Try again shortly.",
        "the store is unavailable; nothing was acknowledged";
}

impl ApiCode {
    /// The English message answered with this code, quoting the API's limits.
    pub fn message(self) -> Cow<'static, str> {
        self.message_in(&API_LIMITS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each wire name is its variant's name in lower case with words joined by `_`, used once.
    #[test]
    fn wire_names_follow_the_variants_and_are_unique() {
        let mut seen = std::collections::BTreeSet::new();
        for code in ApiCode::ALL {
            let wire = code.as_str();
            assert!(
                wire.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{wire}"
            );
            assert_eq!(
                wire.replace('_', ""),
                format!("{code:?}").to_ascii_lowercase(),
            );
            assert!(seen.insert(wire), "{wire} twice");
        }
    }

    #[test]
    fn codes_are_listed_by_status_with_a_message_and_a_meaning() {
        let statuses: Vec<u16> = ApiCode::ALL.iter().map(|c| c.status()).collect();
        assert!(statuses.windows(2).all(|w| w[0] <= w[1]), "{statuses:?}");
        for (i, code) in ApiCode::ALL.iter().enumerate() {
            assert_eq!(*code as usize, i, "{code:?}");
            assert!((400..600).contains(&code.status()), "{code:?}");
            assert!(code.message().ends_with('.'), "{code:?}");
            assert!(!code.meaning_in(&API_LIMITS).is_empty(), "{code:?}");
        }
    }

    #[test]
    fn messages_quote_the_limits_they_are_given() {
        use super::super::OTHER_API_LIMITS;
        assert_eq!(
            ApiCode::TooLarge.message(),
            "The request body is larger than 1 MiB."
        );
        assert_eq!(
            ApiCode::HeadersTooLarge.message(),
            "The request headers are larger than 16 KiB in all."
        );
        assert_eq!(
            ApiCode::TooLarge.message_in(&OTHER_API_LIMITS),
            "The request body is larger than 3 MiB."
        );
        assert_eq!(
            ApiCode::HeadersTooLarge.meaning_in(&OTHER_API_LIMITS),
            "the request headers are over 12 KiB"
        );
    }
}
