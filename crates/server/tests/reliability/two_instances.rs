//! Two instances, one PostgreSQL database (issue 11): what a force behind a load balancer
//! sees. Re-sends of one referral to both instances at once store it once and get the same
//! receipt from either; the team list and exports are the same from both; references are
//! unique; `kill -9` of one instance mid-burst leaves the other accepting and loses nothing
//! acknowledged.
//!
//! PostgreSQL pass only (`PREVENT_REFERRAL_TEST_DATABASE`): SQLite is one instance's file.

use std::collections::{BTreeMap, BTreeSet};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Barrier, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::docs::{normalised, Batch};
use crate::support::http;
use crate::support::scratch::Scratch;
use crate::support::server::{database_url, on_postgres, Options, Server};

/// Referrals in the split burst.
const REFERRALS: u64 = 200;
/// Every this-many-th referral is sent to both instances at the same moment.
const BOTH_EVERY: u64 = 5;

/// Starts instance A on a data folder (and a fresh database), then instance B on a second
/// data folder holding a copy of A's key file and the same `--database`.
fn two_instances(scratch: &Scratch) -> (Server, Server) {
    let data_a = scratch.join("a");
    let a = Server::start(&data_a, &Options::unlimited());
    let url = database_url(&data_a).expect("a PostgreSQL database");
    let data_b = scratch.join("b");
    share_key(&data_a, &data_b);
    let mut options = Options::unlimited();
    options.args.extend(["--database".to_owned(), url]);
    let b = Server::start(&data_b, &options);
    (a, b)
}

/// Copies the key file as an operator would (folder 0700, file 0600).
fn share_key(from: &Path, to: &Path) {
    std::fs::DirBuilder::new()
        .mode(0o700)
        .recursive(true)
        .create(to)
        .expect("second data folder");
    let key = std::fs::read(from.join("key")).expect("A's key file");
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(to.join("key"))
        .expect("B's key file");
    std::io::Write::write_all(&mut file, &key).expect("write key");
}

fn post(addr: std::net::SocketAddr, body: &[u8], what: &str) -> (u16, Value) {
    let r = http::post_referral_within(addr, body, Duration::from_secs(30))
        .unwrap_or_else(|e| panic!("{what}: no answer: {e}"));
    let json = serde_json::from_slice(&r.body).unwrap_or(Value::Null);
    (r.status, json)
}

/// Every page of the team list, following `next`.
fn team_list(server: &Server, token: &str) -> Vec<Value> {
    let mut items = Vec::new();
    let mut path = "/v1/team/referrals?limit=50".to_owned();
    loop {
        let r = http::get(server.addr, &path, Some(token)).expect("team list answers");
        assert_eq!(r.status, 200, "{path}: {}", r.text());
        let page = r.json();
        items.extend(page["items"].as_array().cloned().unwrap_or_default());
        match page["next"].as_str() {
            Some(next) => path = format!("/v1/team/referrals?limit=50&cursor={next}"),
            None => return items,
        }
    }
}

#[test]
fn two_instances_on_one_database_store_each_referral_once_and_answer_alike() {
    if !on_postgres() {
        eprintln!("PostgreSQL pass only (PREVENT_REFERRAL_TEST_DATABASE)");
        return;
    }
    let scratch = Scratch::new("two-instances");
    let (a, b) = two_instances(&scratch);
    let token = a.team_token();
    let batch = Arc::new(Batch::new());
    let addrs = [a.addr, b.addr];

    // 8 clients share the 200 referrals; referral n goes to instance n % 2, and every fifth
    // to both at the same moment (two threads released together).
    let receipts = Arc::new(Mutex::new(BTreeMap::<u64, Vec<(usize, u16, Value)>>::new()));
    let clients: Vec<_> = (0..8u64)
        .map(|c| {
            let (batch, receipts) = (batch.clone(), receipts.clone());
            std::thread::spawn(move || {
                for n in (c..REFERRALS).step_by(8) {
                    let body = batch.body(n);
                    let got = if n % BOTH_EVERY == 0 {
                        let gate = Arc::new(Barrier::new(2));
                        let both: Vec<_> = (0..2usize)
                            .map(|i| {
                                let (gate, body) = (gate.clone(), body.clone());
                                std::thread::spawn(move || {
                                    gate.wait();
                                    let (status, receipt) =
                                        post(addrs[i], &body, "a re-send to both");
                                    (i, status, receipt)
                                })
                            })
                            .collect();
                        both.into_iter()
                            .map(|t| t.join().expect("sender"))
                            .collect()
                    } else {
                        let i = (n % 2) as usize;
                        let (status, receipt) = post(addrs[i], &body, "a referral");
                        vec![(i, status, receipt)]
                    };
                    receipts.lock().expect("receipts").insert(n, got);
                }
            })
        })
        .collect();
    for c in clients {
        c.join().expect("client");
    }
    let receipts = std::mem::take(&mut *receipts.lock().expect("receipts"));
    assert_eq!(receipts.len() as u64, REFERRALS);
    let mut first: BTreeMap<u64, Value> = BTreeMap::new();
    for (n, answers) in &receipts {
        let created = answers.iter().filter(|(_, s, _)| *s == 201).count();
        for (i, status, receipt) in answers {
            assert!(
                *status == 201 || *status == 200,
                "referral {n} on instance {i}: {status} {receipt}"
            );
            assert_eq!(
                receipt, &answers[0].2,
                "referral {n}: the two instances gave different receipts"
            );
        }
        assert_eq!(
            created, 1,
            "referral {n}: created {created} times: {answers:?}"
        );
        first.insert(*n, answers[0].2.clone());
    }

    // A re-send later, to the other instance, gets the same receipt (200).
    for n in (1..REFERRALS).step_by(7) {
        let other = if n % 2 == 0 { b.addr } else { a.addr };
        let (status, receipt) = post(other, &batch.body(n), "a later re-send");
        assert_eq!(status, 200, "referral {n} re-sent to the other instance");
        assert_eq!(
            receipt, first[&n],
            "referral {n}: another receipt on re-send"
        );
    }

    // The same records from both: exports (JSON lines and CSV) and the whole team list.
    let export_a = a.export(&token);
    let export_b = b.export(&token);
    assert_eq!(
        export_a.len() as u64,
        REFERRALS,
        "each referral stored once"
    );
    assert_eq!(
        export_a, export_b,
        "the exports differ between the instances"
    );
    let csv = |s: &Server| {
        let r = http::get(s.addr, "/v1/team/export?format=csv", Some(&token)).expect("csv");
        assert_eq!(r.status, 200);
        r.text()
    };
    assert_eq!(csv(&a), csv(&b), "the CSV exports differ");
    let list_a = team_list(&a, &token);
    assert_eq!(list_a.len() as u64, REFERRALS);
    assert_eq!(list_a, team_list(&b, &token), "the team lists differ");

    let ids: BTreeSet<String> = export_a
        .iter()
        .map(|r| {
            r["document"]["referral_id"]
                .as_str()
                .unwrap_or("")
                .to_owned()
        })
        .collect();
    let references: BTreeSet<&str> = export_a
        .iter()
        .map(|r| r["reference"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(ids.len() as u64, REFERRALS, "referral ids unique");
    assert_eq!(references.len() as u64, REFERRALS, "references unique");
    for (n, receipt) in &first {
        let record = export_a
            .iter()
            .find(|r| r["document"]["referral_id"] == batch.referral_id(*n))
            .unwrap_or_else(|| panic!("referral {n} is not stored"));
        assert_eq!(record["reference"], receipt["reference"]);
        assert_eq!(record["document"], normalised(&batch.body(*n)));
    }
    eprintln!(
        "two instances: {REFERRALS} referrals, {} sent to both at once, {} re-sent later; \
         exports, CSV and team list equal",
        REFERRALS / BOTH_EVERY,
        (1..REFERRALS).step_by(7).count()
    );
}

#[test]
fn kill_9_of_one_instance_mid_burst_the_other_keeps_accepting_and_nothing_acknowledged_is_lost() {
    if !on_postgres() {
        eprintln!("PostgreSQL pass only (PREVENT_REFERRAL_TEST_DATABASE)");
        return;
    }
    let scratch = Scratch::new("two-instances-kill");
    let (mut a, mut b) = two_instances(&scratch);
    let token = b.team_token();
    let batch = Arc::new(Batch::new());
    let addrs = [a.addr, b.addr];

    let acked = [Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0))];
    let stop = Arc::new(AtomicBool::new(false));
    let outcomes = Arc::new(Mutex::new(Vec::<(u64, usize, Option<u16>, Vec<u8>)>::new()));
    const CLIENTS: u64 = 12;
    let clients: Vec<_> = (0..CLIENTS)
        .map(|c| {
            let (batch, stop, outcomes) = (batch.clone(), stop.clone(), outcomes.clone());
            let i = (c % 2) as usize;
            let acked = acked[i].clone();
            std::thread::spawn(move || {
                let mut n = c;
                while !stop.load(Ordering::Relaxed) {
                    let result = http::post_referral_within(
                        addrs[i],
                        &batch.body(n),
                        Duration::from_secs(10),
                    );
                    let failed = result.is_err();
                    let (status, body) = match result {
                        Ok(r) => (Some(r.status), r.body),
                        Err(_) => (None, Vec::new()),
                    };
                    if status == Some(201) {
                        acked.fetch_add(1, Ordering::Relaxed);
                    }
                    outcomes
                        .lock()
                        .expect("outcomes")
                        .push((n, i, status, body));
                    if failed {
                        break;
                    }
                    n += CLIENTS;
                }
            })
        })
        .collect();

    let wait_for = |counter: &AtomicUsize, at_least: usize, what: &str| {
        let t = Instant::now();
        while counter.load(Ordering::Relaxed) < at_least {
            assert!(
                t.elapsed() < Duration::from_secs(60),
                "{what}: only {} acknowledged in 60 s",
                counter.load(Ordering::Relaxed)
            );
            std::thread::sleep(Duration::from_millis(2));
        }
    };
    wait_for(&acked[0], 40, "instance A before the kill");
    a.kill_9();
    let b_at_kill = acked[1].load(Ordering::Relaxed);
    wait_for(&acked[1], b_at_kill + 60, "instance B after A was killed");
    b.assert_running("after A was killed");
    stop.store(true, Ordering::Relaxed);
    for c in clients {
        c.join().expect("client");
    }
    let outcomes = std::mem::take(&mut *outcomes.lock().expect("outcomes"));
    let cut = outcomes
        .iter()
        .filter(|o| o.1 == 0 && o.2.is_none())
        .count();
    assert!(cut > 0, "the kill should have cut requests to A in flight");
    for (n, i, status, body) in &outcomes {
        if let Some(s) = status {
            assert_eq!(
                *s,
                201,
                "referral {n} on instance {i}: {}",
                String::from_utf8_lossy(body)
            );
        }
        if *i == 1 {
            assert!(status.is_some(), "instance B failed to answer referral {n}");
        }
    }

    // Everything acknowledged by either instance is in B's export, whole, once.
    let exported = b.export(&token);
    let mut stored: BTreeMap<String, &Value> = BTreeMap::new();
    for r in &exported {
        let id = r["document"]["referral_id"]
            .as_str()
            .unwrap_or("")
            .to_owned();
        assert!(stored.insert(id, r).is_none(), "stored twice: {r}");
    }
    let mut acknowledged = 0;
    for (n, i, _, body) in outcomes.iter().filter(|o| o.2 == Some(201)) {
        acknowledged += 1;
        let receipt: Value = serde_json::from_slice(body).expect("receipt JSON");
        let record = stored
            .get(&batch.referral_id(*n))
            .unwrap_or_else(|| panic!("referral {n} got 201 from instance {i} but is not stored"));
        assert_eq!(record["reference"], receipt["reference"]);
        assert_eq!(record["document"], normalised(&batch.body(*n)));
    }
    // A restarted on its folder sees the same records.
    let mut options = Options::unlimited();
    options.args.extend(b.db_args.iter().cloned());
    let a2 = Server::start(&a.data, &options);
    assert_eq!(a2.export(&token), exported);
    eprintln!(
        "kill -9 of A: {acknowledged} acknowledged in all, {cut} requests to A cut, B went on \
         to acknowledge {} more; all stored",
        acked[1].load(Ordering::Relaxed) - b_at_kill
    );
}
