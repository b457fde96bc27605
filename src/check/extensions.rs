//! `extensions` keys: reverse-DNS names (spec §2).

/// Whether `key` matches [`PATTERN`]: dot-separated labels of lower-case ASCII letters,
/// digits and hyphens, at least two.
pub fn is_extension_key(key: &str) -> bool {
    // One pass over the bytes: how many labels so far, and the length of the last one.
    let (mut labels, mut label) = (1, 0);
    for b in key.bytes() {
        match b {
            b'.' if label == 0 || labels == MAX_LABELS => return false,
            b'.' => (labels, label) = (labels + 1, 0),
            b'a'..=b'z' | b'0'..=b'9' | b'-' if label < MAX_LABEL => label += 1,
            _ => return false,
        }
    }
    label > 0 && labels >= 2
}

/// The longest label (a DNS label's limit).
pub const MAX_LABEL: usize = 63;
/// The most labels; with [`MAX_LABEL`] it bounds a key's length (639 characters).
pub const MAX_LABELS: usize = 10;

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
            prop_assert_eq!(by_definition(&s), is_extension_key(&s));
        }
    }

    /// The rule as first written, with `split`: the byte scan must agree with it.
    fn by_definition(key: &str) -> bool {
        let label_ok = |label: &str| {
            (1..=MAX_LABEL).contains(&label.len())
                && label
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        };
        let labels: Vec<&str> = key.split('.').collect();
        (2..=MAX_LABELS).contains(&labels.len()) && labels.into_iter().all(label_ok)
    }

    #[test]
    fn agrees_with_the_definition_one_edit_from_the_limits() {
        let long = "a".repeat(MAX_LABEL);
        let seeds = [
            "uk.gov".to_owned(),
            "a.b".to_owned(),
            format!("uk.{long}"),
            format!("{long}.{long}"),
            ["a"; MAX_LABELS].join("."),
            ["ab"; MAX_LABELS - 1].join("."),
        ];
        let seeds: Vec<&str> = seeds.iter().map(String::as_str).collect();
        let strings = crate::check::formats::testing::one_edit_away(&seeds, "az09-.A_é");
        for s in &strings {
            assert_eq!(is_extension_key(s), by_definition(s), "{s:?}");
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
