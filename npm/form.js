// <prevent-referral-form endpoint="https://…" lang="en|cy" [pages] [save-draft] [timeout="30"]
//                        [status-page="/status/"]>
//
// The whole referral as a GOV.UK journey, rendered from formDefinition() with GOV.UK
// Frontend markup (the page loads GOV.UK Frontend's CSS): the questions (on one page, or one
// section per page with `pages`), "Check your answers", sending, and a confirmation page.
// Every verdict comes from the wasm validator and everything about fields from the form
// definition; this file names no field. It requests nothing but its endpoint, sets no
// cookies, and stores nothing unless `save-draft` is set (then sessionStorage only, cleared
// when the referral is sent).
//
// Sending (receiving API v1 §2): the referral counts as sent only when the endpoint answers
// 201 or 200 with a receipt `{reference, referral_id, status_token, feedback}` whose
// `referral_id` is this referral's and whose feedback document is valid. Anything else keeps
// every answer and says the referral was not sent. The receipt is the read-only `receipt`
// property (its status token is never put in storage, nor in a URL path or query: only in the
// fragment of the "Check the status" link, which browsers never send to a server).
//
// Events (bubbling): `referral:submit` (cancelable; detail.document is the normalised
// document — cancel it to send it yourself), `referral:success` (detail: document, receipt,
// feedback), `referral:error` (detail: document, reason — network | timeout | rejected |
// invalid_response | conflict — and status, report or error when known).
//
// This file is the element: its state, the views and moving between them. The rest is in
// form/: widgets.js (the questions), issues.js (errors, warnings, the error summary),
// check-answers.js (check page and confirmation, over summary.js), sending.js (the POST and
// the "not sent" banner), drafts.js (save-draft storage), journey.js (pages and actions).

import { init, validate, normalise, formDefinition, messages } from "./index.js";
import { h, idFor, fieldAt, whenPointerReleased } from "./dom.js";
import { documentFrom, filledIn } from "./answers.js";
import { pagesOf, pageOf, actionTexts, idOf } from "./form/journey.js";
import { fieldGroup, updateCount, withoutItem, answerOf, applyVisibility } from "./form/widgets.js";
import { showIssues } from "./form/issues.js";
import { checkPage, confirmation, downloadLink } from "./form/check-answers.js";
import { post, timeoutMs, failureBanner } from "./form/sending.js";
import { draftKey, readDraft, writeDraft, clearDraft } from "./form/drafts.js";

const ready = init();

export class PreventReferralForm extends HTMLElement {
  static observedAttributes = ["lang", "pages"];

  /** Raw answers by key (answers.js: a JSON Pointer, `#day`/`#month`/`#year` for date parts). */
  #answers = new Map();
  /** Item count of each list shown as "add another". */
  #counts = new Map();
  /** Pointers whose errors may be shown (blurred, or everything on the page after Continue). */
  #touched = new Set();
  #submitted = false;
  #sending = false;
  #referralId = crypto.randomUUID();
  #def = null;
  #ui = null;
  /** What is on screen: the questions (`page` is an index into #pages()), check, or sent. */
  #view = { name: "questions", page: 0 };
  /** Set by a "Change" link: Continue goes back to the check page. */
  #returnToCheck = false;
  #sent = null;
  #failure = null;
  #connected = false;
  #onBeforeUnload = (e) => {
    if (this.#answers.size === 0 || this.#sent || this.hasAttribute("save-draft")) return;
    e.preventDefault();
    e.returnValue = "";
  };

  async connectedCallback() {
    this.#connected = true;
    window.addEventListener("beforeunload", this.#onBeforeUnload);
    await ready;
    if (!this.#connected) return;
    this.#restoreDraft();
    this.#render();
    // For integrators' own timing (and make bench-form): when the form became usable.
    performance.mark("prevent-referral-form:ready");
  }

  disconnectedCallback() {
    this.#connected = false;
    window.removeEventListener("beforeunload", this.#onBeforeUnload);
  }

  attributeChangedCallback() {
    if (this.#connected && this.#def) this.#render();
  }

  get lang() {
    return this.getAttribute("lang") === "cy" ? "cy" : "en";
  }

  /** The receiver's receipt once the referral is sent (read-only), else null. */
  get receipt() {
    return this.#sent ? this.#sent.receipt : null;
  }

  // ---- the draft (drafts.js) ----------------------------------------------------------

  /** Where the draft is stored, or null without `save-draft` (then nothing is stored). */
  #draftKey() {
    return this.hasAttribute("save-draft") ? draftKey(this.getAttribute("endpoint")) : null;
  }

  #restoreDraft() {
    const draft = readDraft(this.#draftKey());
    if (!draft) return;
    this.#answers = draft.answers;
    this.#counts = draft.counts;
    if (draft.referralId) this.#referralId = draft.referralId;
  }

  #saveDraft() {
    writeDraft(this.#draftKey(), { answers: this.#answers, counts: this.#counts, referralId: this.#referralId });
  }

  // ---- the document ------------------------------------------------------------------

  /** The document the answers make, leaving out hidden questions and empty list items. */
  document() {
    return documentFrom(this.#def, this.#answers, filledIn(this.#def, this.#referralId));
  }

  #pages() {
    return pagesOf(this.#def, this.hasAttribute("pages"));
  }

  #idOf(doc) {
    return idOf(this.#def, doc, this.#referralId);
  }

  // ---- rendering ---------------------------------------------------------------------

  #render() {
    this.#def = formDefinition(this.lang);
    this.#ui = messages(this.lang).ui;
    const focused = document.activeElement && this.contains(document.activeElement) ? document.activeElement.id : null;
    this.replaceChildren();
    if (this.#sent) {
      const { document: doc, receipt } = this.#sent;
      const id = this.#idOf(doc);
      this.append(confirmation({ def: this.#def, doc, receipt, id, ui: this.#ui, lang: this.lang, action: actionTexts(this.#def, doc, this.#ui), statusPage: this.getAttribute("status-page") }));
      return;
    }
    if (this.#view.name === "check") {
      // As it will be sent: normalised (postcode in capitals, spaces tidied).
      const doc = normalise(this.document());
      this.append(
        checkPage({
          def: this.#def,
          doc,
          ui: this.#ui,
          lang: this.lang,
          action: actionTexts(this.#def, doc, this.#ui),
          onBack: () => this.#go({ name: "questions", page: this.#pages().length - 1 }),
          onSend: () => this.#sendFromCheck(),
          onChange: (pointer) => {
            this.#returnToCheck = true;
            this.#go({ name: "questions", page: pageOf(this.#pages(), pointer) }, idFor(pointer));
          },
        }),
      );
      this.#showFailure();
      if (focused) this.querySelector(`[id="${CSS.escape(focused)}"]`)?.focus();
      return;
    }
    const pages = this.#pages();
    const index = Math.min(this.#view.page, pages.length - 1);
    this.#view = { name: "questions", page: index };
    if (index > 0 || this.#returnToCheck) {
      const back = h("a", { href: "#", class: "govuk-back-link govuk-!-display-none-print", text: this.#ui.back });
      back.addEventListener("click", (e) => {
        e.preventDefault();
        this.#go(this.#returnToCheck ? { name: "check" } : { name: "questions", page: index - 1 });
      });
      this.append(back);
    }
    const ctx = {
      ui: this.#ui,
      answers: this.#answers,
      counts: this.#counts,
      doc: () => this.document(),
      onAdd: (pointer) => this.#addItem(pointer),
      onRemove: (pointer, i) => this.#removeItem(pointer, i),
    };
    const form = h("form", { class: "pr-form", novalidate: true });
    form.append(h("div", { class: "pr-summary" }));
    for (const f of pages[index]) form.append(fieldGroup(ctx, f, "", false, f.widget === "fieldset" ? 0 : 1));
    form.append(h("button", { type: "submit", class: "govuk-button", "data-module": "govuk-button", text: this.#ui.continue }));
    form.addEventListener("input", (e) => this.#onInput(e));
    form.addEventListener("change", (e) => this.#onInput(e));
    form.addEventListener("focusout", (e) => this.#onBlur(e));
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      this.#continue();
    });
    this.append(form);
    this.#applyVisibility();
    this.#showIssues(false);
    if (focused) this.querySelector(`[id="${CSS.escape(focused)}"]`)?.focus();
  }

  /** Moves to another view, as a new page would: at the top, focus at its start. */
  #go(view, focusId = null) {
    this.#view = view;
    this.#submitted = false;
    this.#failure = null;
    this.#render();
    const target = focusId ? this.querySelector(`[id="${CSS.escape(focusId)}"]`) : null;
    if (target) {
      const label = target.closest("fieldset")?.querySelector("legend") ?? this.querySelector(`label[for="${CSS.escape(focusId)}"]`);
      (label ?? target).scrollIntoView();
      target.focus({ preventScroll: true });
    } else {
      const heading = this.querySelector("h2");
      if (heading) {
        heading.setAttribute("tabindex", "-1");
        heading.focus();
      }
      this.scrollIntoView?.();
    }
  }

  #addItem(pointer) {
    this.#counts.set(pointer, (this.#counts.get(pointer) ?? 0) + 1);
    this.#saveDraft();
    this.#render();
    const last = `${pointer}/${this.#counts.get(pointer) - 1}`;
    this.querySelector(`[data-pointer="${CSS.escape(last)}"] input, [data-pointer="${CSS.escape(last)}"] textarea`)?.focus();
  }

  #removeItem(pointer, index) {
    this.#answers = withoutItem(this.#answers, pointer, index);
    this.#counts.set(pointer, Math.max(0, (this.#counts.get(pointer) ?? 0) - 1));
    this.#saveDraft();
    this.#render();
    this.querySelector(`[data-add="${CSS.escape(pointer)}"]`)?.focus();
  }

  // ---- interaction -------------------------------------------------------------------

  #onInput(e) {
    const el = e.target;
    const key = el.getAttribute?.("data-key");
    if (!key) return;
    // An unchecked radio leaves the answer as it is (its checked sibling gives it).
    if (el.type !== "radio" || el.checked) this.#answers.set(key, answerOf(this, el, key));
    if (el.tagName === "TEXTAREA") {
      const group = el.closest(".govuk-character-count");
      const field = fieldAt(this.#def, key);
      if (group && field) updateCount(group, field.maxLength, this.#ui);
    }
    this.#saveDraft();
    if (e.type === "change" && (el.type === "radio" || el.type === "checkbox")) {
      this.#touch(key);
      const field = fieldAt(this.#def, key);
      // The action field changes labels ("(optional)") across the form: draw it again.
      if (field?.actions) {
        this.#render();
        return;
      }
      this.#applyVisibility();
      this.#showIssues(false);
    } else if (this.#submitted || this.#touched.size) {
      // Errors already showing follow the answers as they are typed (one answer can clear
      // another's error), so nothing moves later, on blur, under the pointer.
      this.#showIssues(false);
    }
  }

  #onBlur(e) {
    const key = e.target.getAttribute?.("data-key");
    if (!key) return;
    // Focus moving to the error summary (a failed Continue) is not leaving a question to
    // check it again; the summary is already up to date.
    if (e.relatedTarget?.closest?.(".govuk-error-summary")) return;
    // Moving between the parts of one date is not leaving the question.
    const next = e.relatedTarget?.getAttribute?.("data-key");
    if (key.includes("#") && next && next.split("#")[0] === key.split("#")[0]) return;
    this.#touch(key);
    whenPointerReleased(() => {
      if (this.#view.name === "questions" && this.querySelector(".pr-form")) this.#showIssues(false);
    });
  }

  #touch(key) {
    this.#touched.add(key.split("#")[0]);
  }

  #applyVisibility() {
    applyVisibility(this, this.#def, this.document());
  }

  /** Validates and shows the issues a person should see now on this page (issues.js).
   *  Returns the report and how many errors are on this page. */
  #showIssues(focusSummary) {
    const report = validate(this.document(), { lang: this.lang });
    const onPage = showIssues(this, report, { ui: this.#ui, submitted: this.#submitted, touched: this.#touched, focusSummary });
    return { report, onPage };
  }

  // ---- moving on and sending ------------------------------------------------------------

  /** Continue: this page's errors, else the next page, else check answers. */
  #continue() {
    this.#submitted = true;
    const { report, onPage } = this.#showIssues(true);
    if (onPage > 0) return;
    const last = this.#view.page >= this.#pages().length - 1;
    if (!last && !this.#returnToCheck) {
      this.#go({ name: "questions", page: this.#view.page + 1 });
      return;
    }
    if (!report.valid) {
      // An error on another page (or none the pages show): go to the first page with one.
      this.#returnToCheck = false;
      this.#go({ name: "questions", page: pageOf(this.#pages(), report.errors[0]?.path ?? "") });
      this.#submitted = true;
      this.#showIssues(true);
      return;
    }
    this.#returnToCheck = false;
    this.#go({ name: "check" });
  }

  async #sendFromCheck() {
    if (this.#sending) return;
    const report = validate(this.document(), { lang: this.lang });
    if (!report.valid) {
      this.#continue();
      return;
    }
    const doc = normalise(this.document());
    const proceed = this.dispatchEvent(new CustomEvent("referral:submit", { bubbles: true, cancelable: true, detail: { document: doc } }));
    if (!proceed) return;
    await this.#send(doc);
  }

  /** Sends `doc` (sending.js): the button disabled meanwhile; on a receipt the confirmation
   *  and `referral:success`, else the answers kept, the "not sent" banner and `referral:error`. */
  async #send(doc) {
    if (this.#sending) return;
    this.#sending = true;
    this.#failure = null;
    this.#showFailure();
    const button = this.querySelector(".pr-check > .govuk-button");
    const status = this.querySelector(".pr-status");
    button?.setAttribute("disabled", "");
    button?.setAttribute("aria-disabled", "true");
    if (status) status.textContent = this.#ui.sending;
    const outcome = await post(this.getAttribute("endpoint"), doc, { id: this.#idOf(doc), lang: this.lang, timeout: timeoutMs(this.getAttribute("timeout")) });
    this.#sending = false;
    if (outcome.ok) {
      this.#sent = { document: doc, receipt: Object.freeze(outcome.receipt) };
      clearDraft(this.#draftKey());
      this.#render();
      this.querySelector(".govuk-panel")?.focus();
      this.dispatchEvent(new CustomEvent("referral:success", { bubbles: true, detail: { document: doc, receipt: outcome.receipt, feedback: outcome.receipt.feedback } }));
      return;
    }
    this.#failure = { document: doc, ...outcome };
    if (status) status.textContent = "";
    button?.removeAttribute("disabled");
    button?.removeAttribute("aria-disabled");
    const detail = { document: doc, reason: outcome.reason };
    for (const k of ["status", "report", "error"]) if (outcome[k] !== undefined) detail[k] = outcome[k];
    this.dispatchEvent(new CustomEvent("referral:error", { bubbles: true, detail }));
    this.#showFailure(true);
  }

  #showFailure(focus = false) {
    const slot = this.querySelector(".pr-failure");
    if (!slot) return;
    slot.replaceChildren();
    if (!this.#failure) return;
    const doc = this.#failure.document;
    const banner = failureBanner(this.#ui, this.#failure, {
      onRetry: () => this.#send(doc),
      onSendAsNew: () => {
        this.#referralId = crypto.randomUUID();
        this.#saveDraft();
        this.#sendFromCheck();
      },
      download: downloadLink(doc, this.#idOf(doc), this.#ui),
    });
    slot.append(banner);
    if (focus) banner.focus();
  }
}

if (!customElements.get("prevent-referral-form")) {
  customElements.define("prevent-referral-form", PreventReferralForm);
}
