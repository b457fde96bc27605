// What the referral page and its print view share: the referral loaded from the team API (by
// the id in the address's fragment), its heading, its status history, and its document as
// GOV.UK summary lists with the model's labels (rows and lists from the package's summary.js).
import { h } from "/pkg/dom.js";
import { summaryList, summaryRow } from "/pkg/summary.js";
import { ui, def, fill, api, setTitle, formatDate, statusLabel, optionsOf } from "/team/context.js";
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

/** A readable node for a document value, by its form-definition field. */
function valueNode(field, value) {
  if (value === undefined || value === null || value === "") return null;
  if (Array.isArray(value)) {
    const items = value.map((v) => valueNode(field?.item ?? null, v)).filter(Boolean);
    if (!items.length) return null;
    return h("ul", { class: "govuk-list" }, items.map((n) => h("li", {}, n)));
  }
  if (typeof value === "object") {
    const fields = field?.fields ?? [];
    const lines = [];
    for (const f of fields) {
      const node = valueNode(f, value[f.name]);
      if (node) lines.push(h("div", { class: "pr-nested" }, h("span", { class: "pr-nested__label", text: `${f.label}: ` }), node));
    }
    for (const [k, v] of Object.entries(value)) {
      if (fields.some((f) => f.name === k)) continue;
      const node = valueNode(null, v);
      if (node) lines.push(h("div", { class: "pr-nested" }, h("span", { class: "pr-nested__label", text: `${k}: ` }), node));
    }
    return lines.length ? h("div", {}, lines) : null;
  }
  if (typeof value === "boolean") return h("span", { text: value ? ui.yes : ui.no });
  const options = optionsOf(field);
  if (options.length) return h("span", { text: options.find((o) => o.value === value)?.label ?? String(value) });
  if (field?.type === "date_time") return h("span", { text: formatDate(value) });
  if (field?.type === "partial_date" && /^\d{4}(-\d{2}){0,2}$/.test(value)) {
    const [y, m, d] = value.split("-");
    const months = ui.months.split(",");
    return h("span", { text: [d ? String(Number(d)) : null, m ? months[Number(m) - 1] : null, y].filter(Boolean).join(" ") });
  }
  if (field?.type === "date") return h("span", { text: formatDate(`${value}T12:00:00Z`, false) || String(value) });
  return h("span", { class: field?.type === "long_text" ? "pr-long-text" : null, text: String(value) });
}

/**
 * The whole document as GOV.UK summary lists (summary.js's rows and lists), one per section,
 * with the model's labels; "deleted" when there is none.
 */
export function documentSections(doc) {
  if (!doc || typeof doc !== "object") return para(ui.documentDeleted);
  const out = [];
  const sections = [[ui.firstSection, def.fields.filter((f) => f.type !== "object"), doc]];
  for (const f of def.fields.filter((f) => f.type === "object")) sections.push([f.label, f.fields ?? [], doc[f.name] ?? {}]);
  for (const [title, fields, values] of sections) {
    const rows = [];
    for (const f of fields) {
      const node = valueNode(f, values[f.name]);
      if (node) rows.push(summaryRow(f.label, node));
    }
    if (rows.length) out.push(heading(title, 2, "m"), summaryList(rows, "govuk-!-margin-bottom-9"));
  }
  return out;
}
