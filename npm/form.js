// <prevent-referral-form endpoint="https://…" lang="en|cy" [save-draft]>
//
// The whole referral, rendered from formDefinition() with GOV.UK Frontend markup (the page
// loads GOV.UK Frontend's CSS). Every verdict comes from the wasm validator; this file only
// renders, shows and hides by the model's conditions, and sends. It requests nothing but
// its endpoint, sets no cookies, and stores nothing unless `save-draft` is set (then
// sessionStorage only, cleared when the referral is sent).
//
// Events (bubbling): `referral:submit` (cancelable; detail.document is the normalised
// document — cancel it to send it yourself), `referral:success` (detail.document,
// detail.feedback), `referral:error` (detail.document, detail.status, detail.report or
// detail.error).

import { init, validate, normalise, formDefinition, messages } from "./index.js";
import { h, idFor, errorMessage, warningText, errorSummary, fieldAt, followSummaryLinks, whenPointerReleased } from "./dom.js";

/** Filled in by the form, never asked. */
const TECHNICAL = new Set(["schema_version", "referral_id", "language", "created_at", "extensions"]);
/** Booleans shown as one checkbox ("I do not know their name") rather than Yes/No. */
const TICK_BOXES = new Set(["name_not_known", "address_not_known"]);
const AUTOCOMPLETE = {
  "/referrer/full_name": "name",
  "/referrer/organisation": "organization",
  "/referrer/job_title": "organization-title",
  "/referrer/email": "email",
  "/referrer/phone": "tel",
};

const ready = init();

export class PreventReferralForm extends HTMLElement {
  static observedAttributes = ["lang"];

  /** Raw answers by key (a JSON Pointer, with `#day`/`#month`/`#year` for date parts). */
  #answers = new Map();
  /** Item count of each list shown as "add another". */
  #counts = new Map();
  /** Pointers whose errors may be shown (blurred, or everything after a submit). */
  #touched = new Set();
  #submitted = false;
  #sending = false;
  #referralId = crypto.randomUUID();
  #def = null;
  #ui = null;
  #sent = null;
  #failure = null;
  #connected = false;

  async connectedCallback() {
    this.#connected = true;
    await ready;
    this.#restoreDraft();
    this.#render();
    // For integrators' own timing (and make bench-form): when the form became usable.
    performance.mark("prevent-referral-form:ready");
  }

  disconnectedCallback() {
    this.#connected = false;
  }

  attributeChangedCallback() {
    if (this.#connected && this.#def) this.#render();
  }

  get lang() {
    return this.getAttribute("lang") === "cy" ? "cy" : "en";
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

  /** The answer to a condition's sibling field, as the validator would read it. */
  #conditionHolds(cond, parentPointer) {
    const raw = this.#answers.get(`${parentPointer}/${cond.field}`);
    if (cond.equals === true) return raw === true || raw === "true";
    return typeof raw === "string" && raw.trim() === cond.equals;
  }

  /** Whether a field is shown: a field required only when… is hidden otherwise; a field
   *  not needed when… is hidden then. Hidden fields are left out of the document. */
  #visible(field, parentPointer) {
    const r = field.required;
    if (r && typeof r === "object") {
      if (r.when) return this.#conditionHolds(r.when, parentPointer);
      if (r.unless && r.unless.field !== "submission_type") return !this.#conditionHolds(r.unless, parentPointer);
    }
    return true;
  }

  #relaxed(field, parentPointer) {
    return field.relaxedWhen ? this.#conditionHolds(field.relaxedWhen, parentPointer) : false;
  }

  // ---- the document ------------------------------------------------------------------

  /** The document the answers make, leaving out hidden questions and empty list items. */
  document() {
    const doc = {
      schema_version: this.#def?.schemaVersion ?? "1.0",
      referral_id: this.#referralId,
      language: this.lang,
      created_at: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
    };
    Object.assign(doc, this.#object(this.#def.fields, "", false));
    return doc;
  }

  /** Whether a field must be answered now, given the other answers. */
  #requiredNow(f, parentPointer, relaxed) {
    const r = f.required;
    if (relaxed || r === false) return false;
    if (r === true) return true;
    return r.when ? this.#conditionHolds(r.when, parentPointer) : !this.#conditionHolds(r.unless, parentPointer);
  }

  #object(fields, pointer, relaxed) {
    const out = {};
    for (const f of fields) {
      if (TECHNICAL.has(f.name) || !this.#visible(f, pointer)) continue;
      const v = this.#value(f, `${pointer}/${f.name}`, relaxed || this.#relaxed(f, pointer), this.#requiredNow(f, pointer, relaxed));
      if (v !== undefined) out[f.name] = v;
    }
    return out;
  }

  #value(f, pointer, relaxed = false, required = false) {
    const raw = this.#answers.get(pointer);
    switch (f.type) {
      case "object": {
        // An unanswered section that is required is sent empty, so that each of its
        // questions gets its own message ("Enter your full name") rather than one for all.
        const o = this.#object(f.fields, pointer, relaxed);
        return Object.keys(o).length || required ? o : undefined;
      }
      case "array": {
        if (f.item.type === "code") return Array.isArray(raw) && raw.length ? [...raw] : undefined;
        const items = [];
        for (let i = 0; i < (this.#counts.get(pointer) ?? 0); i++) {
          const v = this.#value({ ...f.item, name: String(i) }, `${pointer}/${i}`, relaxed);
          if (v !== undefined && v !== "") items.push(v);
        }
        return items.length ? items : undefined;
      }
      case "boolean":
        return raw === true || raw === "true" ? true : raw === false || raw === "false" ? false : undefined;
      case "confirmation":
        return raw === true ? true : undefined;
      case "integer":
        return typeof raw === "string" && /^\s*\d+\s*$/.test(raw) ? Number(raw) : raw || undefined;
      case "date": {
        const [d, m, y] = ["day", "month", "year"].map((p) => (this.#answers.get(`${pointer}#${p}`) ?? "").trim());
        if (!d && !m && !y) return undefined;
        return `${y.padStart(4, "0")}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
      }
      case "partial_date": {
        const [m, y] = ["month", "year"].map((p) => (this.#answers.get(`${pointer}#${p}`) ?? "").trim());
        if (!m && !y) return undefined;
        return m ? `${y.padStart(4, "0")}-${m.padStart(2, "0")}` : y;
      }
      default:
        return typeof raw === "string" && raw.trim() !== "" ? raw : undefined;
    }
  }

  // ---- rendering ---------------------------------------------------------------------

  #render() {
    const lang = this.lang;
    this.#def = formDefinition(lang);
    this.#ui = messages(lang).ui;
    const focused = document.activeElement && this.contains(document.activeElement) ? document.activeElement.id : null;
    this.replaceChildren();
    if (this.#sent) {
      this.append(this.#confirmation());
      return;
    }
    const form = h("form", { class: "pr-form", novalidate: true });
    form.append(h("div", { class: "pr-summary" }), h("div", { class: "pr-failure" }));
    const top = this.#def.fields;
    // The immediate-danger question comes first, whatever the model's order.
    const questions = top.filter((f) => !TECHNICAL.has(f.name) && f.type !== "object");
    questions.sort((a, b) => (b.name === "immediate_risk") - (a.name === "immediate_risk"));
    for (const f of questions) {
      form.append(this.#field(f, "", false));
      if (f.name === "immediate_risk") form.append(h("div", { class: "pr-call-999" }));
    }
    for (const f of top.filter((f) => f.type === "object")) {
      const relaxed = this.#relaxed(f, "");
      const section = this.#field(f, "", relaxed, 0);
      form.append(section);
    }
    const advice = this.#answers.get("/submission_type") === "advice_request";
    form.append(
      h("button", { type: "submit", class: "govuk-button", "data-module": "govuk-button", text: advice ? this.#ui.submitAdvice : this.#ui.submitReferral }),
    );
    form.addEventListener("input", (e) => this.#onInput(e));
    form.addEventListener("change", (e) => this.#onInput(e));
    form.addEventListener("focusout", (e) => this.#onBlur(e));
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      this.#submit();
    });
    this.append(form);
    this.#applyVisibility();
    this.#showIssues(false);
    this.#showFailure();
    if (focused) this.querySelector(`[id="${CSS.escape(focused)}"]`)?.focus();
  }

  #labelText(f, optional) {
    return optional ? `${f.label} ${this.#ui.optional}` : f.label;
  }

  #isOptional(f, relaxed) {
    return relaxed || f.required === false;
  }

  /** A form group for one field. `level` 0 marks a section (a large legend). */
  #field(f, parentPointer, relaxed, level = 1) {
    const pointer = `${parentPointer}/${f.name}`;
    const id = idFor(pointer);
    const optional = this.#isOptional(f, relaxed);
    const group = h("div", { class: "govuk-form-group", "data-pointer": pointer });
    const legend = (text, size) =>
      h("legend", { class: `govuk-fieldset__legend govuk-fieldset__legend--${size}` }, size === "l" ? h("h2", { class: "govuk-fieldset__heading", text }) : text);
    const answer = this.#answers.get(pointer);
    const hintId = f.hint ? `${id}-hint` : null;
    const hint = () => (f.hint ? h("div", { id: hintId, class: "govuk-hint", text: f.hint }) : null);

    switch (f.type) {
      case "object": {
        const inner = this.#relaxed(f, parentPointer) || relaxed;
        const fieldset = h("fieldset", { class: "govuk-fieldset", id }, legend(this.#labelText(f, level > 0 && optional), level === 0 ? "l" : "m"));
        for (const child of f.fields) fieldset.append(this.#field(child, pointer, inner));
        group.append(fieldset);
        return group;
      }
      case "array":
        return this.#list(f, pointer, relaxed, group, legend, hint, hintId);
      case "code":
      case "boolean": {
        if (f.type === "boolean" && TICK_BOXES.has(f.name)) {
          return this.#tickBox(f, pointer, group, answer === true);
        }
        const options =
          f.type === "code" ? f.options : [{ value: "true", label: this.#ui.yes }, { value: "false", label: this.#ui.no }];
        const radios = h("div", { class: `govuk-radios${f.type === "boolean" ? " govuk-radios--inline" : ""}`, "data-module": "govuk-radios" });
        options.forEach((o, i) => {
          const oid = i === 0 ? id : `${id}-${o.value}`;
          const checked = answer === o.value || (f.type === "boolean" && String(answer) === o.value);
          radios.append(
            h(
              "div",
              { class: "govuk-radios__item" },
              h("input", { class: "govuk-radios__input", id: oid, name: pointer, type: "radio", value: o.value, checked, "data-key": pointer }),
              h("label", { class: "govuk-label govuk-radios__label", for: oid, text: o.label }),
            ),
          );
        });
        group.append(h("fieldset", { class: "govuk-fieldset", "aria-describedby": hintId }, legend(this.#labelText(f, optional), "m"), hint(), radios));
        return group;
      }
      case "confirmation":
        return this.#tickBox(f, pointer, group, answer === true);
      case "date":
      case "partial_date": {
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
      case "long_text": {
        group.classList.add("govuk-character-count");
        const infoId = `${id}-info`;
        group.append(
          h("label", { class: "govuk-label govuk-label--s", for: id, text: this.#labelText(f, optional) }),
          hint(),
          h("textarea", { class: "govuk-textarea govuk-js-character-count", id, name: pointer, rows: 5, "aria-describedby": [hintId, infoId].filter(Boolean).join(" "), "data-key": pointer }, typeof answer === "string" ? answer : ""),
          h("div", { id: infoId, class: "govuk-hint govuk-character-count__message", "aria-live": "polite" }),
        );
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
          autocomplete: AUTOCOMPLETE[pointer] ?? "off",
          value: typeof answer === "string" ? answer : "",
          "aria-describedby": hintId,
          "data-key": pointer,
        };
        if (f.type === "integer" || f.type === "nhs_number") attrs.inputmode = "numeric";
        if (f.type === "integer") attrs.class += " govuk-input--width-3";
        if (f.type === "postcode" || f.type === "nhs_number") attrs.class += " govuk-input--width-10";
        group.append(h("label", { class: "govuk-label govuk-label--s", for: id, text: this.#labelText(f, optional) }), hint(), h("input", attrs));
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
  #list(f, pointer, relaxed, group, legend, hint, hintId) {
    const id = idFor(pointer);
    const optional = this.#isOptional(f, relaxed);
    if (f.item.type === "code") {
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
        for (const child of f.item.fields) inner.append(this.#field(child, itemPointer, relaxed));
        item.append(inner);
      } else {
        const field = this.#field({ ...f.item, name: String(i), label: `${f.item.label} ${i + 1}` }, pointer, true);
        item.append(field);
      }
      item.append(
        h("button", { type: "button", class: "govuk-button govuk-button--secondary govuk-!-margin-bottom-4", "data-remove": itemPointer, text: `${this.#ui.remove} ${f.item.label.toLowerCase()} ${i + 1}` }),
      );
      fieldset.append(item);
    }
    if (count < (f.maxItems ?? 20)) {
      fieldset.append(h("button", { type: "button", class: "govuk-button govuk-button--secondary", "data-add": pointer, text: `${this.#ui.addAnother}: ${f.item.label.toLowerCase()}` }));
    }
    fieldset.addEventListener("click", (e) => {
      const add = e.target.closest("[data-add]");
      const remove = e.target.closest("[data-remove]");
      if (add && add.getAttribute("data-add") === pointer) {
        this.#counts.set(pointer, (this.#counts.get(pointer) ?? 0) + 1);
        this.#saveDraft();
        this.#render();
        const first = this.querySelector(`[data-pointer="${CSS.escape(`${pointer}/${this.#counts.get(pointer) - 1}`)}"] input, [data-pointer="${CSS.escape(`${pointer}/${this.#counts.get(pointer) - 1}`)}"] textarea`);
        first?.focus();
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
    const cy = this.lang === "cy";
    info.textContent =
      left >= 0
        ? cy ? `Mae gennych ${left} nod ar ôl` : `You have ${left} character${left === 1 ? "" : "s"} remaining`
        : cy ? `Mae gennych ${-left} nod yn ormod` : `You have ${-left} character${left === -1 ? "" : "s"} too many`;
    info.classList.toggle("govuk-error-message", left < 0);
    info.classList.toggle("govuk-hint", left >= 0);
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
      if (key === "/submission_type") {
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
    // Moving between the parts of one date is not leaving the question.
    const next = e.relatedTarget?.getAttribute?.("data-key");
    if (key.includes("#") && next && next.split("#")[0] === key.split("#")[0]) return;
    this.#touch(key);
    whenPointerReleased(() => this.#showIssues(false));
  }

  #touch(key) {
    this.#touched.add(key.split("#")[0]);
  }

  #applyVisibility() {
    for (const group of this.querySelectorAll("[data-pointer]")) {
      const pointer = group.getAttribute("data-pointer");
      const parent = pointer.slice(0, pointer.lastIndexOf("/"));
      const field = fieldAt(this.#def, pointer);
      if (field && field.name !== "" && !/^\d+$/.test(field.name)) group.hidden = !this.#visible(field, parent);
    }
    const notice = this.querySelector(".pr-call-999");
    if (notice) {
      notice.replaceChildren();
      if (this.#answers.get("/immediate_risk") === "true") {
        notice.append(
          h(
            "div",
            { class: "govuk-notification-banner", role: "alert", "aria-labelledby": "pr-call-999-title" },
            h("div", { class: "govuk-notification-banner__header" }, h("h2", { class: "govuk-notification-banner__title", id: "pr-call-999-title", text: this.#ui.warningPrefix })),
            h("div", { class: "govuk-notification-banner__content" }, h("p", { class: "govuk-notification-banner__heading", text: this.#ui.call999 })),
          ),
        );
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

  /** Validates and shows the issues a person should see now. Returns the report. */
  #showIssues(focusSummary) {
    const report = validate(this.document(), { lang: this.lang });
    for (const g of this.querySelectorAll(".govuk-form-group--error")) this.#clearGroup(g);
    for (const w of this.querySelectorAll(".pr-warning")) w.remove();
    const shownErrors = [];
    const used = new Set();
    for (const issue of report.errors) {
      if (!this.#shown(issue.path)) continue;
      const group = this.#groupFor(issue.path);
      if (!group || used.has(group)) continue;
      used.add(group);
      const errorId = `${idFor(group.getAttribute("data-pointer"))}-error`;
      this.#markGroup(group, errorMessage(errorId, this.#ui.errorPrefix, issue.message), errorId);
      shownErrors.push({ href: this.#focusTarget(group), message: issue.message });
    }
    for (const issue of report.warnings) {
      if (issue.code === "call_999" || !this.#shown(issue.path)) continue;
      const group = this.#groupFor(issue.path);
      group?.append(h("div", { class: "pr-warning" }, warningText(this.#ui.warningPrefix, issue.message)));
    }
    const slot = this.querySelector(".pr-summary");
    slot.replaceChildren();
    const title = document.title.replace(/^(Error|Gwall): /, "");
    if (shownErrors.length && this.#submitted) {
      const summary = errorSummary(this.#ui.errorSummaryTitle, shownErrors);
      followSummaryLinks(summary, this);
      slot.append(summary);
      document.title = `${this.#ui.errorPrefix} ${title}`;
      if (focusSummary) summary.focus();
    } else {
      document.title = title;
    }
    return report;
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

  // ---- sending -----------------------------------------------------------------------

  async #submit() {
    if (this.#sending) return;
    this.#submitted = true;
    this.#failure = null;
    this.#showFailure();
    const report = this.#showIssues(true);
    if (!report.valid) return;
    const doc = normalise(this.document());
    const proceed = this.dispatchEvent(new CustomEvent("referral:submit", { bubbles: true, cancelable: true, detail: { document: doc } }));
    if (!proceed) return;
    await this.#send(doc);
  }

  async #send(doc) {
    const endpoint = this.getAttribute("endpoint");
    this.#sending = true;
    const button = this.querySelector("button[type=submit]");
    button?.setAttribute("aria-disabled", "true");
    try {
      const response = await fetch(endpoint, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(doc),
        credentials: "omit",
        referrerPolicy: "no-referrer",
        cache: "no-store",
      });
      const body = await response.json().catch(() => null);
      if (response.ok) {
        this.#sent = { document: doc, feedback: body };
        this.#clearDraft();
        this.#render();
        this.querySelector(".govuk-panel")?.focus();
        this.dispatchEvent(new CustomEvent("referral:success", { bubbles: true, detail: { document: doc, feedback: body } }));
        return;
      }
      this.#failure = { document: doc, status: response.status, report: body?.errors ? body : null };
      this.dispatchEvent(new CustomEvent("referral:error", { bubbles: true, detail: { document: doc, status: response.status, report: this.#failure.report } }));
    } catch (error) {
      this.#failure = { document: doc, status: 0, report: null };
      this.dispatchEvent(new CustomEvent("referral:error", { bubbles: true, detail: { document: doc, status: 0, error: String(error) } }));
    } finally {
      this.#sending = false;
      button?.removeAttribute("aria-disabled");
    }
    this.#showFailure(true);
  }

  #showFailure(focus = false) {
    const slot = this.querySelector(".pr-failure");
    if (!slot) return;
    slot.replaceChildren();
    if (!this.#failure) return;
    const { document: doc, report } = this.#failure;
    const download = h("a", {
      class: "govuk-link",
      href: URL.createObjectURL(new Blob([JSON.stringify(doc, null, 2)], { type: "application/json" })),
      download: `referral-${doc.referral_id}.json`,
      text: this.#ui.download,
    });
    const retry = h("button", { type: "button", class: "govuk-button", text: this.#ui.retry });
    retry.addEventListener("click", () => this.#submit());
    const content = h("div", { class: "govuk-notification-banner__content" }, h("p", { class: "govuk-notification-banner__heading", text: this.#ui.notSent }));
    if (report) {
      const list = h("ul", { class: "govuk-list govuk-list--bullet" });
      for (const e of report.errors) list.append(h("li", { text: e.message }));
      content.append(list);
    }
    content.append(h("div", { class: "govuk-button-group" }, retry, download));
    const banner = h(
      "div",
      { class: "govuk-notification-banner", role: "alert", "aria-labelledby": "pr-failure-title", tabindex: "-1" },
      h("div", { class: "govuk-notification-banner__header" }, h("h2", { class: "govuk-notification-banner__title", id: "pr-failure-title", text: this.#ui.errorPrefix.replace(/:$/, "") })),
      content,
    );
    slot.append(banner);
    if (focus) banner.focus();
  }

  #confirmation() {
    const { document: doc, feedback } = this.#sent;
    const advice = doc.submission_type === "advice_request";
    const panel = h(
      "div",
      { class: "govuk-panel govuk-panel--confirmation", tabindex: "-1" },
      h("h2", { class: "govuk-panel__title", text: advice ? this.#ui.adviceSentTitle : this.#ui.sentTitle }),
      h("div", { class: "govuk-panel__body" }, `${this.#ui.referenceLabel} `, h("br"), h("strong", { text: doc.referral_id })),
    );
    const next = h("div", {});
    if (feedback && typeof feedback.message === "string") next.append(h("p", { class: "govuk-body", text: feedback.message }));
    next.append(h("h2", { class: "govuk-heading-m", text: this.#ui.whatNextTitle }), h("p", { class: "govuk-body", text: this.#ui.whatNext }));
    return h("div", { class: "pr-confirmation" }, panel, next);
  }
}

if (!customElements.get("prevent-referral-form")) {
  customElements.define("prevent-referral-form", PreventReferralForm);
}
