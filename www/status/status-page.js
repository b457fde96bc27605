// The referrer's status page: <prevent-referral-status> reads `#<referral_id>.<token>` from
// this page's URL fragment. The language switch keeps the page (and its fragment): it
// changes only `?lang=` with history.replaceState.
import { messages } from "/pkg/index.js";
import "/pkg/status.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
const element = document.querySelector("prevent-referral-status");
/** Whether the wasm is ready (the element has shown something), so messages() works. */
let ready = false;

function applyTexts() {
  if (!ready) return;
  const ui = messages(element.lang).ui;
  document.title = element.state === "not_found" ? ui.notFoundTitle : ui.statusTitle;
  document.getElementById("skip-link").textContent = ui.skipLink;
  document.getElementById("language-nav").setAttribute("aria-label", ui.languageNav);
  document.getElementById("service-name").textContent = ui.serviceName;
  document.getElementById("service-information").setAttribute("aria-label", ui.serviceInformation);
}

function setLanguage(lang) {
  document.documentElement.lang = lang;
  element.setAttribute("lang", lang);
  const url = new URL(location.href);
  if (lang === "cy") url.searchParams.set("lang", "cy");
  else url.searchParams.delete("lang");
  history.replaceState(null, "", url.href);
  for (const b of document.querySelectorAll("[data-lang]")) b.hidden = b.dataset.lang === lang;
  applyTexts();
}

element.addEventListener("status:shown", () => {
  ready = true;
  applyTexts();
});
for (const b of document.querySelectorAll("[data-lang]")) b.addEventListener("click", () => setLanguage(b.dataset.lang));
setLanguage(new URLSearchParams(location.search).get("lang") === "cy" ? "cy" : "en");
