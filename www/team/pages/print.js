// The print view of a referral for the case file: no navigation, the history and the document.
import { h } from "/pkg/dom.js";
import { ui, link } from "/team/context.js";
import { put } from "/team/parts.js";
import { loadReferral, referralHeading, historyTable, documentSections } from "/team/referral-view.js";

/** Renders the print view of the referral named in the fragment into `main`. */
export default async function printPage(main) {
  const loaded = await loadReferral(main);
  if (!loaded) return;
  const { id, body } = loaded;
  const print = h("button", { type: "button", class: "govuk-button govuk-button--secondary pr-no-print", text: ui.print });
  print.addEventListener("click", () => window.print());
  put(
    main,
    h("p", { class: "govuk-body pr-no-print" }, h("a", { class: "govuk-link", href: link("/team/referral/", {}, id), text: ui.back })),
    referralHeading(body),
    print,
    historyTable(body),
    documentSections(body.document),
  );
}
