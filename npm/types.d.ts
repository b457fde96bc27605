// The package's API types. The document types and `Code` are generated from the model
// (document.d.ts); these describe the functions' options and results.
export type { Code, ReferralDocument, FeedbackDocument } from "./document.js";
import type { Code } from "./document.js";

/** A language the messages are written in. */
export type Lang = "en" | "cy";

/** Options for `validate`, `validateFeedback` and `validateJson`. */
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

/** The form's own texts in one language. */
export interface Messages {
  lang: Lang;
  ui: Record<
    | "errorSummaryTitle" | "errorPrefix" | "warningPrefix" | "optional" | "yes" | "no"
    | "day" | "month" | "year" | "addAnother" | "remove" | "submitReferral" | "submitAdvice"
    | "call999" | "sentTitle" | "adviceSentTitle" | "referenceLabel" | "whatNextTitle" | "whatNext"
    | "notSent" | "retry"
    | "download",
    string
  >;
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
