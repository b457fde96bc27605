// Runs against the packed npm tarball installed into a scratch folder, the way an
// integrator gets it (scripts/test-pkg.sh). `prevent-referral` resolves to that install.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import * as api from "prevent-referral";

const repo = process.env.PREVENT_REFERRAL_REPO;
assert.ok(repo, "PREVENT_REFERRAL_REPO must point at the repository");
const fixtureDir = join(repo, "tests/conformance");
const pairs = (issues) => issues.map((i) => [i.path, i.code]);

test("the package exposes the documented API", () => {
  for (const name of ["init", "initSync", "validate", "validateFeedback", "normalise", "schema", "messages", "formDefinition", "version"]) {
    assert.equal(typeof api[name], "function", name);
  }
  const pkg = JSON.parse(readFileSync(new URL("./node_modules/prevent-referral/package.json", import.meta.url)));
  assert.equal(api.version(), pkg.version);
});

test("every conformance fixture gives the expected report", () => {
  let run = 0;
  for (const file of readdirSync(fixtureDir).filter((f) => f.endsWith(".json"))) {
    for (const group of JSON.parse(readFileSync(join(fixtureDir, file), "utf8"))) {
      const fn = group.kind === "feedback" ? api.validateFeedback : api.validate;
      for (const t of group.tests) {
        if (t.document_text !== undefined) continue; // a JS object cannot repeat a member name
        for (const lang of ["en", "cy"]) {
          const report = fn(t.document, { lang });
          const where = `${file}: ${group.description} / ${t.description} [${lang}]`;
          assert.equal(report.valid, t.valid, where);
          assert.deepEqual(pairs(report.errors), pairs(t.errors), where);
          assert.deepEqual(pairs(report.warnings), pairs(t.warnings), where);
          for (const i of [...report.errors, ...report.warnings]) assert.ok(i.message.length > 0, where);
        }
        if (t.normalised !== undefined && group.kind !== "feedback") {
          assert.deepEqual(api.normalise(t.document), t.normalised, `${file}: ${t.description} normalised`);
        }
        run++;
      }
    }
  }
  assert.ok(run > 700, `only ${run} cases`);
});

test("values JSON cannot hold are reported, never thrown, and the module keeps working", () => {
  const base = JSON.parse(readFileSync(join(repo, "schemas/examples/valid/full-referral.json"), "utf8"));
  const cyclic = structuredClone(base);
  cyclic.concern.self = cyclic;
  const deep = {};
  let cur = deep;
  for (let i = 0; i < 100000; i++) cur = cur.a = {};
  const cases = [
    [() => 1, "", "type"],
    [undefined, "", "type"],
    [Symbol("x"), "", "type"],
    [10n, "", "type"],
    [new Map(), "", "type"],
    [{ ...base, immediate_risk: () => true }, "/immediate_risk", "type"],
    [{ ...base, individual: { ...base.individual, approximate_age: 10n, date_of_birth: undefined } }, "/individual/approximate_age", "type"],
    [{ ...base, concern: { ...base.concern, indicators: [undefined] } }, "/concern/indicators/0", "required"],
    [cyclic, "/concern/self", "unknown_field"],
    [{ ...base, language: "e\uD800" }, "/language", "invalid_characters"],
    [{ ...base, concern: { ...base.concern, description: "z".repeat(10_000_000) } }, "/concern/description", "too_long"],
    // Deeper than 128 levels: the whole document is refused, as the native reader refuses
    // its text (spec §11.16).
    [deep, "", "type"],
    [{ ...base, ["__proto__"]: 1, constructor: 2 }, "/constructor", "unknown_field"],
  ];
  for (const [doc, path, code] of cases) {
    const report = api.validate(doc);
    assert.equal(report.valid, false);
    assert.ok(pairs(report.errors).some(([p, c]) => p === path && c === code), `${code} at ${path}: ${JSON.stringify(pairs(report.errors))}`);
    assert.doesNotThrow(() => api.normalise(doc));
    assert.equal(api.validate(base).valid, true, "the next normal call still works");
  }
});

test("normalise keeps values it cannot change, and never sets a prototype", () => {
  const f = () => 1;
  const out = api.normalise({ schema_version: " 1.0 ", referrer: { phone: f }, ...JSON.parse('{"__proto__": {"x": 1}}') });
  assert.equal(out.schema_version, "1.0");
  assert.equal(out.referrer.phone, f);
  assert.equal(Object.getPrototypeOf(out), Object.prototype);
});

test("schema() returns the committed schema files", () => {
  for (const name of ["referral", "feedback"]) {
    const file = JSON.parse(readFileSync(join(repo, `schemas/${name}-1.0.schema.json`), "utf8"));
    assert.deepEqual(api.schema(name), file);
  }
  assert.equal(api.schema("other"), undefined);
});

test("messages() and formDefinition() are given in both languages", () => {
  assert.equal(api.messages("cy").ui.errorSummaryTitle, "Mae problem wedi codi");
  assert.equal(api.messages("en").ui.errorSummaryTitle, "There is a problem");
  const sector = api.formDefinition("cy").fields.find((f) => f.name === "referrer").fields.find((f) => f.name === "sector");
  assert.equal(sector.options.find((o) => o.value === "education").label, "Addysg");
});

test("the packed tarball ships the TypeScript declarations and no base64-inlined wasm", () => {
  const dir = new URL("./node_modules/prevent-referral/", import.meta.url);
  const files = readdirSync(dir);
  for (const f of ["index.d.ts", "types.d.ts", "document.d.ts", "prevent_referral.d.ts", "prevent_referral_bg.wasm"]) {
    assert.ok(files.includes(f), f);
  }
  const glue = readFileSync(new URL("prevent_referral.js", dir), "utf8");
  assert.ok(!/data:application\/wasm|base64/.test(glue));
  assert.match(readFileSync(new URL("document.d.ts", dir), "utf8"), /export interface ReferralDocument/);
});

test("the tarball ships both licence texts, and every exports target it names", () => {
  const dir = new URL("./node_modules/prevent-referral/", import.meta.url);
  const pkg = JSON.parse(readFileSync(new URL("package.json", dir), "utf8"));
  assert.equal(pkg.license, "MIT OR Apache-2.0");
  assert.match(readFileSync(new URL("LICENSE-MIT", dir), "utf8"), /^MIT License\n\nCopyright \(c\) \d{4} the prevent-referral contributors\n[\s\S]*WITHOUT WARRANTY OF ANY KIND/);
  assert.match(readFileSync(new URL("LICENSE-APACHE", dir), "utf8"), /Apache License\s+Version 2\.0, January 2004[\s\S]*END OF TERMS AND CONDITIONS/);
  const targets = [];
  const walk = (v) => (typeof v === "string" ? targets.push(v) : Object.values(v).forEach(walk));
  walk(pkg.exports);
  for (const t of targets) assert.ok(readdirSync(dir).includes(t.replace(/^\.\//, "")), `exports names ${t}`);
  for (const sub of ["./form", "./attach"]) assert.equal(Object.keys(pkg.exports[sub])[0], "types", `${sub}: "types" first`);
});

test("types.d.ts declares exactly the members formDefinition() gives a field", () => {
  const types = readFileSync(new URL("./node_modules/prevent-referral/types.d.ts", import.meta.url), "utf8");
  const block = /export interface FormField \{([\s\S]*?)\n\}/.exec(types)[1];
  const declared = new Set([...block.matchAll(/^ {2}(\w+)\??:/gm)].map((m) => m[1]));
  const seen = new Set();
  const widgets = new Set();
  const walk = (f) => {
    Object.keys(f).forEach((k) => seen.add(k));
    widgets.add(f.widget);
    (f.fields ?? []).forEach(walk);
    if (f.item) walk(f.item);
  };
  for (const lang of ["en", "cy"]) api.formDefinition(lang).fields.forEach(walk);
  assert.deepEqual([...seen].filter((k) => !declared.has(k)), [], "members the form definition has but npm/types.d.ts does not declare");
  assert.deepEqual([...declared].filter((k) => !seen.has(k)), [], "members npm/types.d.ts declares but no field has");
  const widgetUnion = /widget:([^;]*);/.exec(block)[1];
  for (const w of widgets) assert.ok(widgetUnion.includes(`"${w}"`), `widget "${w}" is not declared`);
});

test("types.d.ts names exactly the texts messages() gives, in both languages", () => {
  const types = readFileSync(new URL("./node_modules/prevent-referral/types.d.ts", import.meta.url), "utf8");
  const union = /export type UiText =([^;]*);/.exec(types)[1];
  const declared = [...union.matchAll(/"(\w+)"/g)].map((m) => m[1]).sort();
  for (const lang of ["en", "cy"]) {
    const ui = api.messages(lang).ui;
    assert.deepEqual(Object.keys(ui).sort(), declared, `messages("${lang}").ui against npm/types.d.ts UiText`);
    for (const k of declared) assert.ok(typeof ui[k] === "string" && ui[k].length > 0, `${lang} ${k}`);
  }
});
