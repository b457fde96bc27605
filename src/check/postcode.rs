//! UK postcodes (spec 7.1, §11.10), including `GIR 0AA` and BFPO numbers.

const AREA: &[u8] = b"ABCDEFGHIJKLMNOPRSTUWYZ"; // [A-PR-UWYZ]
const DISTRICT_LETTER: &[u8] = b"ABCDEFGHKLMNOPQRSTUVWXY"; // [A-HK-Y]
const A9A_LETTER: &[u8] = b"ABCDEFGHJKPSTUW"; // [A-HJKPSTUW]
const AA9A_LETTER: &[u8] = b"ABEHMNPRVWXY"; // [ABEHMNPRVWXY]
const INWARD_LETTER: &[u8] = b"ABDEFGHJLNPQRSTUWXYZ"; // [ABD-HJLNP-UWXYZ]

/// The most characters a postcode may have as given (spaces, hyphens and dots included);
/// `BFPO - 1234` is 11.
pub const MAX_GIVEN: usize = 16;

/// The normal form (`SW1A 1AA`, `GIR 0AA`, `BFPO 1234`) if `s` is a valid postcode of at
/// most [`MAX_GIVEN`] characters.
pub fn normalise(s: &str) -> Option<String> {
    if s.len() > MAX_GIVEN {
        return None;
    }
    let mut compact = Vec::with_capacity(8);
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'0'..=b'9' => compact.push(b),
            b'a'..=b'z' => compact.push(b.to_ascii_uppercase()),
            b' ' | b'-' | b'.' => {}
            _ => return None,
        }
        if compact.len() > 9 {
            return None;
        }
    }
    if compact == b"GIR0AA" {
        return Some("GIR 0AA".to_owned());
    }
    if let Some(number) = compact.strip_prefix(b"BFPO") {
        return ((1..=4).contains(&number.len()) && number.iter().all(u8::is_ascii_digit))
            .then(|| format!("BFPO {}", String::from_utf8_lossy(number)));
    }
    if !(5..=7).contains(&compact.len()) {
        return None;
    }
    let (outward, inward) = compact.split_at(compact.len() - 3);
    (outward_ok(outward) && inward_ok(inward)).then(|| {
        format!(
            "{} {}",
            String::from_utf8_lossy(outward),
            String::from_utf8_lossy(inward)
        )
    })
}

fn digit(b: u8) -> bool {
    b.is_ascii_digit()
}

fn one_of(set: &[u8]) -> impl Fn(u8) -> bool + '_ {
    move |b| set.contains(&b)
}

fn outward_ok(o: &[u8]) -> bool {
    let area = one_of(AREA);
    let district = one_of(DISTRICT_LETTER);
    match *o {
        [a, b] => area(a) && digit(b),
        [a, b, c] => {
            (area(a) && digit(b) && digit(c))
                || (area(a) && district(b) && digit(c))
                || (area(a) && digit(b) && one_of(A9A_LETTER)(c))
        }
        [a, b, c, d] => area(a) && district(b) && digit(c) && (digit(d) || one_of(AA9A_LETTER)(d)),
        _ => false,
    }
}

fn inward_ok(i: &[u8]) -> bool {
    matches!(*i, [a, b, c] if digit(a) && one_of(INWARD_LETTER)(b) && one_of(INWARD_LETTER)(c))
}

/// The spec's pattern for the normal form, with `GIR 0AA` and BFPO, as a JSON Schema pattern.
pub const PATTERN: &str = "^(GIR 0AA|BFPO [0-9]{1,4}|(?:[A-PR-UWYZ][0-9][0-9]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9]?|[A-PR-UWYZ][0-9][A-HJKPSTUW]|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY]) [0-9][ABD-HJLNP-UWXYZ]{2})$";

/// Everything about postcodes.
pub const OWNER: super::formats::FormatOwner = super::formats::FormatOwner {
    form_type: "postcode",
    widget: "input",
    code: crate::model::Code::InvalidPostcode,
    check: |s| normalise(s).is_some(),
    bounded_day: None,
    normal: normalise,
    schema: |_| vec![super::formats::pattern(PATTERN)],
    max_length: super::formats::no_limit,
    describe: |_| "UK postcode (GIR 0AA and BFPO numbers too); sent as SW1A 1AA".into(),
    column: "text",
    shape: crate::messages::Shape::Other,
};

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn examples() {
        let n = |s| normalise(s);
        assert_eq!(n("sw1a1aa").as_deref(), Some("SW1A 1AA"));
        assert_eq!(n("SW1A-1AA").as_deref(), Some("SW1A 1AA"));
        assert_eq!(n(" S W 1 A . 1 A A").as_deref(), Some("SW1A 1AA"));
        assert_eq!(n("gir 0aa").as_deref(), Some("GIR 0AA"));
        assert_eq!(n("BFPO 1234").as_deref(), Some("BFPO 1234"));
        assert_eq!(n("bfpo1").as_deref(), Some("BFPO 1"));
        assert_eq!(n("CF10 1EP").as_deref(), Some("CF10 1EP"));
        assert_eq!(n("M1 1AE").as_deref(), Some("M1 1AE"));
        assert_eq!(n("BFPO12345"), None);
        assert_eq!(n("BFPO"), None);
        assert_eq!(n("SW1A_1AA"), None);
        assert_eq!(n("Q1A 1AA"), None);
        assert_eq!(n("SW1A 1AI"), None);
        assert_eq!(n("SW1A 1ÄA"), None);
    }

    proptest! {
        #[test]
        fn normal_forms_match_the_spec_pattern(s in "[A-Z]{1,2}[0-9][0-9A-Z]? ?[0-9][A-Z]{2}") {
            let re = regex::Regex::new(PATTERN).unwrap();
            let compact: String = s.chars().filter(|c| *c != ' ').collect();
            let spaced = format!("{} {}", &compact[..compact.len() - 3], &compact[compact.len() - 3..]);
            prop_assert_eq!(normalise(&s).is_some(), re.is_match(&spaced), "{}", s);
            if let Some(normal) = normalise(&s) {
                prop_assert_eq!(normal, spaced);
            }
        }
    }
}
