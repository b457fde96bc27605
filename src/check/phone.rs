//! Phone numbers (spec 7.3): digits, spaces, `( ) - .`, one leading `+`; 8 to 15 digits.

/// The most separators (`( ) - .` and spaces) in a row: a phone number is sent as typed, so
/// without a bound one of 1,000,000 spaces between its digits would be accepted and stored.
pub const MAX_SEPARATOR_RUN: usize = 3;

use crate::model::PHONE_DIGITS;

/// Whether `s` (already trimmed) is a phone number.
pub fn is_phone(s: &str) -> bool {
    let body = s.as_bytes();
    let body = body.strip_prefix(b"+").unwrap_or(body);
    let (mut digits, mut run) = (0usize, 0usize);
    // Every character allowed is ASCII: a byte of any other character fails as it would.
    for &b in body {
        match b {
            b'0'..=b'9' => {
                digits += 1;
                run = 0;
            }
            b' ' | b'(' | b')' | b'-' | b'.' => {
                run += 1;
                if run > MAX_SEPARATOR_RUN {
                    return false;
                }
            }
            _ => return false,
        }
    }
    (PHONE_DIGITS.0..=PHONE_DIGITS.1).contains(&digits)
}

/// The same rule as a JSON Schema pattern (the `{0,3}` is [`MAX_SEPARATOR_RUN`], the `{8,15}`
/// is [`PHONE_DIGITS`]; a test holds them equal).
pub const PATTERN: &str = "^\\+?[ ().-]{0,3}([0-9][ ().-]{0,3}){8,15}$";

/// Everything about phone numbers.
pub const OWNER: super::formats::FormatOwner = super::formats::FormatOwner {
    form_type: "phone",
    widget: "input",
    input: super::formats::Input {
        ty: "tel",
        inputmode: None,
        width: None,
        spellcheck: false,
    },
    code: crate::model::Code::InvalidPhone,
    check: is_phone,
    bounded_day: None,
    normal: super::formats::as_given,
    schema: |_| vec![super::formats::pattern(PATTERN)],
    max_length: super::formats::no_limit,
    describe: |limits| {
        format!(
            "phone number: digits, spaces, ( ) - . and one leading +; {}–{} digits",
            limits.phone_digits.0, limits.phone_digits.1
        )
    },
    column: "text",
    shape: crate::messages::Shape::Other,
};

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn pattern_states_the_models_digit_bounds() {
        let (min, max) = PHONE_DIGITS;
        assert!(PATTERN.contains(&format!("{{{min},{max}}}")), "{PATTERN}");
        assert!(
            PATTERN.contains(&format!("{{0,{MAX_SEPARATOR_RUN}}}")),
            "{PATTERN}"
        );
    }

    #[test]
    fn examples() {
        assert!(is_phone("+44 20 7946 0958"));
        assert!(is_phone("(020) 7946-0958"));
        assert!(is_phone("0207.946.0958"));
        assert!(!is_phone("1234567"));
        assert!(is_phone("12345678"));
        assert!(!is_phone("1234567890123456"));
        assert!(!is_phone("++44 20 7946 0958"));
        assert!(!is_phone("020 7946 0958+"));
        assert!(!is_phone("020 7946 CALL"));
        assert!(!is_phone("０２０７９４６０９５８"));
        assert!(is_phone("+44 (0) 20 - 7946 0958"));
        assert!(!is_phone("020    7946 0958"), "four spaces in a row");
        assert!(!is_phone(&format!("020{}79460958", " ".repeat(1_000_000))));
    }

    proptest! {
        #[test]
        fn pattern_agrees(s in "\\+?[0-9 ().+xé０-]{0,22}") {
            let re = regex::Regex::new(PATTERN).unwrap();
            prop_assert_eq!(re.is_match(&s), is_phone(&s));
        }
    }
}
