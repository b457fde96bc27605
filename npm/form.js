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

import { init, validate, validateFeedback, normalise, formDefinition, messages } from "./index.js";
import { h, idFor, errorMessage, errorSummary, fieldAt, followSummaryLinks, whenPointerReleased, warningText } from "./dom.js";
import { documentFrom, filledIn, isShown, valueAt, asked, conditionHolds } from "./answers.js";

const ready = init();

/** Seconds to wait for the endpoint before giving up, unless `timeout` says otherwise. */
const DEFAULT_TIMEOUT = 30;

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

  // ---- state -------------------------------------------------------------------------

  #draftKey() {
    return `prevent-referral-draft:${this.getAttribute("endpoint") ?? ""}`;
  }

  #restoreDraft() {
    if (!this.hasAttribute("save-draft")) return;
    try {
      const saved = JSON.parse(sessionStorage.getItem(this.#draftKey()) ?? "null");
      if (!saved) return;
      this.#answers = new Map(saved.answers);
      this.#counts = new Map(saved.counts);
      if (typeof saved.referralId === "string") this.#referralId = saved.referralId;
    } catch {
      // A draft that cannot be read is ignored, never fatal.
    }
  }

  #saveDraft() {
    if (!this.hasAttribute("save-draft")) return;
    try {
      const draft = { answers: [...this.#answers], counts: [...this.#counts], referralId: this.#referralId };
      sessionStorage.setItem(this.#draftKey(), JSON.stringify(draft));
    } catch {
      // Storage full or refused: the form still works.
    }
  }

  #clearDraft() {
    if (!this.hasAttribute("save-draft")) return;
    try {
      sessionStorage.removeItem(this.#draftKey());
    } catch {
      // Nothing to do.
    }
  }

  // ---- the document ------------------------------------------------------------------

  /** The document the answers make, leaving out hidden questions and empty list items. */
  document() {
    return documentFrom(this.#def, this.#answers, filledIn(this.#def, this.#referralId));
  }

  /** The pages of questions: everything on one, or with `pages` the questions that are not
   *  in a section first, then one page per section. Each page is a list of top-level fields. */
  #pages() {
    const fields = asked(this.#def.fields);
    if (!this.hasAttribute("pages")) return [fields];
    const loose = fields.filter((f) => f.widget !== "fieldset");
    const sections = fields.filter((f) => f.widget === "fieldset").map((f) => [f]);
    return loose.length ? [loose, ...sections] : sections;
  }

  /** The field whose answer names the action (its options carry `actions`). */
  #actionTexts(doc) {
    const f = this.#def.fields.find((x) => x.actions);
    if (!f) return { send: this.#ui.submitReferral, sent: this.#ui.sentTitle };
    const chosen = typeof doc?.[f.name] === "string" ? f.actions[doc[f.name]] : null;
    return chosen ?? Object.values(f.actions)[0];
  }

  // ---- rendering ---------------------------------------------------------------------

  #render() {
    this.#def = formDefinition(this.lang);
    this.#ui = messages(this.lang).ui;
    const focused = document.activeElement && this.contains(document.activeElement) ? document.activeElement.id : null;
    this.replaceChildren();
    if (this.#sent) {
      this.append(this.#confirmation());
      return;
    }
    if (this.#view.name === "check") {
      this.append(this.#checkPage());
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
    const form = h("form", { class: "pr-form", novalidate: true });
    form.append(h("div", { class: "pr-summary" }));
    for (const f of pages[index]) form.append(this.#field(f, "", false, f.widget === "fieldset" ? 0 : 1));
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

  #labelText(f, optional) {
    return optional ? `${f.label} ${this.#ui.optional}` : f.label;
  }

  /** A form group for one field. `level` 0 marks a section (a large legend). */
  #field(f, parentPointer, relaxed, level = 1) {
    const pointer = `${parentPointer}/${f.name}`;
    const id = idFor(pointer);
    const optional = relaxed || f.required === false;
    const group = h("div", { class: "govuk-form-group", "data-pointer": pointer });
    const legend = (text, size) =>
      h("legend", { class: `govuk-fieldset__legend govuk-fieldset__legend--${size}` }, size === "l" ? h("h2", { class: "govuk-fieldset__heading", text }) : text);
    const answer = this.#answers.get(pointer);
    const hintId = f.hint ? `${id}-hint` : null;
    const hint = () => (f.hint ? h("div", { id: hintId, class: "govuk-hint", text: f.hint }) : null);

    switch (f.widget) {
      case "fieldset": {
        const siblings = valueAt(this.document(), parentPointer) ?? {};
        const inner = relaxed || (f.relaxedWhen ? conditionHolds(f.relaxedWhen, siblings) : false);
        const fieldset = h("fieldset", { class: "govuk-fieldset", id }, legend(this.#labelText(f, level > 0 && optional), level === 0 ? "l" : "m"));
        for (const child of asked(f.fields)) fieldset.append(this.#field(child, pointer, inner));
        group.append(fieldset);
        return group;
      }
      case "checkboxes":
      case "add_another":
        return this.#list(f, pointer, optional, group, legend, hint, hintId);
      case "tick_box":
        return this.#tickBox(f, pointer, group, answer === true);
      case "radios": {
        const options = f.options ?? [{ value: "true", label: this.#ui.yes }, { value: "false", label: this.#ui.no }];
        const radios = h("div", { class: `govuk-radios${f.options ? "" : " govuk-radios--inline"}`, "data-module": "govuk-radios" });
        options.forEach((o, i) => {
          const oid = i === 0 ? id : `${id}-${o.value}`;
          radios.append(
            h(
              "div",
              { class: "govuk-radios__item" },
              h("input", { class: "govuk-radios__input", id: oid, name: pointer, type: "radio", value: o.value, checked: String(answer) === o.value, "data-key": pointer }),
              h("label", { class: "govuk-label govuk-radios__label", for: oid, text: o.label }),
            ),
          );
        });
        group.append(h("fieldset", { class: "govuk-fieldset", "aria-describedby": hintId }, legend(this.#labelText(f, optional), "m"), hint(), radios));
        return group;
      }
      case "date": {
        const parts = f.type === "date" ? ["day", "month", "year"] : ["month", "year"];
        const inputs = h("div", { class: "govuk-date-input", id: `${id}-parts` });
        parts.forEach((p, i) => {
          const pid = i === 0 ? id : `${id}-${p}`;
          inputs.append(
            h(
              "div",
              { class: "govuk-date-input__item" },
              h(
                "div",
                { class: "govuk-form-group" },
                h("label", { class: "govuk-label govuk-date-input__label", for: pid, text: this.#ui[p] }),
                h("input", {
                  class: `govuk-input govuk-date-input__input govuk-input--width-${p === "year" ? 4 : 2}`,
                  id: pid,
                  name: `${pointer}#${p}`,
                  type: "text",
                  inputmode: "numeric",
                  autocomplete: "off",
                  value: this.#answers.get(`${pointer}#${p}`) ?? "",
                  "data-key": `${pointer}#${p}`,
                }),
              ),
            ),
          );
        });
        group.append(h("fieldset", { class: "govuk-fieldset", role: "group", "aria-describedby": hintId }, legend(this.#labelText(f, optional), "s"), hint(), inputs));
        return group;
      }
      case "textarea": {
        group.classList.add("govuk-character-count");
        const infoId = `${id}-info`;
        // Never Element.append(null): it writes "null" (issue 7, defect 1).
        const parts = [
          h("label", { class: "govuk-label govuk-label--s", for: id, text: this.#labelText(f, optional) }),
          hint(),
          h("textarea", { class: "govuk-textarea govuk-js-character-count", id, name: pointer, rows: 5, "aria-describedby": [hintId, infoId].filter(Boolean).join(" "), "data-key": pointer }, typeof answer === "string" ? answer : ""),
          h("div", { id: infoId, class: "govuk-hint govuk-character-count__message", "aria-live": "polite" }),
        ];
        group.append(...parts.filter(Boolean));
        this.#updateCount(group, f.maxLength);
        return group;
      }
      default: {
        const attrs = {
          class: "govuk-input",
          id,
          name: pointer,
          type: f.type === "email" ? "email" : f.type === "phone" ? "tel" : "text",
          spellcheck: ["email", "postcode", "nhs_number", "phone"].includes(f.type) ? "false" : null,
          autocomplete: f.autocomplete ?? "off",
          value: typeof answer === "string" ? answer : "",
          "aria-describedby": hintId,
          "data-key": pointer,
        };
        if (f.type === "integer" || f.type === "nhs_number") attrs.inputmode = "numeric";
        if (f.type === "integer") attrs.class += " govuk-input--width-3";
        if (f.type === "postcode" || f.type === "nhs_number") attrs.class += " govuk-input--width-10";
        // h() skips a missing hint; Element.append would write "null".
        group.append(h("label", { class: "govuk-label govuk-label--s", for: id, text: this.#labelText(f, optional) }));
        const shownHint = hint();
        if (shownHint) group.append(shownHint);
        group.append(h("input", attrs));
        return group;
      }
    }
  }

  #tickBox(f, pointer, group, checked) {
    const id = idFor(pointer);
    group.append(
      h(
        "div",
        { class: "govuk-checkboxes govuk-checkboxes--small", "data-module": "govuk-checkboxes" },
        h(
          "div",
          { class: "govuk-checkboxes__item" },
          h("input", { class: "govuk-checkboxes__input", id, name: pointer, type: "checkbox", value: "true", checked, "data-key": pointer }),
          h("label", { class: "govuk-label govuk-checkboxes__label", for: id, text: f.label }),
        ),
      ),
    );
    return group;
  }

  /** A list: checkboxes for codes, "add another" for text and objects. */
  #list(f, pointer, optional, group, legend, hint, hintId) {
    const id = idFor(pointer);
    if (f.widget === "checkboxes") {
      const chosen = new Set(Array.isArray(this.#answers.get(pointer)) ? this.#answers.get(pointer) : []);
      const boxes = h("div", { class: "govuk-checkboxes govuk-checkboxes--small", "data-module": "govuk-checkboxes" });
      f.item.options.forEach((o, i) => {
        const oid = i === 0 ? id : `${id}-${o.value}`;
        boxes.append(
          h(
            "div",
            { class: "govuk-checkboxes__item" },
            h("input", { class: "govuk-checkboxes__input", id: oid, name: pointer, type: "checkbox", value: o.value, checked: chosen.has(o.value), "data-key": pointer, "data-list": "codes" }),
            h("label", { class: "govuk-label govuk-checkboxes__label", for: oid, text: o.label }),
          ),
        );
      });
      group.append(h("fieldset", { class: "govuk-fieldset", "aria-describedby": hintId }, legend(this.#labelText(f, optional), "m"), hint(), boxes));
      return group;
    }
    const count = this.#counts.get(pointer) ?? (f.item.type === "object" ? 0 : 1);
    this.#counts.set(pointer, count);
    const fieldset = h("fieldset", { class: "govuk-fieldset", id, "aria-describedby": hintId }, legend(this.#labelText(f, optional), "m"), hint());
    for (let i = 0; i < count; i++) {
      const itemPointer = `${pointer}/${i}`;
      const item = h("div", { class: "pr-list-item", "data-pointer": itemPointer });
      if (f.item.type === "object") {
        const inner = h("fieldset", { class: "govuk-fieldset", id: idFor(itemPointer) }, legend(`${f.item.label} ${i + 1}`, "s"));
        for (const child of asked(f.item.fields)) inner.append(this.#field(child, itemPointer, true));
        item.append(inner);
      } else {
        item.append(this.#field({ ...f.item, name: String(i), label: `${f.item.label} ${i + 1}` }, pointer, true));
      }
      item.append(
        h("button", { type: "button", class: "govuk-button govuk-button--secondary govuk-!-margin-bottom-4", "data-remove": itemPointer, text: `${this.#ui.remove} ${f.item.label.toLowerCase()} ${i + 1}` }),
      );
      fieldset.append(item);
    }
    if (count < f.maxItems) {
      fieldset.append(h("button", { type: "button", class: "govuk-button govuk-button--secondary", "data-add": pointer, text: `${this.#ui.addAnother}: ${f.item.label.toLowerCase()}` }));
    }
    fieldset.addEventListener("click", (e) => {
      const add = e.target.closest("[data-add]");
      const remove = e.target.closest("[data-remove]");
      if (add && add.getAttribute("data-add") === pointer) {
        this.#counts.set(pointer, (this.#counts.get(pointer) ?? 0) + 1);
        this.#saveDraft();
        this.#render();
        const last = `${pointer}/${this.#counts.get(pointer) - 1}`;
        this.querySelector(`[data-pointer="${CSS.escape(last)}"] input, [data-pointer="${CSS.escape(last)}"] textarea`)?.focus();
      } else if (remove && remove.getAttribute("data-remove").startsWith(`${pointer}/`)) {
        this.#removeItem(pointer, Number(remove.getAttribute("data-remove").slice(pointer.length + 1)));
      }
    });
    group.append(fieldset);
    return group;
  }

  #removeItem(pointer, index) {
    const count = this.#counts.get(pointer) ?? 0;
    const moved = new Map();
    for (const [k, v] of this.#answers) {
      if (!k.startsWith(`${pointer}/`)) {
        moved.set(k, v);
        continue;
      }
      const rest = k.slice(pointer.length + 1);
      const i = Number.parseInt(rest, 10);
      const tail = rest.slice(String(i).length);
      if (i < index) moved.set(k, v);
      else if (i > index) moved.set(`${pointer}/${i - 1}${tail}`, v);
    }
    this.#answers = moved;
    this.#counts.set(pointer, Math.max(0, count - 1));
    this.#saveDraft();
    this.#render();
    this.querySelector(`[data-add="${CSS.escape(pointer)}"]`)?.focus();
  }

  #updateCount(group, max) {
    const area = group.querySelector("textarea");
    const info = group.querySelector(".govuk-character-count__message");
    if (!area || !info || !max) return;
    const left = max - [...area.value].length;
    const n = Math.abs(left);
    const key = left >= 0 ? (n === 1 ? "characterRemaining" : "charactersRemaining") : n === 1 ? "characterTooMany" : "charactersTooMany";
    info.textContent = this.#ui[key].replace("{count}", String(n));
    info.classList.toggle("govuk-error-message", left < 0);
    info.classList.toggle("govuk-hint", left >= 0);
  }

  // ---- check answers and confirmation --------------------------------------------------

  /** How an answer reads on the check page, or null when there is none. */
  #display(f, value) {
    if (value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0)) return null;
    switch (f.widget) {
      case "radios":
        if (f.options) return f.options.find((o) => o.value === value)?.label ?? String(value);
        return value === true ? this.#ui.yes : value === false ? this.#ui.no : String(value);
      case "tick_box":
        return value === true ? this.#ui.yes : this.#ui.no;
      case "checkboxes":
        return value.map((v) => f.item.options.find((o) => o.value === v)?.label ?? String(v));
      case "date": {
        const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(String(value));
        if (!m) return String(value);
        const [, y, mo, d] = m;
        const date = new Date(Date.UTC(Number(y), mo ? Number(mo) - 1 : 0, d ? Number(d) : 1));
        const options = { timeZone: "UTC", year: "numeric", ...(mo ? { month: "long" } : {}), ...(d ? { day: "numeric" } : {}) };
        return new Intl.DateTimeFormat(this.lang === "cy" ? "cy-GB" : "en-GB", options).format(date);
      }
      case "add_another":
        return value.map((item) =>
          f.item.type === "object"
            ? asked(f.item.fields)
                .map((c) => [c.label, this.#display(c, item[c.name])])
                .filter(([, v]) => v !== null)
                .map(([l, v]) => `${l}: ${Array.isArray(v) ? v.join(", ") : v}`)
                .join("; ")
            : this.#display(f.item, item),
        );
      default:
        return String(value);
    }
  }

  /** Summary-list rows for the questions of `fields` under `pointer` that are asked now. */
  #rows(fields, pointer, doc, changeLinks) {
    const rows = [];
    const siblings = valueAt(doc, pointer) ?? {};
    for (const f of asked(fields)) {
      if (!isShown(f, siblings)) continue;
      const p = `${pointer}/${f.name}`;
      if (f.widget === "fieldset") {
        rows.push(...this.#rows(f.fields, p, doc, changeLinks));
        continue;
      }
      const shown = this.#display(f, valueAt(doc, p));
      // An unticked "I do not know…" box is not an answer to list.
      if (f.widget === "tick_box" && f.type === "boolean" && shown !== this.#ui.yes) continue;
      const value = h("dd", { class: "govuk-summary-list__value" });
      if (shown === null) value.textContent = this.#ui.notProvided;
      else if (Array.isArray(shown)) {
        if (shown.length === 1) value.textContent = shown[0];
        else value.append(h("ul", { class: "govuk-list" }, shown.map((s) => h("li", { text: s }))));
      } else {
        // Line breaks a person typed stay line breaks.
        shown.split("\n").forEach((line, i) => {
          if (i) value.append(h("br"));
          value.append(line);
        });
      }
      const row = h("div", { class: "govuk-summary-list__row" }, h("dt", { class: "govuk-summary-list__key", text: f.label }), value);
      if (changeLinks) {
        const link = h("a", { class: "govuk-link", href: `#${idFor(p)}` }, this.#ui.change, h("span", { class: "govuk-visually-hidden", text: ` ${f.label}` }));
        link.addEventListener("click", (e) => {
          e.preventDefault();
          this.#returnToCheck = true;
          const page = this.#pages().findIndex((fs) => fs.some((x) => p === `/${x.name}` || p.startsWith(`/${x.name}/`)));
          this.#go({ name: "questions", page: Math.max(0, page) }, idFor(p));
        });
        row.append(h("dd", { class: "govuk-summary-list__actions govuk-!-display-none-print" }, link));
      } else {
        row.classList.add("govuk-summary-list__row--no-actions");
      }
      rows.push(row);
    }
    return rows;
  }

  /** Every answer, grouped by the form's sections. */
  #answerSections(doc, changeLinks, headingLevel, headingSize = "m") {
    const out = [];
    const fields = asked(this.#def.fields);
    const loose = fields.filter((f) => f.widget !== "fieldset");
    const groups = [[this.#ui.firstSection, loose, ""], ...fields.filter((f) => f.widget === "fieldset").map((f) => [f.label, f.fields, `/${f.name}`])];
    for (const [title, fs, pointer] of groups) {
      const rows = this.#rows(fs, pointer, doc, changeLinks);
      if (!rows.length) continue;
      out.push(h(headingLevel, { class: `govuk-heading-${headingSize}`, text: title }), h("dl", { class: "govuk-summary-list govuk-!-margin-bottom-9" }, rows));
    }
    return out;
  }

  #checkPage() {
    // As it will be sent: normalised (postcode in capitals, spaces tidied).
    const doc = normalise(this.document());
    const action = this.#actionTexts(doc);
    const back = h("a", { href: "#", class: "govuk-back-link govuk-!-display-none-print", text: this.#ui.back });
    back.addEventListener("click", (e) => {
      e.preventDefault();
      this.#go({ name: "questions", page: this.#pages().length - 1 });
    });
    const send = h("button", { type: "button", class: "govuk-button", "data-module": "govuk-button", text: action.send });
    send.addEventListener("click", () => this.#sendFromCheck());
    return h(
      "div",
      { class: "pr-check" },
      back,
      h("h2", { class: "govuk-heading-l", text: this.#ui.checkTitle }),
      h("p", { class: "govuk-body", text: this.#ui.checkIntro }),
      h("div", { class: "pr-failure" }),
      this.#answerSections(doc, true, "h3"),
      h("p", { class: "govuk-body pr-status", role: "status" }),
      send,
    );
  }

  #confirmation() {
    const { document: doc, receipt } = this.#sent;
    const action = this.#actionTexts(doc);
    // A reference a person can read aloud (receiving API §2); anything else, the referral id.
    const reference = typeof receipt.reference === "string" && /^[A-Za-z0-9-]{1,40}$/.test(receipt.reference) ? receipt.reference : this.#idOf(doc);
    const panel = h(
      "div",
      { class: "govuk-panel govuk-panel--confirmation", tabindex: "-1" },
      h("h2", { class: "govuk-panel__title", text: action.sent }),
      h("div", { class: "govuk-panel__body" }, `${this.#ui.referenceLabel} `, h("br"), h("strong", { class: "pr-reference", text: reference })),
    );
    const next = h("div", {});
    if (typeof receipt.feedback?.message === "string") next.append(h("p", { class: "govuk-body", text: receipt.feedback.message }));
    next.append(h("h2", { class: "govuk-heading-m", text: this.#ui.whatNextTitle }), h("p", { class: "govuk-body", text: this.#ui.whatNext }));
    const statusLink = this.#statusLink(receipt);
    if (statusLink) next.append(h("p", { class: "govuk-body" }, statusLink));
    const print = h("button", { type: "button", class: "govuk-button govuk-button--secondary govuk-!-display-none-print", text: this.#ui.print });
    print.addEventListener("click", () => window.print());
    const keep = h("div", { class: "govuk-button-group govuk-!-display-none-print" }, print, this.#downloadLink(doc));
    return h("div", { class: "pr-confirmation" }, panel, next, keep, h("h2", { class: "govuk-heading-m", text: this.#ui.yourAnswers }), this.#answerSections(doc, false, "h3", "s"));
  }

  /** "Check the status of this referral": the status page (`status-page`, default `/status/`)
   *  with the referral id and status token in the URL fragment only, which the browser never
   *  sends to a server (nor in `Referer`). None when the receipt has no usable token. */
  #statusLink(receipt) {
    const id = receipt.referral_id;
    const token = receipt.status_token;
    if (typeof token !== "string" || !/^[A-Za-z0-9_-]{16,200}$/.test(token) || !/^[0-9a-f-]{36}$/i.test(id)) return null;
    let target;
    try {
      target = new URL(this.getAttribute("status-page") || "/status/", location.href);
    } catch {
      return null;
    }
    if (target.protocol !== "https:" && target.protocol !== "http:") return null;
    target.search = this.lang === "cy" ? "?lang=cy" : "";
    target.hash = `${id.toLowerCase()}.${token}`;
    return h("a", { class: "govuk-link pr-status-link", href: target.href, rel: "noreferrer", text: this.#ui.checkStatusLink });
  }

  #downloadLink(doc) {
    return h("a", {
      class: "govuk-link govuk-!-display-none-print",
      href: URL.createObjectURL(new Blob([JSON.stringify(doc, null, 2)], { type: "application/json" })),
      download: `referral-${this.#idOf(doc)}.json`,
      text: this.#ui.download,
    });
  }

  // ---- interaction -------------------------------------------------------------------

  #onInput(e) {
    const el = e.target;
    const key = el.getAttribute?.("data-key");
    if (!key) return;
    if (el.type === "checkbox" && el.getAttribute("data-list") === "codes") {
      const boxes = this.querySelectorAll(`input[data-key="${CSS.escape(key)}"]`);
      this.#answers.set(key, [...boxes].filter((b) => b.checked).map((b) => b.value));
    } else if (el.type === "checkbox") {
      this.#answers.set(key, el.checked);
    } else if (el.type === "radio") {
      if (el.checked) this.#answers.set(key, el.value);
    } else {
      this.#answers.set(key, el.value);
    }
    if (el.tagName === "TEXTAREA") {
      const group = el.closest(".govuk-character-count");
      const field = fieldAt(this.#def, key);
      if (group && field) this.#updateCount(group, field.maxLength);
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
    const doc = this.document();
    for (const group of this.querySelectorAll("[data-pointer]")) {
      const pointer = group.getAttribute("data-pointer");
      const parent = pointer.slice(0, pointer.lastIndexOf("/"));
      const field = fieldAt(this.#def, pointer);
      if (field && field.name !== "" && !/^\d+$/.test(pointer.slice(parent.length + 1))) {
        group.hidden = !isShown(field, valueAt(doc, parent) ?? {});
      }
    }
  }

  /** The group an issue belongs to: the nearest shown group at or above its path. */
  #groupFor(path) {
    let p = path;
    while (p) {
      const g = this.querySelector(`[data-pointer="${CSS.escape(p)}"]`);
      if (g && !g.closest("[hidden]")) return g;
      p = p.slice(0, p.lastIndexOf("/"));
    }
    return null;
  }

  /** An issue is shown once its question was left: at the path, inside it, or — for a
   *  whole group that is missing — at a question inside that group. */
  #shown(path) {
    if (this.#submitted) return true;
    for (const t of this.#touched) {
      if (path === t || path.startsWith(`${t}/`) || (path !== "" && t.startsWith(`${path}/`))) return true;
    }
    return false;
  }

  /** Validates and shows the issues a person should see now on this page. Returns the
   *  report and how many errors are on this page. */
  #showIssues(focusSummary) {
    const report = validate(this.document(), { lang: this.lang });
    for (const g of this.querySelectorAll(".govuk-form-group--error")) this.#clearGroup(g);
    for (const w of this.querySelectorAll(".pr-warning, .pr-call-999")) w.remove();
    const shownErrors = [];
    const used = new Set();
    let onPage = 0;
    for (const issue of report.errors) {
      const group = this.#groupFor(issue.path);
      if (!group) continue;
      onPage += 1;
      if (!this.#shown(issue.path) || used.has(group)) continue;
      used.add(group);
      const errorId = `${idFor(group.getAttribute("data-pointer"))}-error`;
      this.#markGroup(group, errorMessage(errorId, this.#ui.errorPrefix, issue.message), errorId);
      shownErrors.push({ group, href: this.#focusTarget(group), message: issue.message });
    }
    // The summary lists errors in the order the questions are on the page.
    shownErrors.sort((a, b) => (a.group.compareDocumentPosition(b.group) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    for (const issue of report.warnings) {
      const group = this.#groupFor(issue.path);
      if (!group) continue;
      if (issue.code === "call_999") {
        // Not an error, and shown at once: what to do before anything else.
        group.after(
          h(
            "div",
            { class: "govuk-notification-banner pr-call-999", role: "alert", "aria-labelledby": "pr-call-999-title" },
            h("div", { class: "govuk-notification-banner__header" }, h("h2", { class: "govuk-notification-banner__title", id: "pr-call-999-title", text: this.#ui.warningPrefix })),
            h("div", { class: "govuk-notification-banner__content" }, h("p", { class: "govuk-notification-banner__heading", text: issue.message })),
          ),
        );
      } else if (this.#shown(issue.path)) {
        group.append(h("div", { class: "pr-warning" }, warningText(this.#ui.warningPrefix, issue.message)));
      }
    }
    const slot = this.querySelector(".pr-summary");
    if (!slot) return { report, onPage };
    const title = document.title.replace(/^(Error|Gwall): /, "");
    const existing = slot.querySelector(".govuk-error-summary");
    const signature = JSON.stringify(shownErrors.map((e) => [e.href, e.message]));
    if (shownErrors.length && this.#submitted) {
      // Drawn again only when it changes, so focus on it (after a failed Continue) stays.
      let summary = existing;
      if (!existing || existing.dataset.signature !== signature) {
        const hadFocus = existing?.contains(document.activeElement);
        summary = errorSummary(this.#ui.errorSummaryTitle, shownErrors);
        summary.dataset.signature = signature;
        followSummaryLinks(summary, this);
        slot.replaceChildren(summary);
        if (hadFocus) summary.focus();
      }
      document.title = `${this.#ui.errorPrefix} ${title}`;
      if (focusSummary) summary.focus();
    } else {
      slot.replaceChildren();
      document.title = title;
    }
    return { report, onPage };
  }

  #focusTarget(group) {
    const control = group.querySelector("input, textarea, select, fieldset[id]");
    return control?.id ?? idFor(group.getAttribute("data-pointer"));
  }

  #markGroup(group, errorEl, errorId) {
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

  #clearGroup(group) {
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
      const pages = this.#pages();
      const first = report.errors[0]?.path ?? "";
      const page = pages.findIndex((fs) => fs.some((x) => first === `/${x.name}` || first.startsWith(`/${x.name}/`)));
      this.#returnToCheck = false;
      this.#go({ name: "questions", page: Math.max(0, page) });
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

  #timeoutMs() {
    const s = Number(this.getAttribute("timeout"));
    return (Number.isFinite(s) && s > 0 ? s : DEFAULT_TIMEOUT) * 1000;
  }

  /** The document's id: the field the definition says the form fills with a new id. */
  #idOf(doc) {
    const f = this.#def.fields.find((x) => x.filledBy === "new_id");
    return String(f ? doc[f.name] : this.#referralId);
  }

  /** Whether `body` is a receipt for `doc` (receiving API §2) with a valid feedback document. */
  #isReceipt(body, doc) {
    if (body === null || typeof body !== "object" || Array.isArray(body)) return false;
    const id = this.#idOf(doc).toLowerCase();
    if (typeof body.referral_id !== "string" || body.referral_id.toLowerCase() !== id) return false;
    if (body.reference !== undefined && typeof body.reference !== "string") return false;
    if (body.status_token !== undefined && typeof body.status_token !== "string") return false;
    const feedback = body.feedback;
    if (feedback === null || typeof feedback !== "object") return false;
    if (typeof feedback.referral_id !== "string" || feedback.referral_id.toLowerCase() !== id) return false;
    return validateFeedback(feedback, { lang: this.lang }).valid === true;
  }

  /** Whether `body` is a validation report with at least one readable error. */
  static #isReport(body) {
    return (
      body !== null &&
      typeof body === "object" &&
      body.valid === false &&
      Array.isArray(body.errors) &&
      body.errors.length > 0 &&
      body.errors.every((e) => e !== null && typeof e === "object" && typeof e.message === "string")
    );
  }

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
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.#timeoutMs());
    let outcome;
    try {
      const response = await fetch(this.getAttribute("endpoint"), {
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
      if ((response.status === 201 || response.status === 200) && this.#isReceipt(body, doc)) {
        outcome = { ok: true, receipt: body };
      } else if (response.status === 409) {
        outcome = { reason: "conflict", status: 409 };
      } else if (response.status === 422 && PreventReferralForm.#isReport(body)) {
        outcome = { reason: "rejected", status: 422, report: body };
      } else {
        outcome = { reason: "invalid_response", status: response.status };
      }
    } catch (error) {
      outcome = { reason: controller.signal.aborted ? "timeout" : "network", error: String(error) };
    } finally {
      clearTimeout(timer);
      this.#sending = false;
    }
    if (outcome.ok) {
      this.#sent = { document: doc, receipt: Object.freeze(outcome.receipt) };
      this.#clearDraft();
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
    const { document: doc, reason, report } = this.#failure;
    const content = h("div", { class: "govuk-notification-banner__content" }, h("p", { class: "govuk-notification-banner__heading", text: this.#ui.notSent }));
    const explain = {
      network: this.#ui.notSentNetwork,
      timeout: this.#ui.notSentTimeout,
      invalid_response: this.#ui.notSentInvalid,
      rejected: this.#ui.notSentRejected,
      conflict: this.#ui.conflict,
    }[reason];
    content.append(h("p", { class: "govuk-body", text: explain }));
    if (reason === "rejected") {
      const list = h("ul", { class: "govuk-list govuk-list--bullet" });
      for (const e of report.errors) list.append(h("li", { text: e.message }));
      content.append(list);
    }
    const actions = h("div", { class: "govuk-button-group" });
    if (reason === "conflict") {
      const fresh = h("button", { type: "button", class: "govuk-button", text: this.#ui.sendAsNew });
      fresh.addEventListener("click", () => {
        this.#referralId = crypto.randomUUID();
        this.#saveDraft();
        this.#sendFromCheck();
      });
      actions.append(fresh);
    } else if (reason !== "rejected") {
      const retry = h("button", { type: "button", class: "govuk-button", text: this.#ui.retry });
      retry.addEventListener("click", () => this.#send(doc));
      actions.append(retry);
    }
    actions.append(this.#downloadLink(doc));
    content.append(actions);
    const banner = h(
      "div",
      { class: "govuk-notification-banner", role: "alert", "aria-labelledby": "pr-failure-title", tabindex: "-1" },
      h("div", { class: "govuk-notification-banner__header" }, h("h2", { class: "govuk-notification-banner__title", id: "pr-failure-title", text: this.#ui.errorPrefix.replace(/:$/, "") })),
      content,
    );
    slot.append(banner);
    if (focus) banner.focus();
  }
}

if (!customElements.get("prevent-referral-form")) {
  customElements.define("prevent-referral-form", PreventReferralForm);
}
