//! Rate limit: spec §2 "too many requests from one client → 429 `rate_limited`, with
//! `Retry-After`"; the server's default is 120 intake requests per minute per client address,
//! `--rate-limit 0` turns it off, and a client cannot escape it by sending `X-Forwarded-For`
//! unless the operator said the proxy is trusted (`--trusted-proxy`).

use std::net::SocketAddr;
use std::time::Instant;

use crate::support::docs::Batch;
use crate::support::http::{self, Response};
use crate::support::scratch::Scratch;
use crate::support::server::{Options, Server};

/// The default limit per minute.
const DEFAULT_PER_MINUTE: u64 = 120;

fn post(addr: SocketAddr, body: &[u8], forwarded_for: Option<&str>) -> Response {
    let mut headers = vec![("Content-Type", "application/json")];
    if let Some(ip) = forwarded_for {
        headers.push(("X-Forwarded-For", ip));
    }
    http::request(addr, "POST", "/v1/referrals", &headers, body).expect("an answer")
}

/// Sends distinct referrals until the first 429 (at most `limit` + 50); returns how many were
/// let through before it, the 429, and the seconds the sending took.
fn until_limited(
    addr: SocketAddr,
    batch: &Batch,
    limit: u64,
    forwarded_for: impl Fn(u64) -> Option<String>,
) -> (u64, Option<Response>, f64) {
    let t = Instant::now();
    for n in 0..limit + 50 {
        let r = post(addr, &batch.body(n), forwarded_for(n).as_deref());
        if r.status == 429 {
            return (n, Some(r), t.elapsed().as_secs_f64());
        }
        assert_eq!(r.status, 201, "referral {n}: {}", r.text());
    }
    (limit + 50, None, t.elapsed().as_secs_f64())
}

/// The most requests a limit of `per_minute` may let through in `seconds`: the burst plus
/// what refills meanwhile, plus one for rounding.
fn most_allowed(per_minute: u64, seconds: f64) -> u64 {
    per_minute + (seconds * per_minute as f64 / 60.0).ceil() as u64 + 1
}

#[test]
fn the_default_rate_limit_answers_429_with_retry_after_after_120_a_minute_from_one_client() {
    let scratch = Scratch::new("rate-limit");
    let server = Server::start(&scratch.join("data"), &Options::default());
    let batch = Batch::new();

    let (allowed, limited, seconds) =
        until_limited(server.addr, &batch, DEFAULT_PER_MINUTE, |_| None);
    let r = limited.unwrap_or_else(|| {
        panic!("no 429 after {allowed} referrals from one client in {seconds:.1} s")
    });
    assert!(
        allowed >= DEFAULT_PER_MINUTE && allowed <= most_allowed(DEFAULT_PER_MINUTE, seconds),
        "{allowed} referrals let through before the first 429 (in {seconds:.1} s)"
    );
    assert_eq!(
        r.error_code().as_deref(),
        Some("rate_limited"),
        "{}",
        r.text()
    );
    let retry_after = r
        .header("retry-after")
        .unwrap_or_else(|| panic!("429 without Retry-After"));
    let secs: u64 = retry_after
        .parse()
        .unwrap_or_else(|_| panic!("Retry-After {retry_after:?} is not a number of seconds"));
    assert!(
        (1..=60).contains(&secs),
        "Retry-After {secs} s for a per-minute limit"
    );

    // Another header does not make another client: without --trusted-proxy,
    // X-Forwarded-For is not believed.
    let r = post(server.addr, &batch.body(10_000), Some("203.0.113.77"));
    assert_eq!(
        r.status,
        429,
        "X-Forwarded-For from an untrusted client escaped the limit: {}",
        r.text()
    );
}

#[test]
fn behind_a_trusted_proxy_each_forwarded_client_has_its_own_limit() {
    let scratch = Scratch::new("rate-limit-proxy");
    let server = Server::start(
        &scratch.join("data"),
        &Options {
            args: vec!["--trusted-proxy".into()],
            ..Options::default()
        },
    );
    let batch = Batch::new();
    let (allowed, limited, seconds) =
        until_limited(server.addr, &batch, DEFAULT_PER_MINUTE, |_| {
            Some("203.0.113.10".into())
        });
    assert!(
        limited.is_some() && allowed <= most_allowed(DEFAULT_PER_MINUTE, seconds),
        "one forwarded client: {allowed} let through, then {:?}",
        limited.map(|r| r.status)
    );
    // Another forwarded client, through the same proxy connection address, is let in.
    let r = post(server.addr, &batch.body(20_000), Some("203.0.113.11"));
    assert_eq!(r.status, 201, "a second forwarded client: {}", r.text());
}

#[test]
fn rate_limit_0_turns_the_limit_off() {
    let scratch = Scratch::new("rate-limit-off");
    let server = Server::start(&scratch.join("data"), &Options::unlimited());
    let batch = Batch::new();
    let n = 3 * DEFAULT_PER_MINUTE;
    let (allowed, limited, seconds) = until_limited(server.addr, &batch, n - 50, |_| None);
    assert!(
        limited.is_none(),
        "--rate-limit 0: 429 after {allowed} referrals in {seconds:.1} s"
    );
    assert_eq!(allowed, n);
}
