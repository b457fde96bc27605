//! `referral_id`: 8-4-4-4-12 hex digits, any case, any version (spec §2, §11.10).

/// Whether `s` is a UUID in 8-4-4-4-12 form.
pub fn is_uuid(s: &str) -> bool {
    // Where the hyphens go; any other byte is a hex digit.
    const SHAPE: &[u8; 36] = b"xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";
    s.len() == 36
        && s.bytes().zip(SHAPE).all(|(b, &shape)| match shape {
            b'-' => b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
}

/// The same rule as a JSON Schema pattern.
pub const PATTERN: &str =
    "^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$";

/// Everything about UUIDs.
pub const OWNER: super::formats::FormatOwner = super::formats::FormatOwner {
    form_type: "uuid",
    widget: "input",
    input: super::formats::Input::TEXT,
    code: crate::model::Code::InvalidFormat,
    check: is_uuid,
    bounded_day: None,
    normal: super::formats::as_given,
    schema: |_| vec![super::formats::pattern(PATTERN)],
    max_length: super::formats::no_limit,
    describe: |_| "UUID, 8-4-4-4-12 hex digits, any case".into(),
    column: "text",
    shape: crate::messages::Shape::Uuid,
};

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn examples() {
        assert!(is_uuid("00000000-0000-0000-0000-000000000000"));
        assert!(is_uuid("3F2C8A9E-5B1D-4C6A-9F0E-2D7B8C4A1E55"));
        assert!(!is_uuid("3f2c8a9e5b1d4c6a9f0e2d7b8c4a1e55"));
        assert!(!is_uuid("{3f2c8a9e-5b1d-4c6a-9f0e-2d7b8c4a1e55}"));
        assert!(!is_uuid("3f2c8a9e-5b1d-4c6a-9f0e-2d7b8c4a1e5g"));
    }

    proptest! {
        #[test]
        fn pattern_agrees(s in "[0-9a-gA-G-]{8}-?[0-9a-fA-F-]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{11,13}") {
            let re = regex::Regex::new(PATTERN).unwrap();
            prop_assert_eq!(re.is_match(&s), is_uuid(&s));
        }
    }
}
