// The audit log: who did what, and to which referral, newest first.
import { h } from "/pkg/dom.js";
import { ui, link, setTitle, apiJson, formatDate } from "/team/context.js";
import { put, heading, para, table } from "/team/parts.js";

/** Renders the audit log into `main`. */
export default async function auditPage(main) {
  setTitle(ui.auditTitle);
  put(main, heading(ui.auditTitle));
  const body = await apiJson("/v1/team/audit").catch(() => null);
  if (!body) return put(main, para(ui.serviceProblem));
  const items = (Array.isArray(body.items) ? body.items : []).slice().reverse();
  put(
    main,
    table({
      caption: ui.auditTitle,
      captionSize: "hidden",
      head: [ui.colWhen, ui.colWho, ui.colAction, ui.colReferral],
      rows: items.map((item) => [
        formatDate(item.at),
        String(item.actor ?? ""),
        ui[`audit_${item.action}`] ?? String(item.action ?? ""),
        typeof item.referral_id === "string" ? h("a", { class: "govuk-link", href: link("/team/referral/", {}, item.referral_id), text: item.referral_id }) : "",
      ]),
    }),
  );
}
