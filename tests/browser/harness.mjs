// Shared by the browser tests: the receiving server on a free loopback port, Debian's Chromium
// through playwright-core, and axe-core. Nothing here reaches beyond 127.0.0.1.
import { execFileSync, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { mkdtempSync, rmSync, createWriteStream } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const repo = fileURLToPath(new URL("../..", import.meta.url));
const require = createRequire(join(repo, "tools/package.json"));
export const { chromium } = require("playwright-core");
const axe = require("@axe-core/playwright");
export const AxeBuilder = axe.AxeBuilder ?? axe.default;

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/**
 * Starts the receiving server (`prevent-referral-server`, a fresh data folder, no rate limit)
 * on a free loopback port, with a team token made for the run (`tokenName` names its member);
 * resolves to `{ url, token, newToken(name), stop(), storedDocuments() }`.
 * `newToken(name)` makes a further team token. `storedDocuments()` is async and resolves to
 * every stored (normalised) referral document, read through the team export API with the
 * run's token; tests read what arrived only through it. The server's log (one line per
 * request) goes to `target/<log>` for diagnosing a failed run.
 */
export async function startServer({ tokenName = "Browser tests", log = "server-test.log" } = {}) {
  const data = mkdtempSync(join(tmpdir(), "pr-data-"));
  const binary = process.env.SERVER_BINARY ?? join(repo, "target/release/prevent-referral-server");
  const newToken = (name) =>
    execFileSync(binary, ["token", "create", "--data", data, "--name", name], { cwd: repo, encoding: "utf8" })
      .trim()
      .split("\n")
      .pop();
  const token = newToken(tokenName);
  const child = spawn(binary, ["--addr", "127.0.0.1:0", "--data", data, "--rate-limit", "0"], {
    cwd: repo,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const url = await new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 15000);
    child.stdout.on("data", (d) => {
      out += d;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on("exit", (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
  child.stderr.pipe(createWriteStream(join(repo, "target", log)));
  return {
    url,
    token,
    newToken,
    async storedDocuments() {
      const res = await fetch(`${url}/v1/team/export?format=jsonl`, { headers: { Authorization: `Bearer ${token}` } });
      if (res.status !== 200) throw new Error(`team export answered ${res.status}`);
      const text = await res.text();
      return text
        .split("\n")
        .filter((line) => line.trim() !== "")
        .map((line) => JSON.parse(line).document);
    },
    stop() {
      child.kill();
      rmSync(data, { recursive: true, force: true });
    },
  };
}

export async function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

/** Presses Tab until `locator` has focus (a real keyboard path to it), at most `limit` times. */
export async function tabTo(page, locator, limit = 400) {
  const target = await locator.elementHandle();
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error("could not reach the control with Tab");
}

/** axe-core violations (WCAG 2.2 AA rules and best practice) on the page as it is now. */
export async function axeViolations(page) {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}
