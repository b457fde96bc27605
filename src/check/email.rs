//! Email addresses (spec 7.2, §11.10).

use crate::model::EMAIL_MAX;

/// Whether `s` (already trimmed) is an email address.
pub fn is_email(s: &str) -> bool {
    if super::text::longer_than(s, EMAIL_MAX) {
        return false;
    }
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    let labels_ok = domain.split('.').all(|label| {
        !label.is_empty()
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    });
    !local.is_empty()
        && !local.chars().any(char::is_whitespace)
        && labels_ok
        && domain.contains('.')
}

/// The normal form of a valid address: the domain lower-cased.
pub fn normalise(s: &str) -> String {
    match s.rsplit_once('@') {
        Some((local, domain)) => format!("{local}@{}", domain.to_ascii_lowercase()),
        None => s.to_owned(),
    }
}

/// The same rule as a JSON Schema pattern (the length limit is `maxLength`).
pub fn pattern() -> String {
    let label = "[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?";
    format!(
        "^[^@{ws}{forbidden}]+@{label}(\\.{label})+$",
        ws = super::text::WHITE_SPACE_CLASS,
        forbidden = super::text::forbidden_class(super::text::TextClass::Other)
    )
}

/// Everything about email addresses.
pub const OWNER: super::formats::FormatOwner = super::formats::FormatOwner {
    form_type: "email",
    widget: "input",
    code: crate::model::Code::InvalidEmail,
    check: is_email,
    bounded_day: None,
    normal: |s| Some(normalise(s)),
    schema: |limits| {
        vec![
            super::formats::pattern(&pattern()),
            (
                "maxLength",
                crate::json::Json::Number((limits.email_max as u64).into()),
            ),
        ]
    },
    max_length: |limits| Some(limits.email_max),
    describe: |limits| format!("email address, at most {} characters", limits.email_max),
    column: "text",
    shape: crate::messages::Shape::Other,
};

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn examples() {
        assert!(is_email("ruth.jones@school.example.org"));
        assert!(is_email("RUTH@School.Example.ORG"));
        assert!(!is_email("ruth@localhost"));
        assert!(!is_email("ruth@@school.org"));
        assert!(!is_email("ru th@school.org"));
        assert!(!is_email("ruth@-school.org"));
        assert!(!is_email("ruth@school-.org"));
        assert!(!is_email("ruth@school..org"));
        assert!(!is_email("@school.org"));
        assert!(!is_email("ruth@schööl.org"));
        let local = "a".repeat(254 - "@example.org".len());
        assert!(is_email(&format!("{local}@example.org")));
        assert!(!is_email(&format!("{local}a@example.org")));
        assert_eq!(normalise("Ruth@School.ORG"), "Ruth@school.org");
    }

    fn to_rust_regex(p: &str) -> String {
        // \uXXXX → \x{XXXX}: the one ECMA-262 escape the Rust regex crate spells differently.
        let mut out = String::new();
        let mut rest = p;
        while let Some(i) = rest.find("\\u") {
            out.push_str(&rest[..i]);
            out.push_str(&format!("\\x{{{}}}", &rest[i + 2..i + 6]));
            rest = &rest[i + 6..];
        }
        out + rest
    }

    proptest! {
        #[test]
        fn pattern_agrees(s in "[a-z .@\u{a0}-]{1,6}@?[a-zA-Z0-9.-]{0,12}") {
            let re = regex::Regex::new(&to_rust_regex(&pattern())).unwrap();
            prop_assert_eq!(re.is_match(&s), is_email(&s), "{}", s);
        }
    }
}
