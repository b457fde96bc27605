//! `kill -9` in the middle of a burst: spec §1 "a response that says a referral was accepted
//! is sent only after the referral is durably committed; a crash at any moment may lose an
//! unacknowledged request, never an acknowledged one, and never leaves a half-written record".

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::support::data_folder;
use crate::support::docs::{normalised, Batch};
use crate::support::http;
use crate::support::scratch::Scratch;
use crate::support::server::{Options, Server};

/// Concurrent clients in the burst.
const CLIENTS: u64 = 16;
/// Referrals acknowledged before the kill (the rest of the burst is in flight).
const ACKED_BEFORE_KILL: usize = 60;

/// What one client saw for one referral.
struct Outcome {
    n: u64,
    status: Option<u16>,
    body: Vec<u8>,
}

#[test]
fn kill_9_mid_burst_keeps_every_acknowledged_referral_intact_and_leaves_no_half_record() {
    let scratch = Scratch::new("crash");
    let data = scratch.join("data");
    let mut server = Server::start(&data, &Options::unlimited());
    let token = server.team_token();
    let addr = server.addr;
    let batch = Arc::new(Batch::new());

    let acked = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let outcomes = Arc::new(Mutex::new(Vec::<Outcome>::new()));
    let clients: Vec<_> = (0..CLIENTS)
        .map(|c| {
            let (batch, acked, stop, outcomes) =
                (batch.clone(), acked.clone(), stop.clone(), outcomes.clone());
            std::thread::spawn(move || {
                // Client c sends referrals c, c + CLIENTS, c + 2·CLIENTS, … until the server
                // stops answering.
                let mut n = c;
                while !stop.load(Ordering::Relaxed) {
                    let body = batch.body(n);
                    let result = http::post_referral_within(addr, &body, Duration::from_secs(10));
                    let failed = result.is_err();
                    let outcome = match result {
                        Ok(r) => {
                            if r.status == 201 {
                                acked.fetch_add(1, Ordering::Relaxed);
                            }
                            Outcome {
                                n,
                                status: Some(r.status),
                                body: r.body,
                            }
                        }
                        Err(_) => Outcome {
                            n,
                            status: None,
                            body: Vec::new(),
                        },
                    };
                    outcomes.lock().expect("outcomes").push(outcome);
                    if failed {
                        break;
                    }
                    n += CLIENTS;
                }
            })
        })
        .collect();

    let t = Instant::now();
    while acked.load(Ordering::Relaxed) < ACKED_BEFORE_KILL {
        server.assert_running("during the burst");
        assert!(
            t.elapsed() < Duration::from_secs(30),
            "only {} referrals acknowledged in 30 s",
            acked.load(Ordering::Relaxed)
        );
        std::thread::sleep(Duration::from_millis(2));
    }
    server.kill_9();
    stop.store(true, Ordering::Relaxed);
    for c in clients {
        c.join().expect("client thread");
    }
    let outcomes = std::mem::take(&mut *outcomes.lock().expect("outcomes"));
    let cut_off = outcomes.iter().filter(|o| o.status.is_none()).count();
    assert!(
        cut_off > 0,
        "the kill should have cut requests in flight; outcomes: {}",
        outcomes.len()
    );
    for o in &outcomes {
        if let Some(status) = o.status {
            assert_eq!(
                status,
                201,
                "referral {} before the kill: {}",
                o.n,
                String::from_utf8_lossy(&o.body)
            );
        }
    }

    // Right after the crash: nothing but the key and the database with its WAL.
    data_folder::assert_clean(&data, "after kill -9");

    let server = Server::start(&data, &Options::unlimited());
    data_folder::assert_clean(&data, "after the restart");
    let exported = server.export(&token);

    // Every stored record is one whole referral this test sent, stored once.
    let sent: HashMap<String, u64> = outcomes
        .iter()
        .map(|o| (batch.referral_id(o.n), o.n))
        .collect();
    let mut stored: BTreeMap<String, serde_json::Value> = BTreeMap::new();
    for record in &exported {
        let document = &record["document"];
        let id = document["referral_id"]
            .as_str()
            .unwrap_or_else(|| panic!("exported record without a referral_id: {record}"))
            .to_ascii_lowercase();
        let n = *sent
            .get(&id)
            .unwrap_or_else(|| panic!("a record this test never sent: {record}"));
        assert_eq!(
            document,
            &normalised(&batch.body(n)),
            "referral {n} is stored but not whole"
        );
        assert!(
            record["reference"].as_str().is_some_and(|r| r.len() == 8),
            "record {n} without a reference: {record}"
        );
        assert!(
            stored.insert(id, record.clone()).is_none(),
            "referral {n} is stored twice"
        );
    }

    // Every acknowledged referral is there, with the reference its receipt gave.
    let mut acknowledged = 0;
    for o in outcomes.iter().filter(|o| o.status == Some(201)) {
        acknowledged += 1;
        let receipt: serde_json::Value =
            serde_json::from_slice(&o.body).expect("a 201 receipt is JSON");
        let id = batch.referral_id(o.n);
        let record = stored.get(&id).unwrap_or_else(|| {
            panic!(
                "referral {} got 201 (reference {}) but is gone after kill -9",
                o.n, receipt["reference"]
            )
        });
        assert_eq!(
            record["reference"], receipt["reference"],
            "referral {} is stored under another reference than its receipt's",
            o.n
        );
    }
    eprintln!(
        "kill -9 mid-burst: {acknowledged} acknowledged, {cut_off} cut off, {} stored after restart",
        stored.len()
    );
    assert!(acknowledged >= ACKED_BEFORE_KILL);
}
