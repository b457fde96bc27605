//! Hints: the short help a form shows under a question, in English and Welsh, by field key
//! (as `walk_fields` names them). A test checks every key names a field.

use super::text::{tr, Tr};

/// Hints by field key.
pub const HINTS: &[(&str, Tr)] = &[
    (
        "submission_type",
        tr(
            "A request for advice records that you asked whether to refer. You can leave out the person's details.",
            "Mae cais am gyngor yn cofnodi eich bod wedi gofyn a ddylech atgyfeirio. Gallwch adael manylion yr unigolyn allan.",
        ),
    ),
    (
        "immediate_risk",
        tr(
            "For example, someone is being threatened now, or an attack is being planned.",
            "Er enghraifft, mae rhywun yn cael ei fygwth nawr, neu mae ymosodiad yn cael ei gynllunio.",
        ),
    ),
    (
        "referrer.email",
        tr(
            "Give an email address or a phone number, or both. The Prevent team will use it to contact you.",
            "Rhowch gyfeiriad e-bost neu rif ffôn, neu'r ddau. Bydd tîm Prevent yn ei ddefnyddio i gysylltu â chi.",
        ),
    ),
    (
        "referrer.phone",
        tr(
            "For example, 01632 960 001 or 07700 900 982",
            "Er enghraifft, 01632 960 001 neu 07700 900 982",
        ),
    ),
    (
        "individual.other_names",
        tr(
            "Any other names they use, including previous names or nicknames",
            "Unrhyw enwau eraill y maent yn eu defnyddio, gan gynnwys enwau blaenorol neu lysenwau",
        ),
    ),
    (
        "individual.date_of_birth",
        tr(
            "For example, 27 3 2007. If you do not know it, give their approximate age instead.",
            "Er enghraifft, 27 3 2007. Os nad ydych yn ei wybod, rhowch eu hoedran bras yn lle hynny.",
        ),
    ),
    (
        "individual.approximate_age",
        tr(
            "In years, if you do not know their date of birth",
            "Mewn blynyddoedd, os nad ydych yn gwybod eu dyddiad geni",
        ),
    ),
    (
        "individual.nhs_number",
        tr("A 10 digit number, like 943 476 5919", "Rhif 10 digid, fel 943 476 5919"),
    ),
    (
        "individual.parents_or_carers",
        tr(
            "Recommended if the person is under 18",
            "Argymhellir os yw'r unigolyn o dan 18 oed",
        ),
    ),
    (
        "concern.description",
        tr(
            "Describe what was said or done, when and where, and who was involved. Include the words or images they used if you can.",
            "Disgrifiwch beth a ddywedwyd neu a wnaed, pryd a ble, a phwy oedd yn rhan o hyn. Cynhwyswch y geiriau neu'r delweddau a ddefnyddiwyd ganddynt os gallwch.",
        ),
    ),
    (
        "concern.how_identified",
        tr(
            "For example, a member of staff overheard a conversation, or a parent raised it",
            "Er enghraifft, clywodd aelod o staff sgwrs, neu codwyd y mater gan riant",
        ),
    ),
    (
        "concern.first_noticed",
        tr(
            "For example, 11 2026. You can give the year only.",
            "Er enghraifft, 11 2026. Gallwch roi'r flwyddyn yn unig.",
        ),
    ),
    (
        "concern.indicators",
        tr("Select all that apply", "Dewiswch bob un sy'n berthnasol"),
    ),
    (
        "concern.concern_types",
        tr(
            "Select all that apply. Choose ‘Not sure’ if you do not know.",
            "Dewiswch bob un sy'n berthnasol. Dewiswch ‘Ddim yn siŵr’ os nad ydych yn gwybod.",
        ),
    ),
    (
        "concern.other_safeguarding_concerns",
        tr("Select all that apply", "Dewiswch bob un sy'n berthnasol"),
    ),
    (
        "concern.known_conditions",
        tr("Select all that apply", "Dewiswch bob un sy'n berthnasol"),
    ),
    (
        "sharing.consent",
        tr(
            "Declining consent does not stop a referral: consent is not the lawful basis for sharing this information.",
            "Nid yw gwrthod cydsyniad yn atal atgyfeiriad: nid cydsyniad yw'r sail gyfreithlon dros rannu'r wybodaeth hon.",
        ),
    ),
];

/// The hint for a field key, if it has one.
pub fn hint(key: &str) -> Option<Tr> {
    HINTS.iter().find(|(k, _)| *k == key).map(|(_, t)| *t)
}

#[cfg(test)]
mod tests {
    use super::HINTS;
    use crate::model::{walk_fields, DocKind};

    #[test]
    fn every_hint_names_a_field_and_has_both_languages() {
        let mut keys = Vec::new();
        walk_fields(DocKind::Referral, &mut |key, _| keys.push(key.to_owned()));
        for (key, t) in HINTS {
            assert!(keys.iter().any(|k| k == key), "no field {key}");
            assert!(
                !t.en.is_empty() && !t.cy.is_empty() && t.en != t.cy,
                "{key}"
            );
        }
    }
}
