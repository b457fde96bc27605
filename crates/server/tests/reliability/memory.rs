//! Memory: spec §5 "running out of memory for one request never stops the service for
//! others; no input can crash or abort the process". A body is at most 1 MiB, but parsed into
//! a tree it can take tens of MiB (half a million values); many at once must not add up to
//! gigabytes (a Rust process aborts when an allocation fails).

use std::io::{BufReader, Write};
use std::sync::{Arc, Barrier};

use crate::expect_created;
use crate::support::docs::Batch;
use crate::support::http;
use crate::support::scratch::Scratch;
use crate::support::server::{Options, Server};

/// The server's peak resident memory so far, in MiB (`VmHWM`).
fn peak_mib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<u64>().ok())
        })
        .unwrap_or(0)
        / 1024
}

/// The most the server's peak memory may grow for 64 such bodies at once (8 MiB each).
const MAX_GROWTH_MIB: u64 = 512;

#[test]
fn sixty_four_concurrent_bodies_of_half_a_million_values_keep_memory_bounded_and_all_get_answers() {
    let scratch = Scratch::new("memory");
    let mut server = Server::start(&scratch.join("data"), &Options::many_clients());
    let batch = Batch::new();
    let before = peak_mib(server.pid());
    // Just under 1 MiB: an array of half a million zeros, the most values a body can hold.
    let mut body = b"[0".to_vec();
    while body.len() < 1024 * 1024 - 8 {
        body.extend_from_slice(b",0");
    }
    body.push(b']');
    let body = Arc::new(body);
    let clients = 64;
    let barrier = Arc::new(Barrier::new(clients));
    let threads: Vec<_> = (0..clients)
        .map(|_| {
            let (body, barrier, addr) = (body.clone(), barrier.clone(), server.addr);
            std::thread::spawn(move || {
                let raw = http::build_request(
                    "POST",
                    "/v1/referrals",
                    &[("Content-Type", "application/json")],
                    &body,
                    false,
                );
                let stream = http::connect(addr);
                barrier.wait();
                let mut stream = stream.ok()?;
                stream.write_all(&raw).ok()?;
                http::read_response(&mut BufReader::new(stream), "POST")
                    .ok()
                    .map(|r| r.status)
            })
        })
        .collect();
    let statuses: Vec<Option<u16>> = threads
        .into_iter()
        .map(|t| t.join().expect("client"))
        .collect();
    let peak = peak_mib(server.pid());
    eprintln!("memory: peak {peak} MiB (before {before} MiB)");
    server.assert_running("after many large bodies");
    for (i, status) in statuses.iter().enumerate() {
        assert!(
            matches!(status, Some(400) | Some(422)),
            "client {i}: {status:?} (expected 400 or 422)"
        );
    }
    assert!(
        peak.saturating_sub(before) < MAX_GROWTH_MIB,
        "64 bodies at once took the server from {before} to {peak} MiB"
    );
    expect_created(server.addr, &batch.body(0), "after many large bodies");
}
