// make screenshots: docs/screenshots/{empty,errors,welsh,section-page,check-answers,confirmation}.png
// from the demo page, filled in as a person would. Fails if any shows stray text.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { startServer, launch, repo } from "./harness.mjs";
import { openForm, fillReferral, fillFirst, label, assertNoStrayText } from "./helpers.mjs";

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
  console.log(`screenshots written to ${out}`);
} finally {
  await browser.close();
  server.stop();
}
