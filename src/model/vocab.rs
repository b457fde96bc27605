//! The code lists (vocabularies) of spec §2–5 and §9, in specification order, each code
//! with its label in English and Welsh (what a form shows).

use super::text::{tr, Tr};

/// One code of a list and how a form shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Choice {
    /// The code on the wire.
    pub code: &'static str,
    /// The option's label.
    pub label: Tr,
}

const fn c(code: &'static str, en: &'static str, cy: &'static str) -> Choice {
    Choice {
        code,
        label: tr(en, cy),
    }
}

/// `submission_type`.
pub const SUBMISSION_TYPES: &[Choice] = &[
    c("referral", "A referral", "Atgyfeiriad"),
    c(
        "advice_request",
        "A request for advice: should I refer?",
        "Cais am gyngor: a ddylwn i atgyfeirio?",
    ),
];

/// The `submission_type` that relaxes the individual's section.
pub const ADVICE_REQUEST: &str = "advice_request";

/// `language`.
pub const LANGUAGES: &[Choice] = &[c("en", "English", "Saesneg"), c("cy", "Welsh", "Cymraeg")];

/// `referrer.sector`.
pub const SECTORS: &[Choice] = &[
    c("education", "Education", "Addysg"),
    c("health", "Health", "Iechyd"),
    c("local_authority", "Local authority", "Awdurdod lleol"),
    c("police", "Police", "Heddlu"),
    c("prisons", "Prisons", "Carchardai"),
    c("probation", "Probation", "Y gwasanaeth prawf"),
    c(
        "community",
        "Community or voluntary group",
        "Grŵp cymunedol neu wirfoddol",
    ),
    c(
        "friends_family",
        "Friend or family member",
        "Ffrind neu aelod o’r teulu",
    ),
    c("other", "Other", "Arall"),
];

/// The sector whose referrers need not give professional details.
pub const FRIENDS_FAMILY: &str = "friends_family";

/// `referrer.relationship_to_individual`.
pub const RELATIONSHIPS: &[Choice] = &[
    c(
        "professional",
        "I know them through my work",
        "Rwy’n eu hadnabod drwy fy ngwaith",
    ),
    c("family_member", "Family member", "Aelod o’r teulu"),
    c("friend", "Friend", "Ffrind"),
    c("other", "Other", "Arall"),
];

/// `referrer.safeguarding_lead_consulted`.
pub const LEAD_CONSULTED: &[Choice] = &[
    c("yes", "Yes", "Ydw"),
    c("no", "No", "Nac ydw"),
    c(
        "i_am_the_lead",
        "I am the safeguarding lead",
        "Fi yw’r arweinydd diogelu",
    ),
    c(
        "no_lead_in_organisation",
        "There is no safeguarding lead in my organisation",
        "Nid oes arweinydd diogelu yn fy sefydliad",
    ),
];

/// `individual.sex`.
pub const SEXES: &[Choice] = &[
    c("male", "Male", "Gwryw"),
    c("female", "Female", "Benyw"),
    c("not_known", "Not known", "Ddim yn hysbys"),
];

/// `individual.education_or_employment.status`.
pub const EDUCATION_STATUSES: &[Choice] = &[
    c("in_education", "In education", "Mewn addysg"),
    c("employed", "Employed", "Mewn cyflogaeth"),
    c(
        "not_in_education_or_employment",
        "Not in education or employment",
        "Ddim mewn addysg na chyflogaeth",
    ),
    c("not_known", "Not known", "Ddim yn hysbys"),
];

/// `parents_or_carers[].aware_of_referral`, `sharing.individual_aware`.
pub const YES_NO_NOT_KNOWN: &[Choice] = &[
    c("yes", "Yes", "Ydy"),
    c("no", "No", "Nac ydy"),
    c("not_known", "Not known", "Ddim yn gwybod"),
];

/// `concern.indicators`.
pub const INDICATORS: &[Choice] = &[
    c(
        "support_for_extremist_cause",
        "Expresses support for an extremist cause or group",
        "Yn mynegi cefnogaeth i achos neu grŵp eithafol",
    ),
    c(
        "interest_in_mass_violence",
        "Interest in mass violence or attacks",
        "Diddordeb mewn trais torfol neu ymosodiadau",
    ),
    c(
        "concerning_online_activity",
        "Concerning online activity",
        "Gweithgarwch ar-lein sy’n peri pryder",
    ),
    c(
        "contact_with_extremists",
        "Contact with extremists",
        "Cysylltiad ag eithafwyr",
    ),
    c(
        "threats_or_intent_to_harm",
        "Threats or intent to harm others",
        "Bygythiadau neu fwriad i niweidio eraill",
    ),
    c(
        "possession_of_extremist_material",
        "Has extremist material",
        "Mae ganddynt ddeunydd eithafol",
    ),
    c("other", "Other", "Arall"),
];

/// `concern.concern_types`.
pub const CONCERN_TYPES: &[Choice] = &[
    c("islamist", "Islamist", "Islamaidd"),
    c(
        "extreme_right_wing",
        "Extreme right-wing",
        "Asgell dde eithafol",
    ),
    c(
        "left_wing_anarchist_single_issue",
        "Left-wing, anarchist or single-issue",
        "Asgell chwith, anarchaidd neu un mater",
    ),
    c(
        "mass_violence_fascination",
        "Fascination with mass violence",
        "Obsesiwn â thrais torfol",
    ),
    c(
        "school_massacre",
        "Fascination with school massacres",
        "Obsesiwn â chyflafanau mewn ysgolion",
    ),
    c(
        "incel",
        "Incel (involuntary celibate)",
        "Incel (anniweirdeb anwirfoddol)",
    ),
    c(
        "conflicted",
        "Conflicted: more than one ideology",
        "Gwrthdaro: mwy nag un ideoleg",
    ),
    c(
        "mixed_unclear_unstable",
        "Mixed, unclear or unstable",
        "Cymysg, aneglur neu ansefydlog",
    ),
    c("other", "Other", "Arall"),
    c("not_sure", "Not sure", "Ddim yn siŵr"),
];

/// `concern.other_safeguarding_concerns`: the 13 core disciplines of public protection.
pub const SAFEGUARDING_CONCERNS: &[Choice] = &[
    c(
        "adults_at_risk",
        "Adults at risk",
        "Oedolion sy’n wynebu risg",
    ),
    c("child_abuse", "Child abuse", "Cam-drin plant"),
    c(
        "child_sexual_exploitation",
        "Child sexual exploitation",
        "Camfanteisio’n rhywiol ar blant",
    ),
    c("domestic_abuse", "Domestic abuse", "Cam-drin domestig"),
    c(
        "female_genital_mutilation",
        "Female genital mutilation",
        "Anffurfio organau cenhedlu benywod",
    ),
    c("forced_marriage", "Forced marriage", "Priodas dan orfod"),
    c(
        "honour_based_violence",
        "Honour-based violence",
        "Trais ar sail anrhydedd",
    ),
    c("human_trafficking", "Human trafficking", "Masnachu pobl"),
    c(
        "managing_violent_offenders",
        "Managing violent offenders",
        "Rheoli troseddwyr treisgar",
    ),
    c("missing_persons", "Missing persons", "Pobl ar goll"),
    c("prostitution", "Prostitution", "Puteindra"),
    c(
        "serious_sexual_offences",
        "Serious sexual offences",
        "Troseddau rhywiol difrifol",
    ),
    c(
        "stalking_and_harassment",
        "Stalking and harassment",
        "Stelcian ac aflonyddu",
    ),
];

/// `concern.known_conditions`.
pub const CONDITIONS: &[Choice] = &[
    c(
        "autism_diagnosed",
        "Autism (diagnosed)",
        "Awtistiaeth (wedi’i diagnosio)",
    ),
    c(
        "autism_suspected",
        "Autism (suspected)",
        "Awtistiaeth (amheuir)",
    ),
    c("adhd", "ADHD", "ADHD"),
    c(
        "learning_disability",
        "Learning disability",
        "Anabledd dysgu",
    ),
    c(
        "special_educational_needs",
        "Special educational needs",
        "Anghenion addysgol arbennig",
    ),
    c(
        "mental_health",
        "Mental health needs",
        "Anghenion iechyd meddwl",
    ),
    c(
        "substance_misuse",
        "Substance misuse",
        "Camddefnyddio sylweddau",
    ),
    c("other", "Other", "Arall"),
];

/// `sharing.individual_aware` answer that asks for a reason.
pub const NO: &str = "no";

/// `sharing.consent`.
pub const CONSENT: &[Choice] = &[
    c("given", "Yes, they consented", "Do, maent wedi cydsynio"),
    c("declined", "No, they declined", "Naddo, maent wedi gwrthod"),
    c(
        "not_sought",
        "Consent was not sought",
        "Ni ofynnwyd am gydsyniad",
    ),
];

/// `sharing.consent` answer that asks for a reason.
pub const NOT_SOUGHT: &str = "not_sought";

/// Feedback `status`.
pub const FEEDBACK_STATUSES: &[Choice] = &[
    c("received", "Received", "Wedi dod i law"),
    c(
        "under_assessment",
        "Under assessment",
        "Wrthi’n cael ei asesu",
    ),
    c(
        "no_further_action",
        "No further action",
        "Dim camau pellach",
    ),
    c(
        "signposted_to_other_services",
        "Signposted to other services",
        "Cyfeiriwyd at wasanaethau eraill",
    ),
    c(
        "discussed_at_channel_panel",
        "Discussed at a Channel panel",
        "Trafodwyd mewn panel Channel",
    ),
    c(
        "adopted_as_channel_case",
        "Adopted as a Channel case",
        "Mabwysiadwyd fel achos Channel",
    ),
    c("closed", "Closed", "Wedi cau"),
];

/// What each feedback status means, in plain words for the referrer (the status page shows
/// it under the label), by code; a test checks every status has one.
pub const FEEDBACK_STATUS_EXPLANATIONS: &[(&str, Tr)] = &[
    (
        "received",
        tr(
            "The Prevent team has your referral. Nobody has assessed it yet.",
            "Mae eich atgyfeiriad gan dîm Prevent. Nid oes neb wedi'i asesu eto.",
        ),
    ),
    (
        "under_assessment",
        tr(
            "The Prevent team is looking at what you told them and may gather more information.",
            "Mae tîm Prevent yn edrych ar yr hyn a ddywedoch wrthynt ac efallai y byddant yn casglu rhagor o wybodaeth.",
        ),
    ),
    (
        "no_further_action",
        tr(
            "The Prevent team has decided that Prevent does not need to do anything more.",
            "Mae tîm Prevent wedi penderfynu nad oes angen i Prevent wneud dim mwy.",
        ),
    ),
    (
        "signposted_to_other_services",
        tr(
            "The Prevent team has passed the concern to other services that are better placed to help.",
            "Mae tîm Prevent wedi trosglwyddo'r pryder i wasanaethau eraill sydd mewn gwell sefyllfa i helpu.",
        ),
    ),
    (
        "discussed_at_channel_panel",
        tr(
            "A Channel panel, a group of local partners, has discussed what support may help.",
            "Mae panel Channel, grŵp o bartneriaid lleol, wedi trafod pa gymorth a allai helpu.",
        ),
    ),
    (
        "adopted_as_channel_case",
        tr(
            "The Channel panel has agreed to offer the person support. Taking part is voluntary.",
            "Mae'r panel Channel wedi cytuno i gynnig cymorth i'r unigolyn. Mae cymryd rhan yn wirfoddol.",
        ),
    ),
    (
        "closed",
        tr(
            "The Prevent team has finished its work on this referral.",
            "Mae tîm Prevent wedi gorffen ei waith ar yr atgyfeiriad hwn.",
        ),
    ),
];

const fn same_code(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The label of feedback status `code` (usable in a `const`; a missing code fails the build).
pub const fn feedback_status_label(code: &str) -> Tr {
    let mut i = 0;
    while i < FEEDBACK_STATUSES.len() {
        if same_code(FEEDBACK_STATUSES[i].code, code) {
            return FEEDBACK_STATUSES[i].label;
        }
        i += 1;
    }
    panic!("no such feedback status")
}

/// The plain-words explanation of feedback status `code` (usable in a `const`).
pub const fn feedback_status_explanation(code: &str) -> Tr {
    let mut i = 0;
    while i < FEEDBACK_STATUS_EXPLANATIONS.len() {
        if same_code(FEEDBACK_STATUS_EXPLANATIONS[i].0, code) {
            return FEEDBACK_STATUS_EXPLANATIONS[i].1;
        }
        i += 1;
    }
    panic!("no explanation for this feedback status")
}

/// `parents_or_carers[].aware_of_referral` (the same codes as [`YES_NO_NOT_KNOWN`], worded
/// for "Do they know…?").
pub const PARENT_AWARE: &[Choice] = &[
    c("yes", "Yes", "Ydyn"),
    c("no", "No", "Nac ydyn"),
    c("not_known", "Not known", "Ddim yn gwybod"),
];

#[cfg(test)]
mod tests {
    use crate::model::{walk_fields, DocKind, Ty};

    #[test]
    fn every_code_list_has_unique_snake_case_codes_and_both_labels() {
        for kind in DocKind::ALL {
            walk_fields(kind, &mut |key, field| {
                let Ty::Code(choices) = &field.ty else { return };
                let mut seen = Vec::new();
                for c in choices.iter() {
                    assert!(
                        c.code
                            .bytes()
                            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
                        "{key}: {}",
                        c.code
                    );
                    assert!(!seen.contains(&c.code), "{key}: {} twice", c.code);
                    seen.push(c.code);
                    assert!(
                        !c.label.en.is_empty() && !c.label.cy.is_empty(),
                        "{key}: {}",
                        c.code
                    );
                }
            });
        }
    }
}
