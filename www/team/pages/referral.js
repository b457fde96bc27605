// A referral: its status history, the form that sends the referrer a new status (checked by
// the package's feedback validator before it is sent), a link to the print view, and the
// document with the model's labels.
import { validateFeedback, schema } from "/pkg/index.js";
import { h } from "/pkg/dom.js";
import { ui, def, lang, fill, link, api, number, statusCodes, statusLabel } from "/team/context.js";
import { put, heading, fieldError, showErrors, banner, textGroup } from "/team/parts.js";
import { loadReferral, referralHeading, historyTable, documentSections } from "/team/referral-view.js";

/** The feedback message's limit, from the feedback document's schema (the model's long text). */
const messageMax = schema("feedback").properties.message.maxLength;

/** The id of the control an issue at `path` of a feedback document is about (none for others). */
const controlFor = (path) => ({ "/status": "new-status", "/message": "message" })[path];

/** The status radios, the first one's id `new-status` (what an error links to). */
function statusGroup() {
  const radios = statusCodes().map((code, i) =>
    h(
      "div",
      { class: "govuk-radios__item" },
      h("input", { class: "govuk-radios__input", id: i === 0 ? "new-status" : `new-status-${code}`, name: "new-status", type: "radio", value: code }),
      h("label", { class: "govuk-label govuk-radios__label", for: i === 0 ? "new-status" : `new-status-${code}`, text: statusLabel(code) }),
    ),
  );
  const slot = h("div", {});
  const group = h(
    "div",
    { class: "govuk-form-group" },
    h("fieldset", { class: "govuk-fieldset" }, h("legend", { class: "govuk-fieldset__legend govuk-fieldset__legend--s", text: ui.newStatus }), slot, h("div", { class: "govuk-radios govuk-radios--small", "data-module": "govuk-radios" }, radios)),
  );
  group.setError = (text) => {
    group.classList.toggle("govuk-form-group--error", Boolean(text));
    slot.replaceChildren(...(text ? [fieldError("new-status-error", text)] : []));
  };
  group.value = () => group.querySelector("input[name='new-status']:checked")?.value ?? "";
  return group;
}

/** The message to the referrer, with a GOV.UK character count. */
function messageGroup() {
  const textarea = h("textarea", { class: "govuk-textarea", id: "message", name: "message", rows: 4 });
  const info = h("div", { id: "message-info", class: "govuk-hint govuk-character-count__message", "aria-live": "polite" });
  const group = textGroup({ id: "message", label: ui.messageToReferrer, hint: ui.messageHint, control: textarea, after: info, className: "govuk-form-group govuk-character-count" });
  const count = () => {
    const left = messageMax - [...textarea.value].length;
    const n = Math.abs(left);
    const key = left >= 0 ? (n === 1 ? "characterRemaining" : "charactersRemaining") : n === 1 ? "characterTooMany" : "charactersTooMany";
    info.textContent = fill(ui[key], { count: number(n) });
    info.classList.toggle("govuk-error-message", left < 0);
    info.classList.toggle("govuk-hint", left >= 0);
  };
  textarea.addEventListener("input", count);
  count();
  group.value = () => textarea.value.trim();
  return group;
}

/**
 * The errors of the feedback document the form would send (the server writes the same
 * `schema_version`, `referral_id` and `updated_at`), in the page language.
 */
function feedbackErrors(id, status, message) {
  const doc = { schema_version: def.schemaVersion, referral_id: id, ...(status ? { status } : {}), updated_at: new Date().toISOString(), ...(message ? { message } : {}) };
  return validateFeedback(doc, { lang }).errors;
}

/** The form that sends a new status (and a message) to the referrer; disabled once closed. */
function updateForm(id, current, errors) {
  const status = statusGroup();
  const message = messageGroup();
  const groups = { "new-status": status, message };
  const button = h("button", { type: "submit", class: "govuk-button", "data-module": "govuk-button", text: ui.sendUpdate });
  const form = h("form", { novalidate: true, method: "post", class: "pr-update" }, heading(ui.updateStatus, 2, "m"), status, message, button);
  if (current === "closed") {
    for (const c of form.querySelectorAll("input, textarea, button")) c.disabled = true;
    form.prepend(h("div", { class: "govuk-inset-text", text: ui.closedError }));
  }
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const [chosen, text] = [status.value(), message.value()];
    for (const group of Object.values(groups)) group.setError(null);
    const problems = feedbackErrors(id, chosen, text).map((e) => ({ href: controlFor(e.path), message: e.message }));
    for (const p of problems) groups[p.href]?.setError(p.message);
    if (problems.length) return showErrors(errors, problems);
    button.disabled = true;
    let response = null;
    try {
      response = await api(`/v1/team/referrals/${id}/feedback`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(text ? { status: chosen, message: text } : { status: chosen }),
      });
    } catch {
      response = null;
    }
    button.disabled = false;
    if (response?.status === 201) {
      const main = document.getElementById("main-content");
      main.replaceChildren();
      await referralPage(main, { notice: statusLabel(chosen) });
      document.querySelector(".govuk-notification-banner")?.focus();
      return;
    }
    if (response?.status === 409) return showErrors(errors, [{ message: ui.closedError }]);
    if (response?.status === 422) {
      const report = await response.json().catch(() => null);
      const list = Array.isArray(report?.errors) ? report.errors.filter((e) => typeof e?.message === "string") : [];
      const mapped = list.map((e) => ({ href: controlFor(e.path), message: e.message }));
      return showErrors(errors, mapped.length ? mapped : [{ message: ui.serviceProblem }]);
    }
    showErrors(errors, [{ message: ui.serviceProblem }]);
  });
  return form;
}

/** Renders the referral named in the fragment into `main`, with `notice` in a banner. */
export default async function referralPage(main, { notice } = {}) {
  const loaded = await loadReferral(main);
  if (!loaded) return;
  const { id, body } = loaded;
  const doc = body.document;
  const errors = h("div", {});
  put(
    main,
    h("a", { class: "govuk-back-link", href: link("/team/"), text: ui.backToInbox }),
    errors,
    notice ? banner(notice) : null,
    referralHeading(body),
    doc && doc.immediate_risk === true ? h("strong", { class: "govuk-tag govuk-tag--red govuk-!-margin-bottom-4", text: ui.riskFlag }) : null,
    h("p", { class: "govuk-body" }, h("a", { class: "govuk-link", href: link("/team/print/", {}, id), text: ui.printView })),
    h("div", { class: "govuk-grid-row" }, h("div", { class: "govuk-grid-column-two-thirds" }, historyTable(body), updateForm(id, body.status, errors))),
    documentSections(doc),
  );
}
