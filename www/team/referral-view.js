// What the referral page and its print view share: the referral loaded from the team API (by
// the id in the address's fragment), its heading, its status history, and its document as
// GOV.UK summary lists with the model's labels (the package's summary.js, as the form's check answers).
import { h } from "/pkg/dom.js";
import { documentSummary } from "/pkg/summary.js";
import { ui, def, lang, fill, api, setTitle, formatDate, statusLabel } from "/team/context.js";
import { put, heading, para, table } from "/team/parts.js";

/** The referral id in the address's fragment, or null when it is not a UUID. */
function referralId() {
  const id = location.hash.slice(1).toLowerCase();
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id) ? id : null;
}

/**
 * Loads the referral named in the fragment: `{id, body}`, or null after putting "Page not
 * found" (no such referral) or the service problem into `main`. Sets the page title.
 */
export async function loadReferral(main) {
  const id = referralId();
  let response = null;
  if (id) response = await api(`/v1/team/referrals/${id}`).catch(() => null);
  if (!response || response.status === 404) {
    setTitle(ui.notFoundTitle);
    put(main, heading(ui.notFoundTitle), para(ui.notFoundBody));
    return null;
  }
  if (!response.ok) {
    put(main, para(ui.serviceProblem));
    return null;
  }
  const body = await response.json();
  setTitle(fill(ui.referralTitle, { reference: body.reference }));
  return { id, body };
}

/** The caption (when received) and the heading (the reference). */
export function referralHeading(body) {
  return [
    h("span", { class: "govuk-caption-l", text: `${ui.colReceived}: ${formatDate(body.received_at)}` }),
    heading(fill(ui.referralTitle, { reference: body.reference })),
  ];
}

/** The status history: date, status, message to the referrer. */
export function historyTable(body) {
  const feedback = Array.isArray(body.feedback) ? body.feedback : [];
  return table({
    caption: ui.statusHistory,
    head: [ui.date, ui.status, ui.teamMessage],
    rows: feedback.map((f) => [formatDate(f.updated_at), statusLabel(f.status), h("span", { class: "pr-long-text", text: typeof f.message === "string" ? f.message : "" })]),
  });
}

/**
 * The whole document as GOV.UK summary lists, one per section, with the model's labels, as the
 * form's check answers shows it (summary.js); "deleted" when there is none.
 */
export function documentSections(doc) {
  if (!doc || typeof doc !== "object") return para(ui.documentDeleted);
  return documentSummary(def, doc, { ui, lang, all: true });
}
