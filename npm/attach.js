// attach(form, { lang, map, defaults, onSubmit }): the validator on an agency's own form.
//
// Inputs are matched to document paths by `name` — dotted (`individual.address.postcode`)
// or a JSON Pointer (`/individual/address/postcode`), date parts as `…[day]`, `…[month]`,
// `…[year]` — or by an explicit `map` of name → path. On blur and on submit the document is
// built, validated in wasm, and GOV.UK-style errors are shown inside the agency's markup:
// an inline message in the field's `.govuk-form-group` and one error summary at the top of
// the form. A valid submit is stopped and `onSubmit(normalisedDocument)` is called (and a
// `referral:submit` event fired on the form); nothing is sent anywhere by this code.

import { init, validate, normalise, formDefinition, messages } from "./index.js";
import { errorMessage, errorSummary, fieldAt, followSummaryLinks, whenPointerReleased } from "./dom.js";

function pointerOf(name, map) {
  if (Object.hasOwn(map, name)) return map[name];
  const base = name.replace(/\[(day|month|year)\]$/, "");
  const pointer = base.startsWith("/") ? base : `/${base.split(".").join("/")}`;
  const part = /\[(day|month|year)\]$/.exec(name)?.[1];
  return part ? `${pointer}#${part}` : pointer;
}

function setAt(doc, pointer, value) {
  const segs = pointer.split("/").slice(1);
  let cur = doc;
  segs.forEach((seg, i) => {
    const last = i === segs.length - 1;
    const key = Array.isArray(cur) ? Number(seg) : seg;
    if (last) {
      cur[key] = value;
      return;
    }
    if (cur[key] === undefined) cur[key] = /^\d+$/.test(segs[i + 1]) ? [] : {};
    cur = cur[key];
  });
}

export async function attach(form, { lang = "en", map = {}, defaults = {}, onSubmit } = {}) {
  await init();
  const def = formDefinition(lang);
  const ui = messages(lang).ui;
  const referralId = crypto.randomUUID();
  const touched = new Set();
  let submitted = false;

  const controls = () => [...form.elements].filter((el) => el.name && !el.disabled && el.type !== "submit" && el.type !== "button");

  function build() {
    const doc = {
      schema_version: "1.0",
      referral_id: referralId,
      submission_type: "referral",
      language: lang,
      created_at: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
      ...defaults,
    };
    const values = new Map();
    for (const el of controls()) {
      const pointer = pointerOf(el.name, map);
      const field = fieldAt(def, pointer);
      if (el.type === "checkbox") {
        if (field?.type === "array") {
          const list = values.get(pointer) ?? [];
          if (el.checked) list.push(el.value);
          values.set(pointer, list);
        } else if (el.checked) values.set(pointer, true);
        continue;
      }
      if (el.type === "radio" && !el.checked) continue;
      const raw = el.value;
      if (raw.trim() === "") continue;
      if (field?.type === "boolean") values.set(pointer, raw === "true" || raw === "yes" ? true : raw === "false" || raw === "no" ? false : raw);
      else if (field?.type === "integer" && /^\s*\d+\s*$/.test(raw)) values.set(pointer, Number(raw));
      else values.set(pointer, raw);
    }
    const dates = new Map();
    for (const [pointer, v] of values) {
      const [base, part] = pointer.split("#");
      if (part) {
        dates.set(base, { ...(dates.get(base) ?? {}), [part]: String(v).trim() });
        continue;
      }
      if (Array.isArray(v) && v.length === 0) continue;
      setAt(doc, pointer, v);
    }
    for (const [base, { day = "", month = "", year = "" }] of dates) {
      const partial = fieldAt(def, base)?.type === "partial_date";
      setAt(doc, base, partial ? (month ? `${year}-${month.padStart(2, "0")}` : year) : `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`);
    }
    return doc;
  }

  /** The control an issue's path belongs to (the path itself or its nearest ancestor). */
  function controlFor(path) {
    const all = controls();
    let p = path;
    while (p) {
      const found = all.find((el) => pointerOf(el.name, map).split("#")[0] === p);
      if (found) return found;
      p = p.slice(0, p.lastIndexOf("/"));
    }
    return null;
  }

  const groupOf = (el) => el.closest(".govuk-form-group") ?? el.parentElement;

  function show(focusSummary) {
    const report = validate(build(), { lang });
    for (const e of form.querySelectorAll(".pr-attached-error")) e.remove();
    for (const g of form.querySelectorAll(".govuk-form-group--error")) g.classList.remove("govuk-form-group--error");
    for (const c of form.querySelectorAll(".govuk-input--error, .govuk-textarea--error")) c.classList.remove("govuk-input--error", "govuk-textarea--error");
    const summaryItems = [];
    const used = new Set();
    for (const issue of report.errors) {
      const shown = submitted || [...touched].some((t) => issue.path === t || issue.path.startsWith(`${t}/`));
      if (!shown) continue;
      const el = controlFor(issue.path);
      if (!el) {
        summaryItems.push({ href: form.id || "", message: issue.message });
        continue;
      }
      const group = groupOf(el);
      if (!used.has(group)) {
        used.add(group);
        group.classList.add("govuk-form-group--error");
        const errorEl = errorMessage(`${el.id || el.name}-error`, ui.errorPrefix, issue.message);
        errorEl.classList.add("pr-attached-error");
        const before = group.querySelector(".govuk-hint") ?? group.querySelector("legend, label");
        if (before && group.contains(before)) before.after(errorEl);
        else group.prepend(errorEl);
        if (el.tagName === "TEXTAREA") el.classList.add("govuk-textarea--error");
        else if (el.classList.contains("govuk-input")) el.classList.add("govuk-input--error");
      }
      summaryItems.push({ href: el.id, message: issue.message });
    }
    form.querySelector(":scope > .govuk-error-summary")?.remove();
    if (submitted && summaryItems.length) {
      const summary = errorSummary(ui.errorSummaryTitle, summaryItems);
      followSummaryLinks(summary, form);
      form.prepend(summary);
      if (focusSummary) summary.focus();
    }
    return report;
  }

  // Errors already showing follow the answers as they are typed, and a redraw on blur waits
  // for the click that caused it, so nothing moves under the pointer.
  const onInput = (e) => {
    if (e.target.name && (submitted || touched.size)) show(false);
  };
  const onBlur = (e) => {
    if (!e.target.name) return;
    touched.add(pointerOf(e.target.name, map).split("#")[0]);
    whenPointerReleased(() => show(false));
  };
  const onSubmitEvent = (e) => {
    e.preventDefault();
    submitted = true;
    const report = show(true);
    if (!report.valid) return;
    const doc = normalise(build());
    if (form.dispatchEvent(new CustomEvent("referral:submit", { bubbles: true, cancelable: true, detail: { document: doc } }))) {
      onSubmit?.(doc);
    }
  };
  form.setAttribute("novalidate", "");
  form.addEventListener("input", onInput);
  form.addEventListener("change", onInput);
  form.addEventListener("focusout", onBlur);
  form.addEventListener("submit", onSubmitEvent);
  return {
    document: () => normalise(build()),
    validate: () => validate(build(), { lang }),
    detach() {
      form.removeEventListener("input", onInput);
      form.removeEventListener("change", onInput);
      form.removeEventListener("focusout", onBlur);
      form.removeEventListener("submit", onSubmitEvent);
    },
  };
}
