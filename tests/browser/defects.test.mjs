// Issue 7, defects 1–3 (and 2 for attach()): what a person saw go wrong, driven as a person
// does — no blur before clicking, Enter in a field, Welsh, every condition.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch } from "./harness.mjs";
import { id, label, openForm, fillReferral, assertNoStrayText, isFocused } from "./helpers.mjs";

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

const submit = (page) => page.locator("prevent-referral-form button[type=submit]");

/** Fails unless focus settles on the one element `selector` finds. A redraw that a blur asked
 * for while the pointer was down runs in a task queued at the pointer's release (dom.js
 * `whenPointerReleased`), so a task queued now runs after it; then focus is waited for (5 s at
 * most), and the failure says where it is instead. */
async function assertFocusSettlesOn(page, selector, what) {
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve)));
  const on = (s) => {
    const found = document.querySelectorAll(s);
    return found.length === 1 && document.activeElement === found[0];
  };
  const settled = await page.waitForFunction(on, selector, { timeout: 5000 }).then(() => true, () => false);
  assert.ok(settled, `${what}: focus is on ${await isFocused(page)}, not ${selector}, 5 s after`);
}

test("defect 1: no state of the form shows 'null', 'undefined', 'NaN' or '[object …]'", async () => {
  for (const mode of ["/", "/?pages"]) {
    for (const lang of ["en", "cy"]) {
      const where = `${mode} ${lang}`;
      const { page, problems } = await openForm(browser, server, `${mode}${mode.includes("?") ? "&" : "?"}lang=${lang}`);
      await assertNoStrayText(page, `${where}: empty`);
      await submit(page).click();
      await page.locator(".govuk-error-summary").waitFor();
      await assertNoStrayText(page, `${where}: errors`);
      if (mode === "/") {
        // Each condition: friends and family, not aware, consent not sought, names and
        // address not known, an advice request, immediate danger.
        await label(page, "/referrer/sector", "friends_family").click();
        await label(page, "/sharing/individual_aware", "no").click();
        await label(page, "/sharing/consent", "not_sought").click();
        await page.locator(id("/individual/name_not_known")).check();
        await page.locator(id("/individual/address_not_known")).check();
        await label(page, "/immediate_risk").click();
        await assertNoStrayText(page, `${where}: conditions`);
        await label(page, "/submission_type", "advice_request").click();
        await assertNoStrayText(page, `${where}: advice request`);
      }
      assert.deepEqual(problems, [], where);
      await page.context().close();
    }
  }
});

test("defect 2: after a failed Continue from a focused field, focus is on the error summary (click and Enter)", async () => {
  for (const how of ["click", "Enter"]) {
    const { page } = await openForm(browser, server, "/");
    const name = page.locator(id("/referrer/full_name"));
    await name.click();
    await page.keyboard.type("Priya");
    if (how === "click") await submit(page).click();
    else await page.keyboard.press("Enter");
    const summary = page.locator(".govuk-error-summary");
    await summary.waitFor();
    await assertFocusSettlesOn(page, ".govuk-error-summary", how);
    await page.context().close();
  }
});

test("defect 2 (attach): after a failed submit from a focused field, focus is on the error summary", async () => {
  for (const how of ["click", "Enter"]) {
    const { page } = await openForm(browser, server, "/examples/attach.html", { wait: false });
    await page.locator("#agency-form").waitFor();
    await page.waitForFunction(() => document.querySelector("#agency-form").hasAttribute("novalidate"));
    await page.locator("#r-name").click();
    await page.keyboard.type("Ruth");
    if (how === "click") await page.getByRole("button", { name: "Submit to our safeguarding system" }).click();
    else await page.keyboard.press("Enter");
    await page.locator("#agency-form > .govuk-error-summary").waitFor();
    await assertFocusSettlesOn(page, "#agency-form > .govuk-error-summary", how);
    await page.context().close();
  }
});

test("defect 3: the error summary lists errors in the order of the questions on the page", async () => {
  for (const path of ["/", "/?lang=cy", "/examples/attach.html"]) {
    const { page } = await openForm(browser, server, path, { wait: path !== "/examples/attach.html" });
    if (path.startsWith("/examples")) {
      await page.waitForFunction(() => document.querySelector("#agency-form")?.hasAttribute("novalidate"));
      await page.locator("#p-postcode").fill("nope");
      await page.getByRole("button", { name: "Submit to our safeguarding system" }).click();
    } else {
      await submit(page).click();
    }
    await page.locator(".govuk-error-summary").waitFor();
    const order = await page.evaluate(() => {
      const links = [...document.querySelectorAll(".govuk-error-summary a")];
      const targets = links.map((a) => document.getElementById(a.getAttribute("href").slice(1)));
      if (targets.some((t) => !t)) return { missing: links.filter((a, i) => !targets[i]).map((a) => a.getAttribute("href")) };
      const inPageOrder = targets.every((t, i) => i === 0 || targets[i - 1].compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING);
      return { inPageOrder, first: links[0]?.textContent, count: links.length };
    });
    assert.equal(order.missing, undefined, `${path}: links to nothing: ${order.missing}`);
    assert.ok(order.count > 1, path);
    assert.equal(order.inPageOrder, true, `${path}: not in page order`);
    if (path === "/") assert.match(order.first, /immediate danger/, "immediate danger is asked first, so listed first");
    await page.context().close();
  }
});

test("the 999 notice comes from the validator's call_999 warning, at the immediate-danger question", async () => {
  const { page } = await openForm(browser, server, "/?lang=cy");
  assert.equal(await page.locator(".pr-call-999").count(), 0);
  await label(page, "/immediate_risk").click();
  const notice = page.locator(".pr-call-999");
  await notice.waitFor();
  const expected = await page.evaluate(async () => {
    const { validate } = await import("/pkg/index.js");
    return validate({ immediate_risk: true }, { lang: "cy" }).warnings.find((w) => w.code === "call_999").message;
  });
  assert.match(await notice.textContent(), new RegExp(expected.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
  assert.ok(await page.evaluate(() => document.querySelector('[data-pointer="/immediate_risk"]').nextElementSibling.classList.contains("pr-call-999")));
  await label(page, "/immediate_risk", "false").click();
  assert.equal(await notice.count(), 0);
  await page.context().close();
});

test("a filled form in every state of the one-page journey, and the confirmation, show no stray text", async () => {
  const { page, problems } = await openForm(browser, server, "/");
  await fillReferral(page);
  await submit(page).click();
  await page.locator(".pr-check").waitFor();
  await assertNoStrayText(page, "check answers");
  await page.getByRole("button", { name: "Cymraeg" }).click();
  await assertNoStrayText(page, "check answers (cy)");
  await page.getByRole("button", { name: "English" }).click();
  await page.getByRole("button", { name: "Send referral" }).click();
  await page.locator(".govuk-panel--confirmation").waitFor();
  await assertNoStrayText(page, "confirmation");
  await page.getByRole("button", { name: "Cymraeg" }).click();
  await assertNoStrayText(page, "confirmation (cy)");
  assert.deepEqual(problems, []);
  await page.context().close();
});
