// For the status and team page tests: the receiving server (as harness.mjs starts it) with a
// team token the tests sign in with, and a way to send a referral straight to the API.
import { join } from "node:path";
import { repo, startServer } from "./harness.mjs";

/**
 * Starts the server (harness.mjs's `startServer`, token for "Dana Officer"); resolves to
 * `{url, token, stop(), newToken(name), storedDocuments(), send(doc), update(id, body)}`.
 */
export async function startTeamServer() {
  const server = await startServer({ tokenName: "Dana Officer", log: "server-team-test.log" });
  const { url, token } = server;
  return {
    ...server,
    /** POSTs a referral document to the intake; resolves to the receipt. */
    async send(doc) {
      const res = await fetch(`${url}/v1/referrals`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(doc) });
      if (res.status !== 201) throw new Error(`intake answered ${res.status}: ${await res.text()}`);
      return res.json();
    },
    /** POSTs a status update with the team token. */
    async update(id, body) {
      const res = await fetch(`${url}/v1/team/referrals/${id}/feedback`, { method: "POST", headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
      if (res.status !== 201) throw new Error(`feedback answered ${res.status}: ${await res.text()}`);
      return res.json();
    },
  };
}

/** A valid example referral with a fresh id, and `change(doc)` applied. */
export async function exampleReferral(change = () => {}) {
  const { readFile } = await import("node:fs/promises");
  const doc = JSON.parse(await readFile(join(repo, "schemas/examples/valid/full-referral.json"), "utf8"));
  doc.referral_id = crypto.randomUUID();
  change(doc);
  return doc;
}

/** Signs in on the team's sign-in page the way a person does. */
export async function signIn(page, url, token, { lang = "en" } = {}) {
  await page.goto(`${url}/team/${lang === "cy" ? "?lang=cy" : ""}`);
  await page.waitForURL(/\/team\/sign-in\//);
  await page.getByLabel(lang === "cy" ? "Tocyn tîm" : "Team token").fill(token);
  await page.getByRole("button", { name: lang === "cy" ? "Mewngofnodi" : "Sign in" }).click();
  await page.waitForURL((u) => u.pathname === "/team/");
  await page.locator("body[data-ready='true']").waitFor();
}
