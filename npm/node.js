// prevent-referral for Node.js: the wasm is loaded from disk synchronously, so the
// functions are ready as soon as the import resolves (no init() needed).
import { readFileSync } from "node:fs";
import { initSync } from "./prevent_referral.js";

initSync({ module: readFileSync(new URL("./prevent_referral_bg.wasm", import.meta.url)) });

export * from "./index.js";
