// Indicators for a period: referrals received, counts by type, sector, concern and status (a
// bar chart and a table with the same numbers each), and the time to first feedback.
import { h } from "/pkg/dom.js";
import { ui, fill, number, setTitle, apiJson, codeLabel, statusLabel } from "/team/context.js";
import { summaryList, summaryRow } from "/pkg/summary.js";
import { put, heading, para, table, showErrors, dateInput } from "/team/parts.js";
import { barChart } from "/team/chart.js";

/** The counts shown: [text key, the answer's member, a code's label, the table's first column]. */
const DIMENSIONS = [
  ["byType", "by_submission_type", (c) => codeLabel("/submission_type", c), "colType"],
  ["bySector", "by_sector", (c) => codeLabel("/referrer/sector", c), "colSector"],
  ["byConcern", "by_concern_type", (c) => codeLabel("/concern/concern_types", c), "colType"],
  ["byStatus", "by_status", statusLabel, "colStatus"],
];

/** One count: a heading, then its chart and its table side by side. */
function dimension(key, counts, label, head) {
  const rows = Object.entries(counts ?? {}).map(([code, n]) => ({ label: label(code), value: Number(n) || 0 }));
  return [
    heading(ui[key], 2, "m"),
    h(
      "div",
      { class: "govuk-grid-row" },
      h("div", { class: "govuk-grid-column-one-half" }, barChart({ title: fill(ui.chartOf, { title: ui[key] }), desc: ui.chartDesc, rows })),
      h(
        "div",
        { class: "govuk-grid-column-one-half" },
        table({ caption: ui[key], captionSize: "s", head: [ui[head], ui.count], rows: rows.map((r) => Object.assign([r.label, String(r.value)], { rowHeader: true })), numeric: [1] }),
      ),
    ),
  ];
}

/** The median and 90th percentile hours to first feedback. */
function timeToFeedback(hours = {}) {
  const shown = (v) => (typeof v === "number" ? fill(ui.hours, { count: number(v) }) : ui.noFeedbackYet);
  return [heading(ui.timeToFeedback, 2, "m"), summaryList([summaryRow(ui.median, shown(hours.median)), summaryRow(ui.p90, shown(hours.p90))])];
}

/** Renders the indicators page into `main` (the whole time, then the period asked for). */
export default async function indicatorsPage(main) {
  setTitle(ui.indicatorsTitle);
  const errors = h("div", {});
  const from = dateInput("from", ui.periodFrom, ui.dateHint);
  const to = dateInput("to", ui.periodTo, ui.dateHint);
  const results = h("div", { class: "pr-indicators" });
  const show = h("button", { type: "submit", class: "govuk-button", text: ui.showIndicators });
  const form = h("form", { novalidate: true, method: "get" }, from, to, show);
  put(main, errors, heading(ui.indicatorsTitle), form, results);
  const load = async () => {
    errors.replaceChildren();
    const problems = [];
    const values = {};
    for (const [name, input] of [["from", from], ["to", to]]) {
      input.setError(null);
      const v = input.value();
      if (v === null) {
        input.setError(ui.dateInvalid);
        problems.push({ href: input.firstInputId, message: ui.dateInvalid });
      } else if (v) values[name] = v;
    }
    if (problems.length) return showErrors(errors, problems);
    // The period includes the day it ends on.
    if (values.to) values.to = new Date(Date.parse(`${values.to}T00:00:00Z`) + 86400000).toISOString().slice(0, 10);
    const body = await apiJson(`/v1/team/indicators?${new URLSearchParams(values)}`).catch(() => null);
    results.replaceChildren();
    if (!body) return put(results, para(ui.serviceProblem));
    put(results, para(fill(ui.total, { count: Number(body.total) || 0 }), "govuk-body-l"));
    for (const [key, member, label, head] of DIMENSIONS) put(results, dimension(key, body[member], label, head));
    put(results, timeToFeedback(body.hours_to_first_feedback ?? {}));
  };
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    load();
  });
  await load();
}
