//! Email addresses (spec 7.2, §11.10).

use crate::model::EMAIL_MAX;

/// Whether `s` (already trimmed) is an email address: a non-empty local part without white
/// space, `@`, and a domain of two or more dot-separated labels of ASCII letters, digits and
/// hyphens, none empty or starting or ending with a hyphen.
pub fn is_email(s: &str) -> bool {
    if super::text::longer_than(s, EMAIL_MAX) {
        return false;
    }
    match local_part_end(s) {
        Some(at) => at > 0 && s.as_bytes().get(at + 1..).is_some_and(domain_ok),
        None => false,
    }
}

/// Where the local part ends (at the first `@`), if `s` has an `@` and the local part has
/// no white space (`char::is_whitespace`). One pass over the bytes; the local part is
/// decoded only when it has non-ASCII characters (U+00A0, U+3000… are white space too).
fn local_part_end(s: &str) -> Option<usize> {
    let mut ascii = true;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        match b {
            b'@' => {
                // `get`, not `s[..i]`: `i` is a char boundary, and indexing a `str` would bring
                // its panic message's formatting (about 5 KB) into the wasm.
                let white = |local: &str| local.chars().any(char::is_whitespace);
                return (ascii || !s.get(..i).is_some_and(white)).then_some(i);
            }
            // The ASCII white space: TAB, LF, VT, FF, CR and space.
            b'\t'..=b'\r' | b' ' => return None,
            0x80.. => ascii = false,
            _ => {}
        }
    }
    None
}

/// Whether `domain` is two or more labels, in one pass over its bytes.
fn domain_ok(domain: &[u8]) -> bool {
    // The byte before the current one; a dot at the start, as a label starts after a dot.
    let mut previous = b'.';
    let mut dots = 0;
    for &b in domain {
        match b {
            // A label ends: not empty, not ending with a hyphen.
            b'.' if previous == b'.' || previous == b'-' => return false,
            b'.' => dots += 1,
            // A label does not start with a hyphen.
            b'-' if previous == b'.' => return false,
            b'-' => {}
            b if b.is_ascii_alphanumeric() => {}
            _ => return false,
        }
        previous = b;
    }
    dots > 0 && previous != b'.' && previous != b'-'
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
    input: super::formats::Input {
        ty: "email",
        inputmode: None,
        width: None,
        spellcheck: false,
    },
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

    /// The rule as first written, with `split`: the byte scan must agree with it.
    fn by_definition(s: &str) -> bool {
        if s.chars().count() > EMAIL_MAX {
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

    #[test]
    fn byte_scan_agrees_with_the_definition_on_every_short_string() {
        // Every string of up to five of these characters, after a fixed local part.
        let alphabet = ['a', 'Z', '0', '-', '.', '@', ' ', 'é'];
        let mut level = vec![String::new()];
        let mut strings = level.clone();
        for _ in 0..5 {
            level = level
                .iter()
                .flat_map(|s| alphabet.map(|c| format!("{s}{c}")))
                .collect();
            strings.extend(level.iter().cloned());
        }
        for tail in &strings {
            for local in ["", "a", "a b", "a\u{A0}b", "a\u{B}b", "é", "a.b"] {
                for s in [format!("{local}{tail}"), format!("{local}@{tail}")] {
                    assert_eq!(is_email(&s), by_definition(&s), "{s:?}");
                }
            }
        }
        // Around the length limit, in chars of one and two bytes.
        for n in 240..260 {
            for c in ["a", "é"] {
                let s = format!("{}@example.org", c.repeat(n - "@example.org".len()));
                assert_eq!(is_email(&s), by_definition(&s), "{n} {c}");
            }
        }
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
            prop_assert_eq!(is_email(&s), by_definition(&s), "{}", s);
            let re = regex::Regex::new(&to_rust_regex(&pattern())).unwrap();
            prop_assert_eq!(re.is_match(&s), is_email(&s), "{}", s);
        }
    }
}
