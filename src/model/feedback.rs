//! The feedback document, version 1.0 (spec §9), sent back by the receiving team.

use super::referral::{field, REFERRAL_ID_FIELD, SCHEMA_VERSION_FIELD};
use super::text::tr;
use super::vocab::FEEDBACK_STATUSES;
use super::{Format, Object, Presence, Ty};

/// The top-level object. It has no `extensions`.
pub static ROOT: Object = Object {
    fields: &[
        SCHEMA_VERSION_FIELD,
        REFERRAL_ID_FIELD,
        field(
            "status",
            Ty::Code(FEEDBACK_STATUSES),
            Presence::Required,
            tr("Status", "Statws"),
            tr("the status", "y statws"),
        ),
        field(
            "updated_at",
            Ty::Format(Format::DateTime),
            Presence::Required,
            tr("Updated", "Diweddarwyd"),
            tr(
                "the date and time of this update",
                "dyddiad ac amser y diweddariad",
            ),
        ),
        field(
            "message",
            Ty::LongText,
            Presence::Optional,
            tr("Message", "Neges"),
            tr("the message", "y neges"),
        ),
    ],
    rules: &[],
};
