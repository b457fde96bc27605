// make screenshots: docs/screenshots/{empty,errors,welsh,section-page,check-answers,confirmation}.png
// and the status and team pages (status*.png, team-*.png, issue 9)
// from the demo page, filled in as a person would. Fails if any shows stray text.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { startServer, launch, repo } from "./harness.mjs";
import { openForm, fillReferral, fillFirst, label, assertNoStrayText } from "./helpers.mjs";
import { startTeamServer, signIn } from "./team-server.mjs";

const out = join(repo, "docs/screenshots");
mkdirSync(out, { recursive: true });
const server = await startServer();
const browser = await launch();

async function shot(page, name, fullPage = false) {
  await assertNoStrayText(page, name);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(out, `${name}.png`), fullPage });
}

try {
  const { page } = await openForm(browser, server, "/");
  await page.setViewportSize({ width: 1000, height: 1500 });
  await page.locator(".govuk-fieldset__legend").first().waitFor();
  await shot(page, "empty");
  await label(page, "/immediate_risk", "false").click();
  await page.locator("#pr-referrer-full_name").fill("Priya Shah");
  await page.locator("#pr-referrer-email").fill("priya.shah@");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.locator(".govuk-error-summary").waitFor();
  await shot(page, "errors");
  await page.getByRole("button", { name: "Cymraeg" }).click();
  await shot(page, "welsh");
  await page.context().close();

  const paged = (await openForm(browser, server, "/?pages")).page;
  await paged.setViewportSize({ width: 1000, height: 1500 });
  await fillFirst(paged);
  await paged.getByRole("button", { name: "Continue" }).click();
  await paged.getByRole("link", { name: "Back" }).waitFor();
  await shot(paged, "section-page");
  await paged.context().close();

  const full = (await openForm(browser, server, "/")).page;
  await full.setViewportSize({ width: 1000, height: 1500 });
  await fillReferral(full);
  await full.getByRole("button", { name: "Continue" }).click();
  await full.locator(".pr-check").waitFor();
  await shot(full, "check-answers", true);
  await full.getByRole("button", { name: "Send referral" }).click();
  await full.locator(".govuk-panel--confirmation").waitFor();
  await shot(full, "confirmation");
  await full.context().close();
} finally {
  await browser.close();
  server.stop();
}

// The referrer's status page and the Prevent team's pages, on a server with a team token.
const team = await startTeamServer();
const browser2 = await launch();
try {
  const { page: form } = await openForm(browser2, team, "/");
  await form.setViewportSize({ width: 1000, height: 1300 });
  await fillReferral(form);
  await form.getByRole("button", { name: "Continue" }).click();
  await form.getByRole("button", { name: "Send referral" }).click();
  const reference = (await form.locator(".pr-reference").textContent()).trim();
  const statusUrl = await form.getByRole("link", { name: "Check the status of this referral" }).getAttribute("href");
  const ctx = await browser2.newContext({ viewport: { width: 1100, height: 1300 } });
  const page = await ctx.newPage();
  await signIn(page, team.url, team.token);
  await page.getByRole("link", { name: reference, exact: true }).click();
  await page.locator("body[data-ready='true']").waitFor();
  await page.getByRole("button", { name: "Send update" }).click();
  await page.locator(".govuk-error-summary").waitFor();
  await shot(page, "team-update-errors");
  await page.getByLabel("Under assessment", { exact: true }).check();
  await page.getByLabel("Message to the referrer (optional)").fill("We are looking into this and may contact you for more information.");
  await page.getByRole("button", { name: "Send update" }).click();
  await page.locator(".govuk-notification-banner").waitFor();
  await shot(page, "team-referral", true);
  await page.getByRole("link", { name: "Print view for the case file" }).click();
  await page.locator("body[data-ready='true']").waitFor();
  await shot(page, "team-print");
  await page.goto(`${team.url}/team/`);
  await page.locator("body[data-ready='true']").waitFor();
  for (const [name, link] of [["team-export", "Export"], ["team-indicators", "Indicators"], ["team-audit", "Audit log"], ["team-inbox", "Referrals"]]) {
    await page.getByRole("link", { name: link, exact: true }).click();
    await page.waitForFunction(() => document.readyState === "complete");
    await page.locator("body[data-ready='true']").waitFor();
    await shot(page, name, name === "team-indicators");
  }
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/sign-in/);
  await page.locator("body[data-ready='true']").waitFor();
  await shot(page, "team-sign-in");

  await form.goto(new URL(statusUrl, team.url).href);
  await form.locator("prevent-referral-status [data-state='found']").waitFor();
  await shot(form, "status", true);
  await form.getByRole("button", { name: "Cymraeg" }).click();
  await form.locator("prevent-referral-status h1", { hasText: "Statws eich atgyfeiriad" }).waitFor();
  await shot(form, "status-welsh");
  await form.goto(`${team.url}/status/#not-a-real-link`);
  await form.locator("prevent-referral-status [data-state='not_found']").waitFor();
  await shot(form, "status-not-found");
  await ctx.close();
  await form.context().close();
  console.log(`screenshots written to ${out}`);
} finally {
  await browser2.close();
  team.stop();
}
