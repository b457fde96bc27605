// Compiles consumer.ts — every export of the package, as an integrator writes it — with
// `tsc --strict --noEmit` against the packed tarball installed by scripts/test-pkg.sh, for
// moduleResolution "bundler" and "nodenext". Runs from the scratch folder (types/ in it).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const repo = process.env.PREVENT_REFERRAL_REPO;
assert.ok(repo, "PREVENT_REFERRAL_REPO must point at the repository");
const tsc = join(repo, "tools/node_modules/.bin/tsc");
const here = new URL(".", import.meta.url).pathname;

function compile(config) {
  const r = spawnSync(tsc, ["-p", config], { cwd: here, encoding: "utf8" });
  return { status: r.status, output: `${r.stdout}${r.stderr}`.trim() };
}

for (const resolution of ["bundler", "nodenext"]) {
  test(`a consumer using every export compiles under --strict (moduleResolution ${resolution})`, () => {
    const { status, output } = compile(`tsconfig.${resolution}.json`);
    assert.equal(output, "", "tsc reported errors");
    assert.equal(status, 0);
  });

  test(`wrong calls are type errors, and a declaration that accepts one fails (${resolution})`, () => {
    // The same harness must fail on a file with mistakes an integrator makes.
    writeFileSync(
      join(here, "wrong.ts"),
      [
        'import { validate, normalise } from "prevent-referral";',
        'import { attach } from "prevent-referral/attach";',
        'import { PreventReferralForm } from "prevent-referral/form";',
        "validate();",
        'validate({}, { lang: "fr" });',
        "const n: number = normalise({}).referral_id;",
        'attach(document.querySelector("form"));',
        "const r: string = new PreventReferralForm().receipt.reference;",
        "// @ts-expect-error -- this line has no error, so the directive itself is one",
        "validate({});",
        "void [n, r];",
        "",
      ].join("\n"),
    );
    writeFileSync(
      join(here, `tsconfig.wrong.${resolution}.json`),
      JSON.stringify({ extends: `./tsconfig.${resolution}.json`, files: ["wrong.ts"] }),
    );
    const { status, output } = compile(`tsconfig.wrong.${resolution}.json`);
    assert.notEqual(status, 0);
    const codes = [...output.matchAll(/^wrong\.ts\((\d+),\d+\): error (TS\d+)/gm)].map((m) => `${m[1]}:${m[2]}`);
    assert.deepEqual(codes, ["4:TS2554", "5:TS2322", "6:TS2322", "7:TS2345", "8:TS2531", "9:TS2578"], output);
  });
}

test("consumer.ts imports every name the declarations export", () => {
  const pkg = join(here, "../node_modules/prevent-referral");
  const names = new Set();
  for (const f of ["index.d.ts", "types.d.ts", "document.d.ts", "form.d.ts", "attach.d.ts"]) {
    const text = readFileSync(join(pkg, f), "utf8");
    for (const m of text.matchAll(/^export (?:declare )?(?:interface|type|function|class) (\w+)/gm)) names.add(m[1]);
    for (const m of text.matchAll(/^export (?:type )?\{([^}]*)\} from "\.\/prevent_referral\.js"/gm)) {
      for (const part of m[1].split(",")) names.add(part.trim().split(/\s+as\s+/).pop());
    }
  }
  const consumer = readFileSync(join(here, "consumer.ts"), "utf8");
  const imports = [...consumer.matchAll(/^import \{([^}]*)\} from "prevent-referral[^"]*";/gm)].flatMap((m) => m[1].split(",").map((x) => x.trim().replace(/^type /, ""))).filter(Boolean);
  assert.ok(names.size > 40, [...names].join(" "));
  assert.deepEqual([...names].filter((n) => !imports.includes(n)).sort(), []);
});
