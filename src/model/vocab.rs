//! The code lists (vocabularies) of spec §2–5 and §9, in specification order.

/// `submission_type`.
pub const SUBMISSION_TYPES: &[&str] = &["referral", "advice_request"];
/// The `submission_type` that relaxes the individual's section.
pub const ADVICE_REQUEST: &str = "advice_request";
/// `language`.
pub const LANGUAGES: &[&str] = &["en", "cy"];
/// `referrer.sector`.
pub const SECTORS: &[&str] = &[
    "education",
    "health",
    "local_authority",
    "police",
    "prisons",
    "probation",
    "community",
    "friends_family",
    "other",
];
/// The sector whose referrers need not give professional details.
pub const FRIENDS_FAMILY: &str = "friends_family";
/// `referrer.relationship_to_individual`.
pub const RELATIONSHIPS: &[&str] = &["professional", "family_member", "friend", "other"];
/// `referrer.safeguarding_lead_consulted`.
pub const LEAD_CONSULTED: &[&str] = &["yes", "no", "i_am_the_lead", "no_lead_in_organisation"];
/// `individual.sex`.
pub const SEXES: &[&str] = &["male", "female", "not_known"];
/// `individual.education_or_employment.status`.
pub const EDUCATION_STATUSES: &[&str] = &[
    "in_education",
    "employed",
    "not_in_education_or_employment",
    "not_known",
];
/// `parents_or_carers[].aware_of_referral`, `sharing.individual_aware`.
pub const YES_NO_NOT_KNOWN: &[&str] = &["yes", "no", "not_known"];
/// `concern.indicators`.
pub const INDICATORS: &[&str] = &[
    "support_for_extremist_cause",
    "interest_in_mass_violence",
    "concerning_online_activity",
    "contact_with_extremists",
    "threats_or_intent_to_harm",
    "possession_of_extremist_material",
    "other",
];
/// `concern.concern_types`.
pub const CONCERN_TYPES: &[&str] = &[
    "islamist",
    "extreme_right_wing",
    "left_wing_anarchist_single_issue",
    "mass_violence_fascination",
    "school_massacre",
    "incel",
    "conflicted",
    "mixed_unclear_unstable",
    "other",
    "not_sure",
];
/// `concern.other_safeguarding_concerns`: the 13 core disciplines of public protection.
pub const SAFEGUARDING_CONCERNS: &[&str] = &[
    "adults_at_risk",
    "child_abuse",
    "child_sexual_exploitation",
    "domestic_abuse",
    "female_genital_mutilation",
    "forced_marriage",
    "honour_based_violence",
    "human_trafficking",
    "managing_violent_offenders",
    "missing_persons",
    "prostitution",
    "serious_sexual_offences",
    "stalking_and_harassment",
];
/// `concern.known_conditions`.
pub const CONDITIONS: &[&str] = &[
    "autism_diagnosed",
    "autism_suspected",
    "adhd",
    "learning_disability",
    "special_educational_needs",
    "mental_health",
    "substance_misuse",
    "other",
];
/// `sharing.individual_aware` answer that asks for a reason.
pub const NO: &str = "no";
/// `sharing.consent`.
pub const CONSENT: &[&str] = &["given", "declined", "not_sought"];
/// `sharing.consent` answer that asks for a reason.
pub const NOT_SOUGHT: &str = "not_sought";
/// Feedback `status`.
pub const FEEDBACK_STATUSES: &[&str] = &[
    "received",
    "under_assessment",
    "no_further_action",
    "signposted_to_other_services",
    "discussed_at_channel_panel",
    "adopted_as_channel_case",
    "closed",
];
