//! The receiving API v1 declared once, as plain data: the limits a client meets and the
//! error codes it may be answered with, each with its HTTP status and English message, and
//! its routes (`routes::ROUTES`: method, path, access, a team route's audit action).
//!
//! The receiving service (`crates/server`) applies these limits and answers with these codes;
//! the OpenAPI description and the tables of `docs/receiving-api.md` are generated from them.
//! Text that quotes a limit is rendered from an [`ApiLimits`], never typed, so a test can
//! render with [`OTHER_API_LIMITS`] and see the text follow. Like `model/`, this module
//! imports nothing of the others.

pub mod audit;
mod code;
pub mod routes;

pub use code::ApiCode;

/// The key of the indicators' `by_status` under which referrals with a status this server
/// does not know are counted (a newer server's, or a store edited by hand), so that the
/// statuses always sum to `total`; present only when there are any. No status has this code.
pub const OTHER_STATUS: &str = "other";

/// The numbers and names of the receiving API that a client can observe.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ApiLimits {
    /// The largest request body read, in bytes (by `Content-Length` or by the bytes read).
    pub max_body_bytes: usize,
    /// The most bytes of request line and headers, in all.
    pub max_header_bytes: usize,
    /// The most header fields in a request.
    pub max_headers: usize,
    /// Seconds a request body may take to arrive.
    pub body_timeout_secs: u64,
    /// Seconds a whole request may take.
    pub request_timeout_secs: u64,
    /// Seconds a client may take to send a request's headers, or stay idle between requests.
    pub header_read_timeout_secs: u64,
    /// Intake requests per minute per client address, unless the operator sets another.
    pub default_rate_limit: u32,
    /// The `Retry-After` seconds of an `unavailable` answer.
    pub unavailable_retry_secs: u64,
    /// Seconds a browser may keep a CORS preflight answer (`Access-Control-Max-Age`).
    pub preflight_max_age_secs: u64,
    /// Summaries on a page of the team's list when `limit` is not given.
    pub default_page_size: i64,
    /// The most summaries one page of the team's list holds.
    pub max_page_size: i64,
    /// Entries on a page of the audit log when `limit` is not given.
    pub default_audit_page: i64,
    /// The most entries one page of the audit log holds.
    pub max_audit_page: i64,
    /// Failed sign-ins (a bad or revoked team token) per minute per client address before
    /// that address is refused for a minute, unless the operator sets another.
    pub sign_in_failures_per_minute: u32,
    /// Seconds a team session lasts.
    pub session_secs: i64,
    /// The most live sessions one team member holds; a new sign-in ends the oldest beyond.
    pub max_sessions_per_member: usize,
    /// Open connections one client address may hold, unless the operator sets another; a
    /// connection beyond is closed at once.
    pub max_connections_per_client: usize,
    /// The name of the team's session cookie.
    pub session_cookie: &'static str,
    /// The characters of a receipt's reference.
    pub reference_alphabet: &'static str,
    /// How many characters a reference has.
    pub reference_length: usize,
    /// The most characters in a team member's name.
    pub member_name_max: usize,
    /// Numbered columns of each repeated group in the CSV export (items beyond them are
    /// joined into the last).
    pub export_repeated_columns: usize,
    /// Heavy team requests (export, indicators) served at once; one more is answered
    /// `unavailable` with `Retry-After`.
    pub max_heavy_requests: usize,
}

/// The limits of the receiving API v1.
pub const API_LIMITS: ApiLimits = ApiLimits {
    max_body_bytes: 1 << 20,
    max_header_bytes: 16 << 10,
    max_headers: 100,
    body_timeout_secs: 10,
    request_timeout_secs: 30,
    header_read_timeout_secs: 10,
    default_rate_limit: 120,
    unavailable_retry_secs: 5,
    preflight_max_age_secs: 600,
    default_page_size: 50,
    max_page_size: 200,
    default_audit_page: 100,
    max_audit_page: 500,
    sign_in_failures_per_minute: 10,
    session_secs: 8 * 3600,
    max_sessions_per_member: 10,
    max_connections_per_client: 64,
    session_cookie: "prs_session",
    // Capital letters without I, O, Q and Z, and the digits 2 to 9: nothing that reads
    // aloud like something else.
    reference_alphabet: "ABCDEFGHJKLMNPRSTUVWXY23456789",
    reference_length: 8,
    member_name_max: 200,
    export_repeated_columns: 3,
    max_heavy_requests: 4,
};

/// Limits unlike the API's in every number and name, so that a test rendering with them
/// finds any number typed by hand.
#[cfg(test)]
pub const OTHER_API_LIMITS: ApiLimits = ApiLimits {
    max_body_bytes: 3 << 20,
    max_header_bytes: 12 << 10,
    max_headers: 77,
    body_timeout_secs: 13,
    request_timeout_secs: 47,
    header_read_timeout_secs: 19,
    default_rate_limit: 93,
    unavailable_retry_secs: 7,
    preflight_max_age_secs: 444,
    default_page_size: 35,
    max_page_size: 150,
    default_audit_page: 64,
    max_audit_page: 432,
    sign_in_failures_per_minute: 17,
    session_secs: 3 * 3600,
    max_sessions_per_member: 6,
    max_connections_per_client: 37,
    session_cookie: "other_session",
    reference_alphabet: "ACEGK3579",
    reference_length: 11,
    member_name_max: 123,
    export_repeated_columns: 5,
    max_heavy_requests: 7,
};

/// A size in bytes as a person reads it: `1 MiB`, `16 KiB`, else `1234 bytes`.
pub fn size_text(bytes: usize) -> String {
    const KIB: usize = 1 << 10;
    const MIB: usize = 1 << 20;
    if bytes >= MIB && bytes % MIB == 0 {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= KIB && bytes % KIB == 0 {
        format!("{} KiB", bytes / KIB)
    } else {
        format!("{bytes} bytes")
    }
}

/// An alphabet of capital letters and digits in words: `capital letters without I, O, Q and
/// Z, and the digits 2 to 9`.
pub fn alphabet_text(alphabet: &str) -> String {
    let has = |c: &char| alphabet.contains(*c);
    let (letters, missing): (Vec<char>, Vec<char>) = ('A'..='Z').partition(has);
    let digits: Vec<char> = ('0'..='9').filter(has).collect();
    let letters = if missing.len() <= letters.len() {
        format!("capital letters without {}", and_list(&missing))
    } else {
        format!("the capital letters {}", and_list(&letters))
    };
    let contiguous = digits
        .windows(2)
        .all(|w| matches!(w, [a, b] if *a as u32 + 1 == *b as u32));
    let digits = match (digits.first(), digits.last()) {
        (Some(first), Some(last)) if contiguous && digits.len() > 2 => {
            format!("the digits {first} to {last}")
        }
        _ => format!("the digits {}", and_list(&digits)),
    };
    format!("{letters}, and {digits}")
}

/// `A`, `A and B`, `A, B and C`.
fn and_list(items: &[char]) -> String {
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => {
            let rest: Vec<String> = rest.iter().map(char::to_string).collect();
            format!("{} and {last}", rest.join(", "))
        }
        Some((last, _)) => last.to_string(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_a_person_says_them() {
        assert_eq!(size_text(API_LIMITS.max_body_bytes), "1 MiB");
        assert_eq!(size_text(API_LIMITS.max_header_bytes), "16 KiB");
        assert_eq!(size_text(1500), "1500 bytes");
        assert_eq!(size_text(0), "0 bytes");
    }

    #[test]
    fn alphabets_read_as_words() {
        assert_eq!(
            alphabet_text(API_LIMITS.reference_alphabet),
            "capital letters without I, O, Q and Z, and the digits 2 to 9"
        );
        assert_eq!(
            alphabet_text(OTHER_API_LIMITS.reference_alphabet),
            "the capital letters A, C, E, G and K, and the digits 3, 5, 7 and 9"
        );
    }

    #[test]
    fn no_status_is_called_as_the_bucket_of_unknown_ones() {
        let statuses = crate::model::vocab::FEEDBACK_STATUSES;
        assert!(statuses.iter().all(|c| c.code != OTHER_STATUS));
    }

    #[test]
    fn the_reference_alphabet_reads_aloud_unmistakably() {
        let alphabet = API_LIMITS.reference_alphabet;
        assert_eq!(alphabet.len(), 30);
        for c in 'A'..='Z' {
            assert_eq!(alphabet.contains(c), !"IOQZ".contains(c), "{c}");
        }
        for c in '0'..='9' {
            assert_eq!(alphabet.contains(c), c >= '2', "{c}");
        }
    }
}
