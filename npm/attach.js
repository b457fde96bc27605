// attach(form, { lang, map, defaults, onSubmit }): the validator on an agency's own form.
//
// Inputs are matched to document paths by `name` — dotted (`individual.address.postcode`)
// or a JSON Pointer (`/individual/address/postcode`), date parts as `…[day]`, `…[month]`,
// `…[year]` — or by an explicit `map` of input name → path (dotted or a JSON Pointer; a
// path the referral does not have is a TypeError at once, naming it). `defaults` is a
// partial document for what the form does not ask (copied on every build: attach() never
// changes it, and an answer given overrides it). On blur and on submit the document is
// built (answers.js, shared with the embeddable form), validated in wasm, and GOV.UK-style
// errors are shown inside the agency's markup: an inline message in the field's
// `.govuk-form-group`, `aria-invalid` and `aria-describedby` on the control, and one error
// summary at the top of the form, in the order of the form. A valid submit is stopped and
// `onSubmit(normalisedDocument)` is called (and a `referral:submit` event fired on the
// form); nothing is sent anywhere by this code.

import { init, validate, normalise, formDefinition, messages } from "./index.js";
import { errorMessage, currentErrorSummary, fieldAt, whenPointerReleased } from "./dom.js";
import { documentFrom, filledIn } from "./answers.js";

const PART = /\[(day|month|year)\]$/;

/** A path as a JSON Pointer: `/a/b` stays, `a.b` becomes `/a/b`. */
function toPointer(path) {
  return path.startsWith("/") ? path : `/${path.split(".").join("/")}`;
}

/** The answer key (answers.js) of an input name: its map entry or the name as a path. */
function keyOf(name, map) {
  const part = PART.exec(name)?.[1];
  const base = name.replace(PART, "");
  if (Object.hasOwn(map, name)) return toPointer(map[name]);
  if (part && Object.hasOwn(map, base)) return `${toPointer(map[base])}#${part}`;
  const pointer = toPointer(base);
  return part ? `${pointer}#${part}` : pointer;
}

let generated = 0;

/**
 * Adds the standard's checks and GOV.UK error messages to `form`. Resolves to
 * `{ document(), validate(), detach() }`. Throws a TypeError when `map` names a path the
 * referral does not have.
 */
export async function attach(form, { lang = "en", map = {}, defaults = {}, onSubmit } = {}) {
  await init();
  const def = formDefinition(lang);
  const ui = messages(lang).ui;
  for (const [name, path] of Object.entries(map)) {
    if (typeof path !== "string" || !fieldAt(def, toPointer(path))) {
      throw new TypeError(`attach(): map["${name}"] is "${path}", which is not a field of the referral`);
    }
  }
  const base = () => ({ ...filledIn(def, referralId), ...structuredClone(defaults) });
  const referralId = crypto.randomUUID();
  const touched = new Set();
  let submitted = false;

  const controls = () => [...form.elements].filter((el) => el.name && !el.disabled && el.type !== "submit" && el.type !== "button");

  /** The answers the controls hold, keyed as answers.js reads them. */
  function answers() {
    const out = new Map();
    for (const el of controls()) {
      const key = keyOf(el.name, map);
      const field = fieldAt(def, key);
      if (el.type === "checkbox") {
        if (field?.type === "array") {
          const list = out.get(key) ?? [];
          if (el.checked) list.push(el.value);
          out.set(key, list);
        } else if (el.checked) out.set(key, true);
        continue;
      }
      if (el.type === "radio" && !el.checked) continue;
      if (el.value.trim() !== "") out.set(key, el.value);
    }
    return out;
  }

  const build = () => documentFrom(def, answers(), base(), { hide: false });

  /** The control an issue's path belongs to (the path itself or its nearest ancestor). */
  function controlFor(path) {
    const all = controls().filter((el) => el.type !== "hidden");
    let p = path;
    while (p) {
      const found = all.find((el) => keyOf(el.name, map).split("#")[0] === p);
      if (found) return found;
      p = p.slice(0, p.lastIndexOf("/"));
    }
    return null;
  }

  const groupOf = (el) => el.closest(".govuk-form-group") ?? el.parentElement;

  /** A control the summary can link to: it gets an id if it has none. */
  function linkable(el) {
    if (!el.id) el.id = `pr-attached-${++generated}`;
    return el.id;
  }

  /** The named controls of a group (one input, a set of radios, the parts of a date). */
  const controlsOf = (group) => [...group.querySelectorAll("input, textarea, select")].filter((c) => c.name && c.type !== "hidden");

  function clear() {
    for (const e of form.querySelectorAll(".pr-attached-error")) e.remove();
    for (const g of form.querySelectorAll(".govuk-form-group--error")) g.classList.remove("govuk-form-group--error");
    for (const c of form.querySelectorAll(".govuk-input--error, .govuk-textarea--error")) c.classList.remove("govuk-input--error", "govuk-textarea--error");
    for (const c of form.querySelectorAll("[data-pr-invalid]")) {
      c.removeAttribute("aria-invalid");
      c.removeAttribute("data-pr-invalid");
      const ids = (c.getAttribute("aria-describedby") ?? "").split(" ").filter((x) => x && x !== c.getAttribute("data-pr-error-id"));
      if (ids.length) c.setAttribute("aria-describedby", ids.join(" "));
      else c.removeAttribute("aria-describedby");
      c.removeAttribute("data-pr-error-id");
    }
  }

  function show(focusSummary) {
    const report = validate(build(), { lang });
    clear();
    const items = [];
    const used = new Set();
    for (const issue of report.errors) {
      const shown = submitted || [...touched].some((t) => issue.path === t || issue.path.startsWith(`${t}/`) || t.startsWith(`${issue.path}/`));
      if (!shown) continue;
      const el = controlFor(issue.path);
      if (!el) {
        // Nothing on the form asks it (and `defaults` did not give it): listed, not linked.
        items.push({ position: null, href: null, message: issue.message });
        continue;
      }
      const group = groupOf(el);
      if (used.has(group)) continue;
      used.add(group);
      group.classList.add("govuk-form-group--error");
      const errorId = `${linkable(el)}-error`;
      const errorEl = errorMessage(errorId, ui.errorPrefix, issue.message);
      errorEl.classList.add("pr-attached-error");
      const before = group.querySelector(".govuk-hint") ?? group.querySelector("legend, label");
      if (before && group.contains(before)) before.after(errorEl);
      else group.prepend(errorEl);
      for (const c of controlsOf(group)) {
        c.setAttribute("aria-invalid", "true");
        c.setAttribute("data-pr-invalid", "");
        c.setAttribute("data-pr-error-id", errorId);
        const ids = (c.getAttribute("aria-describedby") ?? "").split(" ").filter(Boolean);
        c.setAttribute("aria-describedby", [...ids, errorId].join(" "));
        if (c.tagName === "TEXTAREA") c.classList.add("govuk-textarea--error");
        else if (c.classList.contains("govuk-input")) c.classList.add("govuk-input--error");
      }
      items.push({ position: el, href: el.id, message: issue.message });
    }
    // In the order of the form; anything not on it last.
    items.sort((a, b) => {
      if (!a.position || !b.position) return (a.position ? 0 : 1) - (b.position ? 0 : 1);
      return a.position.compareDocumentPosition(b.position) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
    });
    const existing = form.querySelector(":scope > .govuk-error-summary");
    if (submitted && items.length) {
      const summary = currentErrorSummary(existing, ui.errorSummaryTitle, items, form, (fresh) => {
        existing?.remove();
        form.prepend(fresh);
      });
      if (focusSummary) summary.focus();
    } else {
      existing?.remove();
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
    if (e.relatedTarget?.closest?.(".govuk-error-summary")) return;
    touched.add(keyOf(e.target.name, map).split("#")[0]);
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
      clear();
      form.querySelector(":scope > .govuk-error-summary")?.remove();
    },
  };
}
