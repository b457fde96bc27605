// The one summary-list renderer: how a document's value reads for a field of the form
// definition, and GOV.UK summary-list markup. Shared by the form's "Check your answers" and
// confirmation (form/check-answers.js), the Prevent team's referral page and print view
// (www/team/, as /pkg/summary.js) and the status element (status.js). Built with dom.js's `h`
// (createElement and textContent only): nothing in a document is ever parsed as markup.
//
// API (`ui` is messages(lang).ui, `lang` "en" | "cy"):
//
//   displayValue(field, value, { ui, lang }) → string | string[] | Element | null
//     How `value` reads for `field` (a form-definition field; null for a member the
//     definition does not describe). null when there is no answer (undefined, null, "", []).
//     Codes → their option labels; booleans → ui.yes / ui.no (a tick box: ticked or not);
//     dates → "1 March 2024", partial dates → "March 2024" / "2024" (month names from ui.months);
//     date-times → formatDateTime; a list → one string per item (an object item as
//     "Label: value; Label: value"); an object the definition does not describe (extensions,
//     unknown members) → an Element of "name: value" lines (.pr-nested); anything else as text.
//
//   valueCell(shown, missing = null) → <dd class="govuk-summary-list__value">
//     A displayValue as a cell: a string keeps its typed line breaks (<br>), a list of one is
//     its text and of more a <ul class="govuk-list">, an Element as it is, null the `missing`
//     text. A Node or string that is not a displayValue may be given too.
//
//   summaryRow(key, value, { action, noActions } = {}) → <div class="govuk-summary-list__row">
//     `value` a <dd> (from valueCell) or anything valueCell takes. `action`
//     `{ href, text, hidden, onClick }` adds the actions cell with a link "text" + visually
//     hidden " hidden" (not printed); `noActions: true` adds the no-actions class (a list
//     where other rows have actions).
//
//   summaryList(rows, className = "") → <dl class="govuk-summary-list …">
//
//   documentSummary(def, doc, options) → [heading, dl, heading, dl, …]
//     The whole document as summary lists, one per section of the definition (the
//     top-level fields that are not objects first, under ui.firstSection, then one per
//     top-level object, under its label); fields inside a section's objects are rows of
//     their own. Sections with no rows are left out. Options:
//       ui, lang          as above (required)
//       all = false       false: the questions the form asks (widget ≠ "none", in `order`)
//                         and only those its conditions show, as "Check your answers" does;
//                         true: every field of the definition in its order, whatever the
//                         conditions, and members it does not know (the team's view).
//       missing = null    the text of a question with no answer (ui.notProvided); null
//                         leaves the row out.
//       change = null     (pointer, field, event) => void: each row gets a "Change" link
//                         (ui.change) to `#idFor(pointer)` calling it on click.
//       noActions = false without `change`: true gives every row the no-actions class (the
//                         form's confirmation, so its columns line up as on the check page);
//                         false leaves plain rows (the team pages).
//       headingLevel = 2, headingSize = "m"   the section headings (<hN class=govuk-heading-S>).
//
//   formatDateTime(iso, lang, withTime = true) → "1 December 2026, 17:07" (UK time), or "".
//
// An unticked tick box ("I do not know…") is not an answer and is never listed.
//
// Changed since first published (.summary-changed): documentSummary without `change` no
// longer adds the no-actions class unless `noActions: true` is given.

import { messages } from "./index.js";
import { h, idFor } from "./dom.js";
import { asked, isShown, valueAt } from "./answers.js";

const empty = (value) => value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0);

/**
 * A date (and time) for people in UK time: "1 December 2026, 17:07", with the month names of
 * `messages(lang).ui.months` (so it does not depend on the browser's locale data).
 */
export function formatDateTime(iso, lang, withTime = true) {
  const date = new Date(iso);
  if (typeof iso !== "string" || Number.isNaN(date.getTime())) return "";
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", year: "numeric", month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  const months = messages(lang === "cy" ? "cy" : "en").ui.months.split(",");
  const day = `${Number(parts.day)} ${months[Number(parts.month) - 1] ?? parts.month} ${parts.year}`;
  return withTime ? `${day}, ${parts.hour}:${parts.minute}` : day;
}

/**
 * A date or partial date as the form shows it: "1 March 2024", "March 2024", "2024", with the
 * month names of `messages(lang).ui.months` (browsers' locale data may lack Welsh).
 */
function dateText(value, lang) {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(String(value));
  if (!m) return String(value);
  const [, y, mo, d] = m;
  const months = messages(lang === "cy" ? "cy" : "en").ui.months.split(",");
  const month = mo ? months[Number(mo) - 1] : null;
  if (mo && !month) return String(value);
  return [d ? String(Number(d)) : null, month, y].filter(Boolean).join(" ");
}

/** An object the definition does not describe: one "name: value" line per member. */
function unknownObject(value, context) {
  const lines = [];
  for (const [k, v] of Object.entries(value)) {
    const shown = displayValue(null, v, context);
    if (shown === null) continue;
    const node = shown instanceof Node ? shown : Array.isArray(shown) ? shown.join(", ") : shown;
    lines.push(h("div", { class: "pr-nested" }, h("span", { class: "pr-nested__label", text: `${k}: ` }), node));
  }
  return lines.length ? h("div", {}, lines) : null;
}

/** How `value` reads for `field` (see the header), or null when there is no answer. */
export function displayValue(field, value, context) {
  const { ui, lang } = context;
  if (empty(value)) return null;
  if (field?.widget === "tick_box") return value === true ? ui.yes : ui.no;
  if (Array.isArray(value)) {
    const items = value.map((v) => displayValue(field?.item ?? null, v, context)).filter((v) => v !== null);
    return items.map((v) => (v instanceof Node ? v.textContent : Array.isArray(v) ? v.join(", ") : v));
  }
  if (typeof value === "object") {
    if (!field?.fields) return unknownObject(value, context);
    return asked(field.fields)
      .map((c) => [c.label, displayValue(c, value[c.name], context)])
      .filter(([, v]) => v !== null)
      .map(([l, v]) => `${l}: ${Array.isArray(v) ? v.join(", ") : v instanceof Node ? v.textContent : v}`)
      .join("; ");
  }
  if (typeof value === "boolean") return value ? ui.yes : ui.no;
  if (field?.options) return field.options.find((o) => o.value === value)?.label ?? String(value);
  if (field?.type === "date" || field?.type === "partial_date") return dateText(value, lang);
  if (field?.type === "date_time") return formatDateTime(value, lang) || String(value);
  return String(value);
}

/** A displayValue as a summary-list value cell (see the header). */
export function valueCell(shown, missing = null) {
  const cell = h("dd", { class: "govuk-summary-list__value" });
  if (shown === null || shown === undefined) {
    if (missing !== null) cell.textContent = missing;
  } else if (Array.isArray(shown)) {
    if (shown.length === 1) cell.textContent = shown[0];
    else cell.append(h("ul", { class: "govuk-list" }, shown.map((s) => h("li", { text: s }))));
  } else if (typeof shown === "string") {
    // Line breaks a person typed stay line breaks.
    shown.split("\n").forEach((line, i) => {
      if (i) cell.append(h("br"));
      cell.append(line);
    });
  } else {
    cell.append(shown);
  }
  return cell;
}

/** One GOV.UK summary-list row (see the header). */
export function summaryRow(key, value, { action = null, noActions = false } = {}) {
  const cell = value instanceof Element && value.tagName === "DD" ? value : valueCell(value);
  const row = h("div", { class: "govuk-summary-list__row" }, h("dt", { class: "govuk-summary-list__key", text: key }), cell);
  if (action) {
    const link = h("a", { class: "govuk-link", href: action.href }, action.text, action.hidden ? h("span", { class: "govuk-visually-hidden", text: ` ${action.hidden}` }) : null);
    if (action.onClick) link.addEventListener("click", action.onClick);
    row.append(h("dd", { class: "govuk-summary-list__actions govuk-!-display-none-print" }, link));
  } else if (noActions) {
    row.classList.add("govuk-summary-list__row--no-actions");
  }
  return row;
}

/** A GOV.UK summary list of `rows`, with extra classes. */
export function summaryList(rows, className = "") {
  return h("dl", { class: `govuk-summary-list${className ? ` ${className}` : ""}` }, rows);
}

/** The rows for `fields` of the object at `pointer` in `doc` (whose definition has the
 *  fields `siblingFields`); nested objects give rows. */
function rows(fields, pointer, doc, o, siblingFields = fields) {
  const out = [];
  const values = valueAt(doc, pointer);
  const siblings = values !== null && typeof values === "object" && !Array.isArray(values) ? values : {};
  const known = o.all ? fields : asked(fields).filter((f) => isShown(f, siblings));
  for (const f of known) {
    const p = `${pointer}/${f.name}`;
    if (f.type === "object" && f.fields) {
      out.push(...rows(f.fields, p, doc, o));
      continue;
    }
    const shown = displayValue(f, siblings[f.name], o);
    // An unticked "I do not know…" box is not an answer to list.
    if (f.widget === "tick_box" && f.type === "boolean" && shown !== o.ui.yes) continue;
    if (shown === null && o.missing === null) continue;
    const action = o.change ? { href: `#${idFor(p)}`, text: o.ui.change, hidden: f.label, onClick: (e) => o.change(p, f, e) } : null;
    out.push(summaryRow(f.label, valueCell(shown, o.missing), { action, noActions: o.noActions }));
  }
  if (o.all) {
    for (const [k, v] of Object.entries(siblings)) {
      if (siblingFields.some((f) => f.name === k)) continue;
      const shown = displayValue(null, v, o);
      if (shown !== null) out.push(summaryRow(k, valueCell(shown), { noActions: o.noActions }));
    }
  }
  return out;
}

/** The whole document as sections of summary lists (see the header). */
export function documentSummary(def, doc, { ui, lang, all = false, missing = null, change = null, noActions = false, headingLevel = 2, headingSize = "m" }) {
  const o = { ui, lang, all, missing, change, noActions: !change && noActions };
  const fields = all ? def.fields : asked(def.fields);
  const isSection = (f) => f.type === "object" && f.fields;
  const groups = [[ui.firstSection, fields.filter((f) => !isSection(f)), ""], ...fields.filter(isSection).map((f) => [f.label, f.fields, `/${f.name}`])];
  const out = [];
  for (const [title, fs, pointer] of groups) {
    const list = rows(fs, pointer, doc, o, pointer === "" ? def.fields : fs);
    if (!list.length) continue;
    out.push(h(`h${headingLevel}`, { class: `govuk-heading-${headingSize}`, text: title }), summaryList(list, "govuk-!-margin-bottom-9"));
  }
  return out;
}
