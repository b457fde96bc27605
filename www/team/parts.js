// The GOV.UK pieces the team pages are made of, over the package's dom.js (createElement and
// textContent only: nothing typed by anyone, and nothing the API returns, is parsed as markup).
import { h, errorMessage, errorSummary, followSummaryLinks } from "/pkg/dom.js";
import { ui } from "/team/context.js";

/** Appends the nodes and lists of nodes, skipping null, undefined and false. */
export const put = (parent, ...nodes) => parent.append(...nodes.flat(Infinity).filter((n) => n !== null && n !== undefined && n !== false));
/** A GOV.UK heading. */
export const heading = (text, level = 1, size = "l") => h(`h${level}`, { class: `govuk-heading-${size}`, text });
/** A paragraph. */
export const para = (text, cls = "govuk-body") => h("p", { class: cls, text });
/** A field's error message, with the hidden "Error:" prefix in the page language. */
export const fieldError = (id, text) => errorMessage(id, ui.errorPrefix, text);

/**
 * A GOV.UK table; `rows` are lists of cells (text or nodes), a list with `rowHeader` set has
 * its first cell as a row header. `numeric` are the indices of right-aligned columns.
 * `captionSize` "hidden": the caption names the table for screen readers only, where the page
 * heading right above already says the same to everyone else.
 */
export function table({ caption, head, rows, captionSize = "m", numeric = [] }) {
  const captionClass = captionSize === "hidden" ? "govuk-visually-hidden" : `govuk-table__caption--${captionSize}`;
  const numericClass = (i) => (numeric.includes(i) ? " govuk-table__header--numeric" : "");
  const cell = (c, i, cells) =>
    i === 0 && cells.rowHeader
      ? h("th", { scope: "row", class: "govuk-table__header" }, c)
      : h("td", { class: `govuk-table__cell${numeric.includes(i) ? " govuk-table__cell--numeric" : ""}` }, c);
  return h(
    "table",
    { class: "govuk-table" },
    caption ? h("caption", { class: `govuk-table__caption ${captionClass}`, text: caption }) : null,
    h("thead", { class: "govuk-table__head" }, h("tr", { class: "govuk-table__row" }, head.map((t, i) => h("th", { scope: "col", class: `govuk-table__header${numericClass(i)}`, text: t })))),
    h("tbody", { class: "govuk-table__body" }, rows.map((cells) => h("tr", { class: "govuk-table__row" }, cells.map((c, i) => cell(c, i, cells))))),
  );
}

/**
 * Shows the GOV.UK error summary of `issues` (`{href, message}`, `href` the id of the field,
 * or none) in `container` and moves focus to it, with "Error:" before the page title; no
 * issues empties `container`.
 */
export function showErrors(container, issues) {
  container.replaceChildren();
  if (!issues.length) return;
  const summary = errorSummary(ui.errorSummaryTitle, issues);
  followSummaryLinks(summary, document);
  container.append(summary);
  summary.focus();
  if (!document.title.startsWith(`${ui.errorPrefix} `)) document.title = `${ui.errorPrefix} ${document.title}`;
}

/**
 * A GOV.UK form group for a text `control` (an input or a textarea whose id is `id`): label,
 * hint (`${id}-hint`), a place for the error, the control, then `after` (described by it too
 * when it has an id). `.setError(text)` shows or (null) clears the error.
 */
export function textGroup({ id, label, hint, control, after = null, className = "govuk-form-group" }) {
  const slot = h("div", {});
  const described = (error) => [`${id}-hint`, error ? `${id}-error` : null, after?.id].filter(Boolean).join(" ");
  control.setAttribute("aria-describedby", described(false));
  const group = h(
    "div",
    { class: className },
    h("label", { class: "govuk-label govuk-label--s", for: id, text: label }),
    h("div", { class: "govuk-hint", id: `${id}-hint`, text: hint }),
    slot,
    control,
    after,
  );
  group.setError = (text) => {
    group.classList.toggle("govuk-form-group--error", Boolean(text));
    slot.replaceChildren(...(text ? [fieldError(`${id}-error`, text)] : []));
    control.classList.toggle(control.tagName === "TEXTAREA" ? "govuk-textarea--error" : "govuk-input--error", Boolean(text));
    control.setAttribute("aria-describedby", described(text));
  };
  return group;
}

/** The green notification banner after a change was sent ("Update sent"). */
export function banner(text) {
  return h(
    "div",
    { class: "govuk-notification-banner govuk-notification-banner--success", role: "alert", "aria-labelledby": "pr-banner-title", "data-module": "govuk-notification-banner" },
    h("div", { class: "govuk-notification-banner__header" }, h("h2", { class: "govuk-notification-banner__title", id: "pr-banner-title", text: ui.updateSent })),
    h("div", { class: "govuk-notification-banner__content" }, h("p", { class: "govuk-notification-banner__heading", text })),
  );
}

/**
 * A GOV.UK date input (day, month, year) with a legend and a hint. `.value()` gives
 * YYYY-MM-DD, "" (nothing typed) or null (not a date); `.setError(text)` shows or (null)
 * clears an error; `.firstInputId` is what an error summary links to.
 */
export function dateInput(id, legend, hint) {
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
  const error = h("div", {});
  const fieldset = h(
    "fieldset",
    { class: "govuk-fieldset", role: "group", "aria-describedby": `${id}-hint` },
    h("legend", { class: "govuk-fieldset__legend govuk-fieldset__legend--s", text: legend }),
    h("div", { class: "govuk-hint", id: `${id}-hint`, text: hint }),
    error,
    h("div", { class: "govuk-date-input", id }, part("day", ui.day, 2), part("month", ui.month, 2), part("year", ui.year, 4)),
  );
  const group = h("div", { class: "govuk-form-group" }, fieldset);
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
    fieldset.setAttribute("aria-describedby", text ? `${id}-hint ${id}-error` : `${id}-hint`);
    for (const input of group.querySelectorAll("input")) input.classList.toggle("govuk-input--error", Boolean(text));
  };
  group.firstInputId = `${id}-day`;
  return group;
}
