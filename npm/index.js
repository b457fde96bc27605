// prevent-referral for browsers and bundlers: call `await init()` once, then use the
// functions. The wasm file is found next to this module (new URL(…, import.meta.url)).
// Everything the Rust bindings export (src/wasm/mod.rs) is re-exported as it is.
export * from "./prevent_referral.js";
export { default as init } from "./prevent_referral.js";
