//! Languages and texts given in both of them.

use std::fmt;
use std::str::FromStr;

/// A language the messages are written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Welsh (Cymraeg).
    Cy,
}

impl Lang {
    /// The ISO 639-1 code.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Cy => "cy",
        }
    }
}

impl FromStr for Lang {
    type Err = UnknownLang;
    fn from_str(s: &str) -> Result<Lang, UnknownLang> {
        match s {
            "en" => Ok(Lang::En),
            "cy" => Ok(Lang::Cy),
            _ => Err(UnknownLang),
        }
    }
}

/// A language code other than `en` or `cy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnknownLang;

impl fmt::Display for UnknownLang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("language must be \"en\" or \"cy\"")
    }
}

impl std::error::Error for UnknownLang {}

/// A text in English and Welsh.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tr {
    /// English.
    pub en: &'static str,
    /// Welsh.
    pub cy: &'static str,
}

impl Tr {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Cy => self.cy,
        }
    }
}

/// Shorthand for a [`Tr`].
pub const fn tr(en: &'static str, cy: &'static str) -> Tr {
    Tr { en, cy }
}
