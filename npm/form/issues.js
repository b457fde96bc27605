// The validator's issues on a page of questions: each error at its question (GOV.UK error
// message, error classes, aria-describedby), warnings under theirs, the 999 notice at once,
// and the error summary (dom.js's errorSummary) after a Continue, in the order the questions
// are on the page. An issue shows once its question was left (`touched`) or after Continue.

import { h, idFor, errorMessage, currentErrorSummary, warningText } from "../dom.js";

/** The group an issue belongs to: the nearest shown group at or above its path. */
function groupFor(root, path) {
  let p = path;
  while (p) {
    const g = root.querySelector(`[data-pointer="${CSS.escape(p)}"]`);
    if (g && !g.closest("[hidden]")) return g;
    p = p.slice(0, p.lastIndexOf("/"));
  }
  return null;
}

/** The id an error-summary link moves focus to: the group's first control. */
function focusTarget(group) {
  const control = group.querySelector("input, textarea, select, fieldset[id]");
  return control?.id ?? idFor(group.getAttribute("data-pointer"));
}

function markGroup(group, errorEl, errorId) {
  group.classList.add("govuk-form-group--error");
  const fieldset = group.querySelector(":scope > fieldset");
  // GOV.UK order: label or legend, hint, error, control.
  const anchor = fieldset
    ? fieldset.querySelector(":scope > .govuk-hint") ?? fieldset.querySelector(":scope > legend")
    : group.querySelector(":scope > .govuk-hint") ?? group.querySelector(":scope > label");
  if (anchor) anchor.after(errorEl);
  else group.prepend(errorEl);
  const described = fieldset ?? group.querySelector(":scope > input, :scope > textarea");
  if (described) {
    const ids = (described.getAttribute("aria-describedby") ?? "").split(" ").filter(Boolean);
    described.setAttribute("aria-describedby", [...ids, errorId].join(" "));
  }
  for (const c of group.querySelectorAll(":scope > input, :scope > textarea, :scope > fieldset > .govuk-date-input input")) {
    c.classList.add(c.tagName === "TEXTAREA" ? "govuk-textarea--error" : "govuk-input--error");
  }
}

function clearGroup(group) {
  group.classList.remove("govuk-form-group--error");
  for (const e of group.querySelectorAll(":scope > .govuk-error-message, :scope > fieldset > .govuk-error-message")) {
    const id = e.id;
    e.remove();
    for (const d of group.querySelectorAll("[aria-describedby]")) {
      const ids = d.getAttribute("aria-describedby").split(" ").filter((x) => x && x !== id);
      if (ids.length) d.setAttribute("aria-describedby", ids.join(" "));
      else d.removeAttribute("aria-describedby");
    }
  }
  for (const c of group.querySelectorAll(".govuk-input--error, .govuk-textarea--error")) {
    c.classList.remove("govuk-input--error", "govuk-textarea--error");
  }
}

/** The 999 notice: not an error, and shown at once — what to do before anything else. */
function call999(ui, message) {
  return h(
    "div",
    { class: "govuk-notification-banner pr-call-999", role: "alert", "aria-labelledby": "pr-call-999-title" },
    h("div", { class: "govuk-notification-banner__header" }, h("h2", { class: "govuk-notification-banner__title", id: "pr-call-999-title", text: ui.warningPrefix })),
    h("div", { class: "govuk-notification-banner__content" }, h("p", { class: "govuk-notification-banner__heading", text: message })),
  );
}

/** An issue is shown once its question was left: at the path, inside it, or — for a
 *  whole group that is missing — at a question inside that group. */
function shownFor(path, touched) {
  for (const t of touched) {
    if (path === t || path.startsWith(`${t}/`) || (path !== "" && t.startsWith(`${path}/`))) return true;
  }
  return false;
}

/**
 * Shows `report`'s issues in `root` (the element, whose `.pr-summary` slot holds the error
 * summary): all when `submitted`, else those of questions left (`touched` pointers), one
 * error per question; the summary only when
 * `submitted` (focused when `focusSummary`), and "Error: " before the page title with it.
 * Returns how many errors belong to questions on this page.
 */
export function showIssues(root, report, { ui, submitted, touched, focusSummary }) {
  const shown = (path) => submitted || shownFor(path, touched);
  for (const g of root.querySelectorAll(".govuk-form-group--error")) clearGroup(g);
  for (const w of root.querySelectorAll(".pr-warning, .pr-call-999")) w.remove();
  const shownErrors = [];
  const used = new Set();
  let onPage = 0;
  for (const issue of report.errors) {
    const group = groupFor(root, issue.path);
    if (!group) continue;
    onPage += 1;
    if (!shown(issue.path) || used.has(group)) continue;
    used.add(group);
    const errorId = `${idFor(group.getAttribute("data-pointer"))}-error`;
    markGroup(group, errorMessage(errorId, ui.errorPrefix, issue.message), errorId);
    shownErrors.push({ group, href: focusTarget(group), message: issue.message });
  }
  // The summary lists errors in the order the questions are on the page.
  shownErrors.sort((a, b) => (a.group.compareDocumentPosition(b.group) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
  for (const issue of report.warnings) {
    const group = groupFor(root, issue.path);
    if (!group) continue;
    if (issue.code === "call_999") group.after(call999(ui, issue.message));
    else if (shown(issue.path)) group.append(h("div", { class: "pr-warning" }, warningText(ui.warningPrefix, issue.message)));
  }
  const slot = root.querySelector(".pr-summary");
  if (!slot) return onPage;
  const title = document.title.replace(/^(Error|Gwall): /, "");
  if (shownErrors.length && submitted) {
    const existing = slot.querySelector(".govuk-error-summary");
    const summary = currentErrorSummary(existing, ui.errorSummaryTitle, shownErrors, root, (fresh) => slot.replaceChildren(fresh));
    document.title = `${ui.errorPrefix} ${title}`;
    if (focusSummary) summary.focus();
  } else {
    slot.replaceChildren();
    document.title = title;
  }
  return onPage;
}
