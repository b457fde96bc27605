// Export: every referral received since a date (or all), as CSV or JSON Lines, downloaded.
import { h } from "/pkg/dom.js";
import { ui, api, setTitle } from "/team/context.js";
import { put, heading, para, showErrors, dateInput } from "/team/parts.js";

/** Renders the export page into `main`. */
export default function exportPage(main) {
  setTitle(ui.exportTitle);
  const errors = h("div", {});
  const since = dateInput("since", ui.exportSince, ui.dateHint);
  const status = h("p", { class: "govuk-body", role: "status" });
  const download = async (format) => {
    const value = since.value();
    since.setError(null);
    errors.replaceChildren();
    if (value === null) {
      since.setError(ui.dateInvalid);
      return showErrors(errors, [{ href: since.firstInputId, message: ui.dateInvalid }]);
    }
    const params = new URLSearchParams({ format });
    if (value) params.set("since", value);
    const response = await api(`/v1/team/export?${params}`).catch(() => null);
    if (!response || !response.ok) return showErrors(errors, [{ message: ui.serviceProblem }]);
    const blob = await response.blob();
    const a = h("a", { href: URL.createObjectURL(blob), download: `referrals${value ? `-since-${value}` : ""}.${format}`, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
  };
  const csv = h("button", { type: "button", class: "govuk-button", text: ui.downloadCsv });
  const jsonl = h("button", { type: "button", class: "govuk-button govuk-button--secondary", text: ui.downloadJsonl });
  csv.addEventListener("click", () => download("csv"));
  jsonl.addEventListener("click", () => download("jsonl"));
  put(
    main,
    h("div", { class: "govuk-grid-row" }, h("div", { class: "govuk-grid-column-two-thirds" }, errors, heading(ui.exportTitle), para(ui.exportIntro), since, h("div", { class: "govuk-button-group" }, csv, jsonl), status)),
  );
}
