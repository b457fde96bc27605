// What the form definition says about the journey, beyond the questions: how the questions
// are split into pages, which page asks a question, the send button's and confirmation's
// texts (the action field's `actions`), and the document's id (the field `filledBy` new_id).

import { asked } from "../answers.js";

/** The pages of questions: everything on one, or when `paged` the questions that are not in
 *  a section first, then one page per section. Each page is a list of top-level fields. */
export function pagesOf(def, paged) {
  const fields = asked(def.fields);
  if (!paged) return [fields];
  const loose = fields.filter((f) => f.widget !== "fieldset");
  const sections = fields.filter((f) => f.widget === "fieldset").map((f) => [f]);
  return loose.length ? [loose, ...sections] : sections;
}

/** The index of the page in `pages` that asks the question at `pointer` (0 when none does). */
export function pageOf(pages, pointer) {
  const page = pages.findIndex((fs) => fs.some((x) => pointer === `/${x.name}` || pointer.startsWith(`/${x.name}/`)));
  return Math.max(0, page);
}

/** `{ send, sent }`: the texts of the action `doc` chooses (the field whose options carry
 *  `actions`), else of its first action, else the ui's. */
export function actionTexts(def, doc, ui) {
  const f = def.fields.find((x) => x.actions);
  if (!f) return { send: ui.submitReferral, sent: ui.sentTitle };
  const chosen = typeof doc?.[f.name] === "string" ? f.actions[doc[f.name]] : null;
  return chosen ?? Object.values(f.actions)[0];
}

/** The document's id: the field the definition says the form fills with a new id, else
 *  `fallback`. */
export function idOf(def, doc, fallback) {
  const f = def.fields.find((x) => x.filledBy === "new_id");
  return String(f ? doc[f.name] : fallback);
}
