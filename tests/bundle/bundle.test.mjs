// An esbuild bundle of pages that import the installed tarball, run in headless Chromium
// under the Content-Security-Policy the README gives. esbuild does not copy the .wasm (it
// leaves `new URL("prevent_referral_bg.wasm", import.meta.url)` alone): a page works once
// the file is copied next to the bundle, or once init() is given its URL.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { copyFileSync, mkdirSync, readFileSync, readdirSync, cpSync, existsSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { extname, join, normalize } from "node:path";

const repo = process.env.PREVENT_REFERRAL_REPO;
assert.ok(repo, "PREVENT_REFERRAL_REPO must point at the repository");
const require = createRequire(join(repo, "tools/package.json"));
const esbuild = require("esbuild");
const { chromium } = require("playwright-core");

const here = new URL(".", import.meta.url).pathname;
const pkgDir = join(here, "../node_modules/prevent-referral");
const site = join(here, "site");
const CSP =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; " +
  "style-src 'self'; font-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".wasm": "application/wasm", ".json": "application/json", ".css": "text/css", ".woff2": "font/woff2", ".woff": "font/woff", ".svg": "image/svg+xml", ".ico": "image/x-icon" };

const page = (script) => `<!doctype html>
<html lang="en" class="govuk-template"><head><meta charset="utf-8"><title>Bundle test</title>
<link rel="stylesheet" href="/assets/govuk-frontend.min.css"></head>
<body class="govuk-template__body"><main class="govuk-main-wrapper">
<prevent-referral-form endpoint="/v1/referrals" lang="en"></prevent-referral-form>
<script type="module" src="${script}"></script></main></body></html>`;

let server;
let origin;
let browser;

before(async () => {
  rmSync(site, { recursive: true, force: true });
  // Three bundles, built as an integrator would: esbuild, format esm, the browser platform.
  for (const [entry, outdir] of [["api.js", "api"], ["form-next-to-bundle.js", "next"], ["form-elsewhere.js", "elsewhere"], ["form-next-to-bundle.js", "uncopied"]]) {
    await esbuild.build({ entryPoints: [join(here, entry)], bundle: true, format: "esm", platform: "browser", outfile: join(site, outdir, "page.js"), logLevel: "silent" });
  }
  for (const dir of ["api", "next", "elsewhere", "uncopied"]) {
    assert.deepEqual(readdirSync(join(site, dir)).filter((f) => f.endsWith(".wasm")), [], "esbuild copied no .wasm");
  }
  // What the README tells the integrator to copy.
  copyFileSync(join(pkgDir, "prevent_referral_bg.wasm"), join(site, "next", "prevent_referral_bg.wasm"));
  mkdirSync(join(site, "assets"), { recursive: true });
  copyFileSync(join(pkgDir, "prevent_referral_bg.wasm"), join(site, "assets", "prevent_referral_bg.wasm"));
  const govuk = join(repo, "tools/node_modules/govuk-frontend/dist/govuk");
  cpSync(join(govuk, "assets"), join(site, "assets"), { recursive: true });
  copyFileSync(join(govuk, "govuk-frontend.min.css"), join(site, "assets", "govuk-frontend.min.css"));
  copyFileSync(join(repo, "schemas/examples/valid/full-referral.json"), join(site, "full-referral.json"));

  // The page npm/README.md gives, as the installed README has it, served the way it says.
  const readme = readFileSync(join(pkgDir, "README.md"), "utf8");
  const readmePage = /```html\n([\s\S]*?)```/.exec(readme)[1].replace("https://prevent.example.police.uk/v1/referrals", "/v1/referrals");
  const readmeCsp = /^Content-Security-Policy: (.+)$/m.exec(readme)[1];
  const govukDir = join(repo, "tools/node_modules/govuk-frontend/dist/govuk");
  // (/assets/ is site/assets: a copy of GOV.UK Frontend's assets folder, as the README says.)
  const mounts = [["/prevent-referral/", pkgDir], ["/govuk/", govukDir]];

  server = createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    if (url.pathname === "/readme/") {
      // ?endpoint=<origin>: the README's policy with that origin for the endpoint's.
      const endpointOrigin = url.searchParams.get("endpoint");
      const csp = endpointOrigin ? readmeCsp.replace("https://prevent.example.police.uk", endpointOrigin) : readmeCsp;
      res.writeHead(200, { "Content-Security-Policy": csp, "Content-Type": TYPES[".html"] }).end(readmePage);
      return;
    }
    const mount = mounts.find(([prefix]) => url.pathname.startsWith(prefix));
    if (mount) {
      const file = normalize(join(mount[1], url.pathname.slice(mount[0].length)));
      if (file.startsWith(mount[1]) && existsSync(file)) {
        res.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
      } else res.writeHead(404).end();
      return;
    }
    const html = { "/api/": "/api/page.js", "/next/": "/next/page.js", "/elsewhere/": "/elsewhere/page.js", "/uncopied/": "/uncopied/page.js" }[url.pathname];
    const file = normalize(join(site, url.pathname));
    const headers = { "Content-Security-Policy": CSP, "Cache-Control": "no-store" };
    if (html) {
      res.writeHead(200, { ...headers, "Content-Type": TYPES[".html"] }).end(page(html));
    } else if (file.startsWith(site) && existsSync(file) && !file.endsWith("/")) {
      res.writeHead(200, { ...headers, "Content-Type": TYPES[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
    } else {
      res.writeHead(404, headers).end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"] });
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** Opens a page; records failed requests, CSP violations and uncaught errors. */
async function open(path) {
  const ctx = await browser.newContext();
  const p = await ctx.newPage();
  const problems = [];
  const loaded = [];
  p.on("response", (r) => (r.status() >= 400 ? problems : loaded).push(`${r.status()} ${new URL(r.url()).pathname}`));
  p.on("pageerror", (e) => problems.push(`error: ${e.message}`));
  p.on("console", (m) => /Content Security Policy|Refused/.test(m.text()) && problems.push(`csp: ${m.text()}`));
  await p.goto(origin + path);
  return { p, problems, loaded, close: () => ctx.close() };
}

test("the validator API through an esbuild bundle, init() pointed at the .wasm", async () => {
  const { p, problems, close } = await open("/api/");
  await p.waitForFunction(() => window.__result, null, { timeout: 15000 });
  const r = await p.evaluate(() => window.__result);
  assert.equal(r.valid, true);
  assert.equal(r.postcode, "SW1A 1AA");
  assert.equal(r.welsh.code, "required");
  assert.match(r.version, /^\d+\.\d+\.\d+/);
  assert.deepEqual(problems, []);
  await close();
});

for (const [name, path] of [["copied next to the bundle", "/next/"], ["served elsewhere, init() given its URL first", "/elsewhere/"]]) {
  test(`the form through an esbuild bundle, the .wasm ${name}`, async () => {
    const { p, problems, loaded, close } = await open(path);
    await p.getByRole("textbox", { name: "Full name" }).first().waitFor({ timeout: 15000 });
    // GOV.UK Frontend's font came from /assets/fonts (no 404, no fallback to Arial).
    await p.evaluate(() => document.fonts.ready);
    assert.ok(loaded.some((l) => /^200 \/assets\/fonts\/.+\.woff2$/.test(l)), JSON.stringify(loaded));
    assert.deepEqual(problems, []);
    await close();
  });
}

test("without the copy the bundle cannot find the .wasm (why the README says to copy it)", async () => {
  const { p, problems, close } = await open("/uncopied/");
  for (let i = 0; i < 100 && !problems.includes("404 /uncopied/prevent_referral_bg.wasm"); i++) await p.waitForTimeout(100);
  assert.ok(problems.includes("404 /uncopied/prevent_referral_bg.wasm"), JSON.stringify(problems));
  assert.equal(await p.getByRole("textbox", { name: "Full name" }).count(), 0);
  await close();
});

test("the three-line page in the package README works as written, under its CSP", async () => {
  const { p, problems, loaded, close } = await open("/readme/");
  await p.getByRole("textbox", { name: "Full name" }).first().waitFor({ timeout: 15000 });
  await p.getByRole("radio", { name: "Yes" }).first().waitFor();
  await p.evaluate(() => document.fonts.ready);
  assert.ok(loaded.some((l) => /^200 \/assets\/fonts\/.+\.woff2$/.test(l)), JSON.stringify(loaded));
  assert.ok(loaded.includes("200 /prevent-referral/prevent_referral_bg.wasm"), JSON.stringify(loaded));
  assert.deepEqual(problems, []);
  await close();
  // The repository README gives the same policy.
  const policy = (text) => /^Content-Security-Policy: (.+)$/m.exec(text)?.[1];
  assert.equal(policy(readFileSync(join(repo, "README.md"), "utf8")), policy(readFileSync(join(pkgDir, "README.md"), "utf8")));
});

test("a cross-origin endpoint works once it answers the preflight with the headers the README lists", async () => {
  // The endpoint on another origin (another port); the page under the README's CSP with that
  // origin in connect-src, sending what the form sends.
  let cors = false;
  const seen = [];
  const endpoint = createServer((req, res) => {
    seen.push(req.method);
    const allow = cors ? { "Access-Control-Allow-Origin": origin, "Access-Control-Allow-Methods": "POST", "Access-Control-Allow-Headers": "Content-Type" } : {};
    if (req.method === "OPTIONS") res.writeHead(204, allow).end();
    else res.writeHead(201, { ...allow, "Content-Type": "application/json" }).end('{"reference":"ABCD2345"}');
  });
  await new Promise((resolve) => endpoint.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${endpoint.address().port}/v1/referrals`;
  const { p, close } = await open("/readme/");
  await p.getByRole("textbox", { name: "Full name" }).first().waitFor({ timeout: 15000 });
  const send = () =>
    p.evaluate(async (u) => {
      try {
        const r = await fetch(u, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}", credentials: "omit", redirect: "error" });
        return (await r.json()).reference;
      } catch (e) {
        return `failed: ${e.name}`;
      }
    }, url);
  // The README's CSP names https://prevent.example.police.uk; this page's endpoint is elsewhere.
  assert.equal(await send(), "failed: TypeError", "refused by connect-src");
  assert.deepEqual(seen, [], "the CSP stopped it before any request");
  await close();

  const second = await open(`/readme/?endpoint=${encodeURIComponent(new URL(url).origin)}`);
  await second.p.getByRole("textbox", { name: "Full name" }).first().waitFor({ timeout: 15000 });
  const post = () =>
    second.p.evaluate(async (u) => {
      try {
        const r = await fetch(u, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}", credentials: "omit", redirect: "error" });
        return (await r.json()).reference;
      } catch (e) {
        return `failed: ${e.name}`;
      }
    }, url);
  assert.equal(await post(), "failed: TypeError", "without CORS headers the answer is hidden");
  assert.equal(seen[0], "OPTIONS", "a preflight is sent first");
  cors = true;
  seen.length = 0;
  assert.equal(await post(), "ABCD2345");
  assert.deepEqual(seen, ["OPTIONS", "POST"]);
  await second.close();
  endpoint.close();
});
