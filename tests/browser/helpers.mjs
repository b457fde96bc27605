// Helpers shared by the browser tests: opening the demo form, filling a referral the way a
// person does (by clicking labels and typing), and checking what a person sees.
import assert from "node:assert/strict";

export const rid = (pointer, value) => `pr${pointer.replace(/[^A-Za-z0-9_]+/g, "-")}${value ? `-${value}` : ""}`;
export const id = (pointer) => `#${rid(pointer)}`;
/** The label of a radio or checkbox: the first option's input has the question's id. */
export const label = (page, pointer, value) => page.locator(`label[for="${rid(pointer, value)}"]`);

/**
 * Opens `path` on `server` in a fresh context. `problems` collects page errors, console
 * errors and unexpected dialogs; `beforeunload` counts "leave this page?" dialogs (accepted).
 */
export async function openForm(browser, server, path = "/", { wait = true } = {}) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  const dialogs = { beforeunload: 0 };
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    // Chromium logs every non-2xx response; that is the endpoint's answer, not a fault here.
    if (m.type() === "error" && !/^Failed to load resource/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  page.on("dialog", (d) => {
    if (d.type() === "beforeunload") {
      dialogs.beforeunload += 1;
      d.accept();
      return;
    }
    problems.push(`dialog opened: ${d.message()}`);
    d.dismiss();
  });
  await page.goto(server.url + path, { waitUntil: "domcontentloaded" });
  if (wait) await page.locator("prevent-referral-form form, prevent-referral-form .pr-check").first().waitFor();
  return { page, problems, dialogs };
}

/** The answers to the questions before the sections (immediate danger, type). */
export async function fillFirst(page) {
  await label(page, "/immediate_risk", "false").click();
  await label(page, "/submission_type").click();
}

export async function fillReferrer(page) {
  await page.locator(id("/referrer/full_name")).fill("Priya Shah");
  await label(page, "/referrer/sector").click();
  await page.locator(id("/referrer/organisation")).fill("Riverside Academy");
  await page.locator(id("/referrer/job_title")).fill("Head of Year 11");
  await label(page, "/referrer/relationship_to_individual").click();
  await page.locator(id("/referrer/email")).fill("p.shah@riverside.sch.uk");
  await label(page, "/referrer/safeguarding_lead_consulted").click();
}

export async function fillIndividual(page) {
  await page.locator(id("/individual/given_names")).fill("Jordan");
  await page.locator(id("/individual/family_name")).fill("Ellis");
  await page.locator(id("/individual/date_of_birth")).fill("14");
  await page.locator(`${id("/individual/date_of_birth")}-month`).fill("5");
  await page.locator(`${id("/individual/date_of_birth")}-year`).fill("1990");
  await page.locator(id("/individual/address/line1")).fill("12 Mill Lane");
  await page.locator(id("/individual/address/town_or_city")).fill("Leeds");
  await page.locator(id("/individual/address/postcode")).fill("ls1 4ap");
}

export async function fillConcern(page) {
  await page.locator(id("/concern/description")).fill("Has shared videos glorifying a recent attack and talks often about wanting to join a group.");
  await page.locator(id("/concern/how_identified")).fill("A teacher overheard conversations in class.");
  await label(page, "/concern/indicators").click();
}

export async function fillSharing(page) {
  await label(page, "/sharing/individual_aware").click();
  await label(page, "/sharing/consent").click();
  await label(page, "/sharing/necessity_confirmed").click();
}

/** Fills a complete, valid referral on the one-page form with the mouse and keyboard. */
export async function fillReferral(page) {
  await fillFirst(page);
  await fillReferrer(page);
  await fillIndividual(page);
  await fillConcern(page);
  await fillSharing(page);
}

/** The check-answers page's heading, once it is shown. */
export async function atCheckPage(page, title = /Check your answers before sending/) {
  const heading = page.getByRole("heading", { level: 2, name: title });
  await heading.waitFor();
  return heading;
}

/** One page form: Continue, then the check page's send button. */
export async function continueAndSend(page, { send = "Send referral", cont = "Continue" } = {}) {
  await page.getByRole("button", { name: cont, exact: true }).click();
  await atCheckPage(page, /Check your answers|Gwiriwch eich atebion/);
  await page.getByRole("button", { name: send }).click();
}

/** Words that only a bug puts on the screen. */
const STRAY = /\b(null|undefined|NaN)\b|\[object/;

/** Asserts no stray "null", "undefined", "NaN" or "[object …]" in what the page shows. */
export async function assertNoStrayText(page, state) {
  const text = await page.evaluate(() => document.body.innerText);
  const m = STRAY.exec(text);
  assert.equal(m, null, `${state}: "${m?.[0]}" shown in …${text.slice(Math.max(0, (m?.index ?? 0) - 80), (m?.index ?? 0) + 40)}…`);
}

/** Whether `locator` has the focus. */
export async function hasFocus(locator) {
  return locator.evaluate((el) => el === document.activeElement);
}

export const isFocused = (page) => page.evaluate(() => `${document.activeElement?.tagName} ${document.activeElement?.className ?? ""}`);
