// The form's draft (only with `save-draft`): the raw answers, list counts and referral id in
// sessionStorage under one key per endpoint, cleared when the referral is sent. Storage that
// is full, refused or unreadable never stops the form. The receipt and its status token are
// never stored.

/** The storage key of the draft for `endpoint`. */
export function draftKey(endpoint) {
  return `prevent-referral-draft:${endpoint ?? ""}`;
}

/** The draft under `key`: `{ answers, counts, referralId? }` (answers and counts as Maps),
 *  or null when there is none, it cannot be read, or `key` is null (no drafts kept). */
export function readDraft(key) {
  if (key === null) return null;
  try {
    const saved = JSON.parse(sessionStorage.getItem(key) ?? "null");
    if (!saved) return null;
    const draft = { answers: new Map(saved.answers), counts: new Map(saved.counts) };
    if (typeof saved.referralId === "string") draft.referralId = saved.referralId;
    return draft;
  } catch {
    // A draft that cannot be read is ignored, never fatal.
    return null;
  }
}

/** Stores `{ answers, counts, referralId }` under `key` (nothing when `key` is null). */
export function writeDraft(key, { answers, counts, referralId }) {
  if (key === null) return;
  try {
    sessionStorage.setItem(key, JSON.stringify({ answers: [...answers], counts: [...counts], referralId }));
  } catch {
    // Storage full or refused: the form still works.
  }
}

/** Removes the draft under `key` (nothing when `key` is null). */
export function clearDraft(key) {
  if (key === null) return;
  try {
    sessionStorage.removeItem(key);
  } catch {
    // Nothing to do.
  }
}
