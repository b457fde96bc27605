// The first page load after the server starts completes, every time (issue 8: with the old
// demo server `pkg/dom.js` and `pkg/prevent_referral.js` often stayed pending for ever).
// Twenty rounds of: start the server, open the page in a fresh Chromium context, wait for
// `load` (at most 10 s) and for the form to render, stop the server.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch } from "./harness.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test("the first page load after start completes 20 times out of 20", async () => {
  const times = [];
  for (let round = 0; round < 20; round++) {
    const server = await startServer();
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const failed = [];
      page.on("requestfailed", (r) => failed.push(`${r.url()} ${r.failure()?.errorText}`));
      const start = Date.now();
      const response = await page.goto(server.url, { waitUntil: "load", timeout: 10_000 });
      assert.equal(response.status(), 200, `round ${round}`);
      // The form rendered (the page's own script and the wasm ran): it has controls.
      await page.locator("prevent-referral-form button").first().waitFor({ timeout: 10_000 });
      times.push(Date.now() - start);
      assert.deepEqual(failed, [], `round ${round}: failed requests`);
    } finally {
      await context.close();
      server.stop();
    }
  }
  assert.equal(times.length, 20);
  console.log(`first load to rendered form, ms: median ${times.sort((a, b) => a - b)[10]}, max ${times[19]}`);
});
