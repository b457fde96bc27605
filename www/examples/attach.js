// An agency keeps its own form and markup; attach() adds the standard's checks.
// `pupil_age` is not a document path, so the map says where it goes.
import { attach } from "/pkg/attach.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");

await attach(document.getElementById("agency-form"), {
  lang: document.documentElement.lang === "cy" ? "cy" : "en",
  map: { pupil_age: "/individual/approximate_age" },
  onSubmit(doc) {
    // Here an agency would send `doc` to its Prevent team; the example shows it instead.
    document.getElementById("handed-over-json").textContent = JSON.stringify(doc, null, 2);
    document.getElementById("handed-over").hidden = false;
  },
});
