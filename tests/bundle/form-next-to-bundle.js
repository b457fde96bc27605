// Bundled by esbuild: the form, with prevent_referral_bg.wasm copied next to the bundle,
// where the package looks for it (new URL("prevent_referral_bg.wasm", import.meta.url)).
import "prevent-referral/form";
