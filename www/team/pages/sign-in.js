// Sign in: the team token, sent once as a bearer token for a session cookie (HttpOnly); the
// token goes in no URL and is not kept.
import { h } from "/pkg/dom.js";
import { ui, link, setTitle, SIGN_IN } from "/team/context.js";
import { put, heading, showErrors, textGroup } from "/team/parts.js";

/** Renders the sign-in page into `main`. */
export default function signInPage(main) {
  setTitle(ui.signIn);
  const errors = h("div", {});
  const input = h("input", { class: "govuk-input govuk-!-width-two-thirds", id: "team-token", name: "team-token", type: "password", autocomplete: "off", spellcheck: "false" });
  const group = textGroup({ id: "team-token", label: ui.teamToken, hint: ui.teamTokenHint, control: input });
  const button = h("button", { type: "submit", class: "govuk-button", "data-module": "govuk-button", text: ui.signIn });
  const form = h("form", { novalidate: true, method: "post", action: SIGN_IN }, group, button);
  const notices = [];
  if (new URLSearchParams(location.search).get("out") === "1") notices.push(h("div", { class: "govuk-inset-text", role: "status", text: ui.signedOut }));
  put(main, h("div", { class: "govuk-grid-row" }, h("div", { class: "govuk-grid-column-two-thirds" }, errors, ...notices, heading(ui.signInTitle), form)));
  const fail = (text) => {
    group.setError(text);
    showErrors(errors, [{ href: "team-token", message: text }]);
  };
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const token = input.value.trim();
    if (!token) return fail(ui.tokenMissing);
    if (/[^\x21-\x7e]/.test(token)) return fail(ui.tokenWrong);
    button.disabled = true;
    let response = null;
    try {
      response = await fetch("/v1/team/session", { method: "POST", credentials: "same-origin", redirect: "error", headers: { Authorization: `Bearer ${token}`, Accept: "application/json" } });
    } catch {
      response = null;
    }
    button.disabled = false;
    if (response?.status === 201) {
      input.value = "";
      location.assign(link("/team/"));
    } else if (response?.status === 401) fail(ui.tokenWrong);
    else showErrors(errors, [{ message: ui.serviceProblem }]);
  });
}
