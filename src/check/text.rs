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
/// Every forbidden character is an ASCII control (below 0x20, or 0x7F), or starts with the
/// UTF-8 lead byte 0xC2 (C1 controls) or 0xE2 (U+2028/9, bidirectional controls). The scan
/// takes eight bytes at a time (one 64-bit word: wasm has no wider registers without SIMD);
/// a word of printable ASCII, as almost every word is, costs a handful of operations. Any
/// other word gets exact per-byte masks ([`word_has_forbidden`]), so neither TAB, LF and CR
/// in long text nor letters such as `é` drop the scan to a byte loop; only a 0xC2 or 0xE2
/// lead byte is decoded. The last 0–7 bytes are read as one more word too ([`find_word`]).
pub fn has_forbidden(s: &str, class: TextClass) -> bool {
    // Most strings are printable ASCII throughout: a first scan that calls nothing (so is
    // cheap to enter) settles them; the rest is scanned from the first other word on.
    match find_word(s.as_bytes(), 0, |_, x| !printable(x)) {
        None => false,
        Some(at) => forbidden_from(s, at, class),
    }
}

/// Whether a character forbidden in this class starts at or after byte `from` of `s`
/// (which [`find_word`] gave).
#[inline(never)]
fn forbidden_from(s: &str, from: usize, class: TextClass) -> bool {
    let found = find_word(s.as_bytes(), from, |at, x| {
        !printable(x) && word_has_forbidden(s, at, x, class)
    });
    found.is_some()
}

/// The byte offset of the first word of `bytes` from byte `from` on for which `hit(offset,
/// word)` holds. The words are eight bytes each; the last 1–7 bytes are read as one more
/// word: the last eight bytes, overlapping the word before (looking at a byte twice
/// changes no answer here), or, in a string under eight bytes, the bytes padded with spaces.
#[inline(always)]
fn find_word(bytes: &[u8], from: usize, mut hit: impl FnMut(usize, u64) -> bool) -> Option<usize> {
    let mut words = bytes.get(from..)?.chunks_exact(8);
    let mut at = from;
    for word in words.by_ref() {
        if hit(at, word_at(word)) {
            return Some(at);
        }
        at += 8;
    }
    let (at, x) = match words.remainder() {
        [] => return None,
        _ if bytes.len() >= 8 => {
            let at = bytes.len() - 8;
            (at, word_at(&bytes[at..]))
        }
        // Byte `j` of the spaces turned into byte `j` of the text by XOR.
        tail => {
            let mut x = ONES * u64::from(b' ');
            for (j, &b) in tail.iter().enumerate() {
                x ^= u64::from(b ^ b' ') << (8 * j);
            }
            (0, x)
        }
    };
    hit(at, x).then_some(at)
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;
const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;

/// The first eight bytes of `word` (which has at least eight) as a little-endian word: byte
/// `j` of the text is byte `j` of the number.
fn word_at(word: &[u8]) -> u64 {
    let mut eight = [0; 8];
    eight.copy_from_slice(&word[..8]);
    u64::from_le_bytes(eight)
}

/// Whether all eight bytes of `x` are printable ASCII (0x20–0x7E): no byte below 0x20 (else
/// the subtraction borrows into a high bit), none from 0x80 up, none 0x7F (0x7F + 1 sets the
/// high bit; only 0xFF carries into the next byte, and its own high bit is set already).
fn printable(x: u64) -> bool {
    (x.wrapping_sub(ONES * 0x20) | x | x.wrapping_add(ONES)) & HIGH == 0
}

/// The high bit of each byte of `x` that is below `n` (`n` at most 0x80), exactly: no carry
/// crosses from one byte to the next.
fn bytes_below(x: u64, n: u8) -> u64 {
    !(((x & LOW7) + ONES * u64::from(0x80 - n)) | x) & HIGH
}

/// The high bit of each byte of `x` that equals `c`, exactly.
fn bytes_equal(x: u64, c: u8) -> u64 {
    let y = x ^ (ONES * u64::from(c));
    !(((y & LOW7) + LOW7) | y) & HIGH
}

/// Whether the eight bytes `x`, read from `s` at byte `at` (bytes past the end of `s` being
/// spaces), start a character forbidden in this class.
fn word_has_forbidden(s: &str, at: usize, x: u64, class: TextClass) -> bool {
    let mut controls = bytes_below(x, 0x20) | bytes_equal(x, 0x7F);
    if class == TextClass::Long {
        controls &= !(bytes_equal(x, b'\t') | bytes_equal(x, b'\n') | bytes_equal(x, b'\r'));
    }
    if controls != 0 {
        return true;
    }
    // A lead byte is always a char boundary; decode the character it starts.
    let mut leads = bytes_equal(x, 0xC2) | bytes_equal(x, 0xE2);
    while leads != 0 {
        let i = at + (leads.trailing_zeros() / 8) as usize;
        let c = s.get(i..).and_then(|rest| rest.chars().next());
        if c.is_some_and(|c| is_forbidden(c, class)) {
            return true;
        }
        leads &= leads - 1;
    }
    false
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
    // A char is one to four bytes, so the byte length alone settles it unless it is between
    // `max + 1` and `4 × (max + 1) - 1`; only then are the chars counted (`count` counts
    // the bytes that start a char, a word at a time, without decoding).
    s.len() > max && (s.len() >= max.saturating_add(1).saturating_mul(4) || s.chars().count() > max)
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

    /// The word scan against the obvious definition, on strings of every length 0..40
    /// (in chars) made of fillers of one to four bytes, TAB, LF and CR, with each of the
    /// characters at the edges of the forbidden ranges at every offset: a bad byte at the
    /// first and last byte of a word, in the tail, in the overlapping last word, and in
    /// strings shorter than one word.
    #[test]
    fn word_scan_agrees_with_a_char_scan_at_every_length_and_offset() {
        let bad = [
            '\0', '\t', '\n', '\u{B}', '\r', '\u{1F}', ' ', '~', '\u{7F}', '\u{80}', '\u{9F}',
            '\u{A0}', '\u{C2}', '\u{E2}', 'é', '\u{2027}', '\u{2028}', '\u{2029}', '\u{202A}',
            '\u{202E}', '\u{202F}', '\u{2065}', '\u{2066}', '\u{2069}', '\u{206A}', '\u{FEFF}',
            '😀',
        ];
        let fillers = ["a", "é", "€", "😀", "\t", "ab\té\n€\r😀", "\u{A0}\u{2030}"];
        let definition = |s: &str, class| s.chars().any(|c| is_forbidden(c, class));
        for class in [TextClass::Short, TextClass::Long, TextClass::Other] {
            for filler in fillers {
                for len in 0..40 {
                    let plain: Vec<char> = filler.chars().cycle().take(len).collect();
                    let s: String = plain.iter().collect();
                    assert_eq!(has_forbidden(&s, class), definition(&s, class), "{s:?}");
                    for at in 0..=len {
                        for c in bad {
                            let mut chars = plain.clone();
                            chars.insert(at, c);
                            let s: String = chars.iter().collect();
                            assert_eq!(
                                has_forbidden(&s, class),
                                definition(&s, class),
                                "{class:?} {s:?}"
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn lengths_agree_with_a_char_count() {
        for filler in ["a", "é", "€", "😀", "aé€😀", "😀€éa"] {
            for len in 0..60 {
                let s: String = filler.chars().cycle().take(len).collect();
                for max in 0..70 {
                    assert_eq!(longer_than(&s, max), len > max, "{s:?} {max}");
                }
                assert!(!longer_than(&s, usize::MAX));
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
