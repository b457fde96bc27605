// The package's public functions. They are declared here rather than re-exported from the
// wasm-bindgen declarations (prevent_referral.d.ts), which make `options` a required
// parameter although every function accepts it left out.
import type {
  FormDefinition,
  Lang,
  Messages,
  ReferralDocument,
  Report,
  SchemaName,
  ValidateOptions,
} from "./types.js";

export type * from "./types.js";
export type { InitInput, InitOutput, SyncInitInput } from "./prevent_referral.js";
export { default as init, initSync } from "./prevent_referral.js";

/**
 * Validates a referral (or advice request) given as a plain object, as `JSON.parse` makes it.
 * A value JSON cannot hold is reported as an error, never thrown.
 */
export function validate(doc: unknown, options?: ValidateOptions): Report;

/** Validates a feedback document given as a plain object. */
export function validateFeedback(doc: unknown, options?: ValidateOptions): Report;

/**
 * The normalised referral document (spec §8): texts trimmed, postcodes as `SW1A 1AA`, NHS
 * numbers as 10 digits, email domains in lower case, blanks removed. Call it on a document
 * `validate` accepted: then the result is a `ReferralDocument` (the default `T`). Values it
 * cannot change are returned as they were given, so on other input the type is only a claim.
 */
export function normalise<T = ReferralDocument>(doc: unknown): T;

/** The JSON Schema (2020-12) of `"referral"` or `"feedback"`. */
export function schema(name: SchemaName): Record<string, unknown>;
/** `undefined` for any name other than `"referral"` and `"feedback"`. */
export function schema(name: string): Record<string, unknown> | undefined;

/** What a form renders: sections, fields, labels, options, limits and conditions, in `lang`. */
export function formDefinition(lang: Lang): FormDefinition;

/** Messages for every code and the form's own texts, in `lang`. */
export function messages(lang: Lang): Messages;

/** This package's version. */
export function version(): string;
