// Bundled by esbuild (bundle.test.mjs): the validator API with the .wasm served from /assets/,
// not next to the bundle, so init() is told where it is.
import { init, validate, normalise, version } from "prevent-referral";

await init({ module_or_path: "/assets/prevent_referral_bg.wasm" });
const doc = await (await fetch("/full-referral.json")).json();
window.__result = {
  version: version(),
  valid: validate(doc).valid,
  postcode: normalise({ ...doc, individual: { ...doc.individual, address: { ...doc.individual.address, postcode: " sw1a1aa " } } }).individual.address.postcode,
  welsh: validate({}, { lang: "cy" }).errors[0],
};
