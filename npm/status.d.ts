// `prevent-referral/status`: importing it defines <prevent-referral-status>.
//
//   <prevent-referral-status endpoint="https://…/v1/referrals" lang="en|cy"
//                            referral="<referral_id>.<status_token>" heading-level="2">
//
// Attributes: `endpoint` (the receiving service's `/v1/referrals`; the status is read from
// `{endpoint}/{referral_id}/feedback` with the token in the Authorization header), `lang`
// ("en" or "cy"), `referral` (the referral id and status token; without it, the page's URL
// fragment `#<referral_id>.<status_token>`), `heading-level` (of its top heading, 1–5).

/** What the element shows. */
export type StatusState = "loading" | "found" | "not_found" | "unavailable";

/** `detail` of `status:shown`. */
export interface StatusShownDetail {
  state: Exclude<StatusState, "loading">;
}

/** The events the element fires; all bubble. */
export interface PreventReferralStatusEventMap extends HTMLElementEventMap {
  /** The status (or "Page not found", or a service problem) is on screen. */
  "status:shown": CustomEvent<StatusShownDetail>;
}

/** The `<prevent-referral-status>` element. */
export class PreventReferralStatus extends HTMLElement {
  /** What is shown now. */
  readonly state: StatusState;

  addEventListener<K extends keyof PreventReferralStatusEventMap>(
    type: K,
    listener: (this: PreventReferralStatus, ev: PreventReferralStatusEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ): void;
}

/** `{id, token}` from `"<referral_id>.<status_token>"` (a leading `#` allowed), or null. */
export function parseStatusSecret(text: unknown): { id: string; token: string } | null;

/** A date and time for people in `lang` (UK time); "" for a value that is not a date. */
export function formatDateTime(iso: string, lang: "en" | "cy"): string;

/** The feedback status codes, in the model's order, from `messages(lang).ui`. */
export function statusCodes(ui: Record<string, string>): string[];

declare global {
  interface HTMLElementTagNameMap {
    "prevent-referral-status": PreventReferralStatus;
  }
}
