//! Markdown tables for the receiving API's documentation (`docs/receiving-api.md`): its error
//! codes and its limits, generated from `receiving` so the page cannot drift from the server.

use crate::receiving::{size_text, ApiCode, ApiLimits, API_LIMITS};

/// The table of error codes: code, HTTP status, meaning.
pub fn error_table() -> String {
    error_table_in(&API_LIMITS)
}

/// The table of error codes, quoting `limits`.
pub fn error_table_in(limits: &ApiLimits) -> String {
    let mut out = String::from("| code | status | meaning |\n|---|---|---|\n");
    for code in ApiCode::ALL {
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            code.as_str(),
            code.status(),
            code.meaning_in(limits)
        ));
    }
    out
}

/// The table of limits: what is limited, the value, the answer past it.
pub fn limit_table() -> String {
    limit_table_in(&API_LIMITS)
}

/// The table of limits, quoting `limits`.
pub fn limit_table_in(limits: &ApiLimits) -> String {
    let status = |code: ApiCode| format!("`{}`", code.status());
    let timeout = format!(
        "`{} {}`",
        ApiCode::Timeout.status(),
        ApiCode::Timeout.as_str()
    );
    let rows = [
        (
            "request body".to_owned(),
            format!(
                "{}, by `Content-Length` or by the bytes read",
                size_text(limits.max_body_bytes)
            ),
            format!(
                "{} at once; the rest is not read",
                status(ApiCode::TooLarge)
            ),
        ),
        (
            "request headers".to_owned(),
            format!(
                "{} in all, at most {} fields",
                size_text(limits.max_header_bytes),
                limits.max_headers
            ),
            status(ApiCode::HeadersTooLarge),
        ),
        (
            "requests to the intake".to_owned(),
            format!(
                "per client address per minute, set by the operator (`--rate-limit`, default {})",
                limits.default_rate_limit
            ),
            format!("{} with `Retry-After`", status(ApiCode::RateLimited)),
        ),
        (
            "time for a request body".to_owned(),
            seconds(limits.body_timeout_secs),
            timeout.clone(),
        ),
        (
            "time for a whole request".to_owned(),
            seconds(limits.request_timeout_secs),
            timeout,
        ),
        (
            "time to send the request headers".to_owned(),
            format!(
                "{}; a client that sends them too slowly is cut off",
                seconds(limits.header_read_timeout_secs)
            ),
            "the connection is closed".to_owned(),
        ),
        (
            "page of the team list".to_owned(),
            format!(
                "{} by default, at most {}",
                limits.default_page_size, limits.max_page_size
            ),
            String::new(),
        ),
        (
            "page of the audit log".to_owned(),
            format!(
                "{} by default, at most {}",
                limits.default_audit_page, limits.max_audit_page
            ),
            String::new(),
        ),
        (
            "numbered columns of a repeated group in the CSV export".to_owned(),
            format!(
                "{}; further items are joined into the last",
                limits.export_repeated_columns
            ),
            String::new(),
        ),
        (
            "heavy team requests at once (export, indicators)".to_owned(),
            format!("{}", limits.max_heavy_requests),
            format!("{} with `Retry-After`", status(ApiCode::Unavailable)),
        ),
        (
            "failed sign-ins (a bad or revoked team token)".to_owned(),
            format!(
                "per client address per minute, set by the operator (`--sign-in-failures`, default {}); each is recorded in the audit log",
                limits.sign_in_failures_per_minute
            ),
            format!(
                "{} with `Retry-After` for a minute, even for a good token",
                status(ApiCode::RateLimited)
            ),
        ),
        (
            "team session".to_owned(),
            format!(
                "{} (the `{}` cookie)",
                hours(limits.session_secs),
                limits.session_cookie
            ),
            format!("{} once it has ended", status(ApiCode::Unauthorized)),
        ),
        (
            "live sessions of one team member".to_owned(),
            format!("at most {}", limits.max_sessions_per_member),
            format!(
                "a new sign-in ends the oldest; {} with its cookie",
                status(ApiCode::Unauthorized)
            ),
        ),
        (
            "open connections from one client address".to_owned(),
            format!(
                "set by the operator (`--max-connections-per-client`, default {})",
                limits.max_connections_per_client
            ),
            "a connection beyond is closed at once, unanswered".to_owned(),
        ),
    ];
    let mut out = String::from("| limit | value | answer |\n|---|---|---|\n");
    for (limit, value, answer) in rows {
        let row = format!("| {limit} | {value} | {answer}");
        out.push_str(row.trim_end());
        out.push_str(" |\n");
    }
    out
}

fn seconds(n: u64) -> String {
    format!("{n} seconds")
}

fn hours(secs: i64) -> String {
    if secs % 3600 == 0 {
        format!("{} hours", secs / 3600)
    } else {
        format!("{} minutes", secs / 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::receiving::OTHER_API_LIMITS as OTHER;

    #[test]
    fn every_number_the_tables_quote_comes_from_the_limits() {
        let standard = [
            "1 MiB",
            "16 KiB",
            "prs_session",
            "default 120",
            "10 seconds",
            "30 seconds",
            "50 by default",
            "at most 200",
            "at most 100",
            "100 by default, at most 500",
            "default 10)",
            "8 hours",
            "at most 10 |",
            "default 64)",
        ];
        let ours = format!("{}{}", error_table(), limit_table());
        let other = format!("{}{}", error_table_in(&OTHER), limit_table_in(&OTHER));
        for quote in standard {
            assert!(ours.contains(quote), "{quote} not in\n{ours}");
            assert!(
                !other.contains(quote),
                "{quote} whatever the limits say:\n{other}"
            );
        }
        for quote in [
            "3 MiB",
            "12 KiB",
            "other_session",
            "default 93",
            "13 seconds",
            "47 seconds",
            "19 seconds",
            "35 by default",
            "at most 150",
            "at most 77",
            "64 by default, at most 432",
            "default 17)",
            "3 hours",
            "at most 6 |",
            "default 37)",
        ] {
            assert!(other.contains(quote), "{quote} not in\n{other}");
        }
        // Besides the limits, only HTTP statuses (and UTF-8's 8) are numbers here.
        let other = other.replace("UTF-8", "UTF");
        let statuses: Vec<String> = ApiCode::ALL
            .iter()
            .map(|c| c.status().to_string())
            .collect();
        let limits = [
            "3", "12", "93", "13", "47", "19", "35", "150", "77", "4321", "6", "37", "5", "7",
            "64", "432", "17",
        ];
        for n in other
            .split(|c: char| !c.is_ascii_digit())
            .filter(|w| !w.is_empty())
        {
            assert!(
                statuses.iter().any(|s| s == n) || limits.contains(&n),
                "{n} in\n{other}"
            );
        }
    }

    #[test]
    fn every_code_has_a_row() {
        let table = error_table();
        for code in ApiCode::ALL {
            assert!(table.contains(&format!("| `{}` | {} |", code.as_str(), code.status())));
        }
    }
}
