//! The stable machine codes of errors and warnings (spec §6). Never renamed.

use serde::Serialize;

/// Declares the codes once: the enum, [`Code::ALL`] and the wire names come from one list, so
/// a code added to the enum cannot be missing from `ALL` (nor without a wire name).
macro_rules! codes {
    ($($(#[$doc:meta])* $name:ident = $wire:literal,)*) => {
        /// An error or warning code.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $($(#[$doc])* $name,)*
        }

        impl Code {
            /// Every code, errors first, in the order of spec §6.
            pub const ALL: [Code; [$($wire),*].len()] = [$(Code::$name),*];

            /// The code as it appears on the wire.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$name => $wire,)*
                }
            }
        }
    };
}

codes! {
    /// A required field is absent.
    Required = "required",
    /// A value of the wrong JSON type.
    Type = "type",
    /// A field this document does not define.
    UnknownField = "unknown_field",
    /// `schema_version` is not `"1.0"`.
    UnsupportedVersion = "unsupported_version",
    /// UUID, date-time or extension key in the wrong format.
    InvalidFormat = "invalid_format",
    /// A code that is not in the field's list.
    InvalidOption = "invalid_option",
    /// Text longer than its limit.
    TooLong = "too_long",
    /// Control or bidirectional-override characters.
    InvalidCharacters = "invalid_characters",
    /// An array of more than 20 items.
    TooManyItems = "too_many_items",
    /// A repeated code in an array, or a repeated member name in JSON text.
    Duplicate = "duplicate",
    /// Not a real calendar day.
    InvalidDate = "invalid_date",
    /// After the referral date.
    DateInFuture = "date_in_future",
    /// Before 1900-01-01.
    DateTooEarly = "date_too_early",
    /// A number outside its range.
    OutOfRange = "out_of_range",
    /// Two fields that must not both be given.
    Conflict = "conflict",
    /// Not an email address.
    InvalidEmail = "invalid_email",
    /// Not a phone number.
    InvalidPhone = "invalid_phone",
    /// Not a UK postcode.
    InvalidPostcode = "invalid_postcode",
    /// Not a valid NHS number.
    InvalidNhsNumber = "invalid_nhs_number",
    /// The referrer gave neither email nor phone.
    EmailOrPhoneRequired = "email_or_phone_required",
    /// A confirmation that must be `true`.
    MustBeTrue = "must_be_true",
    /// More problems than a report lists (spec §11.14): the last entry of a full list.
    TooManyErrors = "too_many_errors",
    /// Warning: someone is in immediate danger.
    Call999 = "call_999",
    /// Warning: the person is under 18 and no parent or carer is given.
    ParentsOrCarersRecommended = "parents_or_carers_recommended",
    /// Warning: the description is very short.
    DescriptionTooBrief = "description_too_brief",
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl Code {
    /// Whether this code is a warning (never makes a document invalid).
    pub fn is_warning(self) -> bool {
        matches!(
            self,
            Code::Call999 | Code::ParentsOrCarersRecommended | Code::DescriptionTooBrief
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The wire name is the variant's name in snake case (digits a word of their own), each
    /// used once, and serde writes it.
    #[test]
    fn wire_names_are_the_variant_names_in_snake_case() {
        let mut seen = std::collections::BTreeSet::new();
        for code in Code::ALL {
            let mut snake = String::new();
            let mut prev_digit = false;
            for (i, c) in format!("{code:?}").chars().enumerate() {
                let digit = c.is_ascii_digit();
                if i > 0 && (c.is_ascii_uppercase() || (digit && !prev_digit)) {
                    snake.push('_');
                }
                snake.push(c.to_ascii_lowercase());
                prev_digit = digit;
            }
            assert_eq!(code.as_str(), snake);
            assert!(seen.insert(code.as_str()), "{snake} twice");
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{snake}\""));
        }
    }

    #[test]
    fn all_lists_every_code_once_in_declaration_order() {
        for (i, code) in Code::ALL.iter().enumerate() {
            assert_eq!(*code as usize, i, "{code:?}");
        }
        let warnings = Code::ALL.iter().filter(|c| c.is_warning()).count();
        assert!(
            Code::ALL[..Code::ALL.len() - warnings]
                .iter()
                .all(|c| !c.is_warning()),
            "errors first, then warnings"
        );
    }
}
