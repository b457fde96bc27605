//! `extensions` keys: reverse-DNS names (spec §2).

/// Whether `key` matches `^[a-z0-9-]+(\.[a-z0-9-]+)+$`.
pub fn is_extension_key(key: &str) -> bool {
    let mut labels = key.split('.');
    let first_ok = labels.next().is_some_and(label_ok);
    let mut rest = 0;
    for label in labels {
        if !label_ok(label) {
            return false;
        }
        rest += 1;
    }
    first_ok && rest > 0
}

fn label_ok(label: &str) -> bool {
    !label.is_empty()
        && label
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The same rule as a JSON Schema pattern (for `propertyNames`).
pub const PATTERN: &str = "^[a-z0-9-]+(\\.[a-z0-9-]+)+$";

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn pattern_agrees(s in "[a-zA-Z0-9.\\- _]{0,12}") {
            let re = regex::Regex::new(PATTERN).unwrap();
            prop_assert_eq!(re.is_match(&s), is_extension_key(&s));
        }
    }

    #[test]
    fn examples() {
        assert!(is_extension_key("uk.gov.example.case-id"));
        assert!(!is_extension_key("example"));
        assert!(!is_extension_key("Uk.gov"));
        assert!(!is_extension_key("uk..gov"));
    }
}
