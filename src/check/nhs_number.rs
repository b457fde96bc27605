//! NHS numbers (spec 7.4): 10 digits with a modulus-11 check digit.

/// The most characters an NHS number may have as given (spaces and hyphens included);
/// `943 - 476 - 5919` is 16.
pub const MAX_GIVEN: usize = 20;

/// Whether `s` is a valid NHS number of at most [`MAX_GIVEN`] characters (what
/// [`normalise`] accepts, without making the normal form).
pub fn is_nhs_number(s: &str) -> bool {
    digits(s).is_some()
}

/// The 10 digits if `s` is a valid NHS number of at most [`MAX_GIVEN`] characters (spaces
/// and hyphens ignored).
pub fn normalise(s: &str) -> Option<String> {
    let digits = digits(s)?;
    Some(digits.iter().map(|&d| char::from(b'0' + d)).collect())
}

/// The values of the 10 digits of `s` (spaces and hyphens ignored), if `s` has at most
/// [`MAX_GIVEN`] bytes, nothing else, and a valid check digit.
fn digits(s: &str) -> Option<[u8; 10]> {
    if s.len() > MAX_GIVEN {
        return None;
    }
    let (mut d, mut n) = ([0u8; 10], 0);
    for b in s.bytes() {
        match b {
            b' ' | b'-' => {}
            // No room: an eleventh digit.
            b'0'..=b'9' => {
                *d.get_mut(n)? = b - b'0';
                n += 1;
            }
            _ => return None,
        }
    }
    if n != 10 {
        return None;
    }
    let [body @ .., last] = d;
    let sum: u32 = body
        .iter()
        .zip((2..=10).rev())
        .map(|(&x, w)| u32::from(x) * w)
        .sum();
    let check = match 11 - sum % 11 {
        11 => 0,
        10 => return None,
        c => c,
    };
    (u32::from(last) == check).then_some(d)
}

/// The normalised form as a JSON Schema pattern (the check digit is checked by code).
pub const PATTERN: &str = "^[0-9]{10}$";

/// Everything about NHS numbers.
pub const OWNER: super::formats::FormatOwner = super::formats::FormatOwner {
    form_type: "nhs_number",
    widget: "input",
    input: super::formats::Input {
        ty: "text",
        inputmode: Some("numeric"),
        width: Some(10),
        spellcheck: false,
    },
    code: crate::model::Code::InvalidNhsNumber,
    check: is_nhs_number,
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

    /// The rule as first written, collecting a `String` and a `Vec`: the allocation-free
    /// rule must agree with it.
    fn by_definition(s: &str) -> Option<String> {
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

    #[test]
    fn agrees_with_the_definition_one_edit_from_valid_numbers() {
        let seeds = [
            "943 476 5919",
            "9434765919",
            "943-476-5919",
            "943 - 476 - 5919",
            "0000000000",
            "4010232137",
            "401 023 2137  -  ",
        ];
        crate::check::formats::testing::agree_on_one_edits(
            &seeds,
            "0123456789 -.é٣",
            50,
            normalise,
            is_nhs_number,
            by_definition,
        );
    }

    proptest::proptest! {
        #[test]
        fn agrees_with_the_definition_on_random_text(s in "[0-9 -]{0,22}") {
            proptest::prop_assert_eq!(normalise(&s), by_definition(&s));
            proptest::prop_assert_eq!(is_nhs_number(&s), by_definition(&s).is_some());
        }
    }

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
