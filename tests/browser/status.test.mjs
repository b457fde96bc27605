// The referrer's status page and <prevent-referral-status> (issue 9): every update oldest
// first with the model's label and explanation, en and cy; the language switch keeps the page;
// a wrong, expired or missing secret shows the same "Page not found"; the token never goes in
// a request URL; the team's markup is text; a hostile answer shows no stray text; axe clean.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, axeViolations } from "./harness.mjs";
import { assertNoStrayText } from "./helpers.mjs";
import { startTeamServer, exampleReferral } from "./team-server.mjs";

let server;
let browser;
let receipt;
const MARKUP = `<img src=x onerror="document.title='pwned'"><script>window.pwned=1</script> & <b>bold</b>`;

before(async () => {
  server = await startTeamServer();
  browser = await launch();
  receipt = await server.send(await exampleReferral());
  await server.update(receipt.referral_id, { status: "under_assessment", message: MARKUP });
});
after(async () => {
  await browser?.close();
  server?.stop();
});

/** Opens the status page for `hash` (and `?lang=`), recording every request URL and header. */
async function open(hash, search = "") {
  const context = await browser.newContext();
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on("request", (r) => requests.push({ url: r.url(), headers: r.headers() }));
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${server.url}/status/${search}${hash}`);
  await page.locator("prevent-referral-status .pr-status:not([data-state='loading'])").waitFor();
  return { page, requests, errors, close: () => context.close() };
}

const secret = () => `#${receipt.referral_id}.${receipt.status_token}`;

test("the status: reference, updates oldest first with labels, messages as text, explanations; en and cy", async () => {
  const { page, requests, errors, close } = await open(secret());
  const el = page.locator("prevent-referral-status");
  assert.equal(await el.locator(".pr-status").getAttribute("data-state"), "found");
  assert.equal(await page.title(), "The status of your referral");
  assert.equal(await el.locator(".pr-reference").textContent(), receipt.reference);
  const rows = await el.locator("tbody tr").allTextContents();
  assert.equal(rows.length, 2);
  assert.match(rows[0], /Received/);
  assert.match(rows[1], /Under assessment/);
  assert.match(rows[0], /\d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2}/, "a date for people");
  assert.equal(await el.locator(".pr-message").last().textContent(), MARKUP);
  assert.equal(await el.locator("img, script, b").count(), 0, "markup in the team's message is text");
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  // Every status is explained, in the model's words.
  const meanings = el.locator("dl").last();
  assert.equal(await meanings.locator(".govuk-summary-list__row").count(), 7);
  assert.match(await meanings.textContent(), /The Prevent team is looking at what you told them/);
  await assertNoStrayText(page, "status en");
  assert.deepEqual(await axeViolations(page), []);

  // The language switch keeps the page (and its fragment).
  await page.getByRole("button", { name: "Cymraeg" }).click();
  await el.locator("h1", { hasText: "Statws eich atgyfeiriad" }).waitFor();
  assert.equal(new URL(page.url()).hash, secret());
  assert.equal(new URL(page.url()).search, "?lang=cy");
  assert.equal(await page.evaluate(() => document.documentElement.lang), "cy");
  assert.match((await el.locator("tbody tr").allTextContents())[1], /Wrthi’n cael ei asesu/);
  assert.match(await el.locator("dl").last().textContent(), /Mae tîm Prevent yn edrych/);
  assert.match(await el.locator("tbody tr").first().textContent(), /Rhagfyr|Ionawr|Chwefror|Mawrth|Ebrill|Mai|Mehefin|Gorffennaf|Awst|Medi|Hydref|Tachwedd/);
  await assertNoStrayText(page, "status cy");
  assert.deepEqual(await axeViolations(page), []);
  await page.reload();
  await el.locator("[data-state='found'] h1", { hasText: "Statws eich atgyfeiriad" }).waitFor();

  // The token only ever travels in the Authorization header.
  const api = requests.filter((r) => r.url.includes("/feedback"));
  assert.ok(api.length >= 1);
  for (const r of requests) assert.ok(!r.url.includes(receipt.status_token), `token in ${r.url}`);
  for (const r of api) assert.equal(r.headers.authorization, `Bearer ${receipt.status_token}`);
  assert.deepEqual(errors, []);
  await close();
});

test("a wrong, unknown, malformed or missing secret: the same Page not found, en and cy", async () => {
  const other = await server.send(await exampleReferral());
  const cases = [
    "",
    "#",
    "#nonsense",
    `#${receipt.referral_id}`,
    `#${receipt.referral_id}.${other.status_token}`,
    `#${receipt.referral_id}.${receipt.status_token.slice(0, -2)}xx`,
    `#${crypto.randomUUID()}.${receipt.status_token}`,
    `#${receipt.referral_id}.<img src=x>`,
  ];
  let first = null;
  for (const hash of cases) {
    const { page, close } = await open(hash);
    const el = page.locator("prevent-referral-status");
    assert.equal(await el.locator(".pr-status").getAttribute("data-state"), "not_found", hash);
    const shown = await el.innerText();
    first ??= shown;
    assert.equal(shown, first, "no hint whether the referral exists");
    assert.match(shown, /Page not found/);
    assert.equal(await page.title(), "Page not found");
    await close();
  }
  const { page, close } = await open(`#${receipt.referral_id}.${other.status_token}`, "?lang=cy");
  assert.match(await page.locator("prevent-referral-status h1").textContent(), /Heb ddod o hyd i'r dudalen/);
  assert.deepEqual(await axeViolations(page), []);
  await assertNoStrayText(page, "not found cy");
  await close();
  const en = await open("#nonsense");
  assert.deepEqual(await axeViolations(en.page), []);
  await en.close();
});

test("the element embedded with a `referral` attribute, and hostile answers shown as a problem, not as text", async () => {
  const { page, close } = await open("");
  // An intranet keeps the secret itself and gives it to the element.
  await page.evaluate((value) => {
    const el = document.createElement("prevent-referral-status");
    el.id = "embedded";
    el.setAttribute("endpoint", "/v1/referrals");
    el.setAttribute("referral", value);
    document.querySelector("main").append(el);
  }, `${receipt.referral_id}.${receipt.status_token}`);
  const embedded = page.locator("#embedded");
  await embedded.locator("[data-state='found']").waitFor();
  assert.equal(await embedded.locator(".pr-reference").textContent(), receipt.reference);
  assert.equal(await embedded.locator("h2").first().textContent(), "The status of your referral");

  // A broken receiver: HTML 200, a feedback list that is not valid, a redirect, a hang.
  const hostile = [
    { status: 200, contentType: "text/html", body: "<h1>Sign in</h1>" },
    { status: 200, contentType: "application/json", body: JSON.stringify({ reference: "<b>x</b>", feedback: [] }) },
    { status: 200, contentType: "application/json", body: JSON.stringify({ reference: "ABCD2345", feedback: [{ status: "lost" }] }) },
    { status: 200, contentType: "application/json", body: JSON.stringify({ reference: "ABCD2345", feedback: null }) },
    { status: 500, contentType: "application/json", body: "{}" },
    { status: 302, headers: { Location: "/" }, body: "" },
  ];
  for (const answer of hostile) {
    await page.route("**/v1/referrals/*/feedback", (route) => route.fulfill(answer));
    await page.evaluate(() => {
      const el = document.querySelector("#embedded");
      const v = el.getAttribute("referral");
      el.setAttribute("referral", "x");
      el.setAttribute("referral", v);
    });
    await embedded.locator(".pr-status:not([data-state='loading'])").waitFor();
    await page.waitForFunction(() => document.querySelector("#embedded .pr-status")?.dataset.state !== "loading");
    assert.equal(await embedded.locator(".pr-status").getAttribute("data-state"), "unavailable", JSON.stringify(answer));
    assert.match(await embedded.innerText(), /there is a problem with the service/);
    assert.equal(await embedded.locator("b").count(), 0);
    await assertNoStrayText(page, `hostile ${answer.status}`);
    await page.unroute("**/v1/referrals/*/feedback");
  }
  await close();
});
