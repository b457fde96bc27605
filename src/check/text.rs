//! Text rules: forbidden characters and lengths (spec §1, §11.2).

/// Which character rules apply to a string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextClass {
    /// Short text: no control characters at all, no U+2028/U+2029.
    Short,
    /// Long text: TAB, LF and CR allowed.
    Long,
    /// Any other string (codes, dates, ids, emails…): no control characters.
    Other,
}

/// Bidirectional override and isolate characters, forbidden everywhere.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether `c` may not appear in text of this class.
pub fn is_forbidden(c: char, class: TextClass) -> bool {
    match c {
        '\t' | '\n' | '\r' => class != TextClass::Long,
        '\u{2028}' | '\u{2029}' => class == TextClass::Short,
        c => c.is_control() || is_bidi_control(c),
    }
}

/// Whether any character of `s` is forbidden in this class.
///
/// Every forbidden character is ASCII control, or starts with the UTF-8 lead byte 0xC2
/// (C1 controls) or 0xE2 (U+2028/9, bidirectional controls), so a byte scan finds the few
/// places worth decoding. The scan takes eight bytes at a time (one 64-bit word: wasm has
/// no wider registers without SIMD), and looks at single bytes only in a word that holds
/// one of those bytes, or TAB, LF or CR.
pub fn has_forbidden(s: &str, class: TextClass) -> bool {
    let long = class == TextClass::Long;
    let suspicious = |b: u8| {
        (b < 0x20 && !(long && matches!(b, b'\t' | b'\n' | b'\r')))
            || b == 0x7F
            || b == 0xC2
            || b == 0xE2
    };
    // A forbidden character starts at a suspicious byte, which is always a char boundary
    // (ASCII, or a lead byte).
    let forbidden_at = |i: usize| {
        s.get(i..)
            .and_then(|rest| rest.chars().next())
            .is_some_and(|c| is_forbidden(c, class))
    };
    let bytes = s.as_bytes();
    let mut words = bytes.chunks_exact(8);
    let mut at = 0;
    for word in words.by_ref() {
        let x = u64::from_le_bytes(word.try_into().unwrap_or_default());
        if may_hold_suspicious(x) {
            for (j, &b) in word.iter().enumerate() {
                if suspicious(b) && forbidden_at(at + j) {
                    return true;
                }
            }
        }
        at += 8;
    }
    let tail = words.remainder();
    tail.iter()
        .enumerate()
        .any(|(j, &b)| suspicious(b) && forbidden_at(at + j))
}

/// Whether a word of eight bytes may hold a byte below 0x20, 0x7F, 0xC2 or 0xE2 (no false
/// negatives; a true answer is settled byte by byte).
fn may_hold_suspicious(x: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH != 0;
    let below_space = x.wrapping_sub(ONES * 0x20) & !x & HIGH != 0;
    below_space
        || has_zero(x ^ (ONES * 0x7F))
        || has_zero(x ^ (ONES * 0xC2))
        || has_zero(x ^ (ONES * 0xE2))
}

/// `s` without leading and trailing white space (`str::trim`), settled without decoding
/// when both ends are visible ASCII, as they are in almost every value.
pub fn trim(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(a), Some(z)) if a.is_ascii_graphic() && z.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

/// Whether `s` has more than `max` Unicode scalar values.
pub fn longer_than(s: &str, max: usize) -> bool {
    // Every char is at least one byte, so a short byte length settles it without counting.
    s.len() > max && s.chars().nth(max).is_some()
}

/// The forbidden characters of a class, as the inside of a regular-expression character
/// class in ECMA-262 (`\\uXXXX`) notation.
pub fn forbidden_class(class: TextClass) -> &'static str {
    match class {
        TextClass::Short => {
            "\\u0000-\\u001F\\u007F-\\u009F\\u202A-\\u202E\\u2066-\\u2069\\u2028\\u2029"
        }
        TextClass::Long => {
            "\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\u202A-\\u202E\\u2066-\\u2069"
        }
        TextClass::Other => "\\u0000-\\u001F\\u007F-\\u009F\\u202A-\\u202E\\u2066-\\u2069",
    }
}

/// The JSON Schema (ECMA-262) pattern that rejects the forbidden characters of a class.
pub fn schema_pattern(class: TextClass) -> String {
    format!("^[^{}]*$", forbidden_class(class))
}

/// A regular-expression character class of Unicode White_Space (what `str::trim` removes),
/// for the schema pattern that a required text is not blank.
pub const WHITE_SPACE_CLASS: &str =
    "\\u0009-\\u000D\\u0020\\u0085\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_and_newlines_only_in_long_text() {
        assert!(has_forbidden("a\tb", TextClass::Short));
        assert!(!has_forbidden("a\tb\r\nc", TextClass::Long));
        assert!(has_forbidden("a\u{0}b", TextClass::Long));
        assert!(has_forbidden("a\u{85}b", TextClass::Long));
        assert!(has_forbidden("a\u{202E}b", TextClass::Long));
        assert!(has_forbidden("a\u{2028}b", TextClass::Short));
        assert!(!has_forbidden("a\u{2028}b", TextClass::Long));
        assert!(!has_forbidden("Siân Ó Briain 😀", TextClass::Short));
    }

    #[test]
    fn byte_scan_agrees_with_a_char_scan() {
        for class in [TextClass::Short, TextClass::Long, TextClass::Other] {
            for c in (0..=0x3000u32).filter_map(char::from_u32) {
                // At every offset within a word, and in the tail after the last word.
                for pad in 0..18 {
                    let s = format!("{}{c}é\r\n0123456789", "a".repeat(pad));
                    let s = &s[..s.len() - pad.min(12)];
                    assert_eq!(
                        has_forbidden(s, class),
                        s.chars().any(|c| is_forbidden(c, class)),
                        "{class:?} {:04X} at {pad}",
                        c as u32
                    );
                }
            }
        }
    }

    #[test]
    fn lengths_count_chars_not_bytes() {
        assert!(!longer_than(&"é".repeat(200), 200));
        assert!(longer_than(&"é".repeat(201), 200));
        assert!(!longer_than(&"😀".repeat(200), 200));
    }

    #[test]
    fn white_space_class_is_what_trim_removes() {
        let ranges = parse_class(WHITE_SPACE_CLASS);
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let in_class = ranges.iter().any(|&(a, b)| (a..=b).contains(&(c as u32)));
            assert_eq!(in_class, c.is_whitespace(), "{:04X}", c as u32);
        }
    }

    #[test]
    fn schema_patterns_agree_with_the_check() {
        for class in [TextClass::Short, TextClass::Long, TextClass::Other] {
            let ranges = parse_class(forbidden_class(class));
            for c in (0..=0x3000u32)
                .chain(0xFEFF..=0xFEFF)
                .filter_map(char::from_u32)
            {
                let in_class = ranges.iter().any(|&(a, b)| (a..=b).contains(&(c as u32)));
                assert_eq!(
                    in_class,
                    is_forbidden(c, class),
                    "{class:?} {:04X}",
                    c as u32
                );
            }
        }
    }

    /// Reads `\uXXXX` and `\uXXXX-\uXXXX` items of a character class.
    fn parse_class(class: &str) -> Vec<(u32, u32)> {
        let mut out = Vec::new();
        for item in class.split("\\u").filter(|s| !s.is_empty()) {
            let (hex, rest) = item.split_at(4);
            let n = u32::from_str_radix(hex, 16).unwrap();
            if rest == "-" {
                out.push((n, u32::MAX));
            } else if let Some(last) = out.last_mut().filter(|r| r.1 == u32::MAX) {
                last.1 = n;
            } else {
                out.push((n, n));
            }
        }
        out
    }
}
