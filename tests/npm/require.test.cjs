// CommonJS: require("prevent-referral") loads the ES module through Node's require(esm),
// enabled by default from Node 20.19 and 22.12 — the versions package.json "engines" names.
const { test } = require("node:test");
const assert = require("node:assert/strict");
const { readFileSync } = require("node:fs");
const { join } = require("node:path");

test("require() gives the same API, ready to use", () => {
  const api = require("prevent-referral");
  for (const name of ["validate", "validateFeedback", "normalise", "schema", "messages", "formDefinition", "version"]) {
    assert.equal(typeof api[name], "function", name);
  }
  const full = JSON.parse(readFileSync(join(process.env.PREVENT_REFERRAL_REPO, "schemas/examples/valid/full-referral.json"), "utf8"));
  assert.equal(api.validate(full).valid, true);
  assert.deepEqual(api.validate({}).errors[0], api.validate({}, { lang: "en" }).errors[0]);
  assert.equal(api.validate({}, { lang: "cy" }).valid, false);
});

test("this Node is one the package's engines field names", () => {
  const [major, minor] = process.versions.node.split(".").map(Number);
  assert.ok((major === 20 && minor >= 19) || (major === 22 && minor >= 12) || major > 22, process.versions.node);
  const pkg = require("prevent-referral/package.json");
  assert.equal(pkg.engines.node, "^20.19.0 || >=22.12.0");
});
