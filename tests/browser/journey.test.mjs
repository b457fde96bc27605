// The whole GOV.UK journey as a person takes it, in both modes (one page, and one section
// per page with `pages`) and both languages: questions by their visible labels, check
// answers, change one answer from it, send, confirmation; the stored document validates.
// axe-core on every state.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, launch, axeViolations, repo } from "./harness.mjs";
import { openForm, assertNoStrayText, hasFocus } from "./helpers.mjs";

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

/** What a person reads on the screen, per language. */
const T = {
  en: {
    danger: "Is anyone in immediate danger?",
    type: "What are you sending?",
    no: "No",
    cont: "Continue",
    back: "Back",
    check: "Check your answers before sending",
    send: "Send referral",
    sent: "Referral sent",
    change: "Change",
    notProvided: "Not provided",
  },
  cy: {
    danger: "A oes unrhyw un mewn perygl uniongyrchol?",
    no: "Na",
    cont: "Parhau",
    back: "Yn ôl",
    check: "Gwiriwch eich atebion cyn anfon",
    send: "Anfon yr atgyfeiriad",
    sent: "Atgyfeiriad wedi'i anfon",
    change: "Newid",
    notProvided: "Heb ei roi",
  },
};

/** The definition's labels, as the page shows them (read from the package, not guessed). */
async function labels(page, lang) {
  return page.evaluate(async (l) => {
    const { formDefinition } = await import("/pkg/index.js");
    const def = formDefinition(l);
    const out = {};
    const walk = (fields, prefix) => {
      for (const f of fields) {
        const p = `${prefix}/${f.name}`;
        out[p] = { label: f.label, options: Object.fromEntries((f.options ?? f.item?.options ?? []).map((o) => [o.value, o.label])) };
        if (f.fields) walk(f.fields, p);
      }
    };
    walk(def.fields, "");
    return out;
  }, lang);
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Answers every question of the page(s) on screen by visible labels and roles. */
async function answer(page, L, t, step) {
  const group = (p) => page.getByRole("group", { name: L[p].label, exact: true });
  const radio = (p, value) => group(p).getByRole("radio", { name: L[p].options[value], exact: true }).check();
  // An optional question's label ends "(optional)" / "(dewisol)".
  // Within its section ("Email address" is asked of the referrer and of the person).
  const section = (p) => (p.split("/").length > 2 ? page.getByRole("group", { name: L[`/${p.split("/")[1]}`].label }) : page);
  const text = (p, value) => section(p).getByLabel(new RegExp(`^${escape(L[p].label)}( \\((optional|dewisol)\\))?$`)).fill(value);
  const steps = {
    first: async () => {
      await group("/immediate_risk").getByRole("radio", { name: t.no, exact: true }).check();
      await radio("/submission_type", "referral");
    },
    referrer: async () => {
      await text("/referrer/full_name", "Priya Shah");
      await radio("/referrer/sector", "education");
      await text("/referrer/organisation", "Riverside Academy");
      await text("/referrer/job_title", "Head of Year 11");
      await radio("/referrer/relationship_to_individual", "professional");
      await text("/referrer/email", "p.shah@riverside.sch.uk");
      await radio("/referrer/safeguarding_lead_consulted", "yes");
    },
    individual: async () => {
      await text("/individual/given_names", "Jordan");
      await text("/individual/family_name", "Ellis");
      await text("/individual/approximate_age", "16");
      await text("/individual/address/line1", "12 Mill Lane");
      await text("/individual/address/town_or_city", "Leeds");
      await text("/individual/address/postcode", "ls1 4ap");
    },
    concern: async () => {
      await text("/concern/description", "Has shared videos glorifying a recent attack and talks often about wanting to join a group.");
      await text("/concern/how_identified", "A teacher overheard conversations in class.");
    },
    sharing: async () => {
      await radio("/sharing/individual_aware", "yes");
      await radio("/sharing/consent", "given");
      await page.getByRole("checkbox", { name: L["/sharing/necessity_confirmed"].label, exact: true }).check();
    },
  };
  await steps[step]();
}

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

async function noViolations(page, state) {
  assert.deepEqual(await axeViolations(page), [], state);
  await assertNoStrayText(page, state);
}

for (const lang of ["en", "cy"]) {
  for (const mode of ["one page", "pages"]) {
    test(`${mode}, ${lang}: fill by labels, check answers, change one answer, send; the stored document validates`, async () => {
      const t = T[lang];
      const path = `/?lang=${lang}${mode === "pages" ? "&pages" : ""}`;
      const { page, problems } = await openForm(browser, server, path);
      const L = await labels(page, lang);
      const cont = () => page.getByRole("button", { name: t.cont, exact: true }).click();
      const steps = ["first", "referrer", "individual", "concern", "sharing"];
      if (mode === "pages") {
        // Page 1: Continue with nothing answered shows this page's errors only.
        await noViolations(page, `${mode} ${lang}: page 1`);
        await cont();
        await page.locator(".govuk-error-summary").waitFor();
        assert.equal(await page.locator(".govuk-error-summary a").count(), 2, "the two questions of page 1 only");
        await noViolations(page, `${mode} ${lang}: page 1 errors`);
        for (const [i, step] of steps.entries()) {
          await answer(page, L, t, step);
          await cont();
          if (i < steps.length - 1) {
            await page.getByRole("link", { name: t.back }).waitFor();
            await noViolations(page, `${mode} ${lang}: page ${i + 2}`);
          }
        }
        // The Back link goes back one page and keeps the answers.
      } else {
        for (const step of steps) await answer(page, L, t, step);
        await cont();
      }
      const heading = page.getByRole("heading", { name: t.check });
      await heading.waitFor();
      await noViolations(page, `${mode} ${lang}: check answers`);
      const check = page.locator(".pr-check");
      // Every answer, by section; skipped optional answers say so.
      assert.match(await check.textContent(), /Riverside Academy/);
      assert.match(await check.textContent(), /LS1 4AP|ls1 4ap/);
      assert.match(await check.textContent(), new RegExp(t.notProvided));
      const headings = await check.locator("h3").allTextContents();
      assert.deepEqual(headings.slice(1), [L["/referrer"].label, L["/individual"].label, L["/concern"].label, L["/sharing"].label]);

      // Change the family name from the check page: back to the question, then back here.
      const change = check.getByRole("link", { name: `${t.change} ${L["/individual/family_name"].label}`, exact: true });
      await change.click();
      const family = page.getByLabel(new RegExp(`^${escape(L["/individual/family_name"].label)}`));
      await family.waitFor();
      assert.ok(await hasFocus(family), "the Change link puts focus on the question");
      await family.fill("Ellis-Brown");
      await cont();
      await heading.waitFor();
      assert.match(await check.textContent(), /Ellis-Brown/);

      await page.getByRole("button", { name: t.send, exact: true }).click();
      const panel = page.locator(".govuk-panel--confirmation");
      await panel.waitFor();
      assert.match(await panel.textContent(), new RegExp(t.sent));
      await noViolations(page, `${mode} ${lang}: confirmation`);
      // Printed (GOV.UK print styles): the panel and every answer, no buttons or links to act on.
      await page.emulateMedia({ media: "print" });
      assert.ok(await panel.isVisible());
      assert.ok(await page.locator(".pr-confirmation .govuk-summary-list").first().isVisible());
      assert.match(await page.locator(".pr-confirmation").innerText(), /Ellis-Brown/);
      assert.equal(await page.locator(".pr-confirmation .govuk-button").first().isVisible(), false);
      await page.emulateMedia({ media: "screen" });
      const receipt = await page.locator("prevent-referral-form").evaluate((el) => el.receipt);
      assert.match(await panel.textContent(), new RegExp(receipt.reference));
      assert.ok(await page.getByRole("link", { name: lang === "cy" ? "Lawrlwytho copi" : "Download a copy" }).isVisible());

      const doc = (await server.storedDocuments()).find((d) => d.referral_id === receipt.referral_id);
      assert.ok(doc, "stored");
      assert.equal(doc.individual.family_name, "Ellis-Brown");
      assert.equal(doc.language, lang);
      validateWithCli(doc);
      assert.deepEqual(problems, []);
      await page.context().close();
    });
  }
}

test("pages: Back returns to the previous page with its answers", async () => {
  const { page } = await openForm(browser, server, "/?pages");
  const L = await labels(page, "en");
  await answer(page, L, T.en, "first");
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await page.getByRole("link", { name: "Back" }).click();
  assert.ok(await page.getByRole("group", { name: L["/immediate_risk"].label }).getByRole("radio", { name: "No" }).isChecked());
  await page.context().close();
});
