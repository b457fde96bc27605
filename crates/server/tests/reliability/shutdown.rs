//! Graceful shutdown (issue 8: "shuts down gracefully on SIGTERM"): a referral already being
//! sent when SIGTERM arrives is finished, acknowledged and stored; new connections are no
//! longer taken; the process exits 0.

use std::io::{BufReader, ErrorKind, Write};
use std::time::{Duration, Instant};

use crate::support::docs::{normalised, Batch};
use crate::support::http;
use crate::support::scratch::Scratch;
use crate::support::server::{Options, Server};

/// Longest the test waits for the server to stop taking connections after SIGTERM.
const STOPS_LISTENING_WITHIN: Duration = Duration::from_secs(10);

#[test]
fn sigterm_lets_an_in_flight_referral_finish_and_be_stored_then_exits_0() {
    let scratch = Scratch::new("sigterm");
    let data = scratch.join("data");
    let mut server = Server::start(&data, &Options::unlimited());
    let token = server.team_token();
    let batch = Batch::new();
    let body = batch.body(0);

    // Headers and half the body, then SIGTERM, then the rest. The request asks for
    // `100 Continue`, which the server sends when its handler starts reading the body: from
    // then on the referral is in flight (before it, SIGTERM could find it still queued).
    let raw = http::build_request(
        "POST",
        "/v1/referrals",
        &[
            ("Content-Type", "application/json"),
            ("Expect", "100-continue"),
        ],
        &body,
        false,
    );
    let split = raw.len() - body.len() / 2;
    let mut stream = BufReader::new(http::connect(server.addr).expect("connect"));
    stream
        .get_mut()
        .write_all(&raw[..split])
        .expect("first half");
    let interim = http::read_response(&mut stream, "POST")
        .expect("an interim answer once the server reads the body");
    assert_eq!(
        interim.status,
        100,
        "the interim answer: {}",
        interim.text()
    );
    // SAFETY: kill(2) on our own child's pid.
    unsafe {
        libc::kill(server.pid() as libc::pid_t, libc::SIGTERM);
    }
    // Once the server has taken the signal it refuses connections; until then a probe
    // connects and is dropped at once.
    let t = Instant::now();
    loop {
        match http::connect_within(server.addr, Duration::from_secs(2)) {
            Err(e) if e.kind() == ErrorKind::ConnectionRefused => break,
            Err(e) => panic!("after SIGTERM a connection was neither refused nor taken: {e}"),
            Ok(_probe) => assert!(
                t.elapsed() < STOPS_LISTENING_WITHIN,
                "still taking connections {STOPS_LISTENING_WITHIN:?} after SIGTERM; log:\n{}",
                server.log_text()
            ),
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        server.is_running(),
        "the server exited at SIGTERM with a request in flight"
    );
    // No new connections once shutting down: refused, not answered.
    match http::post_referral_within(server.addr, &batch.body(1), Duration::from_secs(2)) {
        Err(e) if e.kind() == ErrorKind::ConnectionRefused => {}
        Err(e) => panic!("a new referral after SIGTERM: not refused but {e}"),
        Ok(r) => panic!(
            "a new referral after SIGTERM was answered {}: {}",
            r.status,
            r.text()
        ),
    }

    stream
        .get_mut()
        .write_all(&raw[split..])
        .expect("second half");
    let r = http::read_response(&mut stream, "POST").expect("the in-flight referral is answered");
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
