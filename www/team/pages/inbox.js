// The referrals list: newest first, 25 a page, filtered by status; the risk flagged.
import { h } from "/pkg/dom.js";
import { ui, lang, link, setTitle, apiJson, statusCodes, statusLabel, codeLabel, formatDate } from "/team/context.js";
import { put, heading, para, table } from "/team/parts.js";

/** The status filter (a GET form, so the filter is in the address). */
function filterForm(status) {
  const select = h(
    "select",
    { class: "govuk-select", id: "status-filter", name: "status" },
    h("option", { value: "", text: ui.allStatuses }),
    statusCodes().map((code) => h("option", { value: code, selected: code === status, text: statusLabel(code) })),
  );
  return h(
    "form",
    { class: "pr-filter", method: "get", action: "/team/" },
    h("div", { class: "govuk-form-group" }, h("label", { class: "govuk-label", for: "status-filter", text: ui.filterStatus }), select),
    lang === "cy" ? h("input", { type: "hidden", name: "lang", value: "cy" }) : null,
    h("button", { type: "submit", class: "govuk-button govuk-button--secondary", text: ui.applyFilter }),
  );
}

/** A referral's cells: reference (a link), received, type, sector, risk, status, days since. */
function cells(item, now) {
  const days = Math.max(0, Math.floor((now - Date.parse(item.received_at)) / 86400000));
  const risk = item.immediate_risk === true ? h("strong", { class: "govuk-tag govuk-tag--red", text: ui.riskFlag }) : h("span", { text: item.immediate_risk === false ? ui.no : "" });
  return [
    h("a", { class: "govuk-link", href: link("/team/referral/", {}, item.referral_id), text: String(item.reference ?? "") }),
    formatDate(item.received_at),
    codeLabel("/submission_type", item.submission_type),
    item.sector ? codeLabel("/referrer/sector", item.sector) : "",
    risk,
    h("strong", { class: "govuk-tag govuk-tag--grey", text: statusLabel(item.status) }),
    Number.isFinite(days) ? String(days) : "",
  ];
}

/** "First page" and "Next page" links, as there are. */
function pagination(status, cursor, next) {
  const pager = [];
  const item = (cls, href, rel, text) => h("div", { class: cls }, h("a", { class: "govuk-link govuk-pagination__link", href, rel }, h("span", { class: "govuk-pagination__link-title", text })));
  if (cursor) pager.push(item("govuk-pagination__prev", link("/team/", { status }), "first", ui.firstPage));
  if (typeof next === "string") pager.push(item("govuk-pagination__next", link("/team/", { status, cursor: next }), "next", ui.nextPage));
  return pager.length ? h("nav", { class: "govuk-pagination govuk-pagination--block", "aria-label": ui.navInbox }, pager) : null;
}

/** Renders the referrals list into `main`. */
export default async function inboxPage(main) {
  setTitle(ui.navInbox);
  const query = new URLSearchParams(location.search);
  const status = statusCodes().includes(query.get("status")) ? query.get("status") : "";
  const cursor = query.get("cursor") ?? "";
  put(main, heading(ui.navInbox), filterForm(status));
  const params = new URLSearchParams({ limit: "25" });
  if (status) params.set("status", status);
  if (cursor) params.set("cursor", cursor);
  let body;
  try {
    body = await apiJson(`/v1/team/referrals?${params}`);
  } catch {
    put(main, para(ui.serviceProblem));
    return;
  }
  const items = Array.isArray(body.items) ? body.items : [];
  if (!items.length) {
    put(main, para(ui.noReferrals));
  } else {
    const now = Date.now();
    put(
      main,
      table({
        caption: status ? `${ui.navInbox}: ${statusLabel(status)}` : ui.navInbox,
        captionSize: "s",
        head: [ui.colReference, ui.colReceived, ui.colType, ui.colSector, ui.colRisk, ui.colStatus, ui.colDays],
        rows: items.map((item) => cells(item, now)),
        numeric: [6],
      }),
    );
  }
  put(main, pagination(status, cursor, body.next));
}
