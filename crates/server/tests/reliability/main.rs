//! Reliability: `prevent-referral-server` survives hostile clients and crashes (issue 8,
//! receiving API v1 §1 "a crash may lose an unacknowledged request, never an acknowledged
//! one", §2 limits, §5 operations).
//!
//! Black-box: every test starts the real binary as a process on 127.0.0.1 (port 0) with its
//! own data folder, and talks to it over plain TCP. One test binary, so that the tests that
//! mostly wait (for the server to cut stalled clients) run side by side.
//!
//! Run one with `cargo test -p prevent-referral-server --test reliability -- NAME
//! --nocapture` (each prints what it observed); `PREVENT_REFERRAL_KEEP_SCRATCH=1` keeps the
//! data folders and server logs (and leaves the full-disk test's tmpfs mounted) for a look.
//! Needs root for one test (`mount -t tmpfs`), and 1,500 open files for this process.

#[path = "../support/mod.rs"]
mod support;

mod audit;
mod concurrency;
mod crash;
mod data_folder;
mod export;
mod hostile_bodies;
mod keys;
mod limits;
mod memory;
mod rate_limit;
mod retention;
mod shutdown;
mod small_holes;
mod store_unavailable;
mod two_instances;

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use support::http;

/// Sends referral `body` and expects 201 with a receipt; returns the receipt.
fn expect_created(addr: SocketAddr, body: &[u8], when: &str) -> serde_json::Value {
    let r = http::post_referral(addr, body)
        .unwrap_or_else(|e| panic!("{when}: a normal referral got no answer: {e}"));
    assert_eq!(r.status, 201, "{when}: a normal referral: {}", r.text());
    let receipt = r.json();
    for key in ["reference", "referral_id", "status_token", "feedback"] {
        assert!(
            receipt.get(key).is_some(),
            "{when}: receipt without {key}: {receipt}"
        );
    }
    receipt
}

/// Tries a normal referral until it gets 201 (each attempt with short time-outs), up to
/// `limit`; returns how long that took.
fn created_within(
    addr: SocketAddr,
    batch: &support::docs::Batch,
    first_n: u64,
    limit: Duration,
) -> Duration {
    let t = Instant::now();
    let mut n = first_n;
    let mut last = String::new();
    while t.elapsed() < limit {
        match http::post_referral_within(addr, &batch.body(n), Duration::from_secs(3)) {
            Ok(r) if r.status == 201 => return t.elapsed(),
            Ok(r) => last = format!("{} {}", r.status, r.text()),
            Err(e) => last = e.to_string(),
        }
        n += 1;
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("no 201 for a normal referral within {limit:?}; last answer: {last}");
}
