//! The texts a form shows around the fields (GOV.UK patterns), in both languages.

use crate::model::vocab::{feedback_status_explanation, feedback_status_label};
use crate::model::Tr;

const fn t(en: &'static str, cy: &'static str) -> Tr {
    Tr { en, cy }
}

/// The receiving service's acknowledgement of a referral it has stored: the message of the
/// first feedback document (status `received`).
pub const RECEIVED: Tr = t(
    "Thank you. Your referral has been received by the Prevent team.",
    "Diolch. Mae tîm Prevent wedi cael eich atgyfeiriad.",
);

/// Every form text, by key.
pub const UI: &[(&str, Tr)] = &[
    ("errorSummaryTitle", t("There is a problem", "Mae problem wedi codi")),
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
    ("sentTitle", t("Referral sent", "Atgyfeiriad wedi'i anfon")),
    ("adviceSentTitle", t("Request for advice sent", "Cais am gyngor wedi'i anfon")),
    ("referenceLabel", t("Your reference", "Eich cyfeirnod")),
    ("received", RECEIVED),
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
    ("checkStatusLink", t("Check the status of this referral", "Gwirio statws yr atgyfeiriad hwn")),
    ("statusTitle", t("The status of your referral", "Statws eich atgyfeiriad")),
    ("statusUpdates", t("Updates from the Prevent team", "Diweddariadau gan dîm Prevent")),
    ("statusMeanings", t("What each status means", "Beth mae pob statws yn ei olygu")),
    ("statusCurrent", t("Current status", "Statws presennol")),
    ("loading", t("Loading…", "Yn llwytho…")),
    ("notFoundTitle", t("Page not found", "Heb ddod o hyd i'r dudalen")),
    ("notFoundBody", t("If you typed the web address, check it is correct. If you pasted the web address, check you copied the entire address.", "Os teipioch y cyfeiriad gwe, gwiriwch ei fod yn gywir. Os gludoch y cyfeiriad gwe, gwiriwch eich bod wedi copïo'r cyfeiriad cyfan.")),
    ("serviceProblem", t("Sorry, there is a problem with the service. Try again later.", "Mae'n ddrwg gennym, mae problem gyda'r gwasanaeth. Rhowch gynnig arall arni yn nes ymlaen.")),
    ("date", t("Date", "Dyddiad")),
    (
        "months",
        t(
            "January,February,March,April,May,June,July,August,September,October,November,December",
            "Ionawr,Chwefror,Mawrth,Ebrill,Mai,Mehefin,Gorffennaf,Awst,Medi,Hydref,Tachwedd,Rhagfyr",
        ),
    ),
    ("status", t("Status", "Statws")),
    ("teamMessage", t("Message from the Prevent team", "Neges gan dîm Prevent")),
    ("skipLink", t("Skip to main content", "Neidio i'r prif gynnwys")),
    ("languageNav", t("Language", "Iaith")),
    ("serviceName", t("Prevent referral", "Atgyfeiriad Prevent")),
    (
        "serviceInformation",
        t("Service information", "Gwybodaeth am y gwasanaeth"),
    ),
    ("navMenu", t("Menu", "Dewislen")),
    ("teamTitle", t("Prevent team", "Tîm Prevent")),
    ("signInTitle", t("Sign in to the Prevent team's pages", "Mewngofnodi i dudalennau tîm Prevent")),
    ("teamToken", t("Team token", "Tocyn tîm")),
    ("teamTokenHint", t("The personal token your service administrator gave you.", "Y tocyn personol a roddodd gweinyddwr eich gwasanaeth i chi.")),
    ("signIn", t("Sign in", "Mewngofnodi")),
    ("signOut", t("Sign out", "Allgofnodi")),
    ("tokenMissing", t("Enter your team token", "Rhowch eich tocyn tîm")),
    ("tokenWrong", t("The team token is not right. Check it and try again", "Nid yw'r tocyn tîm yn gywir. Gwiriwch ef a rhowch gynnig arall arni")),
    ("signedOut", t("You have been signed out.", "Rydych wedi cael eich allgofnodi.")),
    ("navInbox", t("Referrals", "Atgyfeiriadau")),
    ("navExport", t("Export", "Allforio")),
    ("navIndicators", t("Indicators", "Dangosyddion")),
    ("navAudit", t("Audit log", "Log archwilio")),
    ("colReference", t("Reference", "Cyfeirnod")),
    ("colReceived", t("Received", "Wedi dod i law")),
    ("colType", t("Type", "Math")),
    ("colSector", t("Referrer's sector", "Sector yr atgyfeiriwr")),
    ("colRisk", t("Immediate risk", "Risg uniongyrchol")),
    ("colStatus", t("Status", "Statws")),
    ("colDays", t("Days since received", "Diwrnodau ers dod i law")),
    ("riskFlag", t("Immediate risk", "Risg uniongyrchol")),
    ("filterStatus", t("Filter by status", "Hidlo yn ôl statws")),
    ("allStatuses", t("All statuses", "Pob statws")),
    ("applyFilter", t("Apply filter", "Hidlo")),
    ("nextPage", t("Next page", "Tudalen nesaf")),
    ("firstPage", t("First page", "Tudalen gyntaf")),
    ("noReferrals", t("There are no referrals to show.", "Nid oes atgyfeiriadau i'w dangos.")),
    ("referralTitle", t("Referral {reference}", "Atgyfeiriad {reference}")),
    ("statusHistory", t("Status history", "Hanes y statws")),
    ("updateStatus", t("Update the status", "Diweddaru'r statws")),
    ("newStatus", t("New status", "Statws newydd")),
    ("messageToReferrer", t("Message to the referrer (optional)", "Neges i'r atgyfeiriwr (dewisol)")),
    ("messageHint", t("The referrer sees this on their status page. Do not include personal details.", "Mae'r atgyfeiriwr yn gweld hyn ar ei dudalen statws. Peidiwch â chynnwys manylion personol.")),
    ("sendUpdate", t("Send update", "Anfon y diweddariad")),
    ("updateSent", t("Update sent", "Diweddariad wedi'i anfon")),
    ("closedError", t("This referral is closed. It takes no further updates.", "Mae'r atgyfeiriad hwn wedi cau. Nid yw'n derbyn rhagor o ddiweddariadau.")),
    ("printView", t("Print view for the case file", "Fersiwn argraffu ar gyfer y ffeil achos")),
    ("documentDeleted", t("The details of this referral have been deleted under the retention policy.", "Mae manylion yr atgyfeiriad hwn wedi'u dileu o dan y polisi cadw.")),
    ("backToInbox", t("Back to referrals", "Yn ôl i'r atgyfeiriadau")),
    ("exportTitle", t("Export referrals", "Allforio atgyfeiriadau")),
    ("exportIntro", t("Download the referrals for your case tracker: all of them, or those received since a date.", "Lawrlwythwch yr atgyfeiriadau ar gyfer eich traciwr achosion: pob un, neu'r rhai a ddaeth i law ers dyddiad.")),
    ("exportSince", t("Received since (optional)", "Wedi dod i law ers (dewisol)")),
    ("dateHint", t("For example, 27 3 2026", "Er enghraifft, 27 3 2026")),
    ("dateInvalid", t("Enter a real date", "Rhowch ddyddiad go iawn")),
    ("downloadCsv", t("Download CSV", "Lawrlwytho CSV")),
    ("downloadJsonl", t("Download JSON Lines", "Lawrlwytho JSON Lines")),
    ("indicatorsTitle", t("Indicators", "Dangosyddion")),
    ("periodFrom", t("From (optional)", "O (dewisol)")),
    ("periodTo", t("To (optional)", "I (dewisol)")),
    ("showIndicators", t("Show indicators", "Dangos dangosyddion")),
    ("byType", t("Referrals by type", "Atgyfeiriadau yn ôl math")),
    ("bySector", t("Referrals by sector", "Atgyfeiriadau yn ôl sector")),
    ("byConcern", t("Referrals by concern type", "Atgyfeiriadau yn ôl math o bryder")),
    ("byStatus", t("Referrals by status", "Atgyfeiriadau yn ôl statws")),
    ("count", t("Number", "Nifer")),
    ("total", t("Referrals received in the period: {count}", "Atgyfeiriadau a ddaeth i law yn y cyfnod: {count}")),
    ("timeToFeedback", t("Time from receipt to first feedback", "Amser o ddod i law i'r adborth cyntaf")),
    ("median", t("Median", "Canolrif")),
    ("p90", t("90th percentile", "90fed canradd")),
    ("hours", t("{count} hours", "{count} awr")),
    ("noFeedbackYet", t("No feedback yet", "Dim adborth eto")),
    ("chartOf", t("Bar chart: {title}", "Siart bar: {title}")),
    ("chartDesc", t("One bar for each category; the table beside it gives the same numbers.", "Un bar ar gyfer pob categori; mae'r tabl wrth ei ymyl yn rhoi'r un niferoedd.")),
    ("auditTitle", t("Audit log", "Log archwilio")),
    ("colWhen", t("When", "Pryd")),
    ("colWho", t("Who", "Pwy")),
    ("colAction", t("Action", "Gweithred")),
    ("colReferral", t("Referral", "Atgyfeiriad")),
    ("audit_list_referrals", t("Listed referrals", "Rhestru atgyfeiriadau")),
    ("audit_get_referral", t("Read a referral", "Darllen atgyfeiriad")),
    ("audit_add_feedback", t("Updated the status", "Diweddaru'r statws")),
    ("audit_export_csv", t("Exported CSV", "Allforio CSV")),
    ("audit_export_jsonl", t("Exported JSON Lines", "Allforio JSON Lines")),
    ("audit_export", t("Asked for an export", "Gofyn am allforio")),
    ("audit_read_indicators", t("Read the indicators", "Darllen y dangosyddion")),
    ("audit_read_audit", t("Read the audit log", "Darllen y log archwilio")),
    ("audit_start_session", t("Signed in", "Mewngofnodi")),
    ("audit_end_session", t("Signed out", "Allgofnodi")),
    ("audit_sign_in_failed", t("Sign-in refused: a wrong or revoked team token", "Mewngofnodi wedi'i wrthod: tocyn tîm anghywir neu wedi'i ddirymu")),
    ("audit_sign_in_limited", t("Sign-ins refused for a minute: too many wrong tokens", "Mewngofnodi wedi'i wrthod am funud: gormod o docynnau anghywir")),
    ("colOutcome", t("Outcome", "Canlyniad")),
    ("outcome_done", t("Done", "Wedi'i wneud")),
    ("outcome_refused", t("Refused", "Wedi'i wrthod")),
    ("outcome_failed", t("Failed", "Wedi methu")),
    ("auditExportHeld", t("{count} referrals", "{count} atgyfeiriad")),
    ("unknownMember", t("No one signed in", "Neb wedi mewngofnodi")),
    ("filterReferral", t("Referral", "Atgyfeiriad")),
    ("filterReferralHint", t("Its reference or referral ID", "Ei gyfeirnod neu ID yr atgyfeiriad")),
    ("filterReferralInvalid", t("Enter a reference or a referral ID as the service gave it", "Rhowch gyfeirnod neu ID atgyfeiriad fel y'i rhoddwyd gan y gwasanaeth")),
    ("filterMember", t("Team member", "Aelod o'r tîm")),
    ("allMembers", t("All team members", "Pob aelod o'r tîm")),
    ("allActions", t("All actions", "Pob gweithred")),
    ("noAuditEntries", t("There are no entries to show.", "Nid oes cofnodion i'w dangos.")),
    ("olderEntries", t("Older entries", "Cofnodion hŷn")),
    ("newestEntries", t("Newest entries", "Cofnodion diweddaraf")),
    // Status labels and explanations come from the model (vocab.rs); these keys only carry
    // them to the pages.
    ("status_received", feedback_status_label("received")),
    ("statusExplanation_received", feedback_status_explanation("received")),
    ("status_under_assessment", feedback_status_label("under_assessment")),
    ("statusExplanation_under_assessment", feedback_status_explanation("under_assessment")),
    ("status_no_further_action", feedback_status_label("no_further_action")),
    ("statusExplanation_no_further_action", feedback_status_explanation("no_further_action")),
    ("status_signposted_to_other_services", feedback_status_label("signposted_to_other_services")),
    ("statusExplanation_signposted_to_other_services", feedback_status_explanation("signposted_to_other_services")),
    ("status_discussed_at_channel_panel", feedback_status_label("discussed_at_channel_panel")),
    ("statusExplanation_discussed_at_channel_panel", feedback_status_explanation("discussed_at_channel_panel")),
    ("status_adopted_as_channel_case", feedback_status_label("adopted_as_channel_case")),
    ("statusExplanation_adopted_as_channel_case", feedback_status_explanation("adopted_as_channel_case")),
    ("status_closed", feedback_status_label("closed")),
    ("statusExplanation_closed", feedback_status_explanation("closed")),
];

#[cfg(test)]
mod status_text_tests {
    use super::UI;
    use crate::model::vocab::{FEEDBACK_STATUSES, FEEDBACK_STATUS_EXPLANATIONS};

    #[test]
    fn every_feedback_status_has_a_label_and_an_explanation_for_the_pages() {
        assert_eq!(FEEDBACK_STATUS_EXPLANATIONS.len(), FEEDBACK_STATUSES.len());
        for status in FEEDBACK_STATUSES {
            let label = UI
                .iter()
                .find(|(k, _)| *k == format!("status_{}", status.code));
            assert_eq!(
                label.map(|(_, t)| *t),
                Some(status.label),
                "{}",
                status.code
            );
            let explained = UI
                .iter()
                .find(|(k, _)| *k == format!("statusExplanation_{}", status.code))
                .map(|(_, t)| *t);
            assert!(explained.is_some_and(|t| !t.en.is_empty() && !t.cy.is_empty()));
        }
    }
}

#[cfg(test)]
mod audit_text_tests {
    use super::UI;
    use crate::receiving::audit::{actions, Outcome};

    #[test]
    fn every_audit_action_and_outcome_has_words_for_the_page_and_no_other_does() {
        let mut worded: Vec<&str> = UI
            .iter()
            .filter_map(|(k, _)| k.strip_prefix("audit_"))
            .collect();
        let mut all = actions();
        worded.sort_unstable();
        all.sort_unstable();
        assert_eq!(worded, all);
        for outcome in Outcome::ALL {
            let key = format!("outcome_{}", outcome.name());
            assert!(UI.iter().any(|(k, _)| *k == key), "{key}");
        }
    }
}
