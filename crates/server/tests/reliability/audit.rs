//! Failed sign-ins (issue 17, spec §6.6): the real binary accepted 1,600 bad team tokens a
//! second from one client, and recorded none. Now a client address gets its allowance of
//! failures a minute (401 each, each recorded with no actor and never the token), then 429 with
//! `Retry-After`, even for a good token; another address is not affected.

use std::net::SocketAddr;

use crate::support::http::{self, Response};
use crate::support::scratch::Scratch;
use crate::support::server::{Options, Server};

/// The default allowance of failed sign-ins a minute.
const DEFAULT_FAILURES: usize = 10;
/// Requests sent by the guesser.
const GUESSES: usize = 200;

fn from(addr: SocketAddr, ip: &str, method: &str, path: &str, token: &str) -> Response {
    let auth = format!("Bearer {token}");
    let headers = [("Authorization", auth.as_str()), ("X-Forwarded-For", ip)];
    http::request(addr, method, path, &headers, b"").expect("an answer")
}

#[test]
fn bad_team_tokens_from_one_client_get_429_after_the_limit() {
    let scratch = Scratch::new("sign-in-limit");
    // Behind a trusted proxy, so that the guesser and the supervisor are two addresses.
    let mut options = Options::unlimited();
    options.args.push("--trusted-proxy".into());
    let server = Server::start(&scratch.join("data"), &options);
    let token = server.team_token();
    let guesser = "198.51.100.7";
    let mut statuses = Vec::with_capacity(GUESSES);
    for n in 0..GUESSES {
        let r = from(
            server.addr,
            guesser,
            "POST",
            "/v1/team/session",
            &format!("prt_{n:043}"),
        );
        if r.status == 429 {
            assert_eq!(r.error_code().as_deref(), Some("rate_limited"));
            assert!(r.header("retry-after").is_some(), "429 without Retry-After");
        }
        statuses.push(r.status);
    }
    let refused = statuses.iter().filter(|&&s| s == 401).count();
    let limited = statuses.iter().filter(|&&s| s == 429).count();
    println!("{GUESSES} bad tokens from one address: {refused} × 401, {limited} × 429");
    assert_eq!(refused, DEFAULT_FAILURES, "{statuses:?}");
    assert_eq!(limited, GUESSES - DEFAULT_FAILURES, "{statuses:?}");
    // The good token from that address waits too; from another address it works.
    let good = from(server.addr, guesser, "GET", "/v1/team/referrals", &token);
    assert_eq!(good.status, 429);
    let log = http::get(
        server.addr,
        "/v1/team/audit?action=sign_in_failed&limit=500",
        Some(&token),
    )
    .expect("an answer");
    assert_eq!(log.status, 200, "{}", log.text());
    let body = log.json();
    let items = body["items"].as_array().cloned().unwrap_or_default();
    assert_eq!(items.len(), DEFAULT_FAILURES, "{body}");
    assert!(items
        .iter()
        .all(|i| i["actor"].is_null() && i["status"] == 401));
    assert!(!log.text().contains("prt_0"), "a token in the audit log");
}
