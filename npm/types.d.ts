// The package's API types. The document types and `Code` are generated from the model
// (document.d.ts); these describe the functions' options and results, and what the form
// and attach() hand to the page.
export type * from "./document.js";
import type { Code, FeedbackDocument, ReferralDocument } from "./document.js";

/** A language the messages are written in. */
export type Lang = "en" | "cy";

/** Options for `validate` and `validateFeedback`. */
export interface ValidateOptions {
  /** Language of the messages; default "en". */
  lang?: Lang;
}

/** One problem: where, what, and a message for a person. */
export interface Issue {
  /** JSON Pointer (RFC 6901) to the field, using wire names; "" is the whole document. */
  path: string;
  /** Stable machine code. */
  code: Code;
  /** Message in the requested language, GOV.UK style. */
  message: string;
}

/** The verdict on one document. */
export interface Report {
  /** True when there are no errors; warnings never make a document invalid. */
  valid: boolean;
  /** Errors in document order. */
  errors: Issue[];
  /** Warnings in document order. */
  warnings: Issue[];
}

/** The schemas `schema()` returns. */
export type SchemaName = "referral" | "feedback";

/** The names of the form's own texts (`messages(lang).ui`). */
export type UiText =
  | "errorSummaryTitle" | "errorPrefix" | "warningPrefix" | "optional" | "yes" | "no" | "day"
  | "month" | "year" | "addAnother" | "remove" | "submitReferral" | "submitAdvice"
  | "sentTitle" | "adviceSentTitle" | "referenceLabel" | "received" | "whatNextTitle"
  | "whatNext" | "notSent" | "retry" | "continue" | "back" | "checkTitle" | "checkIntro" | "change" | "notProvided"
  | "firstSection" | "yourAnswers" | "sending" | "print" | "notSentNetwork" | "notSentTimeout"
  | "notSentInvalid" | "notSentRejected" | "conflict" | "sendAsNew" | "charactersRemaining"
  | "characterRemaining" | "charactersTooMany" | "characterTooMany" | "download"
  // The status page and the team's pages (issue 9): `status_<code>` and
  // `statusExplanation_<code>` are the model's feedback status labels and explanations.
  | "checkStatusLink" | "statusTitle" | "statusUpdates" | "statusMeanings" | "statusCurrent"
  | "loading" | "notFoundTitle" | "notFoundBody" | "serviceProblem" | "date" | "months"
  | "status" | "teamMessage" | "skipLink" | "languageNav" | "serviceName"
  | "serviceInformation" | "navMenu" | "teamTitle" | "signInTitle" | "teamToken"
  | "teamTokenHint" | "signIn" | "signOut" | "tokenMissing" | "tokenWrong" | "signedOut"
  | "navInbox" | "navExport" | "navIndicators" | "navAudit" | "colReference" | "colReceived"
  | "colType" | "colSector" | "colRisk" | "colStatus" | "colDays" | "riskFlag"
  | "filterStatus" | "allStatuses" | "applyFilter" | "nextPage" | "firstPage" | "noReferrals"
  | "referralTitle" | "statusHistory" | "updateStatus" | "newStatus" | "messageToReferrer"
  | "messageHint" | "sendUpdate" | "updateSent" | "closedError" | "printView"
  | "documentDeleted" | "backToInbox" | "exportTitle" | "exportIntro" | "exportSince"
  | "dateHint" | "dateInvalid" | "downloadCsv" | "downloadJsonl" | "indicatorsTitle"
  | "periodFrom" | "periodTo" | "showIndicators" | "byType" | "bySector" | "byConcern"
  | "byStatus" | "count" | "total" | "timeToFeedback" | "median" | "p90" | "hours"
  | "noFeedbackYet" | "chartOf" | "chartDesc" | "auditTitle" | "colWhen" | "colWho"
  | "colAction" | "colReferral" | "audit_list_referrals" | "audit_get_referral"
  | "audit_add_feedback" | "audit_export_csv" | "audit_export_jsonl" | "audit_export"
  | "audit_read_indicators" | "audit_read_audit" | "audit_start_session" | "audit_end_session"
  // The audit log's filters, outcomes and paging (issue 17).
  | "audit_sign_in_failed" | "audit_sign_in_limited" | "colOutcome" | "outcome_done"
  | "outcome_refused" | "outcome_failed" | "auditExportHeld" | "unknownMember"
  | "filterReferral" | "filterReferralHint" | "filterReferralInvalid" | "filterMember"
  | "allMembers" | "allActions" | "noAuditEntries" | "olderEntries" | "newestEntries"
  | "status_received" | "statusExplanation_received" | "status_under_assessment"
  | "statusExplanation_under_assessment" | "status_no_further_action"
  | "statusExplanation_no_further_action" | "status_signposted_to_other_services"
  | "statusExplanation_signposted_to_other_services" | "status_discussed_at_channel_panel"
  | "statusExplanation_discussed_at_channel_panel" | "status_adopted_as_channel_case"
  | "statusExplanation_adopted_as_channel_case" | "status_closed" | "statusExplanation_closed";

/** The form's own texts in one language. */
export interface Messages {
  lang: Lang;
  ui: Record<UiText, string>;
}

/** A condition on a sibling field. */
export interface Condition {
  field: string;
  equals: string | true;
}

/** One field of the form definition. */
export interface FormField {
  /** Wire name ("" for a list's item). */
  name: string;
  /** JSON Pointer template; a list's item is "…/-". */
  path: string;
  type:
    | "short_text" | "long_text" | "schema_version" | "uuid" | "email" | "phone" | "postcode"
    | "nhs_number" | "code" | "boolean" | "confirmation" | "integer" | "date" | "partial_date"
    | "date_time" | "object" | "array" | "extensions";
  label: string;
  /** Short help shown under the question. */
  hint?: string;
  required: boolean | { unless: Condition } | { when: Condition };
  /** How a form asks it ("none": never asked, see `filledBy`). */
  widget:
    | "input" | "textarea" | "radios" | "checkboxes" | "tick_box" | "date" | "fieldset"
    | "add_another" | "none";
  /** For a field the form fills in itself: with what. */
  filledBy?: "schema_version" | "new_id" | "language" | "now" | "nothing";
  /** Where it is asked among its siblings (ascending). */
  order: number;
  /** The HTML `autocomplete` token of an input ("off" when none applies). */
  autocomplete?: string;
  /** For an `input` widget: how the text input asks, from the format's owner (HTML `type`,
   *  `inputmode`, the characters of GOV.UK's `govuk-input--width-N`, whether to check spelling). */
  input?: { type: "text" | "email" | "tel"; inputmode?: "numeric"; width?: number; spellcheck: boolean };
  /** Asked only while this holds (and then required). */
  shownWhen?: Condition;
  /** Not asked while this holds (and then not sent). */
  hiddenWhen?: Condition;
  /** On the field that chooses what is sent: the send button's and the confirmation's texts per option. */
  actions?: Record<string, { send: string; sent: string }>;
  /** When it holds, nothing inside this field is required. */
  relaxedWhen?: Condition;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  options?: { value: string; label: string }[];
  fields?: FormField[];
  item?: FormField;
}

/** What a form renders for a document. */
export interface FormDefinition {
  kind: "referral" | "feedback";
  schemaVersion: "1.0";
  lang: Lang;
  fields: FormField[];
}

/**
 * What a receiving endpoint answers when it has stored a referral (201, or 200 for a retry of
 * the same document): receiving API v1, section 2.
 */
export interface Receipt {
  /** Eight characters a person can read aloud (capital letters without I, O, Q, Z; digits 2–9). */
  reference: string;
  /** The document's `referral_id`. */
  referral_id: string;
  /** The secret that lets the referrer read the referral's status; keep it, never log it. */
  status_token: string;
  /** The first feedback document, status `received`. */
  feedback: FeedbackDocument;
}

/** `detail` of `referral:submit` (cancelable: cancel it to send the document yourself). */
export interface ReferralSubmitDetail {
  /** The normalised, valid document about to be sent. */
  document: ReferralDocument;
}

/** `detail` of `referral:success`: the endpoint answered with a receipt. */
export interface ReferralSuccessDetail {
  document: ReferralDocument;
  receipt: Receipt;
  /** The receipt's feedback document. */
  feedback: FeedbackDocument;
}

/** Why a referral was not sent. */
export type ReferralErrorReason = "network" | "timeout" | "rejected" | "invalid_response" | "conflict";

/** `detail` of `referral:error`: the referral was not sent (every answer is kept). */
export interface ReferralErrorDetail {
  document: ReferralDocument;
  reason: ReferralErrorReason;
  /** The HTTP status, when there was a response. */
  status?: number;
  /** The endpoint's validation report (422). */
  report?: Report;
  /** A description of what went wrong, for the page's own logs (no personal data). */
  error?: string;
}
