// Accessible bar charts as inline SVG, built with createElementNS and textContent only (no
// chart library, nothing from a CDN). Each chart is `role="img"` with a <title> and <desc>;
// the page puts a table with the same numbers beside it.

const SVG = "http://www.w3.org/2000/svg";

function el(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

let next = 0;

/**
 * A horizontal bar chart: one labelled bar per row `{label, value}`, the value written at the
 * end of the bar. `title` and `desc` name and describe it for assistive technology.
 */
export function barChart({ title, desc, rows }) {
  const id = `pr-chart-${++next}`;
  const width = 460;
  const labelHeight = 20;
  const barHeight = 18;
  const rowHeight = labelHeight + barHeight + 10;
  const height = Math.max(rows.length * rowHeight, rowHeight);
  const max = Math.max(1, ...rows.map((r) => r.value));
  const barSpace = width - 60;
  const svg = el("svg", {
    class: "pr-chart",
    role: "img",
    viewBox: `0 0 ${width} ${height}`,
    width: "100%",
    "aria-labelledby": `${id}-title ${id}-desc`,
    focusable: "false",
  });
  svg.append(el("title", { id: `${id}-title` }, title), el("desc", { id: `${id}-desc` }, desc));
  rows.forEach((row, i) => {
    const y = i * rowHeight;
    const w = Math.round((row.value / max) * barSpace);
    svg.append(
      el("text", { x: 0, y: y + 15, class: "pr-chart__label" }, row.label),
      el("rect", { x: 0, y: y + labelHeight, width: Math.max(w, 1), height: barHeight, class: "pr-chart__bar" }),
      el("text", { x: Math.max(w, 1) + 6, y: y + labelHeight + 14, class: "pr-chart__value" }, String(row.value)),
    );
  });
  return svg;
}
