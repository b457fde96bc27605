//! # prevent-referral-server
//!
//! The receiving service of the Prevent referral standard: the receiving API v1
//! (`receiving-api-v1.md`) on axum and hyper, storage behind the [`store::Store`] trait
//! (SQLite here), personal data encrypted at rest ([`crypto`]), the form page served on the
//! same origin.
//!
//! Request path: [`serve`] (connection limits, header time limit) → [`api::router`], built
//! from the route table (request log, header size, time limit, security headers, CORS on
//! public routes, the audit layer on team routes) → a handler in `api/` →
//! [`crypto::Vault`] seals or opens personal data → [`store::Store`].

pub mod admin;
pub mod api;
pub mod check;
pub mod clock;
pub mod columns;
pub mod crypto;
pub mod data;
pub mod retention;
pub mod serve;
pub mod store;
