// make screenshots: docs/screenshots/{empty,errors,welsh,confirmation}.png from the demo.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { startServer, launch, repo } from "./harness.mjs";

const out = join(repo, "docs/screenshots");
mkdirSync(out, { recursive: true });
const server = await startServer();
const browser = await launch();
const shot = async (page, name) => page.screenshot({ path: join(out, `${name}.png`) });
try {
  const context = await browser.newContext({ viewport: { width: 1000, height: 1500 } });
  const page = await context.newPage();
  await page.goto(server.url, { waitUntil: "domcontentloaded" });
  await page.locator("#pr-referrer-full_name").waitFor();
  await shot(page, "empty");
  await page.locator('label[for="pr-immediate_risk-false"]').click();
  await page.locator("#pr-referrer-full_name").fill("Priya Shah");
  await page.locator("#pr-referrer-email").fill("priya.shah@");
  await page.locator("button[type=submit]").click();
  await page.locator(".govuk-error-summary").waitFor();
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, "errors");
  await page.getByRole("button", { name: "Cymraeg" }).click();
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, "welsh");
  await page.getByRole("button", { name: "English" }).click();
  const fill = [
    ["label", "pr-submission_type"], ["#pr-referrer-email", "p.shah@riverside.sch.uk"], ["label", "pr-referrer-sector"],
    ["#pr-referrer-organisation", "Riverside Academy"], ["#pr-referrer-job_title", "Head of Year 11"],
    ["label", "pr-referrer-relationship_to_individual"], ["label", "pr-referrer-safeguarding_lead_consulted"],
    ["#pr-individual-given_names", "Jordan"], ["#pr-individual-family_name", "Ellis"], ["#pr-individual-approximate_age", "19"],
    ["label", "pr-individual-address_not_known"],
    ["#pr-concern-description", "Has shared videos glorifying a recent attack and talks about joining a group."],
    ["#pr-concern-how_identified", "A teacher overheard conversations in class."],
    ["label", "pr-sharing-individual_aware"], ["label", "pr-sharing-consent"], ["label", "pr-sharing-necessity_confirmed"],
  ];
  for (const [what, value] of fill) {
    if (what === "label") await page.locator(`label[for="${value}"]`).click();
    else await page.locator(what).fill(value);
  }
  await page.locator("button[type=submit]").click();
  await page.locator(".govuk-panel--confirmation").waitFor({ timeout: 5000 }).catch(async () => {
    throw new Error(`the demo referral is still invalid: ${await page.locator(".govuk-error-summary").textContent()}`);
  });
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, "confirmation");
  await context.close();
  console.log(`screenshots written to ${out}`);
} finally {
  await browser.close();
  server.stop();
}
