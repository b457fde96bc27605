// Bundled by esbuild: the form, with the .wasm at a URL of the page's choosing. init() is
// called before the form's module is evaluated, so the form's own init() reuses it.
import { init } from "prevent-referral";

init({ module_or_path: "/assets/prevent_referral_bg.wasm" });
await import("prevent-referral/form");
