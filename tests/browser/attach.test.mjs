// attach() on agencies' own forms (issue 7, defect 4): one error per question on an empty
// form, `defaults` copied, `map` paths checked at attach time, aria-invalid and
// aria-describedby, radios without an id, and the answer mapping shared with the form.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch } from "./harness.mjs";
import { openForm, assertNoStrayText } from "./helpers.mjs";

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

async function examplePage() {
  const opened = await openForm(browser, server, "/examples/attach.html", { wait: false });
  await opened.page.waitForFunction(() => document.querySelector("#agency-form")?.hasAttribute("novalidate"));
  return opened;
}

/** A page with GOV.UK styles and an agency form built from `html`, not yet attached. */
async function blankForm(html) {
  const opened = await openForm(browser, server, "/examples/attach.html", { wait: false });
  const { page } = opened;
  await page.waitForFunction(() => document.querySelector("#agency-form")?.hasAttribute("novalidate"));
  await page.evaluate((markup) => {
    const form = document.createElement("form");
    form.id = "test-form";
    form.innerHTML = markup;
    document.querySelector("main").prepend(form);
  }, html);
  return opened;
}

test("an empty agency form gets one error per question, each linked to its field", async () => {
  const { page, problems } = await examplePage();
  await page.getByRole("button", { name: "Submit to our safeguarding system" }).click();
  const summary = page.locator("#agency-form > .govuk-error-summary");
  await summary.waitFor();
  const links = await summary.locator("a").evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute("href")]));
  const texts = links.map(([t]) => t);
  assert.ok(texts.includes("Enter your full name"), texts.join(" | "));
  assert.ok(texts.includes("Enter your job title"), texts.join(" | "));
  assert.ok(!texts.some((t) => /your details$/.test(t)), `no error for a whole section: ${texts.join(" | ")}`);
  assert.ok(links.length >= 8, `${links.length} errors`);
  for (const [text, href] of links) {
    assert.match(href, /^#.+/, text);
    assert.equal(await page.locator(href).count(), 1, `${text} → ${href}`);
  }
  // Every field with an error says so to assistive technology.
  const name = page.locator("#r-name");
  assert.equal(await name.getAttribute("aria-invalid"), "true");
  const described = (await name.getAttribute("aria-describedby")).split(" ");
  assert.match(await page.locator(`#${described.at(-1)}`).textContent(), /Enter your full name/);
  // Fixed: the marks go.
  await name.fill("Ruth Jones");
  await name.blur();
  assert.equal(await name.getAttribute("aria-invalid"), null);
  assert.equal(await name.getAttribute("aria-describedby"), null);
  await assertNoStrayText(page, "attach errors");
  assert.deepEqual(problems, []);
  await page.context().close();
});

test("a section with no answers at all: one error per question, not one for the section", async () => {
  const { page } = await blankForm(`
    <div class="govuk-form-group"><label class="govuk-label" for="t-what">What have you seen or heard?</label>
      <textarea class="govuk-textarea" id="t-what" name="concern.description"></textarea></div>
    <div class="govuk-form-group"><label class="govuk-label" for="t-how">How did it come to light?</label>
      <textarea class="govuk-textarea" id="t-how" name="concern.how_identified"></textarea></div>
    <button type="submit" class="govuk-button">Send</button>`);
  await page.evaluate(async () => {
    const { attach } = await import("/pkg/attach.js");
    await attach(document.getElementById("test-form"));
  });
  await page.locator("#test-form button").click();
  const summary = page.locator("#test-form > .govuk-error-summary");
  await summary.waitFor();
  const hrefs = await summary.locator("a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  assert.ok(hrefs.includes("#t-what") && hrefs.includes("#t-how"), hrefs.join(" "));
  assert.ok(!(await summary.textContent()).includes("details of the concern"), await summary.textContent());
  await page.context().close();
});

test("radios without an id: the summary link still reaches the question", async () => {
  const { page } = await blankForm(`
    <div class="govuk-form-group"><fieldset class="govuk-fieldset"><legend class="govuk-fieldset__legend">Is anyone in immediate danger?</legend>
      <div class="govuk-radios"><label><input type="radio" name="immediate_risk" value="yes"> Yes</label>
      <label><input type="radio" name="immediate_risk" value="no"> No</label></div></fieldset></div>
    <button type="submit" class="govuk-button">Send</button>`);
  await page.evaluate(async () => {
    const { attach } = await import("/pkg/attach.js");
    await attach(document.getElementById("test-form"));
  });
  await page.locator("#test-form button").click();
  const link = page.locator("#test-form .govuk-error-summary a", { hasText: "immediate danger" });
  await link.waitFor();
  const href = await link.getAttribute("href");
  assert.notEqual(href, "#");
  await link.click();
  assert.ok(await page.evaluate(() => document.activeElement?.name === "immediate_risk"), "focus on the first radio");
  await page.context().close();
});

test("defaults are copied, never changed, and a cleared answer falls back to its default", async () => {
  const { page } = await blankForm(`
    <div class="govuk-form-group"><label class="govuk-label" for="t-org">Organisation</label>
      <input class="govuk-input" id="t-org" name="referrer.organisation"></div>
    <div class="govuk-form-group"><label class="govuk-label" for="t-name">Name</label>
      <input class="govuk-input" id="t-name" name="referrer.full_name"></div>`);
  const result = await page.evaluate(async () => {
    const { attach } = await import("/pkg/attach.js");
    const defaults = { submission_type: "referral", referrer: { organisation: "Riverside Academy", sector: "education" } };
    const before = JSON.stringify(defaults);
    const handle = await attach(document.getElementById("test-form"), { defaults });
    const org = document.getElementById("t-org");
    const name = document.getElementById("t-name");
    org.value = "Typed College";
    name.value = "Ruth Jones";
    const typed = handle.document();
    org.value = "";
    name.value = "";
    const cleared = handle.document();
    return { before, after: JSON.stringify(defaults), typed: typed.referrer, cleared: cleared.referrer };
  });
  assert.equal(result.after, result.before, "the caller's object is unchanged");
  assert.equal(result.typed.organisation, "Typed College");
  assert.equal(result.typed.full_name, "Ruth Jones");
  assert.equal(result.cleared.organisation, "Riverside Academy", "back to the default");
  assert.equal(result.cleared.full_name, undefined, "a cleared answer without a default is gone");
  await page.context().close();
});

test("map: dotted and pointer paths work; a path the referral does not have is a TypeError naming it", async () => {
  const { page } = await blankForm(`<input name="age" value="15"><input name="pc" value="yo1 7hh">`);
  const result = await page.evaluate(async () => {
    const { attach } = await import("/pkg/attach.js");
    const form = document.getElementById("test-form");
    const handle = await attach(form, { map: { age: "individual.approximate_age", pc: "/individual/address/postcode" } });
    const doc = handle.document();
    handle.detach();
    let error = null;
    try {
      await attach(form, { map: { age: "individual.age_in_years" } });
    } catch (e) {
      error = { name: e.name, message: e.message };
    }
    return { age: doc.individual?.approximate_age, postcode: doc.individual?.address?.postcode, error };
  });
  assert.equal(result.age, 15);
  assert.equal(result.postcode, "YO1 7HH");
  assert.equal(result.error?.name, "TypeError");
  assert.match(result.error.message, /individual\.age_in_years/);
  assert.match(result.error.message, /age/);
  await page.context().close();
});

test("the same answers make the same document in the form and in attach() (yes/no, dates)", async () => {
  const { page } = await blankForm(`
    <input name="individual.name_not_known" value="no"><input name="immediate_risk" value="Yes">
    <input name="individual.date_of_birth[day]" value="4"><input name="individual.date_of_birth[month]" value="7">
    <input name="individual.date_of_birth[year]" value="90">`);
  const result = await page.evaluate(async () => {
    const { attach } = await import("/pkg/attach.js");
    const { documentFrom } = await import("/pkg/answers.js");
    const { formDefinition } = await import("/pkg/index.js");
    const handle = await attach(document.getElementById("test-form"));
    const attached = handle.document();
    const answers = new Map([
      ["/individual/name_not_known", "no"],
      ["/immediate_risk", "Yes"],
      ["/individual/date_of_birth#day", "4"],
      ["/individual/date_of_birth#month", "7"],
      ["/individual/date_of_birth#year", "90"],
    ]);
    const formDoc = documentFrom(formDefinition("en"), answers, {}, { hide: false });
    return { attached, formDoc };
  });
  assert.equal(result.attached.individual.name_not_known, false);
  assert.equal(result.attached.immediate_risk, true);
  // The year is sent as typed (and reported), never padded to "0090".
  assert.equal(result.attached.individual.date_of_birth, "90-07-04");
  assert.equal(result.formDoc.individual.name_not_known, false);
  assert.equal(result.formDoc.immediate_risk, true);
  assert.equal(result.formDoc.individual.date_of_birth, "90-07-04");
  await page.context().close();
});
