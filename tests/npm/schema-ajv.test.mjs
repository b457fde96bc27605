// The schema files in Ajv 8's default strict mode, as schemas/README.md tells a user to load
// them: the README's code blocks are run as written. Ajv comes from tools/ (the package has
// no dependencies); the package under test is the installed tarball.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import * as api from "prevent-referral";

const repo = process.env.PREVENT_REFERRAL_REPO;
assert.ok(repo, "PREVENT_REFERRAL_REPO must point at the repository");
const ajvUrl = pathToFileURL(join(repo, "tools/node_modules/ajv/dist/2020.js")).href;
const { default: Ajv2020 } = await import(ajvUrl);
const schemaFile = (name) => JSON.parse(readFileSync(join(repo, `schemas/${name}-1.0.schema.json`), "utf8"));
const readme = readFileSync(join(repo, "schemas/README.md"), "utf8");
const jsBlocks = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);

/** Runs `fn` and returns what it printed through console (Ajv logs strict-mode warnings). */
async function printed(fn) {
  const lines = [];
  const saved = { log: console.log, warn: console.warn, error: console.error };
  for (const k of Object.keys(saved)) console[k] = (...args) => lines.push(args.join(" "));
  try {
    await fn();
  } finally {
    Object.assign(console, saved);
  }
  return lines;
}

/** Writes a README code block next to this file (so imports resolve) and imports it. */
async function load(name, code) {
  const file = join(new URL(".", import.meta.url).pathname, `${name}.readme.mjs`);
  writeFileSync(file, code);
  return import(pathToFileURL(file).href);
}

test("Ajv's default strict mode refuses an undeclared x- keyword (what the README says)", () => {
  assert.throws(() => new Ajv2020().compile(schemaFile("referral")), /strict mode: unknown keyword: "x-/);
});

test("the README's annotation-only declaration loads both files in default strict mode", async () => {
  const block = jsBlocks.find((b) => b.includes("ajv.addVocabulary([\"x-"));
  assert.ok(block, "schemas/README.md has the annotation-only example");
  for (const name of ["referral", "feedback"]) {
    const code = `const referralSchema = ${JSON.stringify(schemaFile(name))};\n${block.replace('"ajv/dist/2020.js"', JSON.stringify(ajvUrl))}\nexport { ajv, validateReferral };\n`;
    let loaded;
    const warnings = await printed(async () => (loaded = await load(`annotations-${name}`, code)));
    assert.deepEqual(warnings, [], "Ajv printed no strict-mode warning");
    const { ajv, validateReferral } = loaded;
    assert.equal(typeof validateReferral, "function");
    assert.equal(ajv.opts.strictSchema, true, "strict mode is still on");
    // Every other strict check still applies: an unknown keyword is still refused.
    assert.throws(() => ajv.compile({ type: "string", "x-other": true }), /unknown keyword: "x-other"/);
  }
  const { validateReferral } = await load("annotations-check", `const referralSchema = ${JSON.stringify(schemaFile("referral"))};\n${block.replace('"ajv/dist/2020.js"', JSON.stringify(ajvUrl))}\nexport { validateReferral };\n`);
  const full = JSON.parse(readFileSync(join(repo, "schemas/examples/valid/full-referral.json"), "utf8"));
  assert.equal(validateReferral(api.normalise(full)), true, JSON.stringify(validateReferral.errors));
  assert.equal(validateReferral({ ...full, immediate_risk: "no" }), false);
});

test("with the README's keyword definitions, Ajv agrees with the validator on every fixture", async () => {
  const block = jsBlocks.find((b) => b.includes("export const preventReferralKeywords"));
  assert.ok(block, "schemas/README.md has the keyword definitions");
  const { preventReferralKeywords } = await load("keywords", block);
  const ajv = new Ajv2020();
  ajv.addVocabulary(preventReferralKeywords);
  const validators = { referral: ajv.compile(schemaFile("referral")), feedback: ajv.compile(schemaFile("feedback")) };
  const dir = join(repo, "tests/conformance");
  const disagree = [];
  const seen = { referral: [0, 0], feedback: [0, 0] };
  const byRule = new Set();
  let skipped = 0;
  const inNormalForm = (v) =>
    v === null ? false : typeof v === "string" ? v.trim() === v && v !== "" : typeof v === "object" ? Object.values(v).every(inNormalForm) : true;
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
    for (const group of JSON.parse(readFileSync(join(dir, file), "utf8"))) {
      for (const t of group.tests) {
        if (t.document_text !== undefined) continue; // repeated member names: text only
        const kind = group.kind === "feedback" ? "feedback" : "referral";
        const report = kind === "feedback" ? api.validateFeedback(t.document) : api.validate(t.document);
        // The schema describes the normalised document; the package normalises referrals
        // only, so a feedback document not already in normal form is left out.
        if (kind === "feedback" && !inNormalForm(t.document)) {
          skipped++;
          continue;
        }
        const doc = kind === "feedback" ? t.document : api.normalise(t.document);
        const ok = validators[kind](doc);
        seen[kind][ok ? 0 : 1]++;
        for (const e of report.errors) if (["invalid_date", "date_in_future", "invalid_nhs_number"].includes(e.code)) byRule.add(e.code);
        if (ok !== report.valid) {
          disagree.push(`${file}: ${group.description} / ${t.description}: validator ${report.valid}, ajv ${ok} ${JSON.stringify(validators[kind].errors?.slice(0, 2))}`);
        }
      }
    }
  }
  assert.deepEqual(disagree, []);
  assert.ok(skipped < seen.feedback[0] + seen.feedback[1], `${skipped} feedback documents not in normal form; ${JSON.stringify(seen)}`);
  assert.ok(seen.referral[0] > 50 && seen.referral[1] > 300, JSON.stringify(seen));
  assert.ok(seen.feedback[0] > 0 && seen.feedback[1] > 0, JSON.stringify(seen));
  // The fixtures exercise each of the three rules the definitions check.
  assert.deepEqual([...byRule].sort(), ["date_in_future", "invalid_date", "invalid_nhs_number"]);
});
