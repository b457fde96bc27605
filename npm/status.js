// <prevent-referral-status endpoint="/v1/referrals" lang="en|cy" [referral="<id>.<token>"]
//                          [heading-level="2"]>
//
// The referrer's view of a referral's status (receiving API v1 §3): the reference, every
// update oldest first with its status label (from the model, en/cy), date and the team's
// message, and what each status means. The referral id and status token come from the
// `referral` attribute (an agency's intranet that keeps them) or, without it, from the page's
// URL fragment `#<referral_id>.<status_token>`, which the browser never sends to a server.
// The token travels only in the Authorization header of one GET to
// `{endpoint}/{referral_id}/feedback` — never in a request URL. A wrong or expired link, and
// any answer that is not a valid status, show "Page not found" with no hint whether the
// referral exists. Everything shown is built with createElement/textContent only.
//
// Event (bubbling): `status:shown` with detail.state — found | not_found | unavailable.

import { init, messages, validateFeedback } from "./index.js";
import { h } from "./dom.js";
import { formatDateTime, summaryList, summaryRow } from "./summary.js";

const ready = init();
/** Whether the wasm is ready (messages() works). */
let wasmReady = false;
ready.then(() => {
  wasmReady = true;
});

/** Seconds to wait for the service. */
const TIMEOUT = 30;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TOKEN = /^[A-Za-z0-9_-]{16,200}$/;
const REFERENCE = /^[A-Za-z0-9-]{1,40}$/;
/** The status codes in the order the model lists them (messages().ui has `status_<code>`). */
const STATUS_PREFIX = "status_";

/** `{id, token}` from `"<referral_id>.<token>"` (a leading `#` allowed), or null. */
export function parseStatusSecret(text) {
  if (typeof text !== "string") return null;
  const value = text.replace(/^#/, "").trim();
  const dot = value.indexOf(".");
  if (dot < 0) return null;
  const id = value.slice(0, dot).toLowerCase();
  const token = value.slice(dot + 1);
  return UUID.test(id) && TOKEN.test(token) ? { id, token } : null;
}

/** A date (and time) for people in UK time (summary.js; exported here as before). */
export { formatDateTime };

/** The status codes the model knows, in its order. */
export function statusCodes(ui) {
  return Object.keys(ui)
    .filter((k) => k.startsWith(STATUS_PREFIX))
    .map((k) => k.slice(STATUS_PREFIX.length));
}

export class PreventReferralStatus extends HTMLElement {
  static observedAttributes = ["lang", "referral", "endpoint"];

  #connected = false;
  /** What was fetched: `{state, reference?, feedback?}`; null while loading. */
  #result = null;
  #request = 0;
  #onHash = () => {
    if (!this.hasAttribute("referral")) this.#load();
  };

  async connectedCallback() {
    this.#connected = true;
    window.addEventListener("hashchange", this.#onHash);
    await ready;
    if (this.#connected) this.#load();
  }

  disconnectedCallback() {
    this.#connected = false;
    window.removeEventListener("hashchange", this.#onHash);
  }

  attributeChangedCallback(name) {
    if (!this.#connected) return;
    if (name === "lang") this.#render();
    else ready.then(() => this.#load());
  }

  get lang() {
    return this.getAttribute("lang") === "cy" ? "cy" : "en";
  }

  /** The state shown: "loading", "found", "not_found" or "unavailable". */
  get state() {
    return this.#result ? this.#result.state : "loading";
  }

  #secret() {
    return parseStatusSecret(this.getAttribute("referral") ?? location.hash);
  }

  async #load() {
    const request = ++this.#request;
    this.#result = null;
    this.#render();
    const result = await this.#fetch();
    if (request !== this.#request || !this.#connected) return;
    this.#result = result;
    this.#render();
    this.dispatchEvent(new CustomEvent("status:shown", { bubbles: true, detail: { state: result.state } }));
  }

  async #fetch() {
    const secret = this.#secret();
    if (!secret) return { state: "not_found" };
    const endpoint = (this.getAttribute("endpoint") || "/v1/referrals").replace(/\/+$/, "");
    let response;
    try {
      response = await fetch(`${endpoint}/${secret.id}/feedback`, {
        method: "GET",
        headers: { Accept: "application/json", Authorization: `Bearer ${secret.token}` },
        credentials: "omit",
        cache: "no-store",
        redirect: "error",
        referrerPolicy: "no-referrer",
        signal: AbortSignal.timeout(TIMEOUT * 1000),
      });
    } catch {
      return { state: "unavailable" };
    }
    if (response.status === 404 || response.status === 401) return { state: "not_found" };
    if (response.status !== 200) return { state: "unavailable" };
    let body;
    try {
      body = await response.json();
    } catch {
      return { state: "unavailable" };
    }
    return this.#checked(body, secret.id);
  }

  /** The answer if it is a status of this referral (receiving API §3), else unavailable. */
  #checked(body, id) {
    const bad = { state: "unavailable" };
    if (!body || typeof body !== "object" || Array.isArray(body)) return bad;
    if (typeof body.reference !== "string" || !REFERENCE.test(body.reference)) return bad;
    if (!Array.isArray(body.feedback)) return bad;
    const feedback = [];
    for (const doc of body.feedback) {
      if (!validateFeedback(doc).valid || String(doc.referral_id).toLowerCase() !== id) return bad;
      feedback.push({ status: doc.status, updatedAt: doc.updated_at, message: typeof doc.message === "string" ? doc.message : null });
    }
    // Oldest first, whatever order the service used.
    feedback.sort((a, b) => Date.parse(a.updatedAt) - Date.parse(b.updatedAt));
    return { state: "found", reference: body.reference, feedback };
  }

  #render() {
    if (!this.#connected || !wasmReady) return;
    const ui = messages(this.lang).ui;
    const level = Math.min(Math.max(Number.parseInt(this.getAttribute("heading-level") ?? "2", 10) || 2, 1), 5);
    const heading = (text, size, offset = 0) => h(`h${level + offset}`, { class: `govuk-heading-${size}`, text });
    const top = level === 1 ? "l" : "m";
    const r = this.#result;
    let content;
    if (!r) {
      content = [heading(ui.statusTitle, top), h("p", { class: "govuk-body", role: "status", text: ui.loading })];
    } else if (r.state === "not_found") {
      content = [heading(ui.notFoundTitle, top), h("p", { class: "govuk-body", text: ui.notFoundBody })];
    } else if (r.state === "unavailable") {
      content = [heading(ui.statusTitle, top), h("p", { class: "govuk-body", text: ui.serviceProblem })];
    } else {
      content = this.#found(r, ui, heading, top);
    }
    this.replaceChildren(h("div", { class: "pr-status", "data-state": this.state }, content));
  }

  #found(r, ui, heading, top) {
    const label = (code) => ui[`${STATUS_PREFIX}${code}`] ?? code;
    const current = r.feedback.at(-1);
    const summary = summaryList([
      summaryRow(ui.referenceLabel, h("strong", { class: "pr-reference", text: r.reference })),
      current ? summaryRow(ui.statusCurrent, h("strong", { class: "govuk-tag", text: label(current.status) })) : null,
    ]);
    const updates = h(
      "table",
      { class: "govuk-table" },
      h("caption", { class: "govuk-table__caption govuk-table__caption--m", text: ui.statusUpdates }),
      h(
        "thead",
        { class: "govuk-table__head" },
        h("tr", { class: "govuk-table__row" }, [ui.date, ui.status, ui.teamMessage].map((t) => h("th", { scope: "col", class: "govuk-table__header", text: t }))),
      ),
      h(
        "tbody",
        { class: "govuk-table__body" },
        r.feedback.map((f) =>
          h(
            "tr",
            { class: "govuk-table__row" },
            h("td", { class: "govuk-table__cell", text: formatDateTime(f.updatedAt, this.lang) }),
            h("td", { class: "govuk-table__cell", text: label(f.status) }),
            h("td", { class: "govuk-table__cell pr-message", text: f.message ?? "" }),
          ),
        ),
      ),
    );
    const meanings = summaryList(statusCodes(ui).map((code) => summaryRow(label(code), ui[`statusExplanation_${code}`] ?? "")));
    return [heading(ui.statusTitle, top), summary, updates, heading(ui.statusMeanings, "m", 1), meanings];
  }
}

if (!customElements.get("prevent-referral-status")) customElements.define("prevent-referral-status", PreventReferralStatus);
