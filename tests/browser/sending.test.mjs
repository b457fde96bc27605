// Sending against hostile and broken endpoints (issue 7, defect 9). A small Node server on
// 127.0.0.1 serves the package and a page with the form (same origin), and answers at each
// endpoint the way a broken or hostile receiver would. The referral counts as sent only for
// a receipt (receiving API §2) whose referral_id matches and whose feedback is valid;
// anything else keeps every answer, says it was not sent, and throws nothing.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { join, normalize } from "node:path";
import { launch, repo, axeViolations } from "./harness.mjs";
import { openForm, fillReferral, atCheckPage, assertNoStrayText } from "./helpers.mjs";

const GOVUK = join(repo, "tools/node_modules/govuk-frontend/dist/govuk");
const TYPES = { ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".css": "text/css", ".woff2": "font/woff2", ".png": "image/png", ".ico": "image/x-icon" };

const feedback = (id) => ({ schema_version: "1.0", referral_id: id, status: "received", updated_at: "2026-12-01T12:00:00Z", message: "Thank you. Your referral has been received by the Prevent team." });
const receipt = (id) => ({ reference: "HX7K2M9P", referral_id: id, status_token: "dGhpcyBpcyBhIHRlc3QgdG9rZW4", feedback: feedback(id) });

/** What each endpoint answers; `requests` records every referral that reached it. */
const requests = [];
const hung = [];
let conflictId = null;
const endpoints = {
  ok: (doc, res) => setTimeout(() => json(res, 201, receipt(doc.referral_id)), 400),
  upper: (doc, res) => json(res, 200, receipt(doc.referral_id.toUpperCase())),
  noreference: (doc, res) => json(res, 201, { ...receipt(doc.referral_id), reference: `<b>${"x".repeat(5000)}</b>` }),
  html200: (doc, res) => send(res, 200, "text/html", "<!doctype html><title>Sign in</title><h1>Sign in to continue</h1>"),
  empty204: (doc, res) => send(res, 204, "text/plain", ""),
  redirect302: (doc, res) => send(res, 302, "text/plain", "", { Location: "/landing" }),
  badjson: (doc, res) => send(res, 201, "application/json", "{\"reference\": "),
  feedbackonly: (doc, res) => json(res, 201, feedback(doc.referral_id)),
  wrongid: (doc, res) => json(res, 201, receipt("0b7e2c1a-5d3f-4e8a-9c6b-1f2e3d4c5b6a")),
  badfeedback: (doc, res) => json(res, 201, { ...receipt(doc.referral_id), feedback: { ...feedback(doc.referral_id), status: "lost" } }),
  errors5: (doc, res) => json(res, 422, { errors: 5 }),
  errorsnull: (doc, res) => json(res, 422, { errors: [null] }),
  errorsobj: (doc, res) => json(res, 422, { errors: {} }),
  report: (doc, res) =>
    json(res, 422, { valid: false, errors: [{ path: "/concern/description", code: "too_short", message: "The server says: describe the concern in more detail" }], warnings: [] }),
  error500: (doc, res) => json(res, 500, { error: { code: "internal", message: "boom" } }),
  hang: (doc, res) => hung.push(res),
  // The first referral_id is "already stored with other answers"; any other id is new.
  conflict: (doc, res) => {
    conflictId ??= doc.referral_id;
    if (doc.referral_id === conflictId) return json(res, 409, { error: { code: "referral_id_in_use", message: "a different referral with this referral_id has already been received" } });
    return json(res, 201, receipt(doc.referral_id));
  },
};

function send(res, status, type, body, headers = {}) {
  res.writeHead(status, { "Content-Type": type, "Cache-Control": "no-store", ...headers });
  res.end(body);
}
const json = (res, status, value) => send(res, status, "application/json", JSON.stringify(value));

const page = (endpoint, timeout) => `<!doctype html>
<html lang="en" class="govuk-template"><head><meta charset="utf-8"><title>Hostile endpoint: ${endpoint}</title>
<link rel="stylesheet" href="/govuk/govuk-frontend.min.css"></head>
<body class="govuk-template__body js-enabled govuk-frontend-supported"><div class="govuk-width-container"><main class="govuk-main-wrapper" id="main-content">
<h1 class="govuk-heading-xl">Make a Prevent referral</h1>
<prevent-referral-form endpoint="/api/${endpoint}" lang="en"${timeout ? ` timeout="${timeout}"` : ""}></prevent-referral-form>
</main></div>
<script type="module">
import "/pkg/form.js";
window.__events = [];
for (const type of ["referral:success", "referral:error"]) {
  document.addEventListener(type, (e) => window.__events.push({ type, detail: JSON.parse(JSON.stringify(e.detail)) }));
}
</script></body></html>`;

async function serveFile(root, rel, res) {
  const path = normalize(join(root, rel));
  if (!path.startsWith(root)) return send(res, 404, "text/plain", "no");
  try {
    const body = await readFile(path);
    send(res, 200, TYPES[path.slice(path.lastIndexOf("."))] ?? "application/octet-stream", body);
  } catch {
    send(res, 404, "text/plain", "not found");
  }
}

let server;
let base;
let browser;
before(async () => {
  server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://x");
    if (req.method === "POST" && url.pathname.startsWith("/api/")) {
      const chunks = [];
      for await (const c of req) chunks.push(c);
      const endpoint = url.pathname.slice(5);
      const doc = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      requests.push({ endpoint, doc });
      return endpoints[endpoint](doc, res);
    }
    if (url.pathname === "/page") return send(res, 200, "text/html", page(url.searchParams.get("endpoint"), url.searchParams.get("timeout")));
    if (url.pathname === "/landing") return send(res, 200, "text/html", "<!doctype html><title>Landing</title><p>Welcome</p>");
    if (url.pathname.startsWith("/pkg/")) return serveFile(join(repo, "pkg"), url.pathname.slice(5), res);
    if (url.pathname.startsWith("/govuk/")) return serveFile(GOVUK, url.pathname.slice(7), res);
    if (url.pathname.startsWith("/assets/")) return serveFile(join(GOVUK, "assets"), url.pathname.slice(8), res);
    send(res, 404, "text/plain", "not found");
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = { url: `http://127.0.0.1:${server.address().port}` };
  browser = await launch();
});
after(async () => {
  for (const res of hung) res.destroy();
  await browser?.close();
  server?.closeAllConnections?.();
  server?.close();
});

/** Opens the form against `endpoint`, fills a referral and reaches the check page. */
async function ready(endpoint, timeout) {
  const opened = await openForm(browser, base, `/page?endpoint=${endpoint}${timeout ? `&timeout=${timeout}` : ""}`);
  await fillReferral(opened.page);
  const cont = opened.page.getByRole("button", { name: "Continue" });
  // (A form without a check page — before issue 7 — sends from the questions.)
  if (await cont.count()) {
    await cont.click();
    await atCheckPage(opened.page);
  }
  return opened;
}

const events = (page) => page.evaluate(() => window.__events);

/** Sends and expects "not sent" with every answer kept; returns the banner's text. */
async function expectNotSent(page, problems, reason) {
  const banner = page.locator(".pr-failure .govuk-notification-banner");
  await banner.waitFor();
  const text = await banner.textContent();
  assert.match(text, /has not been sent\. Nothing you entered has been lost/);
  assert.equal(await page.locator(".govuk-panel--confirmation").count(), 0, "no confirmation");
  assert.match(await page.locator(".pr-check").textContent(), /Jordan/, "the answers are still there");
  assert.ok(await banner.getByRole("link", { name: "Download a copy" }).isVisible());
  assert.equal(await page.locator("prevent-referral-form").evaluate((el) => el.receipt), null);
  const fired = await events(page);
  assert.equal(fired.length, 1);
  assert.equal(fired[0].type, "referral:error");
  assert.equal(fired[0].detail.reason, reason);
  assert.equal(typeof fired[0].detail.document.referral_id, "string");
  assert.deepEqual(problems, [], "no uncaught exception, no console error");
  await assertNoStrayText(page, `failure (${reason})`);
  return text;
}

test("a 302 to a same-origin page is not followed (redirect: error): not sent, answers kept", async () => {
  const { page, problems } = await ready("redirect302");
  await page.getByRole("button", { name: "Send referral" }).click();
  // fetch() refuses the redirect as it refuses a failed connection: the same advice applies.
  await expectNotSent(page, problems, "network");
  assert.ok(await page.getByRole("button", { name: "Try again" }).isVisible());
  await page.context().close();
});

for (const [endpoint, what] of [
  ["html200", "a 200 HTML login page"],
  ["empty204", "a 204 with no body"],
  ["badjson", "a 201 with malformed JSON"],
  ["feedbackonly", "a 201 with a feedback document but no receipt"],
  ["wrongid", "a receipt for another referral"],
  ["badfeedback", "a receipt whose feedback document is invalid"],
  ["errors5", "a 422 {\"errors\": 5}"],
  ["errorsnull", "a 422 {\"errors\": [null]}"],
  ["errorsobj", "a 422 {\"errors\": {}}"],
  ["error500", "a 500"],
]) {
  test(`${what} is not a sent referral: answers kept, "not sent" said, nothing thrown`, async () => {
    const { page, problems } = await ready(endpoint);
    await page.getByRole("button", { name: "Send referral" }).click();
    const text = await expectNotSent(page, problems, "invalid_response");
    assert.match(text, /did not confirm that it received your referral/);
    assert.ok(await page.getByRole("button", { name: "Try again" }).isVisible());
    await page.context().close();
  });
}

test("a 422 with a report shows the receiver's errors", async () => {
  const { page, problems } = await ready("report");
  await page.getByRole("button", { name: "Send referral" }).click();
  const text = await expectNotSent(page, problems, "rejected");
  assert.match(text, /The server says: describe the concern in more detail/);
  const fired = await events(page);
  assert.equal(fired[0].detail.status, 422);
  assert.equal(fired[0].detail.report.errors[0].path, "/concern/description");
  await page.context().close();
});

test("an endpoint that never answers: 'Sending…' while waiting, then a time limit, Try again and Download a copy", async () => {
  const { page, problems } = await ready("hang", 2);
  const send = page.getByRole("button", { name: "Send referral" });
  await send.click();
  await page.getByRole("status").filter({ hasText: "Sending…" }).waitFor();
  assert.equal(await send.isDisabled(), true, "the button cannot send twice while sending");
  const text = await expectNotSent(page, problems, "timeout");
  assert.match(text, /did not answer in time/);
  assert.deepEqual(await axeViolations(page), [], "the failure state");
  assert.equal(await send.isDisabled(), false);
  assert.equal(await page.getByRole("status").textContent(), "");
  assert.ok(await page.getByRole("button", { name: "Try again" }).isVisible());
  await page.context().close();
});

test("a refused connection is a network failure", async () => {
  const { page, problems } = await ready("ok");
  await page.route("**/api/ok", (route) => route.abort("connectionrefused"));
  await page.getByRole("button", { name: "Send referral" }).click();
  const text = await expectNotSent(page, problems, "network");
  assert.match(text, /Check your internet connection/);
  await page.context().close();
});

test("409: explained, and 'Send as a new referral' sends the answers with a new referral_id", async () => {
  const { page, problems } = await ready("conflict");
  const first = requests.length;
  await page.getByRole("button", { name: "Send referral" }).click();
  const text = await expectNotSent(page, problems, "conflict");
  assert.match(text, /already arrived/);
  assert.deepEqual(await axeViolations(page), [], "the 409 state");
  await page.getByRole("button", { name: "Send as a new referral" }).click();
  await page.locator(".govuk-panel--confirmation").waitFor();
  const sent = requests.slice(first);
  assert.equal(sent.length, 2);
  assert.notEqual(sent[1].doc.referral_id, sent[0].doc.referral_id, "a new referral_id");
  assert.equal(sent[1].doc.individual.given_names, "Jordan", "the same answers");
  assert.equal((await page.locator(".pr-reference").textContent()).trim(), "HX7K2M9P");
  await page.context().close();
});

test("a double click on Send sends once; success gives the receipt and its feedback", async () => {
  const { page, problems } = await ready("ok");
  const first = requests.length;
  await page.getByRole("button", { name: "Send referral" }).dblclick();
  await page.locator(".govuk-panel--confirmation").waitFor();
  assert.equal(requests.length - first, 1, "one request");
  const fired = await events(page);
  assert.deepEqual(fired.map((e) => e.type), ["referral:success"]);
  const { document, receipt: r, feedback: fb } = fired[0].detail;
  assert.equal(r.referral_id, document.referral_id);
  assert.equal(r.status_token, "dGhpcyBpcyBhIHRlc3QgdG9rZW4");
  assert.deepEqual(fb, r.feedback);
  const el = page.locator("prevent-referral-form");
  assert.equal(await el.evaluate((e) => e.receipt.reference), "HX7K2M9P");
  assert.equal(await el.evaluate((e) => Object.getOwnPropertyDescriptor(Object.getPrototypeOf(e), "receipt").set), undefined, "read-only");
  // The token is in no URL and in no storage.
  assert.doesNotMatch(page.url(), /dGhpcyBpcyBhIHRlc3QgdG9rZW4/);
  assert.deepEqual(await page.evaluate(() => [sessionStorage.length, localStorage.length]), [0, 0]);
  assert.deepEqual(problems, []);
  await page.context().close();
});

test("a receipt whose referral_id differs only in case is accepted (UUIDs compare without case)", async () => {
  const { page, problems } = await ready("upper");
  await page.getByRole("button", { name: "Send referral" }).click();
  await page.locator(".govuk-panel--confirmation").waitFor();
  assert.deepEqual(problems, []);
  await page.context().close();
});

test("leaving with unsent answers asks first; an untouched or sent form does not", async () => {
  const untouched = await openForm(browser, base, "/page?endpoint=ok");
  await untouched.page.reload({ waitUntil: "domcontentloaded" });
  assert.equal(untouched.dialogs.beforeunload, 0);
  await untouched.page.context().close();

  const { page, dialogs } = await openForm(browser, base, "/page?endpoint=ok");
  await page.locator('label[for="pr-immediate_risk-false"]').click();
  await page.reload({ waitUntil: "domcontentloaded" });
  assert.equal(dialogs.beforeunload, 1, "warned before the answers were lost");
  await page.context().close();

  const sent = await ready("ok");
  await sent.page.getByRole("button", { name: "Send referral" }).click();
  await sent.page.locator(".govuk-panel--confirmation").waitFor();
  await sent.page.reload({ waitUntil: "domcontentloaded" });
  assert.equal(sent.dialogs.beforeunload, 0, "nothing to lose once sent");
  await sent.page.context().close();
});

test("a receipt without a readable reference: sent, and the referral id is shown instead", async () => {
  const { page, problems } = await ready("noreference");
  await page.getByRole("button", { name: "Send referral" }).click();
  await page.locator(".govuk-panel--confirmation").waitFor();
  const id = requests.at(-1).doc.referral_id;
  assert.equal((await page.locator(".pr-reference").textContent()).trim(), id);
  assert.deepEqual(problems, []);
  await page.context().close();
});
