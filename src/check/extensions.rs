//! `extensions` keys: reverse-DNS names (spec §2).

/// Whether `key` matches [`PATTERN`]: dot-separated labels of lower-case ASCII letters,
/// digits and hyphens, at least two.
pub fn is_extension_key(key: &str) -> bool {
    let mut labels = key.split('.');
    let first_ok = labels.next().is_some_and(label_ok);
    let mut rest = 0;
    for label in labels {
        if !label_ok(label) || rest + 1 >= MAX_LABELS {
            return false;
        }
        rest += 1;
    }
    first_ok && rest > 0
}

/// The longest label (a DNS label's limit).
pub const MAX_LABEL: usize = 63;
/// The most labels; with [`MAX_LABEL`] it bounds a key's length (639 characters).
pub const MAX_LABELS: usize = 10;

fn label_ok(label: &str) -> bool {
    (1..=MAX_LABEL).contains(&label.len())
        && label
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The same rule as a JSON Schema pattern (for `propertyNames`): labels of 1–63 characters,
/// 2–10 of them ([`MAX_LABEL`], [`MAX_LABELS`]).
pub const PATTERN: &str = "^[a-z0-9-]{1,63}(\\.[a-z0-9-]{1,63}){1,9}$";

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn pattern_agrees(s in "[a-zA-Z0-9.\\- _]{0,12}") {
            static RE: std::sync::LazyLock<regex::Regex> =
                std::sync::LazyLock::new(|| regex::Regex::new(PATTERN).unwrap());
            prop_assert_eq!(RE.is_match(&s), is_extension_key(&s));
        }
    }

    #[test]
    fn examples() {
        assert!(is_extension_key("uk.gov.example.case-id"));
        assert!(!is_extension_key("example"));
        assert!(!is_extension_key("Uk.gov"));
        assert!(!is_extension_key("uk..gov"));
        assert!(is_extension_key(&format!("uk.{}", "a".repeat(63))));
        assert!(!is_extension_key(&format!("uk.{}", "a".repeat(64))));
        assert!(is_extension_key(&["a"; 10].join(".")));
        assert!(!is_extension_key(&["a"; 11].join(".")));
        let re = regex::Regex::new(PATTERN).unwrap();
        assert!(re.is_match(&["a"; 10].join(".")));
        assert!(!re.is_match(&["a"; 11].join(".")));
        assert!(!re.is_match(&format!("uk.{}", "a".repeat(64))));
    }
}
