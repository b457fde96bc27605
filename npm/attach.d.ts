// `prevent-referral/attach`: the validator's checks and GOV.UK-style errors on an agency's
// own <form>. Nothing is sent anywhere: a valid submit fires `referral:submit` on the form
// (cancelable) and then calls `onSubmit` with the normalised document.
import type { Lang, ReferralDocument, ReferralSubmitDetail, Report } from "./types.js";

export type { ReferralSubmitDetail } from "./types.js";

export interface AttachOptions {
  /** Language of the messages; default "en". */
  lang?: Lang;
  /**
   * Your input names → document paths (JSON Pointers, e.g. `"/individual/approximate_age"`),
   * for inputs not already named by path (`individual.address.postcode`).
   */
  map?: Record<string, string>;
  /** Values the document starts from (e.g. `submission_type`); answers on the form win. */
  defaults?: Partial<ReferralDocument>;
  /** Called with the normalised document when a valid form is submitted. */
  onSubmit?: (doc: ReferralDocument) => void;
}

/** What `attach` returns. */
export interface AttachedForm {
  /** The normalised document built from the form as it is now (valid or not). */
  document(): ReferralDocument;
  /** The validator's report on the form as it is now. */
  validate(): Report;
  /** Removes every listener `attach` added. */
  detach(): void;
}

/** Puts the validator on `form`; resolves once the wasm is ready. */
export function attach(form: HTMLFormElement, options?: AttachOptions): Promise<AttachedForm>;

declare global {
  // Fired on the form (bubbling, cancelable) before `onSubmit` is called.
  interface HTMLElementEventMap {
    "referral:submit": CustomEvent<ReferralSubmitDetail>;
  }
}
