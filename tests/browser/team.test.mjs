// The Prevent team's pages (issue 9): sign in / out, every page redirects to sign in without a
// session, a cross-site change is refused, the inbox (filter, risk flag, paging), a referral
// with labels and no raw JSON, update errors, the print view, export, indicators (SVG charts
// with tables), audit log; markup in free text is text everywhere (CSV included); axe-core
// finds nothing on any page or state, en and cy.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { launch, axeViolations } from "./harness.mjs";
import { assertNoStrayText } from "./helpers.mjs";
import { startTeamServer, exampleReferral, signIn } from "./team-server.mjs";

let server;
let browser;
let risky;
const HOSTILE = `=HYPERLINK("http://evil.example","click") <img src=x onerror="window.pwned=1"><script>window.pwned=2</script>`;

before(async () => {
  server = await startTeamServer();
  browser = await launch();
  // Some referrals, one with immediate risk and markup (and a spreadsheet formula) in its free text.
  for (let i = 0; i < 3; i++) await server.send(await exampleReferral());
  risky = await server.send(
    await exampleReferral((doc) => {
      doc.immediate_risk = true;
      doc.concern.description = `${HOSTILE} ${doc.concern.description}`;
      doc.referrer.full_name = "<b>Priya</b> Shah";
    }),
  );
  await server.update(risky.referral_id, { status: "under_assessment", message: `<i>seen</i> ${HOSTILE}` });
});
after(async () => {
  await browser?.close();
  server?.stop();
});

async function context() {
  const ctx = await browser.newContext({ acceptDownloads: true });
  const page = await ctx.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  return { ctx, page, errors };
}

async function ready(page) {
  await page.locator("body[data-ready='true']").waitFor();
}

async function clean(page, state) {
  await assertNoStrayText(page, state);
  assert.deepEqual(await axeViolations(page), [], state);
  assert.equal(await page.evaluate(() => window.pwned), undefined, `${state}: script ran`);
}

test("without a session every team page redirects to sign in; sign-in errors; sign out ends the session", async () => {
  const { ctx, page, errors } = await context();
  for (const path of ["/team/", "/team", "/team/referral/", "/team/print/", "/team/export/", "/team/indicators/", "/team/audit/", "/team/index.html"]) {
    const response = await page.goto(`${server.url}${path}`);
    assert.equal(new URL(page.url()).pathname, "/team/sign-in/", path);
    assert.equal(response.status(), 200);
  }
  await page.goto(`${server.url}/team/export/?lang=cy`);
  assert.equal(new URL(page.url()).search, "?lang=cy");
  await ready(page);
  await clean(page, "sign in cy");
  await page.goto(`${server.url}/team/sign-in/`);
  await ready(page);
  await clean(page, "sign in en");
  // Nothing typed: an error summary linked to the field.
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.locator(".govuk-error-summary").waitFor();
  assert.match(await page.locator(".govuk-error-summary").innerText(), /Enter your team token/);
  assert.match(await page.title(), /^Error: /);
  await clean(page, "sign in error");
  await page.getByRole("link", { name: "Enter your team token" }).click();
  assert.equal(await page.evaluate(() => document.activeElement.id), "team-token");
  // A wrong token (Enter submits).
  await page.getByLabel("Team token").fill("prt_not-a-real-token");
  await page.keyboard.press("Enter");
  await page.locator(".govuk-error-message", { hasText: "The team token is not right" }).waitFor();
  assert.equal(new URL(page.url()).pathname, "/team/sign-in/");
  // The right one; the token goes in no URL, the session cookie is HttpOnly.
  const urls = [];
  page.on("request", (r) => urls.push(r.url()));
  await page.getByLabel("Team token").fill(server.token);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((u) => u.pathname === "/team/");
  await ready(page);
  assert.ok(urls.every((u) => !u.includes(server.token)));
  const cookies = await ctx.cookies();
  assert.ok(cookies.length >= 1 && cookies.every((c) => c.httpOnly && c.sameSite === "Strict"), JSON.stringify(cookies.map((c) => [c.path, c.httpOnly, c.sameSite])));
  assert.equal(await page.evaluate(() => document.cookie), "", "the page's script cannot read the session");
  // Sign out: back to sign in, and the pages redirect again.
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/team\/sign-in\/\?out=1/);
  await page.getByText("You have been signed out.").waitFor();
  await page.goto(`${server.url}/team/audit/`);
  assert.equal(new URL(page.url()).pathname, "/team/sign-in/");
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("a cross-site change with the session cookie is refused; the same change from the page works", async () => {
  const { ctx, page } = await context();
  await signIn(page, server.url, server.token);
  const cookie = (await ctx.cookies()).find((c) => c.path === "/v1/team");
  const post = (origin) =>
    fetch(`${server.url}/v1/team/referrals/${risky.referral_id}/feedback`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Cookie: `${cookie.name}=${cookie.value}`, ...(origin ? { Origin: origin } : {}) },
      body: JSON.stringify({ status: "no_further_action" }),
    });
  for (const origin of ["https://evil.example", "null", "http://127.0.0.1:1", undefined]) {
    const r = await post(origin);
    assert.equal(r.status, 403, String(origin));
    assert.equal((await r.json()).error.code, "forbidden_origin");
  }
  const del = await fetch(`${server.url}/v1/team/session`, { method: "DELETE", headers: { Cookie: `${cookie.name}=${cookie.value}`, Origin: "https://evil.example" } });
  assert.equal(del.status, 403, "sign out from another site is refused too");
  // Nothing was changed by the refused requests.
  const body = await (await fetch(`${server.url}/v1/team/referrals/${risky.referral_id}`, { headers: { Authorization: `Bearer ${server.token}` } })).json();
  assert.equal(body.status, "under_assessment");
  await ctx.close();
});

for (const lang of ["en", "cy"]) {
  const cy = lang === "cy";
  test(`the pages in ${cy ? "Welsh" : "English"}: inbox, referral, update errors, print, export, indicators, audit`, async () => {
    const { ctx, page, errors } = await context();
    await signIn(page, server.url, server.token, { lang });
    // Inbox: newest first, the risk flagged, statuses as labels.
    await clean(page, `inbox ${lang}`);
    const rows = page.locator("tbody tr");
    assert.equal(await rows.count(), 4);
    const first = await rows.first().innerText();
    assert.match(first, new RegExp(risky.reference), "newest first");
    assert.match(first, cy ? /Risg uniongyrchol/ : /Immediate risk/);
    assert.match(first, cy ? /Wrthi’n cael ei asesu/ : /Under assessment/);
    // Filter by status.
    await page.getByLabel(cy ? "Hidlo yn ôl statws" : "Filter by status").selectOption({ label: cy ? "Wedi dod i law" : "Received" });
    await page.getByRole("button", { name: cy ? "Hidlo" : "Apply filter" }).click();
    await page.waitForURL(/status=received/);
    await ready(page);
    assert.equal(await page.locator("tbody tr").count(), 3);
    await clean(page, `inbox filtered ${lang}`);

    // A referral: labels, no raw JSON, markup as text.
    await page.goto(`${server.url}/team/${cy ? "?lang=cy" : ""}`);
    await ready(page);
    await page.getByRole("link", { name: risky.reference, exact: true }).click();
    await ready(page);
    await page.getByRole("heading", { level: 1, name: new RegExp(risky.reference) }).waitFor();
    const text = await page.locator("main").innerText();
    assert.ok(text.includes(HOSTILE), "the description as typed");
    assert.ok(text.includes("<b>Priya</b> Shah"));
    assert.ok(!/[{}]"|":/.test(text.replace(HOSTILE, "")), "no raw JSON");
    assert.equal(await page.locator("main img, main script:not([src]), main b, main i").count(), 0);
    // Codes as the model's labels.
    assert.match(text, cy ? /Ym mha sector[^\n]*\tAddysg\n/ : /Which sector do you work in\?\tEducation\n/);
    assert.match(text, cy ? /\tMedi 2026\n/ : /\tSeptember 2026\n/, "a partial date for people");
    await clean(page, `referral ${lang}`);
    // Update errors: no status chosen.
    await page.getByRole("button", { name: cy ? "Anfon y diweddariad" : "Send update" }).click();
    await page.locator(".govuk-error-summary").waitFor();
    // The feedback validator's message (validateFeedback, in the page language).
    assert.match(await page.locator(".govuk-error-summary").innerText(), cy ? /^Dewiswch y statws$/m : /^Select the status$/m);
    await clean(page, `update errors ${lang}`);
    // A message over the limit.
    await page.getByLabel(cy ? "Dim camau pellach" : "No further action").check();
    await page.getByLabel(cy ? "Neges i'r atgyfeiriwr (dewisol)" : "Message to the referrer (optional)").fill("x".repeat(10001));
    await page.getByRole("button", { name: cy ? "Anfon y diweddariad" : "Send update" }).click();
    await page.locator(".govuk-error-summary", { hasText: cy ? "Rhaid i'r neges fod yn 10000 nod neu lai" : "The message must be 10000 characters or fewer" }).waitFor();
    await page.locator("#message-info", { hasText: cy ? "1 nod yn ormod" : "1 character too many" }).waitFor();
    await clean(page, `message too long ${lang}`);

    // The print view: the same readable document, markup as text.
    await page.getByRole("link", { name: cy ? "Fersiwn argraffu ar gyfer y ffeil achos" : "Print view for the case file" }).click();
    await page.waitForURL(/\/team\/print\//);
    await ready(page);
    const printed = await page.locator("main").innerText();
    assert.ok(printed.includes(HOSTILE));
    assert.equal(await page.locator("main img, main b, main i").count(), 0);
    assert.equal(await page.locator(".govuk-service-navigation__list, .pr-sign-out").count(), 0, "no navigation on the print view");
    await clean(page, `print ${lang}`);

    // Export.
    await page.goto(`${server.url}/team/export/${cy ? "?lang=cy" : ""}`);
    await ready(page);
    await clean(page, `export ${lang}`);
    await page.locator("#since-day").fill("31");
    await page.locator("#since-month").fill("2");
    await page.locator("#since-year").fill("2026");
    await page.getByRole("button", { name: cy ? "Lawrlwytho CSV" : "Download CSV" }).click();
    await page.locator(".govuk-error-summary", { hasText: cy ? "Rhowch ddyddiad go iawn" : "Enter a real date" }).waitFor();
    await clean(page, `export error ${lang}`);
    await page.locator("#since-day").fill("1");
    await page.locator("#since-month").fill("1");
    const [csvDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: cy ? "Lawrlwytho CSV" : "Download CSV" }).click()]);
    const csv = await readFile(await csvDownload.path(), "utf8");
    const line = csv.split("\r\n").find((l) => l.startsWith(`${risky.reference},`));
    assert.ok(line);
    // Opened in a spreadsheet, the formula is text: the cell starts with a quote.
    assert.ok(line.includes(`"'=HYPERLINK(`), line.slice(0, 400));
    const [jsonlDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: cy ? "Lawrlwytho JSON Lines" : "Download JSON Lines" }).click()]);
    const jsonl = (await readFile(await jsonlDownload.path(), "utf8")).trim().split("\n").map((l) => JSON.parse(l));
    assert.equal(jsonl.length, 4);

    // Indicators: a chart and a table for each count.
    await page.getByRole("link", { name: cy ? "Dangosyddion" : "Indicators", exact: true }).click();
    await ready(page);
    const charts = page.locator("svg[role='img']");
    assert.equal(await charts.count(), 4);
    for (let i = 0; i < 4; i++) {
      assert.ok((await charts.nth(i).locator("title").textContent()).length > 5);
      assert.ok((await charts.nth(i).locator("desc").textContent()).length > 5);
    }
    assert.equal(await page.locator("main table").count(), 4);
    assert.match(await page.locator("main").innerText(), cy ? /Atgyfeiriadau a ddaeth i law yn y cyfnod: 4/ : /Referrals received in the period: 4/);
    const statusTable = await page.locator("main table").nth(3).innerText();
    assert.match(statusTable, cy ? /Wedi dod i law\s+3/ : /Received\s+3/);
    await clean(page, `indicators ${lang}`);
    // A period with nothing in it.
    await page.locator("#to-day").fill("1");
    await page.locator("#to-month").fill("1");
    await page.locator("#to-year").fill("2020");
    await page.getByRole("button", { name: cy ? "Dangos dangosyddion" : "Show indicators" }).click();
    await page.locator("main", { hasText: cy ? "yn y cyfnod: 0" : "in the period: 0" }).waitFor();
    await clean(page, `indicators empty ${lang}`);

    // The audit log: who did what.
    await page.getByRole("link", { name: cy ? "Log archwilio" : "Audit log", exact: true }).click();
    await ready(page);
    const audit = await page.locator("main table").innerText();
    assert.match(audit, /Dana Officer/);
    assert.match(audit, cy ? /Allforio CSV/ : /Exported CSV/);
    assert.match(audit, cy ? /Darllen atgyfeiriad/ : /Read a referral/);
    // The table is named for screen readers, but the heading is not shown twice.
    const auditName = cy ? "Log archwilio" : "Audit log";
    assert.equal(await page.getByRole("table", { name: auditName }).count(), 1);
    const caption = await page.locator("main table caption").boundingBox();
    assert.ok(caption && caption.height <= 1 && caption.width <= 1, `caption shown: ${JSON.stringify(caption)}`);
    await clean(page, `audit ${lang}`);
    // Who looked at the risky referral: one search by its reference (in lower case); every row
    // names it, linked to the referral.
    await page.getByLabel(cy ? "Atgyfeiriad" : "Referral", { exact: true }).fill(risky.reference.toLowerCase());
    await page.getByRole("button", { name: cy ? "Hidlo" : "Apply filter" }).click();
    await page.waitForURL(/referral=/);
    await ready(page);
    const filtered = page.locator("main table tbody tr");
    assert.ok((await filtered.count()) >= 1);
    for (const row of await filtered.all()) {
      assert.equal(await row.getByRole("link", { name: risky.reference, exact: true }).count(), 1);
    }
    await clean(page, `audit filtered ${lang}`);
    assert.deepEqual(errors, []);
    await ctx.close();
  });
}

test("an unknown referral on the team's page: Page not found", async () => {
  const { ctx, page } = await context();
  await signIn(page, server.url, server.token);
  await page.goto(`${server.url}/team/referral/#${crypto.randomUUID()}`);
  await ready(page);
  await page.getByRole("heading", { level: 1, name: "Page not found" }).waitFor();
  await clean(page, "referral not found");
  await ctx.close();
});

test("the inbox pages through many referrals, newest first, 25 at a time", async () => {
  const sent = [];
  for (let i = 0; i < 24; i++) sent.push(await server.send(await exampleReferral()));
  const { ctx, page, errors } = await context();
  await signIn(page, server.url, server.token);
  const first = await page.locator("tbody tr td:first-child, tbody tr th:first-child").allTextContents();
  assert.equal(first.length, 25);
  assert.equal(first[0].trim(), sent.at(-1).reference, "the newest first");
  await page.getByRole("link", { name: "Next page" }).click();
  await ready(page);
  const second = await page.locator("tbody tr td:first-child").allTextContents();
  assert.ok(second.length >= 1 && second.length <= 25);
  assert.equal(second.filter((r) => first.includes(r)).length, 0, "no referral on both pages");
  assert.equal(await page.getByRole("link", { name: "Next page" }).count(), 0);
  await clean(page, "inbox page 2");
  await page.getByRole("link", { name: "First page" }).click();
  await ready(page);
  assert.deepEqual(await page.locator("tbody tr td:first-child").allTextContents(), first);
  assert.deepEqual(errors, []);
  await ctx.close();
});
