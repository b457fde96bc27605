// The form's questions, one GOV.UK component per `widget` of the form definition: fieldset
// (a section or an object), radios, tick box, checkboxes, "add another" lists, date parts,
// textarea with a character count, and the text input (whose type, inputmode, width and
// spellcheck are the definition's `input`, owned by the format in the core). Built with
// dom.js's `h`; the answers shown are the form's raw answers (answers.js keys).
//
// `ctx` (from the element): `ui` (messages().ui), `answers` and `counts` (the element's Maps:
// raw answers by key, item count of each "add another" list), `doc()` (the document the
// answers make now), `onAdd(pointer)` and `onRemove(pointer, index)` for list buttons.

import { h, idFor, fieldAt } from "../dom.js";
import { asked, valueAt, conditionHolds, isShown } from "../answers.js";

/** A question's label, with "(optional)" when it need not be answered. */
function labelText(ctx, f, optional) {
  return optional ? `${f.label} ${ctx.ui.optional}` : f.label;
}

/** A fieldset's legend; size "l" makes it the page's heading. */
function legend(text, size) {
  return h("legend", { class: `govuk-fieldset__legend govuk-fieldset__legend--${size}` }, size === "l" ? h("h2", { class: "govuk-fieldset__heading", text }) : text);
}

/** A form group for one field. `level` 0 marks a section (a large legend). */
export function fieldGroup(ctx, f, parentPointer, relaxed, level = 1) {
  const pointer = `${parentPointer}/${f.name}`;
  const optional = relaxed || f.required === false;
  const id = idFor(pointer);
  const hintId = f.hint ? `${id}-hint` : null;
  const q = {
    f,
    parentPointer,
    pointer,
    id,
    optional,
    hintId,
    group: h("div", { class: "govuk-form-group", "data-pointer": pointer }),
    answer: ctx.answers.get(pointer),
    hint: () => (f.hint ? h("div", { id: hintId, class: "govuk-hint", text: f.hint }) : null),
  };
  switch (f.widget) {
    case "fieldset":
      return fieldset(ctx, q, relaxed, level);
    case "checkboxes":
      return checkboxes(ctx, q);
    case "add_another":
      return addAnother(ctx, q);
    case "tick_box":
      return tickBox(q);
    case "radios":
      return radios(ctx, q);
    case "date":
      return dateParts(ctx, q);
    case "textarea":
      return textarea(ctx, q);
    default:
      return textInput(ctx, q);
  }
}

function fieldset(ctx, { f, parentPointer, pointer, id, optional, group }, relaxed, level) {
  const siblings = valueAt(ctx.doc(), parentPointer) ?? {};
  const inner = relaxed || (f.relaxedWhen ? conditionHolds(f.relaxedWhen, siblings) : false);
  const set = h("fieldset", { class: "govuk-fieldset", id }, legend(labelText(ctx, f, level > 0 && optional), level === 0 ? "l" : "m"));
  for (const child of asked(f.fields)) set.append(fieldGroup(ctx, child, pointer, inner));
  group.append(set);
  return group;
}

function tickBox({ f, pointer, id, group, answer }) {
  group.append(
    h(
      "div",
      { class: "govuk-checkboxes govuk-checkboxes--small", "data-module": "govuk-checkboxes" },
      h(
        "div",
        { class: "govuk-checkboxes__item" },
        h("input", { class: "govuk-checkboxes__input", id, name: pointer, type: "checkbox", value: "true", checked: answer === true, "data-key": pointer }),
        h("label", { class: "govuk-label govuk-checkboxes__label", for: id, text: f.label }),
      ),
    ),
  );
  return group;
}

function radios(ctx, { f, pointer, id, optional, hintId, group, answer, hint }) {
  const options = f.options ?? [{ value: "true", label: ctx.ui.yes }, { value: "false", label: ctx.ui.no }];
  const items = h("div", { class: `govuk-radios${f.options ? "" : " govuk-radios--inline"}`, "data-module": "govuk-radios" });
  options.forEach((o, i) => {
    const oid = i === 0 ? id : `${id}-${o.value}`;
    items.append(
      h(
        "div",
        { class: "govuk-radios__item" },
        h("input", { class: "govuk-radios__input", id: oid, name: pointer, type: "radio", value: o.value, checked: String(answer) === o.value, "data-key": pointer }),
        h("label", { class: "govuk-label govuk-radios__label", for: oid, text: o.label }),
      ),
    );
  });
  group.append(h("fieldset", { class: "govuk-fieldset", "aria-describedby": hintId }, legend(labelText(ctx, f, optional), "m"), hint(), items));
  return group;
}

function checkboxes(ctx, { f, pointer, id, optional, hintId, group, answer, hint }) {
  const chosen = new Set(Array.isArray(answer) ? answer : []);
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
  group.append(h("fieldset", { class: "govuk-fieldset", "aria-describedby": hintId }, legend(labelText(ctx, f, optional), "m"), hint(), boxes));
  return group;
}

/** "Add another": one item per count (text, or an object's questions), remove buttons, and
 *  an add button while there is room. */
function addAnother(ctx, { f, pointer, id, optional, hintId, group, hint }) {
  const count = ctx.counts.get(pointer) ?? (f.item.type === "object" ? 0 : 1);
  ctx.counts.set(pointer, count);
  const set = h("fieldset", { class: "govuk-fieldset", id, "aria-describedby": hintId }, legend(labelText(ctx, f, optional), "m"), hint());
  for (let i = 0; i < count; i++) {
    const itemPointer = `${pointer}/${i}`;
    const item = h("div", { class: "pr-list-item", "data-pointer": itemPointer });
    if (f.item.type === "object") {
      const inner = h("fieldset", { class: "govuk-fieldset", id: idFor(itemPointer) }, legend(`${f.item.label} ${i + 1}`, "s"));
      for (const child of asked(f.item.fields)) inner.append(fieldGroup(ctx, child, itemPointer, true));
      item.append(inner);
    } else {
      item.append(fieldGroup(ctx, { ...f.item, name: String(i), label: `${f.item.label} ${i + 1}` }, pointer, true));
    }
    item.append(
      h("button", { type: "button", class: "govuk-button govuk-button--secondary govuk-!-margin-bottom-4", "data-remove": itemPointer, text: `${ctx.ui.remove} ${f.item.label.toLowerCase()} ${i + 1}` }),
    );
    set.append(item);
  }
  if (count < f.maxItems) {
    set.append(h("button", { type: "button", class: "govuk-button govuk-button--secondary", "data-add": pointer, text: `${ctx.ui.addAnother}: ${f.item.label.toLowerCase()}` }));
  }
  set.addEventListener("click", (e) => {
    const add = e.target.closest("[data-add]");
    const remove = e.target.closest("[data-remove]");
    if (add && add.getAttribute("data-add") === pointer) {
      ctx.onAdd(pointer);
    } else if (remove && remove.getAttribute("data-remove").startsWith(`${pointer}/`)) {
      ctx.onRemove(pointer, Number(remove.getAttribute("data-remove").slice(pointer.length + 1)));
    }
  });
  group.append(set);
  return group;
}

/** The answers without item `index` of the list at `pointer`; later items move up one. */
export function withoutItem(answers, pointer, index) {
  const moved = new Map();
  for (const [k, v] of answers) {
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
  return moved;
}

function dateParts(ctx, { f, pointer, id, optional, hintId, group, hint }) {
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
          h("label", { class: "govuk-label govuk-date-input__label", for: pid, text: ctx.ui[p] }),
          h("input", {
            class: `govuk-input govuk-date-input__input govuk-input--width-${p === "year" ? 4 : 2}`,
            id: pid,
            name: `${pointer}#${p}`,
            type: "text",
            inputmode: "numeric",
            autocomplete: "off",
            value: ctx.answers.get(`${pointer}#${p}`) ?? "",
            "data-key": `${pointer}#${p}`,
          }),
        ),
      ),
    );
  });
  group.append(h("fieldset", { class: "govuk-fieldset", role: "group", "aria-describedby": hintId }, legend(labelText(ctx, f, optional), "s"), hint(), inputs));
  return group;
}

function textarea(ctx, { f, pointer, id, optional, hintId, group, answer, hint }) {
  group.classList.add("govuk-character-count");
  const infoId = `${id}-info`;
  // Never Element.append(null): it writes "null" (issue 7, defect 1).
  const parts = [
    h("label", { class: "govuk-label govuk-label--s", for: id, text: labelText(ctx, f, optional) }),
    hint(),
    h("textarea", { class: "govuk-textarea govuk-js-character-count", id, name: pointer, rows: 5, "aria-describedby": [hintId, infoId].filter(Boolean).join(" "), "data-key": pointer }, typeof answer === "string" ? answer : ""),
    h("div", { id: infoId, class: "govuk-hint govuk-character-count__message", "aria-live": "polite" }),
  ];
  group.append(...parts.filter(Boolean));
  updateCount(group, f.maxLength, ctx.ui);
  return group;
}

/** A text input, asked as the definition's `input` says (type, inputmode, width, spellcheck). */
function textInput(ctx, { f, pointer, id, optional, hintId, group, answer, hint }) {
  const input = f.input ?? { type: "text", spellcheck: true };
  const attrs = {
    class: input.width ? `govuk-input govuk-input--width-${input.width}` : "govuk-input",
    id,
    name: pointer,
    type: input.type,
    spellcheck: input.spellcheck === false ? "false" : null,
    autocomplete: f.autocomplete ?? "off",
    value: typeof answer === "string" ? answer : "",
    "aria-describedby": hintId,
    "data-key": pointer,
    inputmode: input.inputmode ?? null,
  };
  // h() skips a missing hint; Element.append would write "null".
  group.append(h("label", { class: "govuk-label govuk-label--s", for: id, text: labelText(ctx, f, optional) }));
  const shownHint = hint();
  if (shownHint) group.append(shownHint);
  group.append(h("input", attrs));
  return group;
}

/** The character count under a textarea: how many are left, or how many too many. */
export function updateCount(group, max, ui) {
  const area = group.querySelector("textarea");
  const info = group.querySelector(".govuk-character-count__message");
  if (!area || !info || !max) return;
  const left = max - [...area.value].length;
  const n = Math.abs(left);
  const key = left >= 0 ? (n === 1 ? "characterRemaining" : "charactersRemaining") : n === 1 ? "characterTooMany" : "charactersTooMany";
  info.textContent = ui[key].replace("{count}", String(n));
  info.classList.toggle("govuk-error-message", left < 0);
  info.classList.toggle("govuk-hint", left >= 0);
}

/** The raw answer a control `el` (in `root`) gives for `key`: the codes ticked in a list of
 *  checkboxes, a tick box's state, or the value. */
export function answerOf(root, el, key) {
  if (el.type === "checkbox" && el.getAttribute("data-list") === "codes") {
    const boxes = root.querySelectorAll(`input[data-key="${CSS.escape(key)}"]`);
    return [...boxes].filter((b) => b.checked).map((b) => b.value);
  }
  return el.type === "checkbox" ? el.checked : el.value;
}

/** Hides the questions (in `root`) that the definition's conditions do not ask given `doc`;
 *  list items are never hidden on their own. */
export function applyVisibility(root, def, doc) {
  for (const group of root.querySelectorAll("[data-pointer]")) {
    const pointer = group.getAttribute("data-pointer");
    const parent = pointer.slice(0, pointer.lastIndexOf("/"));
    const field = fieldAt(def, pointer);
    if (field && field.name !== "" && !/^\d+$/.test(pointer.slice(parent.length + 1))) {
      group.hidden = !isShown(field, valueAt(doc, parent) ?? {});
    }
  }
}
