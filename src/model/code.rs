//! The stable machine codes of errors and warnings (spec §6). Never renamed.

use serde::Serialize;

/// An error or warning code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Code {
    /// A required field is absent.
    Required,
    /// A value of the wrong JSON type.
    Type,
    /// A field this document does not define.
    UnknownField,
    /// `schema_version` is not `"1.0"`.
    UnsupportedVersion,
    /// UUID, date-time or extension key in the wrong format.
    InvalidFormat,
    /// A code that is not in the field's list.
    InvalidOption,
    /// Text longer than its limit.
    TooLong,
    /// Control or bidirectional-override characters.
    InvalidCharacters,
    /// An array of more than 20 items.
    TooManyItems,
    /// A repeated code in an array, or a repeated member name in JSON text.
    Duplicate,
    /// Not a real calendar day.
    InvalidDate,
    /// After the referral date.
    DateInFuture,
    /// Before 1900-01-01.
    DateTooEarly,
    /// A number outside its range.
    OutOfRange,
    /// Two fields that must not both be given.
    Conflict,
    /// Not an email address.
    InvalidEmail,
    /// Not a phone number.
    InvalidPhone,
    /// Not a UK postcode.
    InvalidPostcode,
    /// Not a valid NHS number.
    InvalidNhsNumber,
    /// The referrer gave neither email nor phone.
    EmailOrPhoneRequired,
    /// A confirmation that must be `true`.
    MustBeTrue,
    /// More problems than a report lists (spec §11.14): the last entry of a full list.
    TooManyErrors,
    /// Warning: someone is in immediate danger.
    #[serde(rename = "call_999")]
    Call999,
    /// Warning: the person is under 18 and no parent or carer is given.
    ParentsOrCarersRecommended,
    /// Warning: the description is very short.
    DescriptionTooBrief,
}

impl Code {
    /// Every code, errors first, in the order of spec §6.
    pub const ALL: [Code; 25] = [
        Code::Required,
        Code::Type,
        Code::UnknownField,
        Code::UnsupportedVersion,
        Code::InvalidFormat,
        Code::InvalidOption,
        Code::TooLong,
        Code::InvalidCharacters,
        Code::TooManyItems,
        Code::Duplicate,
        Code::InvalidDate,
        Code::DateInFuture,
        Code::DateTooEarly,
        Code::OutOfRange,
        Code::Conflict,
        Code::InvalidEmail,
        Code::InvalidPhone,
        Code::InvalidPostcode,
        Code::InvalidNhsNumber,
        Code::EmailOrPhoneRequired,
        Code::MustBeTrue,
        Code::TooManyErrors,
        Code::Call999,
        Code::ParentsOrCarersRecommended,
        Code::DescriptionTooBrief,
    ];

    /// The code as it appears on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Required => "required",
            Code::Type => "type",
            Code::UnknownField => "unknown_field",
            Code::UnsupportedVersion => "unsupported_version",
            Code::InvalidFormat => "invalid_format",
            Code::InvalidOption => "invalid_option",
            Code::TooLong => "too_long",
            Code::InvalidCharacters => "invalid_characters",
            Code::TooManyItems => "too_many_items",
            Code::Duplicate => "duplicate",
            Code::InvalidDate => "invalid_date",
            Code::DateInFuture => "date_in_future",
            Code::DateTooEarly => "date_too_early",
            Code::OutOfRange => "out_of_range",
            Code::Conflict => "conflict",
            Code::InvalidEmail => "invalid_email",
            Code::InvalidPhone => "invalid_phone",
            Code::InvalidPostcode => "invalid_postcode",
            Code::InvalidNhsNumber => "invalid_nhs_number",
            Code::EmailOrPhoneRequired => "email_or_phone_required",
            Code::MustBeTrue => "must_be_true",
            Code::TooManyErrors => "too_many_errors",
            Code::Call999 => "call_999",
            Code::ParentsOrCarersRecommended => "parents_or_carers_recommended",
            Code::DescriptionTooBrief => "description_too_brief",
        }
    }

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

    #[test]
    fn wire_names_match_serde_names() {
        for code in Code::ALL {
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
        }
    }
}
