// Sending a referral (receiving API v1 §2): one POST to the endpoint, no cookies, no
// referrer, no redirects, a time limit. It counts as sent only when the endpoint answers 201
// or 200 with a receipt for this referral whose feedback document is valid; 409 is a
// conflict (the id was used for another document), 422 with a readable report a rejection;
// anything else keeps every answer. And the banner that says a referral was not sent.

import { validateFeedback } from "../index.js";
import { h } from "../dom.js";

/** Seconds to wait for the endpoint before giving up, unless `timeout` says otherwise. */
const DEFAULT_TIMEOUT = 30;

/** Milliseconds to wait, from the `timeout` attribute's seconds (default 30). */
export function timeoutMs(attribute) {
  const s = Number(attribute);
  return (Number.isFinite(s) && s > 0 ? s : DEFAULT_TIMEOUT) * 1000;
}

/** Whether `body` is a receipt for the referral `id` (receiving API §2) with a valid feedback
 *  document. */
function isReceipt(body, id, lang) {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return false;
  const wanted = id.toLowerCase();
  if (typeof body.referral_id !== "string" || body.referral_id.toLowerCase() !== wanted) return false;
  if (body.reference !== undefined && typeof body.reference !== "string") return false;
  if (body.status_token !== undefined && typeof body.status_token !== "string") return false;
  const feedback = body.feedback;
  if (feedback === null || typeof feedback !== "object") return false;
  if (typeof feedback.referral_id !== "string" || feedback.referral_id.toLowerCase() !== wanted) return false;
  return validateFeedback(feedback, { lang }).valid === true;
}

/** Whether `body` is a validation report with at least one readable error. */
function isReport(body) {
  return (
    body !== null &&
    typeof body === "object" &&
    body.valid === false &&
    Array.isArray(body.errors) &&
    body.errors.length > 0 &&
    body.errors.every((e) => e !== null && typeof e === "object" && typeof e.message === "string")
  );
}

/**
 * POSTs `doc` to `endpoint`. Resolves to `{ ok: true, receipt }`, or `{ reason, status?,
 * report?, error? }` with reason conflict | rejected | invalid_response | timeout | network.
 * Never rejects.
 */
export async function post(endpoint, doc, { id, lang, timeout }) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeout);
  try {
    const response = await fetch(endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(doc),
      credentials: "omit",
      referrerPolicy: "no-referrer",
      cache: "no-store",
      redirect: "error",
      signal: controller.signal,
    });
    const text = await response.text();
    let body = null;
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
    if ((response.status === 201 || response.status === 200) && isReceipt(body, id, lang)) return { ok: true, receipt: body };
    if (response.status === 409) return { reason: "conflict", status: 409 };
    if (response.status === 422 && isReport(body)) return { reason: "rejected", status: 422, report: body };
    return { reason: "invalid_response", status: response.status };
  } catch (error) {
    return { reason: controller.signal.aborted ? "timeout" : "network", error: String(error) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The "not sent" banner for a failure `{ reason, report }`: why, the report's errors for a
 * rejection, and what can be done — send again (`onRetry`), or for a conflict send as a new
 * referral (`onSendAsNew`) — beside `download` (a link to keep a copy).
 */
export function failureBanner(ui, { reason, report }, { onRetry, onSendAsNew, download }) {
  const content = h("div", { class: "govuk-notification-banner__content" }, h("p", { class: "govuk-notification-banner__heading", text: ui.notSent }));
  const explain = {
    network: ui.notSentNetwork,
    timeout: ui.notSentTimeout,
    invalid_response: ui.notSentInvalid,
    rejected: ui.notSentRejected,
    conflict: ui.conflict,
  }[reason];
  content.append(h("p", { class: "govuk-body", text: explain }));
  if (reason === "rejected") {
    const list = h("ul", { class: "govuk-list govuk-list--bullet" });
    for (const e of report.errors) list.append(h("li", { text: e.message }));
    content.append(list);
  }
  const actions = h("div", { class: "govuk-button-group" });
  if (reason === "conflict") {
    const fresh = h("button", { type: "button", class: "govuk-button", text: ui.sendAsNew });
    fresh.addEventListener("click", onSendAsNew);
    actions.append(fresh);
  } else if (reason !== "rejected") {
    const retry = h("button", { type: "button", class: "govuk-button", text: ui.retry });
    retry.addEventListener("click", onRetry);
    actions.append(retry);
  }
  actions.append(download);
  content.append(actions);
  return h(
    "div",
    { class: "govuk-notification-banner", role: "alert", "aria-labelledby": "pr-failure-title", tabindex: "-1" },
    h("div", { class: "govuk-notification-banner__header" }, h("h2", { class: "govuk-notification-banner__title", id: "pr-failure-title", text: ui.errorPrefix.replace(/:$/, "") })),
    content,
  );
}
