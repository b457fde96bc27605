// "Check your answers" and the confirmation page: the document as it will be (or was) sent,
// as summary lists (summary.js), with "Change" links on the check page; the send button; the
// reference, the "Check the status" link (secret in the URL fragment only) and a copy to keep.

import { h } from "../dom.js";
import { documentSummary } from "../summary.js";

/**
 * The check page for the normalised `doc`. `action` holds the send button's text;
 * `onBack()`, `onSend()` and `onChange(pointer)` are the element's.
 */
export function checkPage({ def, doc, ui, lang, action, onBack, onSend, onChange }) {
  const back = h("a", { href: "#", class: "govuk-back-link govuk-!-display-none-print", text: ui.back });
  back.addEventListener("click", (e) => {
    e.preventDefault();
    onBack();
  });
  const send = h("button", { type: "button", class: "govuk-button", "data-module": "govuk-button", text: action.send });
  send.addEventListener("click", () => onSend());
  const change = (pointer, field, e) => {
    e.preventDefault();
    onChange(pointer);
  };
  return h(
    "div",
    { class: "pr-check" },
    back,
    h("h2", { class: "govuk-heading-l", text: ui.checkTitle }),
    h("p", { class: "govuk-body", text: ui.checkIntro }),
    h("div", { class: "pr-failure" }),
    documentSummary(def, doc, { ui, lang, missing: ui.notProvided, change, headingLevel: 3 }),
    h("p", { class: "govuk-body pr-status", role: "status" }),
    send,
  );
}

/**
 * The confirmation page for the sent `doc` and its `receipt`: `action.sent` as the panel's
 * title, the reference (`id` when the receipt's is not one a person can read aloud), what
 * happens next, the status link (`statusPage`, the element's attribute), print and download.
 */
export function confirmation({ def, doc, receipt, id, ui, lang, action, statusPage }) {
  // A reference a person can read aloud (receiving API §2); anything else, the referral id.
  const reference = typeof receipt.reference === "string" && /^[A-Za-z0-9-]{1,40}$/.test(receipt.reference) ? receipt.reference : id;
  const panel = h(
    "div",
    { class: "govuk-panel govuk-panel--confirmation", tabindex: "-1" },
    h("h2", { class: "govuk-panel__title", text: action.sent }),
    h("div", { class: "govuk-panel__body" }, `${ui.referenceLabel} `, h("br"), h("strong", { class: "pr-reference", text: reference })),
  );
  const next = h("div", {});
  if (typeof receipt.feedback?.message === "string") next.append(h("p", { class: "govuk-body", text: receipt.feedback.message }));
  next.append(h("h2", { class: "govuk-heading-m", text: ui.whatNextTitle }), h("p", { class: "govuk-body", text: ui.whatNext }));
  const link = statusLink(receipt, statusPage, lang, ui);
  if (link) next.append(h("p", { class: "govuk-body" }, link));
  const print = h("button", { type: "button", class: "govuk-button govuk-button--secondary govuk-!-display-none-print", text: ui.print });
  print.addEventListener("click", () => window.print());
  const keep = h("div", { class: "govuk-button-group govuk-!-display-none-print" }, print, downloadLink(doc, id, ui));
  return h(
    "div",
    { class: "pr-confirmation" },
    panel,
    next,
    keep,
    h("h2", { class: "govuk-heading-m", text: ui.yourAnswers }),
    documentSummary(def, doc, { ui, lang, missing: ui.notProvided, noActions: true, headingLevel: 3, headingSize: "s" }),
  );
}

/** "Check the status of this referral": the status page (`statusPage`, default `/status/`)
 *  with the referral id and status token in the URL fragment only, which the browser never
 *  sends to a server (nor in `Referer`). None when the receipt has no usable token. */
function statusLink(receipt, statusPage, lang, ui) {
  const id = receipt.referral_id;
  const token = receipt.status_token;
  if (typeof token !== "string" || !/^[A-Za-z0-9_-]{16,200}$/.test(token) || !/^[0-9a-f-]{36}$/i.test(id)) return null;
  let target;
  try {
    target = new URL(statusPage || "/status/", location.href);
  } catch {
    return null;
  }
  if (target.protocol !== "https:" && target.protocol !== "http:") return null;
  target.search = lang === "cy" ? "?lang=cy" : "";
  target.hash = `${id.toLowerCase()}.${token}`;
  return h("a", { class: "govuk-link pr-status-link", href: target.href, rel: "noreferrer", text: ui.checkStatusLink });
}

/** A link that downloads `doc` as `referral-<id>.json` (a copy to keep, not printed). */
export function downloadLink(doc, id, ui) {
  return h("a", {
    class: "govuk-link govuk-!-display-none-print",
    href: URL.createObjectURL(new Blob([JSON.stringify(doc, null, 2)], { type: "application/json" })),
    download: `referral-${id}.json`,
    text: ui.download,
  });
}
