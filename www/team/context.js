// What every team page knows: the package loaded, the page (from <body data-page>), its
// language (`?lang=cy`) and texts (messages().ui), the form definition (the model's labels),
// the addresses of team pages, and the team API called with the session cookie (the server
// checks Origin on every change).
import { init, messages, formDefinition } from "/pkg/index.js";
import { fieldAt } from "/pkg/dom.js";
import { formatDateTime } from "/pkg/summary.js";

await init();

/** The page's name, as its shell says in `<body data-page>`. */
export const page = document.body.dataset.page;
/** "cy" for `?lang=cy`, else "en". */
export const lang = new URLSearchParams(location.search).get("lang") === "cy" ? "cy" : "en";
/** The pages' texts in `lang`. */
export const ui = messages(lang).ui;
/** The referral's form definition in `lang`: labels of fields and codes. */
export const def = formDefinition(lang);
/** The sign-in page, where a missing or ended session goes. */
export const SIGN_IN = "/team/sign-in/";

/** `text` with `{name}` placeholders filled in. */
export const fill = (text, vars) => text.replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? ""));

/** A number written for people in `lang`. */
export const number = (n) => n.toLocaleString(lang === "cy" ? "cy-GB" : "en-GB");

/** A team page's address in this language, with an optional query and fragment. */
export function link(path, query = {}, hash = "") {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) params.set(k, v);
  if (lang === "cy") params.set("lang", "cy");
  const q = params.toString();
  return `${path}${q ? `?${q}` : ""}${hash ? `#${hash}` : ""}`;
}

/** A referral status's label (the code itself when the texts have none). */
export const statusLabel = (code) => ui[`status_${code}`] ?? code;
/** Every referral status, in the texts' order. */
export const statusCodes = () => Object.keys(ui).filter((k) => k.startsWith("status_")).map((k) => k.slice(7));

/** The options of `field` (or of its items). */
export const optionsOf = (field) => field?.options ?? field?.item?.options ?? [];
/** The label of `code` among the options of the field at `pointer`. */
export const codeLabel = (pointer, code) => optionsOf(fieldAt(def, pointer)).find((o) => o.value === code)?.label ?? code ?? "";

/** An RFC 3339 time (or, `withTime` false, its date) for people in `lang`. */
export const formatDate = (iso, withTime = true) => formatDateTime(iso, lang, withTime);

/** The document title: `text – Prevent team`. */
export function setTitle(text) {
  document.title = `${text} – ${ui.teamTitle}`;
}

/** Calls the team API; a missing or ended session goes to sign in. Resolves to the Response. */
export async function api(path, options = {}) {
  const response = await fetch(path, {
    credentials: "same-origin",
    cache: "no-store",
    redirect: "error",
    ...options,
    headers: { Accept: "application/json", "Accept-Language": lang, ...(options.headers ?? {}) },
  });
  if (response.status === 401) {
    location.assign(link(SIGN_IN));
    throw new Error("signed out");
  }
  return response;
}

/** Calls the team API and resolves to the JSON body; rejects on any status but 2xx. */
export async function apiJson(path) {
  const response = await api(path);
  if (!response.ok) throw new Error(`status ${response.status}`);
  return response.json();
}
