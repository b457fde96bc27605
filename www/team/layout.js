// The chrome around every team page: skip link, service navigation (not on sign in or the
// print view) with sign out, the language switch (not on the print view), and <main>.
import { h } from "/pkg/dom.js";
import { page, lang, ui, link, SIGN_IN } from "/team/context.js";

/** The navigation: [page whose item it is, address, text]. */
const NAV = [
  ["inbox", "/team/", "navInbox"],
  ["export", "/team/export/", "navExport"],
  ["indicators", "/team/indicators/", "navIndicators"],
  ["audit", "/team/audit/", "navAudit"],
];

/** The link to this page in the other language. */
function languageSwitch() {
  const other = lang === "cy" ? "en" : "cy";
  const url = new URL(location.href);
  if (other === "cy") url.searchParams.set("lang", "cy");
  else url.searchParams.delete("lang");
  return h(
    "nav",
    { class: "pr-language", "aria-label": ui.languageNav },
    h("a", { class: "govuk-link", href: url.pathname + url.search + url.hash, lang: other, hreflang: other, text: other === "cy" ? "Cymraeg" : "English" }),
  );
}

/** The service navigation's list, this page's item marked as current. */
function navigation() {
  const current = page === "referral" ? "inbox" : page;
  const items = NAV.map(([name, path, key]) =>
    h(
      "li",
      { class: `govuk-service-navigation__item${name === current ? " govuk-service-navigation__item--active" : ""}` },
      h(
        "a",
        { class: "govuk-service-navigation__link", href: link(path), "aria-current": name === current ? "page" : null },
        name === current ? h("strong", { class: "govuk-service-navigation__active-fallback", text: ui[key] }) : ui[key],
      ),
    ),
  );
  return h("nav", { "aria-label": ui.navMenu, class: "govuk-service-navigation__wrapper" }, h("ul", { class: "govuk-service-navigation__list" }, items));
}

/** The sign-out button: ends the session, then goes to sign in ("You have been signed out"). */
function signOutButton() {
  const button = h("button", { type: "button", class: "govuk-button govuk-button--secondary govuk-!-margin-bottom-0 pr-sign-out", text: ui.signOut });
  button.addEventListener("click", async () => {
    await fetch("/v1/team/session", { method: "DELETE", credentials: "same-origin", redirect: "error" }).catch(() => null);
    location.assign(link(SIGN_IN, { out: "1" }));
  });
  return h("div", { class: "pr-sign-out-wrapper" }, button);
}

/** Replaces the shell's body with the page's chrome; returns the empty <main>. */
export function layout() {
  const main = h("main", { class: "govuk-main-wrapper", id: "main-content" });
  const serviceName = h(
    "span",
    { class: "govuk-service-navigation__service-name" },
    h("a", { href: link(page === "sign-in" ? SIGN_IN : "/team/"), class: "govuk-service-navigation__link", text: ui.teamTitle }),
  );
  const signedIn = page !== "sign-in" && page !== "print";
  document.body.replaceChildren(
    h("a", { href: "#main-content", class: "govuk-skip-link", text: ui.skipLink }),
    h(
      "section",
      { class: "govuk-service-navigation pr-no-print", "aria-label": ui.serviceInformation },
      h(
        "div",
        { class: "govuk-width-container" },
        h("div", { class: "govuk-service-navigation__container" }, serviceName, signedIn ? navigation() : null, signedIn ? signOutButton() : null),
      ),
    ),
    h("div", { class: "govuk-width-container" }, page === "print" ? null : languageSwitch(), main),
  );
  return main;
}
