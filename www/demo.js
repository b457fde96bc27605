// The demo page: GOV.UK body classes, the form element, and the language switch.
import "/pkg/form.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");

const texts = {
  en: { heading: "Make a Prevent referral", banner: "This page sends referrals to a test endpoint on this computer only." },
  cy: { heading: "Gwneud atgyfeiriad Prevent", banner: "Mae'r dudalen hon yn anfon atgyfeiriadau i bwynt terfyn prawf ar y cyfrifiadur hwn yn unig." },
};
const form = document.querySelector("prevent-referral-form");
// ?draft turns on the opt-in draft (sessionStorage only), to try it out.
if (new URLSearchParams(location.search).has("draft")) form.setAttribute("save-draft", "");
// ?pages asks one section per page.
if (new URLSearchParams(location.search).has("pages")) form.setAttribute("pages", "");

function setLanguage(lang) {
  document.documentElement.lang = lang;
  form.setAttribute("lang", lang);
  document.getElementById("page-heading").textContent = texts[lang].heading;
  document.getElementById("demo-banner").textContent = texts[lang].banner;
  document.title = document.title.startsWith("Error: ") || document.title.startsWith("Gwall: ")
    ? `${lang === "cy" ? "Gwall" : "Error"}: ${texts[lang].heading}`
    : texts[lang].heading;
  for (const b of document.querySelectorAll("[data-lang]")) b.hidden = b.dataset.lang === lang;
}

for (const b of document.querySelectorAll("[data-lang]")) {
  b.addEventListener("click", () => setLanguage(b.dataset.lang));
}
setLanguage(new URLSearchParams(location.search).get("lang") === "cy" ? "cy" : "en");
