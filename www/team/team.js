// The Prevent team's pages (sign in, referrals, a referral and its print view, export,
// indicators, audit log). Each page is a static shell naming itself in <body data-page>; this
// script renders it in English or Welsh (`?lang=cy`) with GOV.UK Frontend markup, from the
// team API on this origin (the session cookie goes with each request; the server checks
// Origin on every change). Everything shown is built with createElement/textContent (dom.js
// `h`): nothing typed by anyone, and nothing the API returns, is ever parsed as markup.
// Labels of fields and codes come from the model (formDefinition, messages().ui).
import { init, messages, formDefinition } from "/pkg/index.js";
import { h } from "/pkg/dom.js";
import { formatDateTime } from "/pkg/status.js";
import { barChart } from "/team/chart.js";

await init();

const page = document.body.dataset.page;
const lang = new URLSearchParams(location.search).get("lang") === "cy" ? "cy" : "en";
const ui = messages(lang).ui;
const def = formDefinition(lang);
const SIGN_IN = "/team/sign-in/";
/** The feedback message's limit (the model's long text). */
const MESSAGE_MAX = 10000;

document.documentElement.lang = lang;
document.body.classList.add("js-enabled", "govuk-frontend-supported");

// ---- helpers --------------------------------------------------------------------------

/** `text` with `{name}` placeholders filled in. */
const fill = (text, vars) => text.replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? ""));
/** A team page's address in this language, with an optional query and fragment. */
function link(path, query = {}, hash = "") {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) params.set(k, v);
  if (lang === "cy") params.set("lang", "cy");
  const q = params.toString();
  return `${path}${q ? `?${q}` : ""}${hash ? `#${hash}` : ""}`;
}
const statusLabel = (code) => ui[`status_${code}`] ?? code;
const statusCodes = () => Object.keys(ui).filter((k) => k.startsWith("status_")).map((k) => k.slice(7));

function fieldAt(pointer) {
  let fields = def.fields;
  let field = null;
  for (const seg of pointer.split("/").slice(1)) {
    field = fields.find((f) => f.name === seg) ?? null;
    if (!field) return null;
    fields = field.fields ?? [];
  }
  return field;
}
const optionsOf = (field) => field?.options ?? field?.item?.options ?? [];
const codeLabel = (pointer, code) => optionsOf(fieldAt(pointer)).find((o) => o.value === code)?.label ?? code ?? "";

const formatDate = (iso, withTime = true) => formatDateTime(iso, lang, withTime);

/** Calls the team API; a missing or ended session goes to sign in. Resolves to the Response. */
async function api(path, options = {}) {
  const response = await fetch(path, {
    credentials: "same-origin",
    cache: "no-store",
    redirect: "error",
    ...options,
    headers: { Accept: "application/json", "Accept-Language": lang, ...(options.headers ?? {}) },
  });
  if (response.status === 401) {
    location.assign(link(SIGN_IN));
    throw new Error("signed out");
  }
  return response;
}

async function apiJson(path) {
  const response = await api(path);
  if (!response.ok) throw new Error(`status ${response.status}`);
  return response.json();
}

/** Appends the nodes and lists of nodes, skipping null. */
const put = (parent, ...nodes) => parent.append(...nodes.flat(Infinity).filter((n) => n !== null && n !== undefined && n !== false));
const heading = (text, level = 1, size = "l") => h(`h${level}`, { class: `govuk-heading-${size}`, text });
const para = (text, cls = "govuk-body") => h("p", { class: cls, text });
const row = (key, value) =>
  h("div", { class: "govuk-summary-list__row" }, h("dt", { class: "govuk-summary-list__key", text: key }), h("dd", { class: "govuk-summary-list__value" }, value));

// captionSize "hidden": the caption names the table for screen readers only, where the page
// heading right above already says the same to everyone else.
function table({ caption, head, rows, captionSize = "m", numeric = [] }) {
  const captionClass = captionSize === "hidden" ? "govuk-visually-hidden" : `govuk-table__caption--${captionSize}`;
  return h(
    "table",
    { class: "govuk-table" },
    caption ? h("caption", { class: `govuk-table__caption ${captionClass}`, text: caption }) : null,
    h(
      "thead",
      { class: "govuk-table__head" },
      h("tr", { class: "govuk-table__row" }, head.map((t, i) => h("th", { scope: "col", class: `govuk-table__header${numeric.includes(i) ? " govuk-table__header--numeric" : ""}`, text: t }))),
    ),
    h(
      "tbody",
      { class: "govuk-table__body" },
      rows.map((cells) =>
        h(
          "tr",
          { class: "govuk-table__row" },
          cells.map((c, i) =>
            i === 0 && cells.rowHeader
              ? h("th", { scope: "row", class: "govuk-table__header" }, c)
              : h("td", { class: `govuk-table__cell${numeric.includes(i) ? " govuk-table__cell--numeric" : ""}` }, c),
          ),
        ),
      ),
    ),
  );
}

/** GOV.UK error summary; `errors` are `{href, text}`. */
function errorSummary(errors) {
  const summary = h(
    "div",
    { class: "govuk-error-summary", "data-module": "govuk-error-summary", tabindex: "-1" },
    h(
      "div",
      { role: "alert" },
      h("h2", { class: "govuk-error-summary__title", text: ui.errorSummaryTitle }),
      h(
        "div",
        { class: "govuk-error-summary__body" },
        h("ul", { class: "govuk-list govuk-error-summary__list" }, errors.map((e) => h("li", {}, e.href ? h("a", { href: e.href, text: e.text }) : e.text))),
      ),
    ),
  );
  summary.addEventListener("click", (event) => {
    const a = event.target.closest("a[href^='#']");
    const target = a && document.getElementById(a.getAttribute("href").slice(1));
    if (!target) return;
    event.preventDefault();
    target.focus();
  });
  return summary;
}

function showErrors(container, errors) {
  container.replaceChildren();
  if (!errors.length) return;
  const summary = errorSummary(errors);
  container.append(summary);
  summary.focus();
  if (!document.title.startsWith(`${ui.errorPrefix} `)) document.title = `${ui.errorPrefix} ${document.title}`;
}

function fieldError(id, text) {
  return h("p", { class: "govuk-error-message", id }, h("span", { class: "govuk-visually-hidden", text: `${ui.errorPrefix} ` }), text);
}

function banner(text) {
  return h(
    "div",
    { class: "govuk-notification-banner govuk-notification-banner--success", role: "alert", "aria-labelledby": "pr-banner-title", "data-module": "govuk-notification-banner" },
    h("div", { class: "govuk-notification-banner__header" }, h("h2", { class: "govuk-notification-banner__title", id: "pr-banner-title", text: ui.updateSent })),
    h("div", { class: "govuk-notification-banner__content" }, h("p", { class: "govuk-notification-banner__heading", text })),
  );
}

/** A GOV.UK date input (day, month, year) with a label as legend; `.value()` gives YYYY-MM-DD, "" or null (not a date). */
function dateInput(id, legend, hint) {
  const part = (name, label, width) =>
    h(
      "div",
      { class: "govuk-date-input__item" },
      h(
        "div",
        { class: "govuk-form-group" },
        h("label", { class: "govuk-label govuk-date-input__label", for: `${id}-${name}`, text: label }),
        h("input", { class: `govuk-input govuk-date-input__input govuk-input--width-${width}`, id: `${id}-${name}`, name: `${id}-${name}`, type: "text", inputmode: "numeric" }),
      ),
    );
  const hintEl = h("div", { class: "govuk-hint", id: `${id}-hint`, text: hint });
  const error = h("div", {});
  const group = h(
    "div",
    { class: "govuk-form-group" },
    h(
      "fieldset",
      { class: "govuk-fieldset", role: "group", "aria-describedby": `${id}-hint` },
      h("legend", { class: "govuk-fieldset__legend govuk-fieldset__legend--s", text: legend }),
      hintEl,
      error,
      h("div", { class: "govuk-date-input", id }, part("day", ui.day, 2), part("month", ui.month, 2), part("year", ui.year, 4)),
    ),
  );
  const get = (name) => group.querySelector(`#${id}-${name}`).value.trim();
  group.value = () => {
    const [d, m, y] = [get("day"), get("month"), get("year")];
    if (!d && !m && !y) return "";
    if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return null;
    const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
    if (date.getUTCDate() !== Number(d) || date.getUTCMonth() !== Number(m) - 1) return null;
    return date.toISOString().slice(0, 10);
  };
  group.setError = (text) => {
    group.classList.toggle("govuk-form-group--error", Boolean(text));
    error.replaceChildren(...(text ? [fieldError(`${id}-error`, text)] : []));
    group.querySelector("fieldset").setAttribute("aria-describedby", text ? `${id}-hint ${id}-error` : `${id}-hint`);
    for (const input of group.querySelectorAll("input")) input.classList.toggle("govuk-input--error", Boolean(text));
  };
  group.firstInputId = `${id}-day`;
  return group;
}

// ---- layout -----------------------------------------------------------------------------

const NAV = [
  ["inbox", "/team/", "navInbox"],
  ["export", "/team/export/", "navExport"],
  ["indicators", "/team/indicators/", "navIndicators"],
  ["audit", "/team/audit/", "navAudit"],
];

function layout() {
  const main = h("main", { class: "govuk-main-wrapper", id: "main-content" });
  const serviceName = h(
    "span",
    { class: "govuk-service-navigation__service-name" },
    h("a", { href: link(page === "sign-in" ? SIGN_IN : "/team/"), class: "govuk-service-navigation__link", text: ui.teamTitle }),
  );
  const other = lang === "cy" ? "en" : "cy";
  const switchUrl = new URL(location.href);
  if (other === "cy") switchUrl.searchParams.set("lang", "cy");
  else switchUrl.searchParams.delete("lang");
  const language = h(
    "nav",
    { class: "pr-language", "aria-label": ui.languageNav },
    h("a", { class: "govuk-link", href: switchUrl.pathname + switchUrl.search + switchUrl.hash, lang: other, hreflang: other, text: other === "cy" ? "Cymraeg" : "English" }),
  );
  const parts = [h("a", { href: "#main-content", class: "govuk-skip-link", text: ui.skipLink })];
  let navigation = null;
  let signOut = null;
  if (page !== "sign-in" && page !== "print") {
    const current = page === "referral" ? "inbox" : page;
    const items = NAV.map(([name, path, key]) =>
      h(
        "li",
        { class: `govuk-service-navigation__item${name === current ? " govuk-service-navigation__item--active" : ""}` },
        h(
          "a",
          { class: "govuk-service-navigation__link", href: link(path), "aria-current": name === current ? "page" : null },
          name === current ? h("strong", { class: "govuk-service-navigation__active-fallback", text: ui[key] }) : ui[key],
        ),
      ),
    );
    signOut = h("button", { type: "button", class: "govuk-button govuk-button--secondary govuk-!-margin-bottom-0 pr-sign-out", text: ui.signOut });
    signOut.addEventListener("click", async () => {
      await fetch("/v1/team/session", { method: "DELETE", credentials: "same-origin", redirect: "error" }).catch(() => null);
      location.assign(link(SIGN_IN, { out: "1" }));
    });
    navigation = h("nav", { "aria-label": ui.navMenu, class: "govuk-service-navigation__wrapper" }, h("ul", { class: "govuk-service-navigation__list" }, items));
  }
  parts.push(
    h(
      "section",
      { class: "govuk-service-navigation pr-no-print", "aria-label": ui.serviceInformation },
      h(
        "div",
        { class: "govuk-width-container" },
        h("div", { class: "govuk-service-navigation__container" }, serviceName, navigation, signOut ? h("div", { class: "pr-sign-out-wrapper" }, signOut) : null),
      ),
    ),
  );
  parts.push(h("div", { class: "govuk-width-container" }, page === "print" ? null : language, main));
  document.body.replaceChildren(...parts);
  return main;
}

function setTitle(text) {
  document.title = `${text} – ${ui.teamTitle}`;
}

// ---- sign in ----------------------------------------------------------------------------

function signInPage(main) {
  setTitle(ui.signIn);
  const errors = h("div", {});
  const input = h("input", { class: "govuk-input govuk-!-width-two-thirds", id: "team-token", name: "team-token", type: "password", autocomplete: "off", spellcheck: "false", "aria-describedby": "team-token-hint" });
  const inputError = h("div", {});
  const group = h(
    "div",
    { class: "govuk-form-group" },
    h("label", { class: "govuk-label govuk-label--s", for: "team-token", text: ui.teamToken }),
    h("div", { class: "govuk-hint", id: "team-token-hint", text: ui.teamTokenHint }),
    inputError,
    input,
  );
  const button = h("button", { type: "submit", class: "govuk-button", "data-module": "govuk-button", text: ui.signIn });
  const form = h("form", { novalidate: true, method: "post", action: SIGN_IN }, group, button);
  const notices = [];
  if (new URLSearchParams(location.search).get("out") === "1") notices.push(h("div", { class: "govuk-inset-text", role: "status", text: ui.signedOut }));
  put(main, h("div", { class: "govuk-grid-row" }, h("div", { class: "govuk-grid-column-two-thirds" }, errors, ...notices, heading(ui.signInTitle), form)));
  const fail = (text) => {
    group.classList.add("govuk-form-group--error");
    input.classList.add("govuk-input--error");
    input.setAttribute("aria-describedby", "team-token-hint team-token-error");
    inputError.replaceChildren(fieldError("team-token-error", text));
    showErrors(errors, [{ href: "#team-token", text }]);
  };
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const token = input.value.trim();
    if (!token) return fail(ui.tokenMissing);
    if (/[^\x21-\x7e]/.test(token)) return fail(ui.tokenWrong);
    button.disabled = true;
    let response = null;
    try {
      response = await fetch("/v1/team/session", { method: "POST", credentials: "same-origin", redirect: "error", headers: { Authorization: `Bearer ${token}`, Accept: "application/json" } });
    } catch {
      response = null;
    }
    button.disabled = false;
    if (response?.status === 201) {
      input.value = "";
      location.assign(link("/team/"));
    } else if (response?.status === 401) fail(ui.tokenWrong);
    else showErrors(errors, [{ text: ui.serviceProblem }]);
  });
}

// ---- inbox ------------------------------------------------------------------------------

async function inboxPage(main) {
  setTitle(ui.navInbox);
  const query = new URLSearchParams(location.search);
  const status = statusCodes().includes(query.get("status")) ? query.get("status") : "";
  const cursor = query.get("cursor") ?? "";
  const select = h(
    "select",
    { class: "govuk-select", id: "status-filter", name: "status" },
    h("option", { value: "", text: ui.allStatuses }),
    statusCodes().map((code) => h("option", { value: code, selected: code === status, text: statusLabel(code) })),
  );
  const filter = h(
    "form",
    { class: "pr-filter", method: "get", action: "/team/" },
    h("div", { class: "govuk-form-group" }, h("label", { class: "govuk-label", for: "status-filter", text: ui.filterStatus }), select),
    lang === "cy" ? h("input", { type: "hidden", name: "lang", value: "cy" }) : null,
    h("button", { type: "submit", class: "govuk-button govuk-button--secondary", text: ui.applyFilter }),
  );
  put(main, heading(ui.navInbox), filter);
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
    const rows = items.map((item) => {
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
    });
    put(main, 
      table({
        caption: status ? `${ui.navInbox}: ${statusLabel(status)}` : ui.navInbox,
        captionSize: "s",
        head: [ui.colReference, ui.colReceived, ui.colType, ui.colSector, ui.colRisk, ui.colStatus, ui.colDays],
        rows,
        numeric: [6],
      }),
    );
  }
  const pager = [];
  if (cursor) pager.push(h("div", { class: "govuk-pagination__prev" }, h("a", { class: "govuk-link govuk-pagination__link", href: link("/team/", { status }), rel: "first" }, h("span", { class: "govuk-pagination__link-title", text: ui.firstPage }))));
  if (typeof body.next === "string") pager.push(h("div", { class: "govuk-pagination__next" }, h("a", { class: "govuk-link govuk-pagination__link", href: link("/team/", { status, cursor: body.next }), rel: "next" }, h("span", { class: "govuk-pagination__link-title", text: ui.nextPage }))));
  if (pager.length) put(main, h("nav", { class: "govuk-pagination govuk-pagination--block", "aria-label": ui.navInbox }, pager));
}

// ---- a referral -------------------------------------------------------------------------

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

/** The whole document as GOV.UK summary lists, one per section, with the model's labels. */
function documentSections(doc) {
  const out = [];
  const sections = [[ui.firstSection, def.fields.filter((f) => f.type !== "object"), doc]];
  for (const f of def.fields.filter((f) => f.type === "object")) sections.push([f.label, f.fields ?? [], doc[f.name] ?? {}]);
  for (const [title, fields, values] of sections) {
    const rows = [];
    for (const f of fields) {
      const node = valueNode(f, values[f.name]);
      if (node) rows.push(row(f.label, node));
    }
    if (rows.length) out.push(heading(title, 2, "m"), h("dl", { class: "govuk-summary-list govuk-!-margin-bottom-9" }, rows));
  }
  return out;
}

function historyTable(feedback) {
  return table({
    caption: ui.statusHistory,
    head: [ui.date, ui.status, ui.teamMessage],
    rows: feedback.map((f) => [formatDate(f.updated_at), statusLabel(f.status), h("span", { class: "pr-long-text", text: typeof f.message === "string" ? f.message : "" })]),
  });
}

function referralId() {
  const id = location.hash.slice(1).toLowerCase();
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id) ? id : null;
}

async function loadReferral(main) {
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
  return { id, body: await response.json() };
}

async function referralPage(main, { notice } = {}) {
  const loaded = await loadReferral(main);
  if (!loaded) return;
  const { id, body } = loaded;
  const title = fill(ui.referralTitle, { reference: body.reference });
  setTitle(title);
  const doc = body.document;
  const feedback = Array.isArray(body.feedback) ? body.feedback : [];
  const errors = h("div", {});
  put(main, 
    h("a", { class: "govuk-back-link", href: link("/team/"), text: ui.backToInbox }),
    errors,
    notice ? banner(notice) : null,
    h("span", { class: "govuk-caption-l", text: `${ui.colReceived}: ${formatDate(body.received_at)}` }),
    heading(title),
    doc && doc.immediate_risk === true ? h("strong", { class: "govuk-tag govuk-tag--red govuk-!-margin-bottom-4", text: ui.riskFlag }) : null,
    h("p", { class: "govuk-body" }, h("a", { class: "govuk-link", href: link("/team/print/", {}, id), text: ui.printView })),
    h("div", { class: "govuk-grid-row" }, h("div", { class: "govuk-grid-column-two-thirds" }, historyTable(feedback), updateForm(id, body.status, errors))),
    doc && typeof doc === "object" ? documentSections(doc) : para(ui.documentDeleted),
  );
}

function updateForm(id, current, errors) {
  const closed = current === "closed";
  const radios = statusCodes().map((code, i) =>
    h(
      "div",
      { class: "govuk-radios__item" },
      h("input", { class: "govuk-radios__input", id: i === 0 ? "new-status" : `new-status-${code}`, name: "new-status", type: "radio", value: code }),
      h("label", { class: "govuk-label govuk-radios__label", for: i === 0 ? "new-status" : `new-status-${code}`, text: statusLabel(code) }),
    ),
  );
  const statusError = h("div", {});
  const statusGroup = h(
    "div",
    { class: "govuk-form-group" },
    h(
      "fieldset",
      { class: "govuk-fieldset" },
      h("legend", { class: "govuk-fieldset__legend govuk-fieldset__legend--s", text: ui.newStatus }),
      statusError,
      h("div", { class: "govuk-radios govuk-radios--small", "data-module": "govuk-radios" }, radios),
    ),
  );
  const textarea = h("textarea", { class: "govuk-textarea", id: "message", name: "message", rows: 4, "aria-describedby": "message-hint message-info" });
  const info = h("div", { id: "message-info", class: "govuk-hint govuk-character-count__message", "aria-live": "polite" });
  const messageError = h("div", {});
  const messageGroup = h(
    "div",
    { class: "govuk-form-group govuk-character-count" },
    h("label", { class: "govuk-label govuk-label--s", for: "message", text: ui.messageToReferrer }),
    h("div", { class: "govuk-hint", id: "message-hint", text: ui.messageHint }),
    messageError,
    textarea,
    info,
  );
  const count = () => {
    const left = MESSAGE_MAX - [...textarea.value].length;
    const n = Math.abs(left);
    const key = left >= 0 ? (n === 1 ? "characterRemaining" : "charactersRemaining") : n === 1 ? "characterTooMany" : "charactersTooMany";
    info.textContent = fill(ui[key], { count: n.toLocaleString(lang === "cy" ? "cy-GB" : "en-GB") });
    info.classList.toggle("govuk-error-message", left < 0);
    info.classList.toggle("govuk-hint", left >= 0);
  };
  textarea.addEventListener("input", count);
  count();
  const button = h("button", { type: "submit", class: "govuk-button", "data-module": "govuk-button", text: ui.sendUpdate });
  const form = h("form", { novalidate: true, method: "post", class: "pr-update" }, heading(ui.updateStatus, 2, "m"), statusGroup, messageGroup, button);
  if (closed) {
    for (const c of form.querySelectorAll("input, textarea, button")) c.disabled = true;
    form.prepend(h("div", { class: "govuk-inset-text", text: ui.closedError }));
  }
  const setError = (group, slot, errorId, text, control) => {
    group.classList.toggle("govuk-form-group--error", Boolean(text));
    slot.replaceChildren(...(text ? [fieldError(errorId, text)] : []));
    if (control === textarea) {
      textarea.classList.toggle("govuk-textarea--error", Boolean(text));
      textarea.setAttribute("aria-describedby", text ? `message-hint ${errorId} message-info` : "message-hint message-info");
    }
  };
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const status = form.querySelector("input[name='new-status']:checked")?.value ?? "";
    const message = textarea.value.trim();
    const problems = [];
    setError(statusGroup, statusError, "new-status-error", null);
    setError(messageGroup, messageError, "message-error", null, textarea);
    if (!status) {
      setError(statusGroup, statusError, "new-status-error", ui.chooseStatus);
      problems.push({ href: "#new-status", text: ui.chooseStatus });
    }
    if ([...message].length > MESSAGE_MAX) {
      const text = info.textContent;
      setError(messageGroup, messageError, "message-error", text, textarea);
      problems.push({ href: "#message", text });
    }
    if (problems.length) return showErrors(errors, problems);
    button.disabled = true;
    let response = null;
    try {
      response = await api(`/v1/team/referrals/${id}/feedback`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(message ? { status, message } : { status }),
      });
    } catch {
      response = null;
    }
    button.disabled = false;
    if (response?.status === 201) {
      const main = document.getElementById("main-content");
      main.replaceChildren();
      await referralPage(main, { notice: statusLabel(status) });
      document.querySelector(".govuk-notification-banner")?.focus();
      return;
    }
    if (response?.status === 409) return showErrors(errors, [{ text: ui.closedError }]);
    if (response?.status === 422) {
      const report = await response.json().catch(() => null);
      const list = Array.isArray(report?.errors) ? report.errors.filter((e) => typeof e?.message === "string") : [];
      const mapped = list.map((e) => ({ href: e.path === "/status" ? "#new-status" : "#message", text: e.message }));
      return showErrors(errors, mapped.length ? mapped : [{ text: ui.serviceProblem }]);
    }
    showErrors(errors, [{ text: ui.serviceProblem }]);
  });
  return form;
}

async function printPage(main) {
  const loaded = await loadReferral(main);
  if (!loaded) return;
  const { body } = loaded;
  const title = fill(ui.referralTitle, { reference: body.reference });
  setTitle(title);
  const print = h("button", { type: "button", class: "govuk-button govuk-button--secondary pr-no-print", text: ui.print });
  print.addEventListener("click", () => window.print());
  put(main, 
    h("p", { class: "govuk-body pr-no-print" }, h("a", { class: "govuk-link", href: link("/team/referral/", {}, loaded.id), text: ui.back })),
    h("span", { class: "govuk-caption-l", text: `${ui.colReceived}: ${formatDate(body.received_at)}` }),
    heading(title),
    print,
    historyTable(Array.isArray(body.feedback) ? body.feedback : []),
    body.document && typeof body.document === "object" ? documentSections(body.document) : para(ui.documentDeleted),
  );
}

// ---- export -----------------------------------------------------------------------------

function exportPage(main) {
  setTitle(ui.exportTitle);
  const errors = h("div", {});
  const since = dateInput("since", ui.exportSince, ui.dateHint);
  const status = h("p", { class: "govuk-body", role: "status" });
  const download = async (format) => {
    const value = since.value();
    since.setError(null);
    errors.replaceChildren();
    if (value === null) {
      since.setError(ui.dateInvalid);
      return showErrors(errors, [{ href: `#${since.firstInputId}`, text: ui.dateInvalid }]);
    }
    const params = new URLSearchParams({ format });
    if (value) params.set("since", value);
    const response = await api(`/v1/team/export?${params}`).catch(() => null);
    if (!response || !response.ok) return showErrors(errors, [{ text: ui.serviceProblem }]);
    const blob = await response.blob();
    const a = h("a", { href: URL.createObjectURL(blob), download: `referrals${value ? `-since-${value}` : ""}.${format}`, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
  };
  const csv = h("button", { type: "button", class: "govuk-button", text: ui.downloadCsv });
  const jsonl = h("button", { type: "button", class: "govuk-button govuk-button--secondary", text: ui.downloadJsonl });
  csv.addEventListener("click", () => download("csv"));
  jsonl.addEventListener("click", () => download("jsonl"));
  put(main, 
    h("div", { class: "govuk-grid-row" }, h("div", { class: "govuk-grid-column-two-thirds" }, errors, heading(ui.exportTitle), para(ui.exportIntro), since, h("div", { class: "govuk-button-group" }, csv, jsonl), status)),
  );
}

// ---- indicators -------------------------------------------------------------------------

async function indicatorsPage(main) {
  setTitle(ui.indicatorsTitle);
  const errors = h("div", {});
  const from = dateInput("from", ui.periodFrom, ui.dateHint);
  const to = dateInput("to", ui.periodTo, ui.dateHint);
  const results = h("div", { class: "pr-indicators" });
  const show = h("button", { type: "submit", class: "govuk-button", text: ui.showIndicators });
  const form = h("form", { novalidate: true, method: "get" }, from, to, show);
  put(main, errors, heading(ui.indicatorsTitle), form, results);
  const load = async () => {
    errors.replaceChildren();
    const problems = [];
    const values = {};
    for (const [name, input] of [["from", from], ["to", to]]) {
      input.setError(null);
      const v = input.value();
      if (v === null) {
        input.setError(ui.dateInvalid);
        problems.push({ href: `#${input.firstInputId}`, text: ui.dateInvalid });
      } else if (v) values[name] = v;
    }
    if (problems.length) return showErrors(errors, problems);
    if (values.to) values.to = new Date(Date.parse(`${values.to}T00:00:00Z`) + 86400000).toISOString().slice(0, 10);
    const body = await apiJson(`/v1/team/indicators?${new URLSearchParams(values)}`).catch(() => null);
    results.replaceChildren();
    if (!body) return put(results, para(ui.serviceProblem));
    put(results, para(fill(ui.total, { count: Number(body.total) || 0 }), "govuk-body-l"));
    const dims = [
      ["byType", body.by_submission_type, (c) => codeLabel("/submission_type", c)],
      ["bySector", body.by_sector, (c) => codeLabel("/referrer/sector", c)],
      ["byConcern", body.by_concern_type, (c) => codeLabel("/concern/concern_types", c)],
      ["byStatus", body.by_status, statusLabel],
    ];
    for (const [key, counts, label] of dims) {
      const rows = Object.entries(counts ?? {}).map(([code, n]) => ({ label: label(code), value: Number(n) || 0 }));
      put(results, 
        heading(ui[key], 2, "m"),
        h(
          "div",
          { class: "govuk-grid-row" },
          h("div", { class: "govuk-grid-column-one-half" }, barChart({ title: fill(ui.chartOf, { title: ui[key] }), desc: ui.chartDesc, rows })),
          h("div", { class: "govuk-grid-column-one-half" }, table({ caption: ui[key], captionSize: "s", head: [labelHead(key), ui.count], rows: rows.map((r) => Object.assign([r.label, String(r.value)], { rowHeader: true })), numeric: [1] })),
        ),
      );
    }
    const hours = body.hours_to_first_feedback ?? {};
    const shown = (v) => (typeof v === "number" ? fill(ui.hours, { count: v.toLocaleString(lang === "cy" ? "cy-GB" : "en-GB") }) : ui.noFeedbackYet);
    put(results, heading(ui.timeToFeedback, 2, "m"), h("dl", { class: "govuk-summary-list" }, row(ui.median, h("span", { text: shown(hours.median) })), row(ui.p90, h("span", { text: shown(hours.p90) }))));
  };
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    load();
  });
  await load();
}

function labelHead(key) {
  return { byType: ui.colType, bySector: ui.colSector, byConcern: ui.colType, byStatus: ui.colStatus }[key];
}

// ---- audit log --------------------------------------------------------------------------

async function auditPage(main) {
  setTitle(ui.auditTitle);
  put(main, heading(ui.auditTitle));
  const body = await apiJson("/v1/team/audit").catch(() => null);
  if (!body) return put(main, para(ui.serviceProblem));
  const items = (Array.isArray(body.items) ? body.items : []).slice().reverse();
  put(main, 
    table({
      caption: ui.auditTitle,
      captionSize: "hidden",
      head: [ui.colWhen, ui.colWho, ui.colAction, ui.colReferral],
      rows: items.map((item) => [
        formatDate(item.at),
        String(item.actor ?? ""),
        ui[`audit_${item.action}`] ?? String(item.action ?? ""),
        typeof item.referral_id === "string" ? h("a", { class: "govuk-link", href: link("/team/referral/", {}, item.referral_id), text: item.referral_id }) : "",
      ]),
    }),
  );
}

// ---- start --------------------------------------------------------------------------------

const main = layout();
const pages = { "sign-in": signInPage, inbox: inboxPage, referral: referralPage, print: printPage, export: exportPage, indicators: indicatorsPage, audit: auditPage };
await (pages[page] ?? inboxPage)(main);
if (page === "referral" || page === "print") {
  window.addEventListener("hashchange", () => location.reload());
}
document.body.dataset.ready = "true";
