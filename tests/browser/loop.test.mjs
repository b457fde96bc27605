// The whole loop (issue 9), in English and in Welsh: a referral sent through the form → the
// confirmation's "Check the status" link → a team member signs in, finds the referral by its
// reference, sets "Under assessment" with a message → the referrer's status page shows the
// label and the message; the CSV downloaded from the team's export page holds the reference.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { launch, axeViolations } from "./harness.mjs";
import { openForm, fillReferral, continueAndSend, assertNoStrayText } from "./helpers.mjs";
import { startTeamServer, signIn } from "./team-server.mjs";

let server;
let browser;
before(async () => {
  server = await startTeamServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.stop();
});

const T = {
  en: { send: "Send referral", cont: "Continue", check: "Check the status of this referral", received: "Received", under: "Under assessment", update: "Send update", message: "Message to the referrer (optional)", exportNav: "Export", csv: "Download CSV", heading: "The status of your referral" },
  cy: { send: "Anfon yr atgyfeiriad", cont: "Parhau", check: "Gwirio statws yr atgyfeiriad hwn", received: "Wedi dod i law", under: "Wrthi’n cael ei asesu", update: "Anfon y diweddariad", message: "Neges i'r atgyfeiriwr (dewisol)", exportNav: "Allforio", csv: "Lawrlwytho CSV", heading: "Statws eich atgyfeiriad" },
};

for (const lang of ["en", "cy"]) {
  test(`the whole loop in ${lang === "en" ? "English" : "Welsh"}`, async () => {
    const t = T[lang];
    // The referrer sends a referral with the form.
    const { page: form, problems } = await openForm(browser, server, lang === "cy" ? "/?lang=cy" : "/");
    await fillReferral(form);
    await continueAndSend(form, { send: t.send, cont: t.cont });
    await form.locator(".govuk-panel--confirmation").waitFor();
    const reference = (await form.locator(".pr-reference").textContent()).trim();
    assert.match(reference, /^[A-Z0-9]{8}$/);
    const statusLink = form.getByRole("link", { name: t.check });
    const href = await statusLink.getAttribute("href");
    const url = new URL(href, server.url);
    assert.equal(url.pathname, "/status/");
    assert.equal(url.search, lang === "cy" ? "?lang=cy" : "");
    assert.match(url.hash, /^#[0-9a-f-]{36}\.[A-Za-z0-9_-]+$/, "the secret travels in the fragment only");
    const token = url.hash.split(".")[1];

    // The referrer follows the link; the token is never in a request URL.
    const requested = [];
    form.on("request", (r) => requested.push(r.url()));
    await statusLink.click();
    await form.waitForURL(/\/status\//);
    const status = form.locator("prevent-referral-status");
    await status.locator("[data-state='found']").waitFor();
    await assert.doesNotReject(form.getByRole("heading", { level: 1, name: t.heading }).waitFor());
    assert.equal(await status.locator(".pr-reference").textContent(), reference);
    assert.equal(await status.locator(".govuk-tag").textContent(), t.received);
    assert.ok(requested.every((u) => !u.includes(token)), `token in a request URL: ${requested.join(" ")}`);

    // A team member signs in (another browser), finds the referral by its reference.
    const teamContext = await browser.newContext({ acceptDownloads: true });
    const team = await teamContext.newPage();
    await signIn(team, server.url, server.token, { lang });
    await team.getByRole("link", { name: reference, exact: true }).click();
    await team.getByRole("heading", { level: 1, name: new RegExp(reference) }).waitFor();
    await team.getByLabel(t.under, { exact: true }).check();
    const message = lang === "cy" ? "Rydym yn edrych ar hyn. <b>Diolch</b>" : "We are looking into this. <b>Thank you</b>";
    await team.getByLabel(t.message).fill(message);
    await team.getByRole("button", { name: t.update }).click();
    await team.locator(".govuk-notification-banner").waitFor();
    await assertNoStrayText(team, `referral after update (${lang})`);

    // The referrer's page shows the new status and the message, as text.
    await form.reload();
    await status.locator("[data-state='found']").waitFor();
    assert.equal(await status.locator(".govuk-tag").textContent(), t.under);
    assert.equal(await status.locator(".pr-message").last().textContent(), message);
    assert.equal(await status.locator(".pr-message b").count(), 0, "the team's markup stays text");
    const rows = await status.locator("tbody tr").allTextContents();
    assert.equal(rows.length, 2);
    assert.ok(rows[0].includes(t.received) && rows[1].includes(t.under), "oldest first");
    await assertNoStrayText(form, `status page after update (${lang})`);
    assert.deepEqual(await axeViolations(form), []);
    assert.ok(requested.every((u) => !u.includes(token)));

    // The CSV downloaded from the team's export page holds the reference.
    await team.getByRole("link", { name: t.exportNav, exact: true }).click();
    await team.waitForURL(/\/team\/export\//);
    const [download] = await Promise.all([team.waitForEvent("download"), team.getByRole("button", { name: t.csv }).click()]);
    const csv = await readFile(await download.path(), "utf8");
    assert.ok(csv.split("\r\n")[0].startsWith("reference,received_at,status"), csv.slice(0, 80));
    const line = csv.split("\r\n").find((l) => l.startsWith(`${reference},`));
    assert.ok(line, `reference ${reference} in the CSV`);
    assert.match(line, /,under_assessment,/);
    assert.deepEqual(problems, []);
    await teamContext.close();
    await form.context().close();
  });
}
