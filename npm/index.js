// prevent-referral for browsers and bundlers: call `await init()` once, then use the
// functions. The wasm file is found next to this module (new URL(…, import.meta.url)).
export {
  default as init,
  initSync,
  validate,
  validateFeedback,
  normalise,
  schema,
  messages,
  formDefinition,
  version,
} from "./prevent_referral.js";
