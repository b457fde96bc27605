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
export type * from "./types.js";
