//! Phone numbers (spec 7.3): digits, spaces, `( ) - .`, one leading `+`; 8 to 15 digits.

/// Whether `s` (already trimmed) is a phone number.
pub fn is_phone(s: &str) -> bool {
    let body = s.strip_prefix('+').unwrap_or(s);
    let mut digits = 0usize;
    for c in body.chars() {
        match c {
            '0'..='9' => digits += 1,
            ' ' | '(' | ')' | '-' | '.' => {}
            _ => return false,
        }
    }
    (8..=15).contains(&digits)
}

/// The same rule as a JSON Schema pattern.
pub const PATTERN: &str = "^\\+?[ ().-]*([0-9][ ().-]*){8,15}$";

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

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
    }

    proptest! {
        #[test]
        fn pattern_agrees(s in "\\+?[0-9 ().+x-]{0,22}") {
            let re = regex::Regex::new(PATTERN).unwrap();
            prop_assert_eq!(re.is_match(&s), is_phone(&s));
        }
    }
}
