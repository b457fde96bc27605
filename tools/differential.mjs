// Judges the documents `cargo run --example differential` wrote (one JSON line each, with
// the native report and normalised document): the wasm package in Node must give the same
// report (valid, every error and warning: path, code, message) and the same normalised
// document; Ajv in default strict mode (x- keywords declared as annotations) must accept
// every valid document once normalised and reject every invalid one, except where the only
// errors are rules the schema cannot express (its x- keywords). Exits 1 on any disagreement.
//
// Usage: node tools/differential.mjs FILE.jsonl
import { createReadStream, readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";

const root = fileURLToPath(new URL("..", import.meta.url));
const api = await import(`${root}/pkg/node.js`);
const { default: Ajv2020 } = await import(`${root}/tools/node_modules/ajv/dist/2020.js`);

const schemas = { referral: null, feedback: null };
const ajv = new Ajv2020();
const declared = new Set();
for (const name of Object.keys(schemas)) {
  const schema = JSON.parse(readFileSync(`${root}/schemas/${name}-1.0.schema.json`, "utf8"));
  const xKeywords = new Set();
  JSON.stringify(schema, (k, v) => { if (k.startsWith("x-")) xKeywords.add(k); return v; });
  for (const k of xKeywords) if (!declared.has(k)) { declared.add(k); ajv.addKeyword(k); }
  schemas[name] = ajv.compile(schema);
}

// Errors only code can find: the rules the schema annotates with x- keywords.
const schemaCannotSee = (e) =>
  ["invalid_date", "date_in_future", "invalid_nhs_number"].includes(e.code) ||
  (e.code === "invalid_format" && /\/(created_at|updated_at)$/.test(e.path));

const file = process.argv[2];
const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
let n = 0, valid = 0, hidden = 0;
const failures = [];
for await (const line of lines) {
  if (!line) continue;
  const t = JSON.parse(line);
  n++;
  const where = `#${t.i} ${t.kind} [${t.fault}]`;
  const fn = t.kind === "feedback" ? api.validateFeedback : api.validate;
  const report = fn(t.doc, { lang: t.lang });
  try {
    assert.deepEqual(report, t.report);
    if (t.kind === "referral") assert.deepEqual(api.normalise(t.doc), t.normalised);
  } catch (e) {
    failures.push(`${where}: wasm differs from native: ${e.message.slice(0, 600)}`);
  }
  const schemaOk = schemas[t.kind](t.normalised);
  if (t.report.valid) valid++;
  if (t.report.valid && !schemaOk) {
    failures.push(`${where}: Ajv rejects a valid document: ${JSON.stringify(schemas[t.kind].errors).slice(0, 400)}`);
  } else if (!t.report.valid && schemaOk) {
    if (t.report.errors.every(schemaCannotSee)) hidden++;
    else failures.push(`${where}: Ajv accepts a document with ${JSON.stringify(t.report.errors.map((e) => [e.path, e.code]))}`);
  }
}
console.log(`differential (wasm, Ajv): ${n} documents, ${valid} valid, ${n - valid} invalid (${hidden} with only x- rule faults): ${failures.length} disagreements`);
for (const f of failures.slice(0, 20)) console.log("  " + f);
process.exit(failures.length ? 1 : 0);
