//! Calendar dates, partial dates, RFC 3339 date-times and ages (spec §1, §4, §11.8–9): the
//! owners of the three date formats ([`DATE`], [`PARTIAL_DATE`], [`DATE_TIME`]).

use super::formats::{self, FormatOwner};
use crate::json::Json;
use crate::messages::Shape;
use crate::model::Code;

/// A calendar day. Ordering is chronological.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// Year, 0000–9999.
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
    /// Day, 1–31.
    pub day: u8,
}

impl Date {
    /// A date from (year, month, day).
    pub const fn from_tuple((year, month, day): (u16, u8, u8)) -> Date {
        Date { year, month, day }
    }
}

fn is_leap(year: u16) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The number that ASCII digits `b` write (at most four of them: a `u16`), or None.
fn number(b: &[u8]) -> Option<u16> {
    b.iter().try_fold(0, |n: u16, &d| {
        d.is_ascii_digit().then(|| n * 10 + u16::from(d - b'0'))
    })
}

fn real_day(year: u16, month: u16, day: u16) -> Option<Date> {
    let month = u8::try_from(month).ok().filter(|m| (1..=12).contains(m))?;
    let day = u8::try_from(day)
        .ok()
        .filter(|&d| d >= 1 && d <= days_in_month(year, month))?;
    Some(Date { year, month, day })
}

/// A real calendar day written `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Option<Date> {
    date_of(s.as_bytes())
}

/// A real calendar day written `YYYY-MM-DD`, from the bytes (every rule here is ASCII, so
/// bytes are read one by one without decoding or searching).
fn date_of(b: &[u8]) -> Option<Date> {
    let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = *b else {
        return None;
    };
    real_day(
        number(&[y0, y1, y2, y3])?,
        number(&[m0, m1])?,
        number(&[d0, d1])?,
    )
}

/// The first day of `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, if real.
pub fn parse_partial_date(s: &str) -> Option<Date> {
    match *s.as_bytes() {
        [y0, y1, y2, y3] => real_day(number(&[y0, y1, y2, y3])?, 1, 1),
        [y0, y1, y2, y3, b'-', m0, m1] => {
            real_day(number(&[y0, y1, y2, y3])?, number(&[m0, m1])?, 1)
        }
        ref b => date_of(b),
    }
}

/// The most digits a date-time's fraction of a second may have (nanoseconds). RFC 3339 sets
/// no bound; without one a 1,000,000-digit fraction would be accepted and stored.
pub const MAX_FRACTION_DIGITS: usize = 9;

/// The calendar date of an RFC 3339 date-time in its own offset, if the text follows the
/// RFC 3339 §5.6 grammar exactly with real values and at most [`MAX_FRACTION_DIGITS`]
/// digits of fraction.
pub fn parse_date_time(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    let date = date_of(b.get(..10)?)?;
    // partial-time: HH:MM:SS[.frac]
    let [b'T' | b't', h0, h1, b':', m0, m1, b':', s0, s1, ref rest @ ..] = *b.get(10..)? else {
        return None;
    };
    let (h, m, sec) = (number(&[h0, h1])?, number(&[m0, m1])?, number(&[s0, s1])?);
    if h > 23 || m > 59 || sec > 60 {
        return None;
    }
    let rest = match rest {
        [b'.', frac @ ..] => {
            let n = frac.iter().take_while(|b| b.is_ascii_digit()).count();
            if n == 0 || n > MAX_FRACTION_DIGITS {
                return None;
            }
            &frac[n..]
        }
        _ => rest,
    };
    // time-offset: Z or ±HH:MM
    match *rest {
        [b'Z' | b'z'] => Some(date),
        [b'+' | b'-', h0, h1, b':', m0, m1] => {
            let (oh, om) = (number(&[h0, h1])?, number(&[m0, m1])?);
            (oh <= 23 && om <= 59).then_some(date)
        }
        _ => None,
    }
}

/// Whole years from `birth` to `on`. A 29 February birthday falls on 1 March in other years.
pub fn age_on(birth: Date, on: Date) -> i32 {
    let years = i32::from(on.year) - i32::from(birth.year);
    let birthday = if birth.month == 2 && birth.day == 29 && !is_leap(on.year) {
        (3, 1)
    } else {
        (birth.month, birth.day)
    };
    if (on.month, on.day) < birthday {
        years - 1
    } else {
        years
    }
}

/// Schema pattern of a date whose year is 1900 or later (real days are checked by code).
pub const DATE_PATTERN: &str = "^(19|[2-9][0-9])[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$";
/// Schema pattern of `YYYY`, `YYYY-MM` or `YYYY-MM-DD` from 1900 on.
pub const PARTIAL_DATE_PATTERN: &str =
    "^(19|[2-9][0-9])[0-9]{2}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$";
/// Schema pattern of an RFC 3339 date-time (real days are checked by code); the fraction's
/// bound is [`MAX_FRACTION_DIGITS`].
pub const DATE_TIME_PATTERN: &str = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[Tt]([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]{1,9})?([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$";

/// The schema's annotations of a day checked by code: real, and (when `bounded`) not after
/// the referral date.
fn day_schema(pattern: &str, bounded: bool) -> Vec<(&'static str, Json<'static>)> {
    let mut members = vec![
        formats::pattern(pattern),
        ("x-real-calendar-day", Json::Bool(true)),
    ];
    if bounded {
        members.push(("x-not-after-referral-date", Json::Bool(true)));
    }
    members
}

/// Everything about dates (`YYYY-MM-DD`, bounded).
pub const DATE: FormatOwner = FormatOwner {
    form_type: "date",
    widget: "date",
    input: super::formats::Input::TEXT,
    code: Code::InvalidDate,
    check: |s| parse_date(s).is_some(),
    bounded_day: Some(parse_date),
    normal: formats::as_given,
    schema: |_| day_schema(DATE_PATTERN, true),
    max_length: formats::no_limit,
    describe: |limits| {
        let (year, month, day) = limits.earliest_date;
        format!(
            "date YYYY-MM-DD, a real day from {year:04}-{month:02}-{day:02}, not after the referral date"
        )
    },
    column: "a date, `YYYY-MM-DD`",
    shape: Shape::Date,
};

/// Everything about partial dates (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`; the first day bounded).
pub const PARTIAL_DATE: FormatOwner = FormatOwner {
    form_type: "partial_date",
    widget: "date",
    input: super::formats::Input::TEXT,
    code: Code::InvalidDate,
    check: |s| parse_partial_date(s).is_some(),
    bounded_day: Some(parse_partial_date),
    normal: formats::as_given,
    schema: |_| day_schema(PARTIAL_DATE_PATTERN, true),
    max_length: formats::no_limit,
    describe: |limits| {
        format!(
            "YYYY, YYYY-MM or YYYY-MM-DD, real, from {:04}, not after the referral date",
            limits.earliest_date.0
        )
    },
    column: "a date or part of one: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`",
    shape: Shape::PartialDate,
};

/// Everything about RFC 3339 date-times (filled in by the form, never bounded).
pub const DATE_TIME: FormatOwner = FormatOwner {
    form_type: "date_time",
    widget: "none",
    input: super::formats::Input::TEXT,
    code: Code::InvalidFormat,
    check: |s| parse_date_time(s).is_some(),
    bounded_day: None,
    normal: formats::as_given,
    schema: |_| day_schema(DATE_TIME_PATTERN, false),
    max_length: formats::no_limit,
    describe: |_| "date and time, RFC 3339 with an offset or Z".into(),
    column: "a date and time (RFC 3339)",
    shape: Shape::DateTime,
};

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> Date {
        parse_date(s).unwrap()
    }

    /// The parsers as first written, with `split` and `str::parse`: the byte parsers must
    /// agree with them.
    mod definition {
        use super::super::{real_day, Date, MAX_FRACTION_DIGITS};

        fn digits(s: &str, n: usize) -> Option<u16> {
            if s.len() != n || !s.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            s.parse().ok()
        }

        pub fn parse_date(s: &str) -> Option<Date> {
            let mut parts = s.split('-');
            let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
            if parts.next().is_some() {
                return None;
            }
            real_day(digits(y, 4)?, digits(m, 2)?, digits(d, 2)?)
        }

        pub fn parse_partial_date(s: &str) -> Option<Date> {
            match s.len() {
                4 => real_day(digits(s, 4)?, 1, 1),
                7 => {
                    let (y, m) = s.split_once('-')?;
                    real_day(digits(y, 4)?, digits(m, 2)?, 1)
                }
                _ => parse_date(s),
            }
        }

        pub fn parse_date_time(s: &str) -> Option<Date> {
            let (date, rest) = (s.get(..10)?, s.get(10..)?);
            let date = parse_date(date)?;
            let rest = rest.strip_prefix(['T', 't'])?;
            let (hms, rest) = (rest.get(..8)?, rest.get(8..)?);
            let b = hms.as_bytes();
            if b.get(2) != Some(&b':') || b.get(5) != Some(&b':') {
                return None;
            }
            let (h, m, sec) = (
                digits(hms.get(..2)?, 2)?,
                digits(hms.get(3..5)?, 2)?,
                digits(hms.get(6..)?, 2)?,
            );
            if h > 23 || m > 59 || sec > 60 {
                return None;
            }
            let rest = match rest.strip_prefix('.') {
                Some(frac) => {
                    let n = frac.bytes().take_while(u8::is_ascii_digit).count();
                    if n == 0 || n > MAX_FRACTION_DIGITS {
                        return None;
                    }
                    frac.get(n..)?
                }
                None => rest,
            };
            match rest {
                "Z" | "z" => Some(date),
                _ => {
                    let offset = rest.strip_prefix(['+', '-'])?;
                    let (oh, om) = offset.split_once(':')?;
                    let (oh, om) = (digits(oh, 2)?, digits(om, 2)?);
                    (oh <= 23 && om <= 59).then_some(date)
                }
            }
        }
    }

    #[test]
    fn byte_parsers_agree_with_the_definitions() {
        let seeds = [
            "2026",
            "2026-11",
            "2024-02-29",
            "2023-02-28",
            "2026-03-01T00:30:00+01:00",
            "2016-12-31T23:59:60Z",
            "2026-03-01t23:59:59.123456789z",
            "2026-03-01T00:30:00.1-23:59",
            "2026-03-01T00:30:00.12345678Z",
        ];
        let alphabet = "01235 69-:.+TtZzé";
        let strings = formats::testing::one_edit_away(&seeds, alphabet);
        let mut accepted = 0;
        for s in &strings {
            assert_eq!(parse_date(s), definition::parse_date(s), "{s:?}");
            assert_eq!(
                parse_partial_date(s),
                definition::parse_partial_date(s),
                "{s:?}"
            );
            assert_eq!(parse_date_time(s), definition::parse_date_time(s), "{s:?}");
            accepted += usize::from(parse_date_time(s).is_some());
        }
        assert!(accepted > 100, "the edits reach both answers: {accepted}");
    }

    #[test]
    fn date_patterns_start_at_the_models_earliest_date() {
        let (year, month, day) = crate::model::EARLIEST_DATE;
        assert_eq!((month, day), (1, 1), "the patterns can only bound the year");
        for pattern in [DATE_PATTERN, PARTIAL_DATE_PATTERN] {
            let re = regex::Regex::new(pattern).unwrap();
            assert!(re.is_match(&format!("{year:04}-01-01")), "{pattern}");
            assert!(!re.is_match(&format!("{:04}-12-31", year - 1)), "{pattern}");
        }
    }

    #[test]
    fn real_days_only() {
        assert!(parse_date("2024-02-29").is_some());
        assert!(parse_date("2023-02-29").is_none());
        assert!(parse_date("1900-02-29").is_none());
        assert!(parse_date("2000-02-29").is_some());
        assert!(parse_date("2026-04-31").is_none());
        assert!(parse_date("2026-4-01").is_none());
        assert!(parse_date("+026-04-01").is_none());
        assert!(parse_date("2026-04-01-").is_none());
    }

    #[test]
    fn partial_dates() {
        assert_eq!(parse_partial_date("2026"), Some(d("2026-01-01")));
        assert_eq!(parse_partial_date("2026-11"), Some(d("2026-11-01")));
        assert_eq!(parse_partial_date("2026-13"), None);
        assert_eq!(parse_partial_date("2026-11-31"), None);
        assert_eq!(parse_partial_date("202"), None);
    }

    #[test]
    fn date_times_follow_rfc3339() {
        assert_eq!(
            parse_date_time("2026-03-01T00:30:00+01:00"),
            Some(d("2026-03-01"))
        );
        assert!(parse_date_time("2026-03-01t00:30:00.123456z").is_some());
        assert!(parse_date_time("2016-12-31T23:59:60Z").is_some());
        assert!(parse_date_time("2026-03-01 00:30:00Z").is_none());
        assert!(parse_date_time("2026-03-01T00:30:00").is_none());
        assert!(parse_date_time("2026-03-01T24:00:00Z").is_none());
        assert!(parse_date_time("2026-03-01T00:30:00.Z").is_none());
        assert!(parse_date_time("2026-03-01T00:30:00+1:00").is_none());
        assert!(parse_date_time("2026-02-30T00:30:00Z").is_none());
        assert!(parse_date_time("2026-03-01T00:30Z").is_none());
    }

    #[test]
    fn ages() {
        assert_eq!(age_on(d("2008-11-21"), d("2026-11-20")), 17);
        assert_eq!(age_on(d("2008-11-20"), d("2026-11-20")), 18);
        assert_eq!(age_on(d("2008-02-29"), d("2026-02-28")), 17);
        assert_eq!(age_on(d("2008-02-29"), d("2026-03-01")), 18);
        assert_eq!(age_on(d("2008-02-29"), d("2028-02-29")), 20);
    }

    proptest! {
        #[test]
        fn date_time_pattern_accepts_every_date_time_the_check_accepts(
            s in "[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,3})?([Zz]|[+-][0-9]{2}:[0-9]{2})"
        ) {
            let re = regex::Regex::new(DATE_TIME_PATTERN).unwrap();
            if parse_date_time(&s).is_some() {
                prop_assert!(re.is_match(&s));
            } else if parse_date(&s[..10]).is_some() {
                // Real day, bad time: the pattern rejects it too.
                prop_assert!(!re.is_match(&s));
            }
        }

        #[test]
        fn byte_parsers_agree_with_the_definitions_on_random_text(s in "[0-9Tt:.+Zz -]{0,32}") {
            prop_assert_eq!(parse_date(&s), definition::parse_date(&s));
            prop_assert_eq!(parse_partial_date(&s), definition::parse_partial_date(&s));
            prop_assert_eq!(parse_date_time(&s), definition::parse_date_time(&s));
        }

        #[test]
        fn date_pattern_agrees_on_well_formed_years_from_1900(s in "(19|20)[0-9]{2}-[0-9]{2}-[0-9]{2}") {
            let re = regex::Regex::new(DATE_PATTERN).unwrap();
            if parse_date(&s).is_some() {
                prop_assert!(re.is_match(&s));
            }
        }
    }
}
