//! UK postcodes (spec 7.1, §11.10), including `GIR 0AA` and BFPO numbers.

/// A set of capital letters as bits, bit 0 for `A`: a letter is looked up with one shift.
const fn letters(set: &[u8]) -> u32 {
    let mut bits = 0;
    let mut i = 0;
    while i < set.len() {
        bits |= 1 << (set[i] - b'A');
        i += 1;
    }
    bits
}

const AREA: u32 = letters(b"ABCDEFGHIJKLMNOPRSTUWYZ"); // [A-PR-UWYZ]
const DISTRICT_LETTER: u32 = letters(b"ABCDEFGHKLMNOPQRSTUVWXY"); // [A-HK-Y]
const A9A_LETTER: u32 = letters(b"ABCDEFGHJKPSTUW"); // [A-HJKPSTUW]
const AA9A_LETTER: u32 = letters(b"ABEHMNPRVWXY"); // [ABEHMNPRVWXY]
const INWARD_LETTER: u32 = letters(b"ABDEFGHJLNPQRSTUWXYZ"); // [ABD-HJLNP-UWXYZ]

/// The most characters a postcode may have as given (spaces, hyphens and dots included);
/// `BFPO - 1234` is 11.
pub const MAX_GIVEN: usize = 16;

/// The most letters and digits of a postcode (`BFPO1234` is 8, `SW1A1AA` 7).
const MAX_COMPACT: usize = 9;

/// Whether `s` is a valid postcode of at most [`MAX_GIVEN`] characters (what [`normalise`]
/// accepts, without making the normal form).
pub fn is_postcode(s: &str) -> bool {
    let mut buf = [0; MAX_COMPACT];
    compact(s, &mut buf).and_then(space_at).is_some()
}

/// The normal form (`SW1A 1AA`, `GIR 0AA`, `BFPO 1234`) if `s` is a valid postcode of at
/// most [`MAX_GIVEN`] characters.
pub fn normalise(s: &str) -> Option<String> {
    let mut buf = [0; MAX_COMPACT];
    let compact = compact(s, &mut buf)?;
    let space = space_at(compact)?;
    let mut normal = String::with_capacity(compact.len() + 1);
    for (i, &b) in compact.iter().enumerate() {
        if i == space {
            normal.push(' ');
        }
        // Letters and digits only: each byte is a char.
        normal.push(char::from(b));
    }
    Some(normal)
}

/// The letters (upper-cased) and digits of `s`, written into `buf`, if `s` has at most
/// [`MAX_GIVEN`] bytes, nothing else but spaces, hyphens and dots, and at most
/// [`MAX_COMPACT`] letters and digits.
fn compact<'b>(s: &str, buf: &'b mut [u8; MAX_COMPACT]) -> Option<&'b [u8]> {
    if s.len() > MAX_GIVEN {
        return None;
    }
    let mut n = 0;
    for b in s.bytes() {
        let b = match b {
            b'A'..=b'Z' | b'0'..=b'9' => b,
            b'a'..=b'z' => b.to_ascii_uppercase(),
            b' ' | b'-' | b'.' => continue,
            _ => return None,
        };
        // No room: one letter or digit too many.
        *buf.get_mut(n)? = b;
        n += 1;
    }
    buf.get(..n)
}

/// Where the normal form of the compact postcode `c` has its space (after `GIR`, after
/// `BFPO`, or before the inward code), if `c` is valid.
fn space_at(c: &[u8]) -> Option<usize> {
    if c == b"GIR0AA" {
        return Some(3);
    }
    if let Some(number) = c.strip_prefix(b"BFPO") {
        return ((1..=4).contains(&number.len()) && number.iter().all(u8::is_ascii_digit))
            .then_some(4);
    }
    if !(5..=7).contains(&c.len()) {
        return None;
    }
    let (outward, inward) = c.split_at(c.len() - 3);
    (outward_ok(outward) && inward_ok(inward)).then_some(outward.len())
}

fn digit(b: u8) -> bool {
    b.is_ascii_digit()
}

/// A closure: whether a byte is a capital letter of the set `bits` (see [`letters`]).
fn one_of(bits: u32) -> impl Fn(u8) -> bool {
    move |b| b.is_ascii_uppercase() && bits >> (b - b'A') & 1 == 1
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
    input: super::formats::Input {
        ty: "text",
        inputmode: None,
        width: Some(10),
        spellcheck: false,
    },
    code: crate::model::Code::InvalidPostcode,
    check: is_postcode,
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

    /// The rule as first written, with a `Vec`, `format!` and letter lists: the
    /// allocation-free rule must agree with it.
    fn by_definition(s: &str) -> Option<String> {
        const AREA: &[u8] = b"ABCDEFGHIJKLMNOPRSTUWYZ";
        const DISTRICT_LETTER: &[u8] = b"ABCDEFGHKLMNOPQRSTUVWXY";
        const A9A_LETTER: &[u8] = b"ABCDEFGHJKPSTUW";
        const AA9A_LETTER: &[u8] = b"ABEHMNPRVWXY";
        const INWARD_LETTER: &[u8] = b"ABDEFGHJLNPQRSTUWXYZ";
        let one_of = |set: &'static [u8]| move |b: u8| set.contains(&b);
        if s.len() > MAX_GIVEN {
            return None;
        }
        let mut compact = Vec::new();
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
        let (o, i) = compact.split_at(compact.len() - 3);
        let (area, district) = (one_of(AREA), one_of(DISTRICT_LETTER));
        let outward_ok = match *o {
            [a, b] => area(a) && digit(b),
            [a, b, c] => {
                (area(a) && digit(b) && digit(c))
                    || (area(a) && district(b) && digit(c))
                    || (area(a) && digit(b) && one_of(A9A_LETTER)(c))
            }
            [a, b, c, d] => {
                area(a) && district(b) && digit(c) && (digit(d) || one_of(AA9A_LETTER)(d))
            }
            _ => false,
        };
        let inward_ok = matches!(*i, [a, b, c] if digit(a) && one_of(INWARD_LETTER)(b) && one_of(INWARD_LETTER)(c));
        (outward_ok && inward_ok).then(|| {
            format!(
                "{} {}",
                String::from_utf8_lossy(o),
                String::from_utf8_lossy(i)
            )
        })
    }

    #[test]
    fn agrees_with_the_definition_one_edit_from_valid_postcodes() {
        let seeds = [
            "SW1A 1AA",
            "sw1a1aa",
            "M1 1AE",
            "B33 8TH",
            "CR2 6XH",
            "DN55 1PT",
            "W1A 0AX",
            "EC1A 1BB",
            "GIR 0AA",
            "BFPO 1234",
            "bfpo-1",
            "S W 1 A . 1 A A",
            "ZZ99 9ZZ",
        ];
        // Every capital letter and digit, and separators, a lower-case letter and a non-ASCII one.
        let alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -._aqé";
        crate::check::formats::testing::agree_on_one_edits(
            &seeds,
            alphabet,
            1000,
            normalise,
            is_postcode,
            by_definition,
        );
    }

    proptest! {
        #[test]
        fn agrees_with_the_definition_on_random_text(s in "[A-Za-z0-9 ._,/-]{0,18}") {
            prop_assert_eq!(normalise(&s), by_definition(&s));
            prop_assert_eq!(is_postcode(&s), by_definition(&s).is_some());
        }

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
