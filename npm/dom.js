// What form.js and attach.js share: GOV.UK Frontend markup, built with createElement and
// textContent only (nothing a person types, and nothing a server sends back, is ever parsed
// as HTML), and reading the form definition.

/** The form-definition field at a JSON Pointer (list indices step into the item), or null.
 *  A `#day`/`#month`/`#year` suffix names a part of a date and is ignored. */
export function fieldAt(def, pointer) {
  let fields = def.fields;
  let field = null;
  for (const seg of pointer.split("#")[0].split("/").slice(1)) {
    if (field?.type === "array" && /^\d+$/.test(seg)) {
      field = field.item;
      fields = field.fields ?? [];
      continue;
    }
    field = fields.find((f) => f.name === seg) ?? null;
    if (!field) return null;
    fields = field.fields ?? [];
  }
  return field;
}

/** An element with attributes (null/false skipped, true → empty) and children. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") el.className = v;
    else if (k === "text") el.textContent = v;
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === "string" ? document.createTextNode(c) : c);
  }
  return el;
}

/** The id an element for a JSON Pointer gets: `/individual/address/postcode` → `pr-individual-address-postcode`. */
export function idFor(pointer, prefix = "pr") {
  return `${prefix}${pointer.replace(/[^A-Za-z0-9_]+/g, "-")}`;
}

/** `<p class="govuk-error-message">` with the visually hidden "Error:" prefix. */
export function errorMessage(id, prefix, text) {
  return h("p", { class: "govuk-error-message", id }, h("span", { class: "govuk-visually-hidden", text: `${prefix} ` }), text);
}

/** GOV.UK warning text. */
export function warningText(prefix, text, id) {
  return h(
    "div",
    { class: "govuk-warning-text", id },
    h("span", { class: "govuk-warning-text__icon", "aria-hidden": "true", text: "!" }),
    h("strong", { class: "govuk-warning-text__text" }, h("span", { class: "govuk-visually-hidden", text: prefix }), text),
  );
}

/**
 * The error summary: a title and one link per error to its field. `issues` are
 * `{ href, message }`; an issue without `href` (no field on the page asks it) is listed
 * without a link. The caller moves focus to it (GOV.UK: on a failed submit).
 */
export function errorSummary(title, issues) {
  const list = h("ul", { class: "govuk-list govuk-error-summary__list" });
  for (const { href, message } of issues) {
    list.append(h("li", {}, href ? h("a", { href: `#${href}`, text: message }) : message));
  }
  return h(
    "div",
    { class: "govuk-error-summary", "data-module": "govuk-error-summary", tabindex: "-1" },
    h("div", { role: "alert" }, h("h2", { class: "govuk-error-summary__title", text: title }), h("div", { class: "govuk-error-summary__body" }, list)),
  );
}

/** Moves focus to the field an error-summary link points at, as GOV.UK's component does. */
export function followSummaryLinks(summary, root) {
  summary.addEventListener("click", (event) => {
    const link = event.target.closest("a[href^='#']");
    if (!link) return;
    const target = root.querySelector(`[id="${CSS.escape(link.getAttribute("href").slice(1))}"]`);
    if (!target) return;
    event.preventDefault();
    const legendOrLabel =
      target.closest("fieldset")?.querySelector("legend") ?? root.querySelector(`label[for="${CSS.escape(target.id)}"]`);
    (legendOrLabel ?? target).scrollIntoView();
    target.focus({ preventScroll: true });
  });
}

/**
 * The error summary for `issues` in `root`: `existing` when it already lists the same ones
 * (drawn again only when they change, so focus on it after a failed submit stays), else a
 * new one with links that move focus, put in place by `place(summary)` and focused if
 * `existing` had focus.
 */
export function currentErrorSummary(existing, title, issues, root, place) {
  const signature = JSON.stringify(issues.map((i) => [i.href, i.message]));
  if (existing && existing.dataset.signature === signature) return existing;
  const hadFocus = existing?.contains(document.activeElement);
  const summary = errorSummary(title, issues);
  summary.dataset.signature = signature;
  followSummaryLinks(summary, root);
  place(summary);
  if (hadFocus) summary.focus();
  return summary;
}

// A message that appears or disappears when a question is left moves everything below it.
// If the question was left by pressing on another control, redrawing between the press and
// the release would move that control away from the pointer and lose the click. So a
// redraw asked for while a pointer is down waits until the click is over.
let pointerDown = false;
let waiting = [];
if (typeof document !== "undefined") {
  document.addEventListener("pointerdown", () => { pointerDown = true; }, true);
  const release = () => {
    if (!pointerDown) return;
    pointerDown = false;
    const run = waiting;
    waiting = [];
    // After the click that this release completes has been dispatched.
    setTimeout(() => run.forEach((fn) => fn()));
  };
  document.addEventListener("pointerup", release, true);
  document.addEventListener("pointercancel", release, true);
}

/** Runs `fn` now, or after the current click if a pointer is down. */
export function whenPointerReleased(fn) {
  if (pointerDown) waiting.push(fn);
  else fn();
}
