export * from "./prevent_referral.js";
export { default as init } from "./prevent_referral.js";
export type * from "./types.js";
