//! The JSON text reader (RFC 8259). Its own, rather than serde_json's, so that the limits
//! are structural and shared with the wasm layer (spec §11.16): nesting is counted here
//! (128 levels read, 129 refused, [`MAX_DEPTH`]), every value is counted ([`MAX_VALUES`]),
//! repeated member names are kept, and numbers keep their text (spec §11.15).
//!
//! Recursion is bounded by [`MAX_DEPTH`], so no input can exhaust the stack.

use std::borrow::Cow;

use super::{Json, Number, ParseError, MAX_DEPTH, MAX_VALUES};

/// Reads `text` (already without a byte-order mark, not blank) as one JSON document.
/// Strings without escapes borrow from `text`; only those with escapes are allocated.
pub fn parse(text: &str) -> Result<Json<'_>, ParseError> {
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        values: 0,
    };
    p.skip_ws();
    let value = p.value(0)?;
    p.skip_ws();
    if p.pos < p.bytes.len() {
        return Err(p.syntax("trailing characters after the document"));
    }
    Ok(value)
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    values: usize,
}

impl<'a> Parser<'a> {
    /// A syntax error at the current position, with line and column (1-based, in
    /// characters) as serde_json wrote them.
    fn syntax(&self, what: &str) -> ParseError {
        let before = self.text.get(..self.pos).unwrap_or(self.text);
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        ParseError::Syntax(format!("{what} at line {line} column {column}"))
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    fn eat(&mut self, b: u8) -> bool {
        if self.peek() == Some(b) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn literal(&mut self, word: &str, value: Json<'a>) -> Result<Json<'a>, ParseError> {
        if self.bytes[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.syntax("expected a value"))
        }
    }

    /// One value, `depth` arrays and objects deep; white space before it is skipped.
    fn value(&mut self, depth: usize) -> Result<Json<'a>, ParseError> {
        self.values += 1;
        if self.values > MAX_VALUES {
            return Err(ParseError::TooLarge);
        }
        match self.peek() {
            None => Err(self.syntax("unexpected end of the input")),
            Some(b'n') => self.literal("null", Json::Null),
            Some(b't') => self.literal("true", Json::Bool(true)),
            Some(b'f') => self.literal("false", Json::Bool(false)),
            Some(b'"') => Ok(Json::String(self.string()?)),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b'[') => {
                if depth >= MAX_DEPTH {
                    return Err(ParseError::TooDeep);
                }
                self.pos += 1;
                self.array(depth + 1)
            }
            Some(b'{') => {
                if depth >= MAX_DEPTH {
                    return Err(ParseError::TooDeep);
                }
                self.pos += 1;
                self.object(depth + 1)
            }
            Some(_) => Err(self.syntax("expected a value")),
        }
    }

    fn array(&mut self, depth: usize) -> Result<Json<'a>, ParseError> {
        let mut items = Vec::new();
        self.skip_ws();
        if self.eat(b']') {
            return Ok(Json::Array(items));
        }
        loop {
            self.skip_ws();
            items.push(self.value(depth)?);
            self.skip_ws();
            if self.eat(b',') {
                continue;
            }
            if self.eat(b']') {
                return Ok(Json::Array(items));
            }
            return Err(self.syntax("expected `,` or `]`"));
        }
    }

    fn object(&mut self, depth: usize) -> Result<Json<'a>, ParseError> {
        let mut members = Vec::new();
        self.skip_ws();
        if self.eat(b'}') {
            return Ok(Json::Object(members));
        }
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return Err(self.syntax("expected a member name in double quotes"));
            }
            let key = self.string()?;
            self.skip_ws();
            if !self.eat(b':') {
                return Err(self.syntax("expected `:`"));
            }
            self.skip_ws();
            let value = self.value(depth)?;
            members.push((key, value));
            self.skip_ws();
            if self.eat(b',') {
                continue;
            }
            if self.eat(b'}') {
                return Ok(Json::Object(members));
            }
            return Err(self.syntax("expected `,` or `}`"));
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        self.pos - start
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, kept as text.
    fn number(&mut self) -> Result<Json<'a>, ParseError> {
        let start = self.pos;
        self.eat(b'-');
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.syntax("expected a digit")),
        }
        if self.eat(b'.') && self.digits() == 0 {
            return Err(self.syntax("expected a digit after the decimal point"));
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(self.syntax("expected a digit in the exponent"));
            }
        }
        let text = self
            .text
            .get(start..self.pos)
            .ok_or_else(|| self.syntax("expected a number"))?;
        Ok(Json::Number(Number::from_text(text)))
    }

    /// Four hex digits of a `\u` escape.
    fn hex4(&mut self) -> Result<u32, ParseError> {
        let hex = self
            .text
            .get(self.pos..self.pos + 4)
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
            .ok_or_else(|| self.syntax("expected four hex digits after `\\u`"))?;
        self.pos += 4;
        u32::from_str_radix(hex, 16).map_err(|_| self.syntax("expected four hex digits"))
    }

    /// Moves past the characters a string holds as they are; returns them. The run ends at
    /// an ASCII byte (or the end), so it is whole UTF-8.
    fn plain_run(&mut self) -> &'a str {
        let start = self.pos;
        while let Some(b) = self.peek() {
            if b == b'"' || b == b'\\' || b < 0x20 {
                break;
            }
            self.pos += 1;
        }
        self.text.get(start..self.pos).unwrap_or_default()
    }

    /// A string, the opening quote next. Borrowed from the text unless it has an escape.
    fn string(&mut self) -> Result<Cow<'a, str>, ParseError> {
        self.pos += 1;
        let run = self.plain_run();
        if self.peek() == Some(b'"') {
            self.pos += 1;
            return Ok(Cow::Borrowed(run));
        }
        let mut out = String::from(run);
        loop {
            match self.peek() {
                None => return Err(self.syntax("unterminated string")),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    self.pos += 1;
                    self.escape(&mut out)?;
                }
                Some(_) => return Err(self.syntax("control character in a string")),
            }
            out.push_str(self.plain_run());
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<(), ParseError> {
        let Some(b) = self.peek() else {
            return Err(self.syntax("unterminated string"));
        };
        self.pos += 1;
        let c = match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let first = self.hex4()?;
                let code = match first {
                    0xD800..=0xDBFF => {
                        if !(self.eat(b'\\') && self.eat(b'u')) {
                            return Err(self.syntax("lone leading surrogate in hex escape"));
                        }
                        let second = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&second) {
                            return Err(self.syntax("lone leading surrogate in hex escape"));
                        }
                        0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                    }
                    0xDC00..=0xDFFF => {
                        return Err(self.syntax("lone trailing surrogate in hex escape"))
                    }
                    c => c,
                };
                char::from_u32(code).ok_or_else(|| self.syntax("invalid escape"))?
            }
            _ => return Err(self.syntax("invalid escape")),
        };
        out.push(c);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse_str;
    use super::*;

    fn nested(levels: usize) -> String {
        "[".repeat(levels) + &"]".repeat(levels)
    }

    #[test]
    fn reads_128_levels_and_refuses_129() {
        assert!(parse_str(&nested(MAX_DEPTH)).is_ok());
        assert_eq!(parse_str(&nested(MAX_DEPTH + 1)), Err(ParseError::TooDeep));
        let objects = "{\"a\":".repeat(MAX_DEPTH) + "1" + &"}".repeat(MAX_DEPTH);
        assert!(parse_str(&objects).is_ok());
        let objects = "{\"a\":".repeat(MAX_DEPTH + 1) + "1" + &"}".repeat(MAX_DEPTH + 1);
        assert_eq!(parse_str(&objects), Err(ParseError::TooDeep));
    }

    #[test]
    fn counts_values() {
        let at_limit = format!("[{}]", vec!["0"; MAX_VALUES - 1].join(","));
        assert!(parse_str(&at_limit).is_ok());
        let over = format!("[{}]", vec!["0"; MAX_VALUES].join(","));
        assert_eq!(parse_str(&over), Err(ParseError::TooLarge));
    }

    #[test]
    fn agrees_with_serde_json_on_what_is_json() {
        let cases = [
            "1",
            "-0",
            "0.5",
            "1e5",
            "1E+5",
            "1e-5",
            "\"a\\u00e9\\ud83d\\ude00\\/\"",
            "[]",
            "{}",
            "[1,2]",
            "{\"a\":[true,false,null]}",
            " \t\n\r1 ",
            "01",
            "1.",
            ".5",
            "-",
            "1e",
            "+1",
            "[1,]",
            "{\"a\":1,}",
            "{a:1}",
            "\"\\x\"",
            "\"\u{1}\"",
            "[1 2]",
            "nul",
            "truex",
            "\"\\ud800\"",
            "\"\\udc00\"",
            "\"\\ud800\\u0041\"",
            "{\"a\" 1}",
            "[",
            "\"abc",
            "1 2",
            "\"\\u12\"",
            "-a",
            "[-]",
            "\u{a0}1",
        ];
        for case in cases {
            let ours = parse(case).is_ok();
            let theirs = serde_json::from_str::<serde_json::Value>(case).is_ok();
            assert_eq!(ours, theirs, "{case:?}");
        }
    }

    #[test]
    fn syntax_errors_say_where() {
        let Err(ParseError::Syntax(msg)) = parse("{\n  \"a\": tru\n}") else {
            panic!("not a syntax error")
        };
        assert_eq!(msg, "expected a value at line 2 column 8");
    }

    #[test]
    fn strings_borrow_unless_they_have_an_escape() {
        let text = r#"{"plain": "héllo", "esc\u0041": "a\nb", "tail\"": "x\\"}"#;
        let Ok(Json::Object(members)) = parse(text) else {
            panic!("not an object")
        };
        let within = |s: &str| text.as_bytes().as_ptr_range().contains(&s.as_ptr());
        let strings: Vec<(&Cow<str>, Option<&Cow<str>>)> = members
            .iter()
            .map(|(k, v)| match v {
                Json::String(s) => (k, Some(s)),
                _ => (k, None),
            })
            .collect();
        let [(k0, Some(v0)), (k1, Some(v1)), (k2, Some(v2))] = strings[..] else {
            panic!("not three string members")
        };
        assert!(matches!(k0, Cow::Borrowed(s) if *s == "plain" && within(s)));
        assert!(matches!(v0, Cow::Borrowed(s) if *s == "héllo" && within(s)));
        assert!(matches!(k1, Cow::Owned(s) if s == "escA"));
        assert!(matches!(v1, Cow::Owned(s) if s == "a\nb"));
        assert!(matches!(k2, Cow::Owned(s) if s == "tail\""));
        assert!(matches!(v2, Cow::Owned(s) if s == "x\\"));
    }

    #[test]
    fn numbers_keep_their_text() {
        let doc = parse(r#"{"a":1E2,"b":123456789012345678901234567890,"c":1e400}"#).unwrap();
        assert_eq!(
            serde_json::to_string(&doc).unwrap(),
            r#"{"a":1E2,"b":123456789012345678901234567890,"c":1e400}"#
        );
    }
}
