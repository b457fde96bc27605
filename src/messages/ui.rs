//! The texts a form shows around the fields (GOV.UK patterns), in both languages.

use crate::model::Tr;

const fn t(en: &'static str, cy: &'static str) -> Tr {
    Tr { en, cy }
}

/// Every form text, by key.
pub const UI: &[(&str, Tr)] = &[
    ("errorSummaryTitle", t("There is a problem", "Mae problem")),
    ("errorPrefix", t("Error:", "Gwall:")),
    ("warningPrefix", t("Warning", "Rhybudd")),
    ("optional", t("(optional)", "(dewisol)")),
    ("yes", t("Yes", "Ie")),
    ("no", t("No", "Na")),
    ("day", t("Day", "Diwrnod")),
    ("month", t("Month", "Mis")),
    ("year", t("Year", "Blwyddyn")),
    ("addAnother", t("Add another", "Ychwanegu un arall")),
    ("remove", t("Remove", "Tynnu")),
    ("submitReferral", t("Send referral", "Anfon yr atgyfeiriad")),
    ("submitAdvice", t("Send request for advice", "Anfon y cais am gyngor")),
    (
        "call999",
        t(
            "If anyone is in immediate danger, call 999 now. Then complete this form.",
            "Os oes unrhyw un mewn perygl uniongyrchol, ffoniwch 999 nawr. Yna llenwch y ffurflen hon.",
        ),
    ),
    ("sentTitle", t("Referral sent", "Atgyfeiriad wedi'i anfon")),
    ("adviceSentTitle", t("Request for advice sent", "Cais am gyngor wedi'i anfon")),
    ("referenceLabel", t("Your reference", "Eich cyfeirnod")),
    ("whatNextTitle", t("What happens next", "Beth sy'n digwydd nesaf")),
    (
        "whatNext",
        t(
            "The Prevent team will assess what you have told them. They may contact you for more information. If you asked to hear the outcome, they will tell you what happens.",
            "Bydd tîm Prevent yn asesu'r hyn rydych wedi'i ddweud wrthynt. Efallai y byddant yn cysylltu â chi am ragor o wybodaeth. Os gofynnoch am gael clywed y canlyniad, byddant yn dweud wrthych beth sy'n digwydd.",
        ),
    ),
    (
        "notSent",
        t(
            "Your referral has not been sent. Nothing you entered has been lost.",
            "Nid yw eich atgyfeiriad wedi'i anfon. Nid oes dim a roesoch wedi'i golli.",
        ),
    ),
    ("retry", t("Try again", "Rhowch gynnig arall arni")),
    ("download", t("Download a copy", "Lawrlwytho copi")),
];
