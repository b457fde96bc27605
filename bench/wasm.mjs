// make bench-wasm: our wasm validator against ajv 8 compiled from our own schema, in one
// Node process. Prints ops/s and ratios ours ÷ ajv (time), steady state and cold start.
// Cold start runs in fresh child processes so that module caches do not flatter either.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const pkg = process.env.PKG_DIR ?? `${root}pkg`;
const tools = `${root}tools/node_modules`;
const examplePath = `${root}schemas/examples/valid/full-referral.json`;

if (process.argv[2] === "cold") {
  // One cold start, printed as microseconds: import + init + first verdict.
  const which = process.argv[3];
  const doc = JSON.parse(readFileSync(examplePath, "utf8"));
  const t0 = process.hrtime.bigint();
  let ok;
  if (which === "ours") {
    const m = await import(`${pkg}/node.js`);
    ok = m.validate(doc).valid;
  } else {
    const { default: Ajv2020 } = await import(`${tools}/ajv/dist/2020.js`);
    const { default: addFormats } = await import(`${tools}/ajv-formats/dist/index.js`);
    const schema = JSON.parse(readFileSync(`${root}schemas/referral-1.0.schema.json`, "utf8"));
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    ok = ajv.compile(schema)(doc);
  }
  const us = Number(process.hrtime.bigint() - t0) / 1000;
  if (!ok) throw new Error(`${which}: the example should be valid`);
  console.log(us);
  process.exit(0);
}

const { validate, normalise } = await import(`${pkg}/node.js`);
// The JavaScript half of the crossing, timed alone for the profile below.
const { encode } = await import(`${pkg}/encode.js`);
const { default: Ajv2020 } = await import(`${tools}/ajv/dist/2020.js`);
const { default: addFormats } = await import(`${tools}/ajv-formats/dist/index.js`);
const schema = JSON.parse(readFileSync(`${root}schemas/referral-1.0.schema.json`, "utf8"));
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const ajvValidate = ajv.compile(schema);

const valid = JSON.parse(readFileSync(examplePath, "utf8"));
const invalid = structuredClone(valid);
invalid.individual.address.postcode = "SW1A 1AI";
invalid.referrer.sector = "teacher";
invalid.sharing.necessity_confirmed = false;
invalid.concern.indicators.push("not_a_code");
// Both must agree before timing means anything.
if (!validate(valid).valid || !ajvValidate(valid)) throw new Error("valid example rejected");
if (validate(invalid).valid || ajvValidate(invalid)) throw new Error("invalid example accepted");
const normalisedInvalid = normalise(invalid);

// Calls per second of `f`: a batch sized to take ~0.1 s, timed 5 times, the fastest kept
// (the others were slowed by something else on the machine).
function opsPerSecond(f) {
  for (let i = 0; i < 5000; i++) f(); // warm up (JIT, caches)
  let n = 1000;
  const time = () => {
    const t = process.hrtime.bigint();
    for (let i = 0; i < n; i++) f();
    return Number(process.hrtime.bigint() - t);
  };
  while (time() < 1e8) n *= 2;
  let best = Infinity;
  for (let round = 0; round < 5; round++) best = Math.min(best, time());
  return (n / best) * 1e9;
}

const rows = [];
for (const [name, doc] of [["valid referral", valid], ["invalid referral (4 errors)", invalid]]) {
  const ours = opsPerSecond(() => validate(doc));
  const theirs = opsPerSecond(() => ajvValidate(doc));
  rows.push([name, ours, theirs]);
}
console.log(`Steady state, full example referral (${readFileSync(examplePath).length} bytes), one Node process:`);
for (const [name, ours, theirs] of rows) {
  console.log(
    `  ${name.padEnd(30)} ours ${ours.toFixed(0).padStart(8)} ops/s   ajv ${theirs.toFixed(0).padStart(8)} ops/s   ours÷ajv (time) ${(theirs / ours).toFixed(2)}`,
  );
}
// Where our time goes (valid referral): encode.js walking the JS value into one buffer, and
// everything in wasm (copying the buffer in, reading it, validating, building the report).
// `make bench` gives the native split of reading the buffer and validating.
{
  const us = (opsPerS) => 1e6 / opsPerS;
  const [, ours, theirs] = rows[0];
  const encodeUs = us(opsPerSecond(() => encode(valid)));
  const total = us(ours);
  const ajvUs = us(theirs);
  console.log("Profile of ours, valid referral (µs per call, and × ajv's whole validation):");
  console.log(`  encode.js (walk the JS value, pack one buffer)   ${encodeUs.toFixed(2).padStart(6)} µs   ${(encodeUs / ajvUs).toFixed(2)} × ajv`);
  console.log(`  wasm (copy in, read, validate, report)           ${(total - encodeUs).toFixed(2).padStart(6)} µs   ${((total - encodeUs) / ajvUs).toFixed(2)} × ajv`);
}
void normalisedInvalid;

const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cold = (which) =>
  median(
    Array.from({ length: 7 }, () =>
      Number(execFileSync(process.execPath, [fileURLToPath(import.meta.url), "cold", which]).toString()),
    ),
  );
const oursCold = cold("ours");
const ajvCold = cold("ajv");
console.log("Cold start (import + init/compile + first verdict, median of 7 fresh processes):");
console.log(
  `  ours ${(oursCold / 1000).toFixed(2)} ms   ajv ${(ajvCold / 1000).toFixed(2)} ms   ours÷ajv ${(oursCold / ajvCold).toFixed(3)}`,
);
