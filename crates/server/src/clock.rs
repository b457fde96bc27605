//! Time: an injectable clock (tests move it forward) and RFC 3339 text in UTC.

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use time::format_description::well_known::Rfc3339;
use time::{Date, OffsetDateTime, UtcOffset};

/// Milliseconds since 1970-01-01T00:00:00Z, from wherever the server takes its time.
pub type Clock = Arc<dyn Fn() -> i64 + Send + Sync>;

/// The system clock.
pub fn system() -> Clock {
    Arc::new(now_ms)
}

/// The system time in milliseconds since the epoch.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// `ms` as RFC 3339 in UTC to the second, like `2026-11-25T12:30:05Z`.
pub fn rfc3339(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let Ok(t) = OffsetDateTime::from_unix_timestamp(secs) else {
        return "1970-01-01T00:00:00Z".to_owned();
    };
    let (y, m, d) = t.to_calendar_date();
    format!(
        "{y:04}-{:02}-{d:02}T{:02}:{:02}:{:02}Z",
        u8::from(m),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// A query parameter's time: an RFC 3339 date-time with any offset, or a date `YYYY-MM-DD`
/// meaning its first moment in UTC. `None` when it is neither.
pub fn parse_time(text: &str) -> Option<i64> {
    if let Ok(t) = OffsetDateTime::parse(text, &Rfc3339) {
        return i64::try_from(t.unix_timestamp_nanos() / 1_000_000).ok();
    }
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let date = Date::parse(text, &format).ok()?;
    let t = date.midnight().assume_offset(UtcOffset::UTC);
    Some(t.unix_timestamp() * 1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_parses_utc() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_795_609_805_999), "2026-11-25T12:30:05Z");
        assert_eq!(parse_time("2026-11-25T12:30:05Z"), Some(1_795_609_805_000));
        assert_eq!(
            parse_time("2026-11-25T13:30:05+01:00"),
            Some(1_795_609_805_000)
        );
        assert_eq!(parse_time("2026-11-25"), Some(1_795_564_800_000));
        assert_eq!(parse_time("yesterday"), None);
        assert_eq!(parse_time("2026-02-30"), None);
    }
}
