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
    ("continue", t("Continue", "Parhau")),
    ("back", t("Back", "Yn ôl")),
    (
        "checkTitle",
        t(
            "Check your answers before sending",
            "Gwiriwch eich atebion cyn anfon",
        ),
    ),
    (
        "checkIntro",
        t(
            "Check your answers. You can change any of them before you send.",
            "Gwiriwch eich atebion. Gallwch newid unrhyw un ohonynt cyn i chi anfon.",
        ),
    ),
    ("change", t("Change", "Newid")),
    ("notProvided", t("Not provided", "Heb ei roi")),
    (
        "firstSection",
        t("About this referral", "Am yr atgyfeiriad hwn"),
    ),
    ("yourAnswers", t("Your answers", "Eich atebion")),
    ("sending", t("Sending…", "Yn anfon…")),
    ("print", t("Print this page", "Argraffu'r dudalen hon")),
    (
        "notSentNetwork",
        t(
            "Check your internet connection, then try again.",
            "Gwiriwch eich cysylltiad â'r rhyngrwyd, yna rhowch gynnig arall arni.",
        ),
    ),
    (
        "notSentTimeout",
        t(
            "The Prevent team's service did not answer in time. Try again: if your referral did arrive, it will not be sent twice.",
            "Ni wnaeth gwasanaeth tîm Prevent ateb mewn pryd. Rhowch gynnig arall arni: os cyrhaeddodd eich atgyfeiriad, ni fydd yn cael ei anfon ddwywaith.",
        ),
    ),
    (
        "notSentInvalid",
        t(
            "The Prevent team's service did not confirm that it received your referral. Try again, or download a copy and send it another way.",
            "Ni wnaeth gwasanaeth tîm Prevent gadarnhau ei fod wedi cael eich atgyfeiriad. Rhowch gynnig arall arni, neu lawrlwythwch gopi a'i anfon mewn ffordd arall.",
        ),
    ),
    (
        "notSentRejected",
        t(
            "The Prevent team's service found problems with your answers:",
            "Mae gwasanaeth tîm Prevent wedi dod o hyd i broblemau gyda'ch atebion:",
        ),
    ),
    (
        "conflict",
        t(
            "A referral with the same identifier has already arrived, with different answers. Your first attempt may have arrived even though this form did not hear back. If you changed your answers since then, send them as a new referral.",
            "Mae atgyfeiriad gyda'r un dynodydd eisoes wedi cyrraedd, gydag atebion gwahanol. Efallai bod eich ymgais gyntaf wedi cyrraedd er na chafodd y ffurflen hon ateb. Os ydych wedi newid eich atebion ers hynny, anfonwch nhw fel atgyfeiriad newydd.",
        ),
    ),
    (
        "sendAsNew",
        t("Send as a new referral", "Anfon fel atgyfeiriad newydd"),
    ),
    (
        "charactersRemaining",
        t(
            "You have {count} characters remaining",
            "Mae gennych {count} nod ar ôl",
        ),
    ),
    (
        "characterRemaining",
        t(
            "You have {count} character remaining",
            "Mae gennych {count} nod ar ôl",
        ),
    ),
    (
        "charactersTooMany",
        t(
            "You have {count} characters too many",
            "Mae gennych {count} nod yn ormod",
        ),
    ),
    (
        "characterTooMany",
        t(
            "You have {count} character too many",
            "Mae gennych {count} nod yn ormod",
        ),
    ),
    ("download", t("Download a copy", "Lawrlwytho copi")),
];
