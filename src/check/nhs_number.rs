//! NHS numbers (spec 7.4): 10 digits with a modulus-11 check digit.

/// The most characters an NHS number may have as given (spaces and hyphens included);
/// `943 - 476 - 5919` is 16.
pub const MAX_GIVEN: usize = 20;

/// The 10 digits if `s` is a valid NHS number of at most [`MAX_GIVEN`] characters (spaces
/// and hyphens ignored).
pub fn normalise(s: &str) -> Option<String> {
    if s.len() > MAX_GIVEN {
        return None;
    }
    let digits: String = s.chars().filter(|&c| c != ' ' && c != '-').collect();
    if digits.len() != 10 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let d: Vec<u32> = digits.bytes().map(|b| u32::from(b - b'0')).collect();
    let sum: u32 = d
        .iter()
        .take(9)
        .zip((2..=10).rev())
        .map(|(x, w)| x * w)
        .sum();
    let check = match 11 - sum % 11 {
        11 => 0,
        10 => return None,
        c => c,
    };
    (Some(&check) == d.get(9)).then_some(digits)
}

/// The normalised form as a JSON Schema pattern (the check digit is checked by code).
pub const PATTERN: &str = "^[0-9]{10}$";

/// Everything about NHS numbers.
pub const OWNER: super::formats::FormatOwner = super::formats::FormatOwner {
    form_type: "nhs_number",
    widget: "input",
    code: crate::model::Code::InvalidNhsNumber,
    check: |s| normalise(s).is_some(),
    bounded_day: None,
    normal: normalise,
    schema: |_| {
        vec![
            super::formats::pattern(PATTERN),
            ("x-nhs-check-digit", crate::json::Json::Bool(true)),
        ]
    },
    max_length: super::formats::no_limit,
    describe: |_| "NHS number: 10 digits with a valid check digit; sent as 10 digits".into(),
    column: "text",
    shape: crate::messages::Shape::Other,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples() {
        assert_eq!(normalise("943 476 5919").as_deref(), Some("9434765919"));
        assert_eq!(normalise("943-476-5919").as_deref(), Some("9434765919"));
        assert_eq!(normalise("9434765918"), None);
        assert_eq!(normalise("943476591"), None);
        assert_eq!(normalise("94347659190"), None);
        assert_eq!(normalise("943.476.5919"), None);
        // Check digit would be 10: 1000000001 has sum 10 → 11 - 10 = 1; find one whose c = 10:
        // digits 000000001 → sum 2 → c = 9; 000000010 → sum 3 → c = 8; 100000000 → sum 10 → c = 1.
        // 000000005 → sum 10 → c = 1; 000000006 → sum 12 → c = 10 → always invalid.
        assert_eq!(normalise("0000000060"), None);
        assert_eq!(normalise("0000000000").as_deref(), Some("0000000000"));
    }
}
