// Generated from src/model by `make generate`. Do not edit by hand.

/** An error or warning code (never renamed). */
export type Code =
  | "required"
  | "type"
  | "unknown_field"
  | "unsupported_version"
  | "invalid_format"
  | "invalid_option"
  | "too_long"
  | "invalid_characters"
  | "too_many_items"
  | "duplicate"
  | "invalid_date"
  | "date_in_future"
  | "date_too_early"
  | "out_of_range"
  | "conflict"
  | "invalid_email"
  | "invalid_phone"
  | "invalid_postcode"
  | "invalid_nhs_number"
  | "email_or_phone_required"
  | "must_be_true"
  | "too_many_errors"
  | "call_999"
  | "parents_or_carers_recommended"
  | "description_too_brief";

export interface Referrer {
  /** Full name — Short text: one line, 1–200 characters. Required. */
  full_name: string;
  /** Which sector do you work in? — One of: education, health, local_authority, police, prisons, probation, community, friends_family, other. Required. */
  sector: "education" | "health" | "local_authority" | "police" | "prisons" | "probation" | "community" | "friends_family" | "other";
  /** Organisation — Short text: one line, 1–200 characters. Required unless `sector` is `friends_family`. */
  organisation?: string;
  /** Job title — Short text: one line, 1–200 characters. Required unless `sector` is `friends_family`. */
  job_title?: string;
  /** Your relationship to the person — One of: professional, family_member, friend, other. Required. */
  relationship_to_individual: "professional" | "family_member" | "friend" | "other";
  /** Email address — Email address, at most 254 characters. Optional. */
  email?: string;
  /** Phone number — Phone number: digits, spaces, ( ) - . and one leading +; 8–15 digits. Optional. */
  phone?: string;
  /** Have you spoken to your safeguarding lead? — One of: yes, no, i_am_the_lead, no_lead_in_organisation. Required unless `sector` is `friends_family`. */
  safeguarding_lead_consulted?: "yes" | "no" | "i_am_the_lead" | "no_lead_in_organisation";
  /** Would you like to hear the outcome? — True or false. Optional. */
  feedback_requested?: boolean;
}

export interface Address {
  /** Address line 1 — Short text: one line, 1–200 characters. Required. */
  line1: string;
  /** Address line 2 — Short text: one line, 1–200 characters. Optional. */
  line2?: string;
  /** Town or city — Short text: one line, 1–200 characters. Required. */
  town_or_city: string;
  /** County — Short text: one line, 1–200 characters. Optional. */
  county?: string;
  /** Postcode — UK postcode (GIR 0AA and BFPO numbers too); sent as SW1A 1AA. Required. */
  postcode: string;
}

export interface SocialMediaItem {
  /** Platform or app — Short text: one line, 1–200 characters. Required. */
  platform: string;
  /** Username or handle — Short text: one line, 1–200 characters. Required. */
  handle: string;
}

export interface EducationOrEmployment {
  /** Are they in education or employment? — One of: in_education, employed, not_in_education_or_employment, not_known. Optional. */
  status?: "in_education" | "employed" | "not_in_education_or_employment" | "not_known";
  /** School, college or employer — Short text: one line, 1–200 characters. Optional. */
  establishment?: string;
}

export interface ParentsOrCarersItem {
  /** Full name — Short text: one line, 1–200 characters. Required. */
  full_name: string;
  /** Relationship to the person — Short text: one line, 1–200 characters. Required. */
  relationship: string;
  /** Phone number — Phone number: digits, spaces, ( ) - . and one leading +; 8–15 digits. Optional. */
  phone?: string;
  /** Email address — Email address, at most 254 characters. Optional. */
  email?: string;
  /** Do they know about this referral? — One of: yes, no, not_known. Optional. */
  aware_of_referral?: "yes" | "no" | "not_known";
}

export interface Individual {
  /** I do not know their name — True or false. Optional. */
  name_not_known?: boolean;
  /** Given names — Short text: one line, 1–200 characters. Required unless `name_not_known` is true. */
  given_names?: string;
  /** Family name — Short text: one line, 1–200 characters. Required unless `name_not_known` is true. */
  family_name?: string;
  /** Other names — List of up to 20 items, each short text: one line, 1–200 characters. Optional. */
  other_names?: string[];
  /** Date of birth — Date YYYY-MM-DD, a real day from 1900-01-01, not after the referral date. Optional. */
  date_of_birth?: string;
  /** Approximate age — Whole number, 0–120. Optional. */
  approximate_age?: number;
  /** Sex — One of: male, female, not_known. Optional. */
  sex?: "male" | "female" | "not_known";
  /** I do not know their address — True or false. Optional. */
  address_not_known?: boolean;
  /** Address — Object. Required unless `address_not_known` is true. */
  address?: Address;
  /** Phone number — Phone number: digits, spaces, ( ) - . and one leading +; 8–15 digits. Optional. */
  phone?: string;
  /** Email address — Email address, at most 254 characters. Optional. */
  email?: string;
  /** Social media accounts — List of up to 20 items, each object. Optional. */
  social_media?: SocialMediaItem[];
  /** Nationality — Short text: one line, 1–200 characters. Optional. */
  nationality?: string;
  /** First language — Short text: one line, 1–200 characters. Optional. */
  primary_language?: string;
  /** Do they need an interpreter? — True or false. Optional. */
  interpreter_needed?: boolean;
  /** NHS number — NHS number: 10 digits with a valid check digit; sent as 10 digits. Optional. */
  nhs_number?: string;
  /** Education or employment — Object. Optional. */
  education_or_employment?: EducationOrEmployment;
  /** Parents or carers — List of up to 20 items, each object. Optional. */
  parents_or_carers?: ParentsOrCarersItem[];
}

export interface OtherAgenciesItem {
  /** Name of the agency — Short text: one line, 1–200 characters. Required. */
  name: string;
  /** Contact at the agency — Short text: one line, 1–200 characters. Optional. */
  contact?: string;
}

export interface Concern {
  /** What have you seen or heard? — Long text: line breaks allowed, 1–10,000 characters. Required. */
  description: string;
  /** How did the concern come to light? — Long text: line breaks allowed, 1–10,000 characters. Required. */
  how_identified: string;
  /** When was this first noticed? — YYYY, YYYY-MM or YYYY-MM-DD, real, from 1900, not after the referral date. Optional. */
  first_noticed?: string;
  /** Signs of concern — List of up to 20 items, each one of: support_for_extremist_cause, interest_in_mass_violence, concerning_online_activity, contact_with_extremists, threats_or_intent_to_harm, possession_of_extremist_material, other. Optional. */
  indicators?: Array<"support_for_extremist_cause" | "interest_in_mass_violence" | "concerning_online_activity" | "contact_with_extremists" | "threats_or_intent_to_harm" | "possession_of_extremist_material" | "other">;
  /** Types of concern — List of up to 20 items, each one of: islamist, extreme_right_wing, left_wing_anarchist_single_issue, mass_violence_fascination, school_massacre, incel, conflicted, mixed_unclear_unstable, other, not_sure. Optional. */
  concern_types?: Array<"islamist" | "extreme_right_wing" | "left_wing_anarchist_single_issue" | "mass_violence_fascination" | "school_massacre" | "incel" | "conflicted" | "mixed_unclear_unstable" | "other" | "not_sure">;
  /** Other safeguarding concerns — List of up to 20 items, each one of: adults_at_risk, child_abuse, child_sexual_exploitation, domestic_abuse, female_genital_mutilation, forced_marriage, honour_based_violence, human_trafficking, managing_violent_offenders, missing_persons, prostitution, serious_sexual_offences, stalking_and_harassment. Optional. */
  other_safeguarding_concerns?: Array<"adults_at_risk" | "child_abuse" | "child_sexual_exploitation" | "domestic_abuse" | "female_genital_mutilation" | "forced_marriage" | "honour_based_violence" | "human_trafficking" | "managing_violent_offenders" | "missing_persons" | "prostitution" | "serious_sexual_offences" | "stalking_and_harassment">;
  /** Known conditions or needs — List of up to 20 items, each one of: autism_diagnosed, autism_suspected, adhd, learning_disability, special_educational_needs, mental_health, substance_misuse, other. Optional. */
  known_conditions?: Array<"autism_diagnosed" | "autism_suspected" | "adhd" | "learning_disability" | "special_educational_needs" | "mental_health" | "substance_misuse" | "other">;
  /** Anything else affecting their wellbeing — Long text: line breaks allowed, 1–10,000 characters. Optional. */
  needs_description?: string;
  /** Other agencies involved — List of up to 20 items, each object. Optional. */
  other_agencies?: OtherAgenciesItem[];
}

export interface Sharing {
  /** Does the person know about this referral? — One of: yes, no, not_known. Required. */
  individual_aware: "yes" | "no" | "not_known";
  /** Why does the person not know? — Long text: line breaks allowed, 1–10,000 characters. Required when `individual_aware` is `no`. */
  reason_not_aware?: string;
  /** Has the person consented to this referral? — One of: given, declined, not_sought. Required. */
  consent: "given" | "declined" | "not_sought";
  /** Why was consent not sought? — Long text: line breaks allowed, 1–10,000 characters. Required when `consent` is `not_sought`. */
  reason_consent_not_sought?: string;
  /** I confirm that sharing this information is necessary and proportionate — Must be true. Required. */
  necessity_confirmed: true;
}

export interface ReferralDocument {
  /** Schema version — Text, exactly "1.0". Required. */
  schema_version: "1.0";
  /** Referral reference — UUID, 8-4-4-4-12 hex digits, any case. Required. */
  referral_id: string;
  /** What are you sending? — One of: referral, advice_request. Required. */
  submission_type: "referral" | "advice_request";
  /** Language of the referral — One of: en, cy. Required. */
  language: "en" | "cy";
  /** Date and time of the referral — Date and time, RFC 3339 with an offset or Z. Required. */
  created_at: string;
  /** Is anyone in immediate danger? — True or false. Required. */
  immediate_risk: boolean;
  /** About you — Object. Required. */
  referrer: Referrer;
  /** The person you are concerned about — Object. Required unless `submission_type` is `advice_request`; when `submission_type` is `advice_request`, nothing inside it is required. */
  individual?: Individual;
  /** The concern — Object. Required. */
  concern: Concern;
  /** Sharing information — Object. Required unless `submission_type` is `advice_request`. */
  sharing?: Sharing;
  /** Extensions — Object; keys are reverse-DNS names (uk.gov.example.case-id); values unchecked. Optional. */
  extensions?: Record<string, unknown>;
}

export interface FeedbackDocument {
  /** Schema version — Text, exactly "1.0". Required. */
  schema_version: "1.0";
  /** Referral reference — UUID, 8-4-4-4-12 hex digits, any case. Required. */
  referral_id: string;
  /** Status — One of: received, under_assessment, no_further_action, signposted_to_other_services, discussed_at_channel_panel, adopted_as_channel_case, closed. Required. */
  status: "received" | "under_assessment" | "no_further_action" | "signposted_to_other_services" | "discussed_at_channel_panel" | "adopted_as_channel_case" | "closed";
  /** Updated — Date and time, RFC 3339 with an offset or Z. Required. */
  updated_at: string;
  /** Message — Long text: line breaks allowed, 1–10,000 characters. Optional. */
  message?: string;
}
