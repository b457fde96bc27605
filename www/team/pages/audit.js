// The audit log: who did what, to which referral, and what became of it, newest first; filtered
// by referral (reference or id), team member, action and dates, with "Older entries" paging.
// The filters are a GET form, so a search is in the address.
import { h } from "/pkg/dom.js";
import { ui, lang, link, fill, number, setTitle, api, formatDate } from "/team/context.js";
import { put, heading, para, table, showErrors, dateInput } from "/team/parts.js";

/** Entries a page. */
const PAGE = "50";
/** Every action with a text, in the texts' order. */
const actions = () => Object.keys(ui).filter((k) => k.startsWith("audit_")).map((k) => k.slice(6));
/** An action's words (the code when the texts have none). */
const actionLabel = (action) => ui[`audit_${action}`] ?? String(action ?? "");

/** A select of `options` ([value, text]) after an "all" option, labelled. */
function selectGroup(id, label, all, options, chosen) {
  return h(
    "div",
    { class: "govuk-form-group" },
    h("label", { class: "govuk-label govuk-label--s", for: id, text: label }),
    h("select", { class: "govuk-select", id, name: id }, h("option", { value: "", text: all }), options.map(([value, text]) => h("option", { value, selected: value === chosen, text }))),
  );
}

/** The date input `id` with the day, month and year of the address filled in. */
function dateFrom(query, id, legend) {
  const input = dateInput(id, legend, ui.dateHint);
  for (const part of ["day", "month", "year"]) input.querySelector(`#${id}-${part}`).value = query.get(`${id}-${part}`) ?? "";
  return input;
}

/** The day after `date` (YYYY-MM-DD): "to" a date includes that whole day. */
function dayAfter(date) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The outcome, as a tag: refused and failed stand out. */
function outcome(item) {
  const text = ui[`outcome_${item.outcome}`];
  if (!text) return "";
  const colour = item.outcome === "done" ? "govuk-tag--grey" : "govuk-tag--red";
  return h("strong", { class: `govuk-tag ${colour}`, text: typeof item.status === "number" ? `${text} (${item.status})` : text });
}

/** The referral cell: its reference linked to the referral (the id when there is no reference). */
function referralCell(item) {
  if (typeof item.referral_id !== "string") return "";
  const text = typeof item.reference === "string" ? item.reference : item.referral_id;
  return h("a", { class: "govuk-link", href: link("/team/referral/", {}, item.referral_id), text });
}

/** The action, with an export's count. */
function actionCell(item) {
  const words = actionLabel(item.action);
  return typeof item.count === "number" ? `${words}: ${fill(ui.auditExportHeld, { count: number(item.count) })}` : words;
}

/** Renders the audit log into `main`. */
export default async function auditPage(main) {
  setTitle(ui.auditTitle);
  const query = new URLSearchParams(location.search);
  const chosen = { referral: (query.get("referral") ?? "").trim(), actor: query.get("actor") ?? "", action: query.get("action") ?? "" };
  const errors = h("div", {});
  const referral = h("input", { class: "govuk-input govuk-input--width-20", id: "referral", name: "referral", type: "text", spellcheck: "false", autocomplete: "off", value: chosen.referral });
  const members = h("div", {});
  const from = dateFrom(query, "from", ui.periodFrom);
  const to = dateFrom(query, "to", ui.periodTo);
  const form = h(
    "form",
    { method: "get", action: "/team/audit/", novalidate: true },
    // Who and what on one row, when on the next, each field's box lined up at the bottom.
    h(
      "div",
      { class: "pr-filter-row" },
      h("div", { class: "govuk-form-group" }, h("label", { class: "govuk-label govuk-label--s", for: "referral", text: ui.filterReferral }), h("div", { class: "govuk-hint", id: "referral-hint", text: ui.filterReferralHint }), referral),
      members,
      selectGroup("action", ui.colAction, ui.allActions, actions().map((a) => [a, actionLabel(a)]), chosen.action),
    ),
    h("div", { class: "pr-filter-row" }, from, to),
    lang === "cy" ? h("input", { type: "hidden", name: "lang", value: "cy" }) : null,
    h("button", { type: "submit", class: "govuk-button govuk-button--secondary", text: ui.applyFilter }),
  );
  referral.setAttribute("aria-describedby", "referral-hint");
  const results = h("div", {});
  put(main, errors, heading(ui.auditTitle), form, results);

  // The dates typed: each a real date or nothing.
  const params = new URLSearchParams({ limit: PAGE });
  const problems = [];
  for (const [name, input] of [["from", from], ["to", to]]) {
    const v = input.value();
    if (v === null) {
      input.setError(ui.dateInvalid);
      problems.push({ href: input.firstInputId, message: ui.dateInvalid });
    } else if (v) {
      params.set(name, name === "to" ? dayAfter(v) : v);
    }
  }
  if (problems.length) return showErrors(errors, problems);
  for (const name of ["referral", "actor", "action", "cursor"]) {
    const v = name === "referral" ? chosen.referral : query.get(name);
    if (v) params.set(name, v);
  }

  let body;
  try {
    const response = await api(`/v1/team/audit?${params}`);
    if (response.status === 400 && chosen.referral) {
      // A referral the service cannot name (a reference mistyped): said at the field.
      return showErrors(errors, [{ href: "referral", message: ui.filterReferralInvalid }]);
    }
    if (!response.ok) throw new Error(`status ${response.status}`);
    body = await response.json();
  } catch {
    put(results, para(ui.serviceProblem));
    return;
  }
  const team = Array.isArray(body.members) ? body.members : [];
  put(members, selectGroup("actor", ui.filterMember, ui.allMembers, team.map((m) => [String(m.id), String(m.name ?? "")]), chosen.actor));
  const items = Array.isArray(body.items) ? body.items : [];
  if (!items.length) {
    put(results, para(ui.noAuditEntries));
  } else {
    put(
      results,
      table({
        caption: ui.auditTitle,
        captionSize: "hidden",
        head: [ui.colWhen, ui.colWho, ui.colAction, ui.colOutcome, ui.colReferral],
        rows: items.map((item) => [formatDate(item.at), typeof item.actor === "string" ? item.actor : ui.unknownMember, actionCell(item), outcome(item), referralCell(item)]),
      }),
    );
  }
  // "Newest entries" and "Older entries", keeping the filters.
  const kept = Object.fromEntries([...query.entries()].filter(([k]) => k !== "cursor" && k !== "lang"));
  const pager = [];
  const item = (cls, href, rel, text) => h("div", { class: cls }, h("a", { class: "govuk-link govuk-pagination__link", href, rel }, h("span", { class: "govuk-pagination__link-title", text })));
  if (query.get("cursor")) pager.push(item("govuk-pagination__prev", link("/team/audit/", kept), "first", ui.newestEntries));
  if (typeof body.next === "string") pager.push(item("govuk-pagination__next", link("/team/audit/", { ...kept, cursor: body.next }), "next", ui.olderEntries));
  if (pager.length) put(results, h("nav", { class: "govuk-pagination govuk-pagination--block", "aria-label": ui.auditTitle }, pager));
}
