//! A JSON number that keeps its text (spec §11.15): `normalise` gives back `1E2` as `1E2`
//! and a 30-digit integer with every digit.

use std::fmt;

use serde::ser::{Serialize, Serializer};

/// A JSON number. Read from JSON text it keeps the text as written; made from a Rust
/// number it is that number. Comparisons are of the representation (`1E2` ≠ `100`).
#[derive(Debug, Clone, PartialEq)]
pub struct Number(Repr);

#[derive(Debug, Clone, PartialEq)]
enum Repr {
    PosInt(u64),
    NegInt(i64),
    Float(f64),
    /// The text of a number as JSON text wrote it (always RFC 8259 number grammar), and
    /// its nearest double (an infinity outside the double range), read once. Only the
    /// JSON reader makes one, so the float parser stays out of the wasm.
    Text(Box<str>, f64),
}

impl Number {
    /// A finite double as a number; `None` for NaN and the infinities.
    pub fn from_f64(f: f64) -> Option<Number> {
        f.is_finite().then_some(Number(Repr::Float(f)))
    }

    /// A number written as `text`, kept as written. The text must follow the RFC 8259
    /// number grammar (the parser guarantees it).
    pub(crate) fn from_text(text: &str) -> Number {
        // Plain integers that fit are stored as integers (the common case, no allocation);
        // `-0` keeps its text.
        let plain = text.bytes().all(|b| b.is_ascii_digit() || b == b'-');
        if plain && text != "-0" {
            if let Ok(n) = text.parse::<u64>() {
                return Number(Repr::PosInt(n));
            }
            if let Ok(n) = text.parse::<i64>() {
                return Number(Repr::NegInt(n));
            }
        }
        let value = text.parse::<f64>().unwrap_or(f64::NAN);
        Number(Repr::Text(text.into(), value))
    }

    /// The value as a double: the nearest one, or an infinity when the number lies outside
    /// the double range (`1e400`), which the validator reports as `type` (spec §11.16).
    pub fn as_f64(&self) -> Option<f64> {
        Some(match &self.0 {
            Repr::PosInt(n) => *n as f64,
            Repr::NegInt(n) => *n as f64,
            Repr::Float(f) => *f,
            Repr::Text(_, value) => (!value.is_nan()).then_some(*value)?,
        })
    }

    /// The value as an `i64`, if it is a whole number written without fraction or exponent
    /// that fits.
    pub fn as_i64(&self) -> Option<i64> {
        match &self.0 {
            Repr::PosInt(n) => i64::try_from(*n).ok(),
            Repr::NegInt(n) => Some(*n),
            _ => None,
        }
    }

    /// The value as a `u64`, if it is a whole number written without fraction or exponent
    /// that fits.
    pub fn as_u64(&self) -> Option<u64> {
        match &self.0 {
            Repr::PosInt(n) => Some(*n),
            Repr::NegInt(n) => u64::try_from(*n).ok(),
            _ => None,
        }
    }

    /// Whether the value lies within the range of a double (`1e400` does not).
    pub fn is_finite(&self) -> bool {
        self.as_f64().is_some_and(f64::is_finite)
    }

    /// The same number as a `serde_json::Number`, `None` outside the double range. A
    /// number kept as text becomes the nearest double.
    pub fn to_serde(&self) -> Option<serde_json::Number> {
        match &self.0 {
            Repr::PosInt(n) => Some((*n).into()),
            Repr::NegInt(n) => Some((*n).into()),
            Repr::Float(f) => serde_json::Number::from_f64(*f),
            // Through the double (serde_json reads a long integer so too, with
            // `float_roundtrip`); its parser is not linked into the wasm for this.
            Repr::Text(_, value) => serde_json::Number::from_f64(*value),
        }
    }
}

impl From<&serde_json::Number> for Number {
    fn from(n: &serde_json::Number) -> Number {
        if let Some(u) = n.as_u64() {
            Number(Repr::PosInt(u))
        } else if let Some(i) = n.as_i64() {
            Number(Repr::NegInt(i))
        } else {
            Number(Repr::Float(n.as_f64().unwrap_or(0.0)))
        }
    }
}

impl From<serde_json::Number> for Number {
    fn from(n: serde_json::Number) -> Number {
        Number::from(&n)
    }
}

macro_rules! from_int {
    ($($t:ty => $repr:ident as $as:ty),*) => {$(
        impl From<$t> for Number {
            fn from(n: $t) -> Number {
                if n >= 0 {
                    Number(Repr::PosInt(n as u64))
                } else {
                    Number(Repr::$repr(n as $as))
                }
            }
        }
    )*};
}
from_int!(i8 => NegInt as i64, i16 => NegInt as i64, i32 => NegInt as i64, i64 => NegInt as i64, isize => NegInt as i64);

macro_rules! from_uint {
    ($($t:ty),*) => {$(
        impl From<$t> for Number {
            fn from(n: $t) -> Number {
                Number(Repr::PosInt(n as u64))
            }
        }
    )*};
}
from_uint!(u8, u16, u32, u64, usize);

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Repr::PosInt(n) => write!(f, "{n}"),
            Repr::NegInt(n) => write!(f, "{n}"),
            Repr::Float(x) => match serde_json::Number::from_f64(*x) {
                Some(n) => write!(f, "{n}"),
                None => f.write_str("null"),
            },
            Repr::Text(t, _) => f.write_str(t),
        }
    }
}

impl Serialize for Number {
    /// A number kept as text is written as that text (through serde_json's raw value;
    /// another serializer sees the double).
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match &self.0 {
            Repr::PosInt(n) => s.serialize_u64(*n),
            Repr::NegInt(n) => s.serialize_i64(*n),
            Repr::Float(f) => s.serialize_f64(*f),
            #[cfg(not(target_arch = "wasm32"))]
            Repr::Text(t, value) => match serde_json::value::RawValue::from_string(t.to_string()) {
                Ok(raw) => raw.serialize(s),
                Err(_) => s.serialize_f64(*value),
            },
            // Numbers from JavaScript are doubles, never text; RawValue would link
            // serde_json's parser into the wasm.
            #[cfg(target_arch = "wasm32")]
            Repr::Text(_, value) => s.serialize_f64(*value),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_text_of_exponents_and_long_integers() {
        for text in [
            "1E2",
            "1e-7",
            "123456789012345678901234567890",
            "-0",
            "0.10",
            "1e400",
        ] {
            let n = Number::from_text(text);
            assert_eq!(n.to_string(), text);
            assert_eq!(serde_json::to_string(&n).unwrap(), text);
        }
        assert_eq!(Number::from_text("15").as_i64(), Some(15));
        assert_eq!(Number::from_text("-15").as_i64(), Some(-15));
        assert_eq!(Number::from_text("1E2").as_f64(), Some(100.0));
    }

    #[test]
    fn out_of_double_range_is_not_finite() {
        assert!(!Number::from_text("1e400").is_finite());
        assert!(!Number::from_text("-1e400").is_finite());
        assert!(Number::from_text("1e-400").is_finite());
        assert!(Number::from_text("1e308").is_finite());
        assert_eq!(Number::from_text("1e400").to_serde(), None);
        assert_eq!(
            Number::from_text("1E2").to_serde(),
            serde_json::Number::from_f64(100.0)
        );
    }
}
