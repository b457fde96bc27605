// `prevent-referral/form`: importing it defines <prevent-referral-form>.
//
//   <prevent-referral-form endpoint="https://…/v1/referrals" lang="en|cy" save-draft pages>
//
// Attributes: `endpoint` (where the normalised document is POSTed), `lang` ("en" or "cy"),
// `save-draft` (keep a draft in sessionStorage until sent), `pages` (one section per page),
// `status-page` (the referrer's status page the confirmation links to, default `/status/`;
// the referral id and status token go in the link's fragment only).
import type {
  Receipt,
  ReferralErrorDetail,
  ReferralSubmitDetail,
  ReferralSuccessDetail,
} from "./types.js";

export type {
  Receipt,
  ReferralErrorDetail,
  ReferralErrorReason,
  ReferralSubmitDetail,
  ReferralSuccessDetail,
} from "./types.js";

/** The events the form fires; all bubble. */
export interface PreventReferralFormEventMap extends HTMLElementEventMap {
  /** About to send (cancelable: cancel it to send `detail.document` yourself). */
  "referral:submit": CustomEvent<ReferralSubmitDetail>;
  /** The endpoint stored the referral and answered with a receipt. */
  "referral:success": CustomEvent<ReferralSuccessDetail>;
  /** The referral was not sent; every answer is kept. */
  "referral:error": CustomEvent<ReferralErrorDetail>;
}

/** The `<prevent-referral-form>` element. */
export class PreventReferralForm extends HTMLElement {
  /** The endpoint's receipt once the referral is sent, else `null`. */
  readonly receipt: Receipt | null;
  /** The document the answers make now: hidden questions and empty list items left out,
   *  not yet validated or normalised (pass it to `validate` to see what is missing). */
  document(): Record<string, unknown>;

  addEventListener<K extends keyof PreventReferralFormEventMap>(
    type: K,
    listener: (this: PreventReferralForm, ev: PreventReferralFormEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ): void;
  removeEventListener<K extends keyof PreventReferralFormEventMap>(
    type: K,
    listener: (this: PreventReferralForm, ev: PreventReferralFormEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | EventListenerOptions,
  ): void;
}

declare global {
  interface HTMLElementTagNameMap {
    "prevent-referral-form": PreventReferralForm;
  }
  // The events bubble, so a listener on any ancestor sees them typed.
  interface HTMLElementEventMap {
    "referral:submit": CustomEvent<ReferralSubmitDetail>;
    "referral:success": CustomEvent<ReferralSuccessDetail>;
    "referral:error": CustomEvent<ReferralErrorDetail>;
  }
}
