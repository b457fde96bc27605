// For the status and team page tests: the receiving server (as harness.mjs starts it) with a
// team token the tests sign in with, and a way to send a referral straight to the API.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync, createWriteStream } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repo } from "./harness.mjs";

const binary = process.env.SERVER_BINARY ?? join(repo, "target/release/prevent-referral-server");

/** Starts the server; resolves to `{url, token, stop(), newToken(name), send(doc)}`. */
export async function startTeamServer() {
  const data = mkdtempSync(join(tmpdir(), "pr-team-"));
  const newToken = (name) =>
    execFileSync(binary, ["token", "create", "--data", data, "--name", name], { cwd: repo, encoding: "utf8" }).trim().split("\n").pop();
  const token = newToken("Dana Officer");
  const child = spawn(binary, ["--addr", "127.0.0.1:0", "--data", data, "--rate-limit", "0"], { cwd: repo, stdio: ["ignore", "pipe", "pipe"] });
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
  child.stderr.pipe(createWriteStream(join(repo, "target/server-team-test.log")));
  return {
    url,
    token,
    newToken,
    /** POSTs a referral document to the intake; resolves to the receipt. */
    async send(doc) {
      const res = await fetch(`${url}/v1/referrals`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(doc) });
      if (res.status !== 201) throw new Error(`intake answered ${res.status}: ${await res.text()}`);
      return res.json();
    },
    /** POSTs a status update with the team token. */
    async update(id, body) {
      const res = await fetch(`${url}/v1/team/referrals/${id}/feedback`, { method: "POST", headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
      if (res.status !== 201) throw new Error(`feedback answered ${res.status}: ${await res.text()}`);
      return res.json();
    },
    stop() {
      child.kill();
      rmSync(data, { recursive: true, force: true });
    },
  };
}

/** A valid example referral with a fresh id, and `change(doc)` applied. */
export async function exampleReferral(change = () => {}) {
  const { readFile } = await import("node:fs/promises");
  const doc = JSON.parse(await readFile(join(repo, "schemas/examples/valid/full-referral.json"), "utf8"));
  doc.referral_id = crypto.randomUUID();
  change(doc);
  return doc;
}

/** Signs in on the team's sign-in page the way a person does. */
export async function signIn(page, url, token, { lang = "en" } = {}) {
  await page.goto(`${url}/team/${lang === "cy" ? "?lang=cy" : ""}`);
  await page.waitForURL(/\/team\/sign-in\//);
  await page.getByLabel(lang === "cy" ? "Tocyn tîm" : "Team token").fill(token);
  await page.getByRole("button", { name: lang === "cy" ? "Mewngofnodi" : "Sign in" }).click();
  await page.waitForURL((u) => u.pathname === "/team/");
  await page.locator("body[data-ready='true']").waitFor();
}
