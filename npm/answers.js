// Answers → the referral document, shared by the form (form.js) and attach() (attach.js),
// so that both turn what a person typed into the same values. Everything about fields comes
// from the form definition (formDefinition()): types, conditions, what the form fills in.
//
// Answers are looked up by key: a field's JSON Pointer (`/individual/address/postcode`),
// `pointer#day`, `#month`, `#year` for the parts of a date, `pointer/0`, `pointer/1`… for the
// items of a list of text or objects. A value is a string as typed, `true`/`false` (a tick
// box), or an array of codes (a list of checkboxes).

/** Whether `cond` ({field, equals}) holds for the object `siblings` (as the validator reads it:
 *  `true` exactly, or the code after trimming). */
export function conditionHolds(cond, siblings) {
  const v = siblings?.[cond.field];
  if (cond.equals === true) return v === true;
  return typeof v === "string" && v.trim() === cond.equals;
}

/** Whether a field is asked, given the other answers of its object (`shownWhen`/`hiddenWhen`). */
export function isShown(field, siblings) {
  if (field.shownWhen && !conditionHolds(field.shownWhen, siblings)) return false;
  if (field.hiddenWhen && conditionHolds(field.hiddenWhen, siblings)) return false;
  return true;
}

/** Whether a field must be answered, given its object's other answers and whether an
 *  enclosing field is relaxed. */
export function isRequired(field, siblings, relaxed) {
  const r = field.required;
  if (relaxed || r === false) return false;
  if (r === true) return true;
  return r.when ? conditionHolds(r.when, siblings) : !conditionHolds(r.unless, siblings);
}

const DIGITS = /^\s*\d+\s*$/;

/** `true` for "true"/"yes"/true, `false` for "false"/"no"/false (any case, trimmed); any
 *  other text as given (the validator then says what is wrong); `undefined` for nothing. */
export function booleanValue(raw) {
  if (raw === true || raw === false) return raw;
  if (typeof raw !== "string" || raw.trim() === "") return undefined;
  const t = raw.trim().toLowerCase();
  if (t === "true" || t === "yes") return true;
  if (t === "false" || t === "no") return false;
  return raw;
}

/** A date from its parts: `YYYY-MM-DD` (day and month padded to two digits, the year as
 *  typed so that "90" is reported, not guessed), or for a partial date `YYYY-MM` / `YYYY`.
 *  `undefined` when no part is given. */
export function dateValue(type, { day = "", month = "", year = "" }) {
  const [d, m, y] = [day, month, year].map((p) => String(p ?? "").trim());
  if (type === "partial_date") {
    if (!m && !y) return undefined;
    return m ? `${y}-${m.padStart(2, "0")}` : y;
  }
  if (!d && !m && !y) return undefined;
  return `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
}

/** The value of one field that is not an object or a list of text/objects. */
function scalarValue(field, pointer, get) {
  const raw = get(pointer);
  switch (field.type) {
    case "boolean":
      return booleanValue(raw);
    case "confirmation":
      return raw === true || (typeof raw === "string" && booleanValue(raw) === true) ? true : undefined;
    case "integer":
      if (typeof raw !== "string" || raw.trim() === "") return undefined;
      return DIGITS.test(raw) ? Number(raw) : raw;
    case "date":
    case "partial_date": {
      // One input holding the whole date (an agency's own <input type="date">) or its parts.
      if (typeof raw === "string" && raw.trim() !== "") return raw.trim();
      return dateValue(field.type, { day: get(`${pointer}#day`), month: get(`${pointer}#month`), year: get(`${pointer}#year`) });
    }
    case "array": // a list of codes
      return Array.isArray(raw) && raw.length ? [...raw] : undefined;
    default:
      return typeof raw === "string" && raw.trim() !== "" ? raw : undefined;
  }
}

const isPlainObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * Fills `target` (an object) with the answers to `fields` under `pointer`, keeping what it
 * already holds (defaults) where nothing was answered. Hidden questions are left out when
 * `hide` is set. A required object nobody answered is kept empty, so the validator reports
 * each of its questions ("Enter your full name") rather than the object as a whole.
 */
function fill(target, fields, pointer, get, indices, relaxed, hide) {
  const nested = (f) => f.type === "object" || (f.type === "array" && f.item.type !== "code");
  // Questions first: conditions are about them (a code or a yes/no of the same object).
  for (const f of fields) {
    if (f.widget === "none" || nested(f)) continue;
    const v = scalarValue(f, `${pointer}/${f.name}`, get);
    if (v !== undefined) target[f.name] = v;
  }
  for (const f of fields) {
    if (f.widget === "none") continue;
    if (hide && !isShown(f, target)) {
      delete target[f.name];
      continue;
    }
    if (!nested(f)) continue;
    const p = `${pointer}/${f.name}`;
    if (f.type === "object") {
      const inner = f.relaxedWhen ? conditionHolds(f.relaxedWhen, target) || relaxed : relaxed;
      const o = isPlainObject(target[f.name]) ? target[f.name] : {};
      fill(o, f.fields, p, get, indices, inner, hide);
      if (Object.keys(o).length || isRequired(f, target, relaxed)) target[f.name] = o;
      continue;
    }
    const items = [];
    for (const i of indices(p)) {
      const ip = `${p}/${i}`;
      if (f.item.type === "object") {
        const o = fill({}, f.item.fields, ip, get, indices, true, hide);
        if (Object.keys(o).length) items.push(o);
      } else {
        const v = scalarValue(f.item, ip, get);
        if (v !== undefined) items.push(v);
      }
    }
    if (items.length) target[f.name] = items;
  }
  return target;
}

/**
 * The document the answers make: `base` (copied, never changed: the form's own values and
 * an integrator's defaults) with every answer given set at its path.
 *
 * `answers` is a Map of key → value (see the top of this file). With `hide` (default true),
 * questions hidden by the other answers (`shownWhen`/`hiddenWhen`) are left out.
 */
export function documentFrom(def, answers, base = {}, { hide = true } = {}) {
  const get = (key) => answers.get(key);
  const indices = (pointer) => {
    const found = new Set();
    const prefix = `${pointer}/`;
    for (const key of answers.keys()) {
      if (!key.startsWith(prefix)) continue;
      const m = /^(\d+)(?:[/#]|$)/.exec(key.slice(prefix.length));
      if (m) found.add(Number(m[1]));
    }
    return [...found].sort((a, b) => a - b);
  };
  return fill(structuredClone(base), def.fields, "", get, indices, false, hide);
}

/** The value at a JSON Pointer in `doc`, or undefined. */
export function valueAt(doc, pointer) {
  let cur = doc;
  for (const seg of pointer.split("/").slice(1)) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = cur[seg];
  }
  return cur;
}

/** The fields of the definition a form asks, in the order it asks them. */
export function asked(fields) {
  return fields.filter((f) => f.widget !== "none").sort((a, b) => a.order - b.order);
}

/** The values a form fills in itself (the definition's `filledBy`): the schema version and
 *  language of the definition, the referral's id, and the time. */
export function filledIn(def, referralId) {
  const sources = {
    schema_version: def.schemaVersion,
    new_id: referralId,
    language: def.lang,
    now: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
  };
  const out = {};
  for (const f of def.fields) {
    if (f.filledBy && sources[f.filledBy] !== undefined) out[f.name] = sources[f.filledBy];
  }
  return out;
}
