//! Black-box test support for `prevent-referral-server`: start the real binary as a process
//! ([`server`]), talk plain HTTP/1.1 to it over `std::net::TcpStream` ([`http`]), make distinct
//! referral documents ([`docs`]) and throw-away folders ([`scratch`]).
//!
//! Shared by the reliability tests (`tests/reliability_*.rs`) and the intake benchmark
//! (`benches/intake.rs`); each uses only part of it.
#![allow(dead_code)]

pub mod audit_seed;
pub mod data_folder;
pub mod db;
pub mod docs;
pub mod http;
pub mod pg;
pub mod scratch;
pub mod seed;
pub mod server;
pub mod store;
