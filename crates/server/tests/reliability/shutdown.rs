//! Graceful shutdown (issue 8: "shuts down gracefully on SIGTERM"): a referral already being
//! sent when SIGTERM arrives is finished, acknowledged and stored; new connections are no
//! longer taken; the process exits 0.

use std::io::{BufReader, Write};
use std::time::{Duration, Instant};

use crate::support::docs::{normalised, Batch};
use crate::support::http;
use crate::support::scratch::Scratch;
use crate::support::server::{Options, Server};

#[test]
fn sigterm_lets_an_in_flight_referral_finish_and_be_stored_then_exits_0() {
    let scratch = Scratch::new("sigterm");
    let data = scratch.join("data");
    let mut server = Server::start(&data, &Options::unlimited());
    let token = server.team_token();
    let batch = Batch::new();
    let body = batch.body(0);

    // Headers and half the body, then SIGTERM, then the rest.
    let raw = http::build_request(
        "POST",
        "/v1/referrals",
        &[("Content-Type", "application/json")],
        &body,
        false,
    );
    let split = raw.len() - body.len() / 2;
    let mut stream = http::connect(server.addr).expect("connect");
    stream.write_all(&raw[..split]).expect("first half");
    std::thread::sleep(Duration::from_millis(200));
    // SAFETY: kill(2) on our own child's pid.
    unsafe {
        libc::kill(server.pid() as libc::pid_t, libc::SIGTERM);
    }
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        server.is_running(),
        "the server exited at SIGTERM with a request in flight"
    );
    // No new connections once shutting down (refused, or closed without an answer).
    let late = http::post_referral_within(server.addr, &batch.body(1), Duration::from_secs(2));
    assert!(
        late.as_ref().map_or(true, |r| r.status != 201),
        "a new referral was accepted after SIGTERM"
    );

    stream.write_all(&raw[split..]).expect("second half");
    let r = http::read_response(&mut BufReader::new(stream), "POST")
        .expect("the in-flight referral is answered");
    assert_eq!(r.status, 201, "the in-flight referral: {}", r.text());
    let receipt = r.json();

    let t = Instant::now();
    let status = server.terminate();
    assert!(status.success(), "exit status after SIGTERM: {status}");
    eprintln!("SIGTERM: exited {:?} after the last answer", t.elapsed());

    let server = Server::start(&data, &Options::unlimited());
    let exported = server.export(&token);
    assert_eq!(exported.len(), 1, "stored after the restart: {exported:?}");
    assert_eq!(exported[0]["reference"], receipt["reference"]);
    assert_eq!(exported[0]["document"], normalised(&body));
}
