// Hostile and mistaken JavaScript values through the packed npm package (issue 10): each
// case was reproduced before its fix. Work is bounded by counting, never by a timed limit:
// the assertions are on the report, and a regression shows as a hang or a V8 fatal error.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as api from "prevent-referral";

const repo = process.env.PREVENT_REFERRAL_REPO;
const fixtures = JSON.parse(readFileSync(join(repo, "tests/conformance/limits.json"), "utf8"));
const pairs = (issues) => issues.map((i) => [i.path, i.code]);
const valid = JSON.parse(readFileSync(join(repo, "schemas/examples/valid", "full-referral.json"), "utf8"));
const refused = [["", "type"]];

test("wasm_trap_on_misuse: non-string arguments give undefined or the default, never a trap", () => {
  for (const bad of [Symbol(), 123, 12n, {}, [], null, undefined, () => "en", new String("referral")]) {
    assert.equal(api.schema(bad), undefined, String(typeof bad));
    assert.equal(api.messages(bad).lang, "en");
    assert.equal(api.formDefinition(bad).lang ?? "en", "en");
  }
  assert.equal(api.schema("referral").$id, "urn:prevent-referral:schema:referral:1.0");
  assert.equal(api.messages("cy").lang, "cy");
  assert.equal(api.validate(valid).valid, true, "the module still works");
});

test("limits.json text cases give the same report through JSON.parse and the package (§11.16)", () => {
  let run = 0;
  for (const group of fixtures) {
    for (const t of group.tests) {
      const doc = t.document ?? JSON.parse(t.document_text);
      const report = api.validate(doc);
      assert.deepEqual(pairs(report.errors), pairs(t.errors), t.description);
      run++;
    }
  }
  assert.ok(run >= 10);
});

test("nesting: 128 levels are read, 129 refuse the whole document as the native reader does", () => {
  const nest = (levels) => { let v = 1; for (let i = 0; i < levels; i++) v = { a: v }; return v; };
  assert.deepEqual(pairs(api.validate({ ...valid, extensions: { "uk.example.deep": nest(126) } }).errors), []);
  assert.deepEqual(pairs(api.validate({ ...valid, extensions: { "uk.example.deep": nest(127) } }).errors), refused);
});

test("shared_references_explode: every value visited is counted, whatever the shape", () => {
  // 26 objects each pointing twice to the next: 2^26 visits unbounded (V8 fatal before).
  let chain = { end: true };
  for (let i = 0; i < 26; i++) chain = { a: chain, b: chain };
  assert.deepEqual(pairs(api.validate({ ...valid, extensions: { "uk.example.x": chain } }).errors), refused);
  assert.equal(api.normalise(chain), chain, "normalise gives the refused value back");
  // An array of 100k references to one 100k-element array.
  const inner = new Array(100000).fill(0);
  const outer = new Array(100000).fill(inner);
  assert.deepEqual(pairs(api.validate({ ...valid, extensions: { "uk.example.x": outer } }).errors), refused);
  // A few shared references stay fine: each use is read.
  const shared = { note: "x" };
  assert.equal(api.validate({ ...valid, extensions: { "uk.example.a": shared, "uk.example.b": shared } }).valid, true);
  assert.equal(api.validate(valid).valid, true, "the module still works");
});

test("proxy_length_throws: an unreadable value is an error, never an absence", () => {
  const trap = new Proxy([], { get(t, k) { if (k === "length") throw new Error("no"); return Reflect.get(t, k); } });
  const doc = { ...valid, concern: { ...valid.concern, indicators: trap } };
  assert.deepEqual(pairs(api.validate(doc).errors), [["/concern/indicators", "type"]]);
  const keysTrap = new Proxy({}, { ownKeys() { throw new Error("no"); } });
  assert.deepEqual(pairs(api.validate({ ...valid, referrer: keysTrap }).errors), [["/referrer", "type"]]);
});

test("members read by for…in: traps that throw mid-way take the object back whole; inherited keys are not members", () => {
  // A Proxy whose trap throws at the second key it is asked about (for…in asks each key's
  // descriptor): the object is unreadable, and nothing of it is left in the buffer to
  // shift what follows.
  let asked = 0;
  const midway = new Proxy({ name: "x", role: "y" }, {
    getOwnPropertyDescriptor(t, k) {
      if (++asked > 1) throw new Error("no");
      return Reflect.getOwnPropertyDescriptor(t, k);
    },
  });
  assert.deepEqual(pairs(api.validate({ ...valid, referrer: midway }).errors), [["/referrer", "type"]]);
  // The siblings after the taken-back object are read as they are (a shifted buffer would
  // misreport them or the whole document).
  const after = { ...valid, extensions: { "uk.example.a": midway, "uk.example.b": "fine" } };
  asked = 0;
  assert.deepEqual(pairs(api.validate(after).errors), [["/extensions/uk.example.a", "type"]]);
  assert.deepEqual(api.normalise(after).extensions["uk.example.b"], "fine");
  // An enumerable property added to Object.prototype is not a member of every object.
  Object.defineProperty(Object.prototype, "polluted", { value: 1, enumerable: true, configurable: true });
  try {
    assert.equal(api.validate(valid).valid, true);
    assert.deepEqual(pairs(api.validate({ ...valid, own: 1 }).errors), [["/own", "unknown_field"]]);
  } finally {
    delete Object.prototype.polluted;
  }
  // A getter that deletes a later member: that member is no longer there to read.
  const shrinking = { ...valid };
  Object.defineProperty(shrinking, "zz", { enumerable: true, configurable: true, get() { delete shrinking.zzz; return 1; } });
  shrinking.zzz = 2;
  assert.deepEqual(pairs(api.validate(shrinking).errors), [["/zz", "unknown_field"]]);
});

test("million_unknown_keys: refused past 1,000,000 values; under it the report is capped", () => {
  const many = { ...valid };
  for (let i = 0; i < 1000000; i++) many[`k${i}`] = 0;
  assert.deepEqual(pairs(api.validate(many).errors), refused);
  const some = { ...valid };
  for (let i = 0; i < 20000; i++) some[`k${i}`] = 0;
  const report = api.validate(some);
  assert.equal(report.errors.length, 1000);
  assert.deepEqual(pairs(report.errors.slice(-2)), [["/k998", "unknown_field"], ["", "too_many_errors"]]);
  assert.equal(report.errors[999].message, "There are more than 999 problems; fix these and check again");
  assert.equal(api.validate(some, { lang: "cy" }).errors[999].message, "Mae mwy na 999 o broblemau; cywirwch y rhain a gwiriwch eto");
});

test("reentrant: a getter that validates and normalises while the document is read changes nothing", () => {
  // The encoder keeps its arrays between calls; a call made from inside a walk must get
  // arrays of its own, and the outer document's values must survive it.
  const inner = structuredClone(valid);
  inner.referrer.sector = "teacher";
  const doc = structuredClone(valid);
  let innerReport, innerNormal;
  Object.defineProperty(doc.individual, "given_names", {
    enumerable: true,
    get() {
      innerReport = api.validate(inner);
      innerNormal = api.normalise({ ...inner, extra: Symbol.for("x") });
      return valid.individual.given_names;
    },
  });
  const direct = api.validate(structuredClone(valid));
  assert.deepEqual(api.validate(doc), direct);
  assert.deepEqual(pairs(innerReport.errors), [["/referrer/sector", "invalid_option"]]);
  assert.equal(innerNormal.extra, Symbol.for("x"), "the inner call's originals are its own");
  const normal = api.normalise(doc);
  assert.equal(normal.individual.given_names, valid.individual.given_names);
  assert.equal(innerNormal.extra, Symbol.for("x"));
});

test("lone surrogates: a key's become U+FFFD on its own, a string holding one is an error, none pair with a neighbour", () => {
  // The encoder gathers every key and string into one text: a lone half at the end of one
  // piece must never join a lone half at the start of the next into a valid pair.
  const ext = (value) => ({ ...valid, extensions: { "uk.example.x": value } });
  const normal = api.normalise(ext({ "a\uD800": 1, "\uDC00b": 2 }));
  assert.deepEqual(normal.extensions["uk.example.x"], { "a\uFFFD": 1, "\uFFFDb": 2 });
  assert.deepEqual(pairs(api.validate(ext({ "a\uD800": "\uDC00" })).errors), [["/extensions/uk.example.x/a\uFFFD", "type"]]);
  assert.deepEqual(pairs(api.validate(ext(["\uD800", "\uDC00", "\uD83D\uDE00"])).errors), [
    ["/extensions/uk.example.x/0", "type"],
    ["/extensions/uk.example.x/1", "type"],
  ]);
  assert.deepEqual(pairs(api.validate({ ...valid, "x\uD800": "\uDC00y" }).errors), [["/x\uFFFD", "unknown_field"]]);
  assert.equal(api.validate(ext({ "\uD83D\uDE00": "\uD83D\uDE00" })).valid, true, "pairs are fine");
});

test("cycles: only the values above one count, never one met earlier in another branch", () => {
  // The encoder keeps the objects above the one it reads by depth and leaves stale entries
  // from earlier branches in place: reading them would report shared values as cycles.
  const ext = (value) => ({ ...valid, extensions: { "uk.example.x": value } });
  const shared = { k: [1] };
  assert.deepEqual(pairs(api.validate(ext({ a: { b: { c: shared } }, d: shared, e: [shared, { f: shared }] })).errors), []);
  assert.deepEqual(pairs(api.validate(ext({ d: shared, a: { b: { c: shared } } })).errors), []);
  const middle = { p: { q: {} } };
  middle.p.q.back = middle.p;
  middle.p.list = [middle.p.q];
  assert.deepEqual(pairs(api.validate(ext(middle)).errors), [
    ["/extensions/uk.example.x/p/q/back", "type"],
    ["/extensions/uk.example.x/p/list/0/back", "type"],
  ]);
  const list = [1];
  list.push([list]);
  assert.deepEqual(pairs(api.validate(ext(list)).errors), [["/extensions/uk.example.x/1/0", "type"]]);
});
