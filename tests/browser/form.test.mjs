// End-to-end: the demo page in Debian's Chromium against the demo server (make test-browser).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, launch, tabTo, axeViolations, repo } from "./harness.mjs";
import { id, label, openForm as openFormOn, fillReferral, continueAndSend, atCheckPage, assertNoStrayText } from "./helpers.mjs";

let server;
let browser;
before(async () => {
  server = await startServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.stop();
});

async function newPage() {
  const context = await browser.newContext();
  return context.newPage();
}

const openForm = (path = "/") => openFormOn(browser, server, path);

/** The stored document whose JSON text contains `needle`, or undefined. */
async function storedWith(needle) {
  return (await server.storedDocuments()).find((d) => JSON.stringify(d).includes(needle));
}

/** Runs the command-line validator over `doc` (throws unless it exits 0). */
function validateWithCli(doc) {
  const dir = mkdtempSync(join(tmpdir(), "pr-doc-"));
  const file = join(dir, "referral.json");
  writeFileSync(file, JSON.stringify(doc));
  try {
    execFileSync(join(repo, "target/release/prevent-referral"), ["validate", file]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("a complete referral is sent, stored, and valid for the command-line tool", async () => {
  const before = (await server.storedDocuments()).length;
  const { page, problems } = await openForm();
  await fillReferral(page);
  await continueAndSend(page);
  const panel = page.locator(".govuk-panel--confirmation");
  await panel.waitFor();
  assert.match(await panel.textContent(), /Referral sent/);
  assert.equal((await server.storedDocuments()).length, before + 1);
  const doc = await storedWith('"Jordan"');
  assert.equal(doc.individual.address.postcode, "LS1 4AP");
  // The receiver's 8-character reference, not the UUID; and the receipt is kept.
  const receipt = await page.locator("prevent-referral-form").evaluate((el) => el.receipt);
  assert.match(receipt.reference, /^[ABCDEFGHJKLMNPRSTUVWXY23456789]{8}$/);
  assert.equal(receipt.referral_id, doc.referral_id);
  assert.equal((await page.locator(".pr-reference").textContent()).trim(), receipt.reference);
  assert.doesNotMatch(await panel.textContent(), new RegExp(doc.referral_id));
  assert.match(await page.locator(".pr-confirmation").textContent(), /What happens next/);
  validateWithCli(doc);
  assert.deepEqual(problems, []);
  await page.close();
});

test("keyboard only: every question is reached with Tab and answered with the keyboard", async () => {
  const { page, problems } = await openForm();
  const type = async (pointer, text) => {
    await tabTo(page, page.locator(id(pointer)));
    await page.keyboard.type(text);
  };
  const choose = async (selector) => {
    await tabTo(page, page.locator(selector));
    await page.keyboard.press("Space");
  };
  // Radios: Tab reaches the group's first option; arrow keys move within the group.
  await tabTo(page, page.locator(id("/immediate_risk")));
  await page.keyboard.press("ArrowRight");
  await choose(id("/submission_type"));
  await type("/referrer/full_name", "Alex Morgan");
  await choose(id("/referrer/sector"));
  await type("/referrer/organisation", "City College");
  await type("/referrer/job_title", "Safeguarding lead");
  await choose(id("/referrer/relationship_to_individual"));
  await type("/referrer/phone", "0113 496 0000");
  await tabTo(page, page.locator(id("/referrer/safeguarding_lead_consulted")));
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await type("/individual/given_names", "Sam");
  await type("/individual/family_name", "Taylor");
  await type("/individual/approximate_age", "19");
  await choose(id("/individual/address_not_known"));
  await type("/concern/description", "Repeatedly expresses support for a banned organisation online and in person.");
  await type("/concern/how_identified", "Reported by a tutor.");
  await tabTo(page, page.locator(id("/sharing/individual_aware")));
  await page.keyboard.press("Space");
  await tabTo(page, page.locator(id("/sharing/consent")));
  await page.keyboard.press("Space");
  await choose(id("/sharing/necessity_confirmed"));
  await tabTo(page, page.getByRole("button", { name: "Continue" }));
  await page.keyboard.press("Enter");
  await atCheckPage(page);
  await tabTo(page, page.getByRole("button", { name: "Send referral" }));
  await page.keyboard.press("Enter");
  await page.locator(".govuk-panel--confirmation").waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});

test("errors appear on blur and on submit, never on untouched questions; the summary links move focus", async () => {
  const { page } = await openForm();
  assert.equal(await page.locator(".govuk-error-message").count(), 0, "no errors before anything is touched");
  await page.locator(id("/individual/address/postcode")).fill("not a postcode");
  await page.locator(id("/individual/address/postcode")).blur();
  assert.match(await page.locator(`[data-pointer="/individual/address/postcode"] .govuk-error-message`).textContent(), /Enter a real postcode/);
  assert.equal(await page.locator(".govuk-error-message").count(), 1, "only the touched question shows an error");
  await page.getByRole("button", { name: "Continue" }).click();
  const summary = page.locator(".govuk-error-summary");
  await summary.waitFor();
  assert.match(await summary.textContent(), /There is a problem/);
  assert.ok(await summary.evaluate((el) => el === document.activeElement), "focus moves to the summary");
  assert.match(await page.title(), /^Error: /);
  await summary.getByRole("link", { name: "Enter your full name" }).click();
  assert.ok(await page.locator(id("/referrer/full_name")).evaluate((el) => el === document.activeElement));
  // Fixing an answer clears its error.
  await page.locator(id("/referrer/full_name")).fill("Priya Shah");
  await page.locator(id("/referrer/full_name")).blur();
  assert.equal(await page.locator(`[data-pointer="/referrer/full_name"].govuk-form-group--error`).count(), 0);
  await page.close();
});

test("conditional questions appear and disappear, and a hidden question never blocks sending", async () => {
  const { page } = await openForm();
  const org = page.locator(`[data-pointer="/referrer/organisation"]`);
  assert.equal(await org.isVisible(), true);
  await label(page, "/referrer/sector", "friends_family").click();
  assert.equal(await org.isVisible(), false, "friends and family hide the professional questions");
  const reason = page.locator(`[data-pointer="/sharing/reason_not_aware"]`);
  assert.equal(await reason.isVisible(), false);
  await label(page, "/sharing/individual_aware", "no").click();
  assert.equal(await reason.isVisible(), true, "'No' reveals the reason");
  // An advice request: the person's section becomes optional.
  await label(page, "/submission_type", "advice_request").click();
  assert.match(await page.locator(`[data-pointer="/individual/given_names"] label`).textContent(), /\(optional\)/);
  await label(page, "/immediate_risk").click();
  assert.match(await page.locator(".pr-call-999").textContent(), /call 999/);
  await page.locator(id("/referrer/full_name")).fill("A Parent");
  await label(page, "/referrer/relationship_to_individual", "family_member").click();
  await page.locator(id("/referrer/phone")).fill("07700 900123");
  await page.locator(id("/concern/description")).fill("My son has started talking about violent ideas he found online every day.");
  await page.locator(id("/concern/how_identified")).fill("At home.");
  // Type into the organisation, then hide it: it must not be sent or block anything.
  await label(page, "/sharing/individual_aware").click();
  await label(page, "/sharing/consent").click();
  await label(page, "/sharing/necessity_confirmed").click();
  await continueAndSend(page, { send: "Send request for advice" });
  await page.locator(".govuk-panel--confirmation").waitFor();
  assert.match(await page.locator(".govuk-panel").textContent(), /Request for advice sent/);
  await page.close();
});

test("the Welsh switch re-renders everything and keeps every answer", async () => {
  const { page } = await openForm();
  await page.locator(id("/referrer/full_name")).fill("Siân Ellis");
  await label(page, "/referrer/sector", "health").click();
  await page.getByRole("button", { name: "Cymraeg" }).click();
  assert.equal(await label(page, "/referrer/full_name").textContent(), "Enw llawn");
  assert.equal(await page.locator(id("/referrer/full_name")).inputValue(), "Siân Ellis");
  assert.ok(await page.locator(`${id("/referrer/sector")}-health`).isChecked());
  await page.getByRole("button", { name: "Parhau" }).click();
  assert.match(await page.locator(".govuk-error-summary").textContent(), /Mae problem wedi codi/);
  assert.match(await page.title(), /^Gwall: /);
  await page.getByRole("button", { name: "English" }).click();
  assert.equal(await page.locator(id("/referrer/full_name")).inputValue(), "Siân Ellis");
  await page.close();
});

test("a network failure keeps every answer, says what happened, and a retry sends it", async () => {
  const { page } = await openForm();
  await fillReferral(page);
  let fail = true;
  const endpoint = await page.locator("prevent-referral-form").getAttribute("endpoint");
  await page.route(`**${endpoint}`, (route) => (fail ? route.abort("connectionrefused") : route.continue()));
  await continueAndSend(page);
  const banner = page.locator(".pr-failure .govuk-notification-banner");
  await banner.waitFor();
  assert.match(await banner.textContent(), /has not been sent\. Nothing you entered has been lost/);
  assert.match(await page.locator(".pr-check .govuk-summary-list").nth(2).textContent(), /Ellis/, "the answers are still there");
  const download = banner.getByRole("link", { name: "Download a copy" });
  assert.match(await download.getAttribute("download"), /^referral-.*\.json$/);
  fail = false;
  await banner.getByRole("button", { name: "Try again" }).click();
  await page.locator(".govuk-panel--confirmation").waitFor();
  await page.close();
});

test("free text is shown as text, never run as markup", async () => {
  const { page, problems } = await openForm();
  await fillReferral(page);
  const attack = `<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">`;
  await page.locator(id("/individual/given_names")).fill(attack);
  await page.locator(id("/concern/description")).fill(`${attack} ${"x".repeat(60)}`);
  await page.locator(id("/referrer/full_name")).fill("");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.locator(".govuk-error-summary").waitFor();
  await page.locator(id("/referrer/full_name")).fill(attack);
  await continueAndSend(page);
  await page.locator(".govuk-panel--confirmation").waitFor();
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.locator("img[src=x]").count(), 0);
  assert.ok(await storedWith("__pwned = 2"), "the text arrives as typed");
  assert.deepEqual(problems, []);
  await page.close();
});

test("the form asks nothing of anyone but its endpoint, under a strict CSP", async () => {
  const page = await newPage();
  const requests = [];
  const violations = [];
  page.on("request", (r) => requests.push({ url: r.url(), method: r.method() }));
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/.test(m.text())) violations.push(m.text());
  });
  const response = await page.goto(server.url, { waitUntil: "domcontentloaded" });
  assert.match(response.headers()["content-security-policy"], /script-src 'self' 'wasm-unsafe-eval'; style-src 'self'/);
  await page.locator(id("/referrer/full_name")).waitFor();
  await fillReferral(page);
  await page.getByRole("button", { name: "Continue" }).click();
  await atCheckPage(page);
  const beforeSubmit = requests.length;
  await page.getByRole("button", { name: "Send referral" }).click();
  await page.locator(".govuk-panel--confirmation").waitFor();
  const origin = new URL(server.url).origin;
  for (const r of requests) assert.equal(new URL(r.url).origin, origin, `request to ${r.url}`);
  const sent = requests.slice(beforeSubmit);
  const endpoint = await page.locator("prevent-referral-form").getAttribute("endpoint");
  assert.deepEqual(sent.map((r) => `${r.method} ${new URL(r.url).pathname}`), [`POST ${endpoint}`]);
  assert.deepEqual(violations, []);
  assert.deepEqual(await page.evaluate(() => [document.cookie, sessionStorage.length, localStorage.length]), ["", 0, 0]);
  await page.close();
});

test("save-draft keeps a draft in sessionStorage only, restores it, and clears it once sent", async () => {
  // Without save-draft, nothing survives a reload.
  const plain = (await openForm("/")).page;
  await plain.locator(id("/referrer/full_name")).fill("Not kept");
  await plain.reload({ waitUntil: "domcontentloaded" });
  await plain.locator(id("/referrer/full_name")).waitFor();
  assert.equal(await plain.locator(id("/referrer/full_name")).inputValue(), "");
  await plain.close();

  const { page } = await openForm("/?draft");
  await page.locator(id("/referrer/full_name")).fill("Draft Person");
  await label(page, "/referrer/sector", "health").click();
  await page.reload({ waitUntil: "domcontentloaded" });
  await page.locator(id("/referrer/full_name")).waitFor();
  assert.equal(await page.locator(id("/referrer/full_name")).inputValue(), "Draft Person");
  assert.ok(await page.locator(`${id("/referrer/sector")}-health`).isChecked());
  assert.deepEqual(await page.evaluate(() => [sessionStorage.length, localStorage.length, document.cookie]), [1, 0, ""]);
  await fillReferral(page);
  await continueAndSend(page);
  await page.locator(".govuk-panel--confirmation").waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.length), 0, "the draft is gone once sent");
  await page.close();
});

test("attach() adds the checks and messages to an agency's own form", async () => {
  const p = await newPage();
  const problems = [];
  p.on("pageerror", (e) => problems.push(e.message));
  await p.goto(`${server.url}/examples/attach.html`, { waitUntil: "domcontentloaded" });
  await p.locator("#agency-form").waitFor();
  await p.getByRole("button", { name: "Submit to our safeguarding system" }).click();
  const summary = p.locator("#agency-form > .govuk-error-summary");
  await summary.waitFor();
  assert.match(await summary.textContent(), /Enter your full name/);
  assert.match(await p.locator("#r-name").locator("xpath=..").textContent(), /Error: Enter your full name/);
  await p.locator("#r-name").fill("Ruth Jones");
  await p.locator("#r-role").fill("Designated safeguarding lead");
  await p.locator("#r-email").fill("r.jones@riverside.sch.uk");
  await p.locator("#p-first").fill("Kai");
  await p.locator("#p-last").fill("Patel");
  await p.locator("#p-age").fill("15");
  await p.locator("#p-line1").fill("3 Station Road");
  await p.locator("#p-town").fill("York");
  await p.locator("#p-postcode").fill("yo1 7hh");
  await p.locator("#p-postcode").blur();
  assert.equal(await p.locator("#p-postcode").locator("xpath=..").locator(".govuk-error-message").count(), 0);
  await p.locator("#c-what").fill("Has been sharing extremist propaganda in group chats with younger pupils.");
  await p.locator("#c-how").fill("Pupils reported it.");
  await p.locator('label[for="s-aware"]').click();
  await p.locator("#s-consent").fill("Seeking consent could increase the risk.");
  await p.locator('label[for="s-necessary"]').click();
  await p.getByRole("button", { name: "Submit to our safeguarding system" }).click();
  await p.locator("#handed-over").waitFor({ timeout: 5000 }).catch(async () => {
    assert.fail(`still invalid: ${await p.locator("#agency-form").textContent()}`);
  });
  const doc = JSON.parse(await p.locator("#handed-over-json").textContent());
  assert.equal(doc.individual.address.postcode, "YO1 7HH");
  assert.equal(doc.individual.approximate_age, 15);
  assert.equal(p.url(), `${server.url}/examples/attach.html`, "the agency form was not submitted anywhere");
  assert.deepEqual(problems, []);
  await p.close();
});

test("axe finds no accessibility violations in any state, in English and Welsh", async () => {
  for (const lang of ["en", "cy"]) {
    const { page } = await openForm(`/?lang=${lang}`);
    assert.deepEqual(await axeViolations(page), [], `${lang}: empty form`);
    await page.locator("button[type=submit]").click();
    await page.locator(".govuk-error-summary").waitFor();
    assert.deepEqual(await axeViolations(page), [], `${lang}: errors shown`);
    await page.reload({ waitUntil: "domcontentloaded" });
    await page.locator(id("/referrer/full_name")).waitFor();
    await fillReferral(page);
    await page.locator("button[type=submit]").click();
    await page.locator(".pr-check").waitFor();
    assert.deepEqual(await axeViolations(page), [], `${lang}: check answers`);
    await page.locator(".pr-check > .govuk-button").click();
    await page.locator(".govuk-panel--confirmation").waitFor();
    assert.deepEqual(await axeViolations(page), [], `${lang}: confirmation`);
    await page.close();
  }
});
