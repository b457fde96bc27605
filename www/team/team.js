// The Prevent team's pages (sign in, referrals, a referral and its print view, export,
// indicators, audit log). Each page is a static shell naming itself in <body data-page>; this
// entry lays out the page's chrome in English or Welsh (`?lang=cy`) and runs the page's own
// module from pages/, which renders it with GOV.UK Frontend markup from the team API on this
// origin. Everything shown is built with createElement/textContent (the package's dom.js):
// nothing typed by anyone, and nothing the API returns, is ever parsed as markup. Labels of
// fields and codes come from the model (formDefinition, messages().ui).
import { page, lang } from "/team/context.js";
import { layout } from "/team/layout.js";

/** Each page's module; its default export renders the page into <main>. */
const PAGES = {
  "sign-in": () => import("/team/pages/sign-in.js"),
  inbox: () => import("/team/pages/inbox.js"),
  referral: () => import("/team/pages/referral.js"),
  print: () => import("/team/pages/print.js"),
  export: () => import("/team/pages/export.js"),
  indicators: () => import("/team/pages/indicators.js"),
  audit: () => import("/team/pages/audit.js"),
};

document.documentElement.lang = lang;
document.body.classList.add("js-enabled", "govuk-frontend-supported");

const render = (await (PAGES[page] ?? PAGES.inbox)()).default;
await render(layout());
if (page === "referral" || page === "print") {
  window.addEventListener("hashchange", () => location.reload());
}
document.body.dataset.ready = "true";
