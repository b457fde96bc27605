//! Many clients at once: spec §2 intake rows "accepted, new → 201" and "the same referral again
//! (a retry) → 200, the same receipt as the first time".

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufReader, Write};
use std::sync::{Arc, Barrier};

use crate::support::docs::{normalised, Batch};
use crate::support::http;
use crate::support::scratch::Scratch;
use crate::support::server::{Options, Server};

const CLIENTS: usize = 100;

/// Sends `bodies[i]` from client i, all released at the same moment (connections are open
/// before the barrier); returns each `(status, body)`.
fn all_at_once(addr: std::net::SocketAddr, bodies: Vec<Vec<u8>>) -> Vec<(u16, Vec<u8>)> {
    let barrier = Arc::new(Barrier::new(bodies.len()));
    let threads: Vec<_> = bodies
        .into_iter()
        .map(|body| {
            let barrier = barrier.clone();
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
                let mut stream = stream.expect("connect");
                stream.write_all(&raw).expect("send");
                let r =
                    http::read_response(&mut BufReader::new(stream), "POST").expect("an answer");
                (r.status, r.body)
            })
        })
        .collect();
    threads
        .into_iter()
        .map(|t| t.join().expect("client thread"))
        .collect()
}

/// `v` as JSON text with every object's members in reverse order and spaces and new lines
/// between tokens.
fn reversed_json(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Object(members) => {
            let inner: Vec<String> = members
                .iter()
                .rev()
                .map(|(k, v)| {
                    format!(
                        "\n  {} :  {}",
                        serde_json::Value::from(k.as_str()),
                        reversed_json(v)
                    )
                })
                .collect();
            format!("{{ {} \n}}", inner.join(" ,"))
        }
        serde_json::Value::Array(items) => {
            let inner: Vec<String> = items.iter().map(reversed_json).collect();
            format!("[ {} ]", inner.join(" , "))
        }
        other => other.to_string(),
    }
}

#[test]
fn hundred_concurrent_distinct_referrals_are_all_created_and_stored_once_each() {
    let scratch = Scratch::new("concurrent-distinct");
    let server = Server::start(&scratch.join("data"), &Options::many_clients());
    let token = server.team_token();
    let batch = Batch::new();
    let bodies: Vec<Vec<u8>> = (0..CLIENTS as u64).map(|n| batch.body(n)).collect();

    let answers = all_at_once(server.addr, bodies);
    let mut references = BTreeSet::new();
    for (n, (status, body)) in answers.iter().enumerate() {
        assert_eq!(
            *status,
            201,
            "referral {n}: {}",
            String::from_utf8_lossy(body)
        );
        let receipt: serde_json::Value = serde_json::from_slice(body).expect("receipt JSON");
        assert!(
            references.insert(receipt["reference"].as_str().unwrap_or("").to_owned()),
            "reference {} given twice",
            receipt["reference"]
        );
    }

    let mut stored: BTreeMap<String, usize> = BTreeMap::new();
    for record in server.export(&token) {
        let id = record["document"]["referral_id"]
            .as_str()
            .unwrap_or("")
            .to_ascii_lowercase();
        *stored.entry(id).or_default() += 1;
        let n = (0..CLIENTS as u64)
            .find(|&n| batch.referral_id(n) == record["document"]["referral_id"])
            .unwrap_or_else(|| panic!("a record this test never sent: {record}"));
        assert_eq!(record["document"], normalised(&batch.body(n)));
    }
    assert_eq!(stored.len(), CLIENTS, "distinct referrals stored");
    assert!(
        stored.values().all(|&c| c == 1),
        "some referral stored more than once: {stored:?}"
    );
}

#[test]
fn hundred_concurrent_resends_of_one_referral_in_two_spellings_make_one_record_and_the_same_receipt(
) {
    let scratch = Scratch::new("concurrent-resend");
    let server = Server::start(&scratch.join("data"), &Options::many_clients());
    let token = server.team_token();
    let batch = Batch::new();
    let body = batch.body(7);
    // Every other re-send spells the same referral differently: the id in upper case, the
    // members in reverse order, other white space (spec §2: still the same referral).
    let mut respelled = batch.value(7);
    respelled["referral_id"] = serde_json::json!(batch.referral_id(7).to_uppercase());
    let respelled = reversed_json(&respelled).into_bytes();
    let bodies: Vec<Vec<u8>> = (0..CLIENTS)
        .map(|i| {
            if i % 2 == 0 {
                body.clone()
            } else {
                respelled.clone()
            }
        })
        .collect();

    let answers = all_at_once(server.addr, bodies);
    let created = answers.iter().filter(|(s, _)| *s == 201).count();
    assert_eq!(
        created,
        1,
        "exactly one of the re-sends is new (201); statuses: {:?}",
        answers.iter().map(|(s, _)| *s).collect::<Vec<_>>()
    );
    for (status, answer) in &answers {
        assert!(
            *status == 201 || *status == 200,
            "a re-send got {status}: {}",
            String::from_utf8_lossy(answer)
        );
    }
    let first = &answers[0].1;
    for (i, (_, answer)) in answers.iter().enumerate() {
        assert_eq!(
            String::from_utf8_lossy(answer),
            String::from_utf8_lossy(first),
            "receipt {i} differs from receipt 0 (byte for byte)"
        );
    }

    let records: Vec<_> = server
        .export(&token)
        .into_iter()
        .filter(|r| {
            r["document"]["referral_id"]
                .as_str()
                .is_some_and(|id| id.eq_ignore_ascii_case(&batch.referral_id(7)))
        })
        .collect();
    assert_eq!(records.len(), 1, "one record for 100 re-sends");
    let receipt: serde_json::Value = serde_json::from_slice(first).expect("receipt JSON");
    assert_eq!(records[0]["reference"], receipt["reference"]);
    // Stored as the first arrival (the one answered 201) spelled it, normalised.
    let winner = answers
        .iter()
        .position(|(s, _)| *s == 201)
        .unwrap_or_default();
    let sent = if winner % 2 == 0 { &body } else { &respelled };
    assert_eq!(records[0]["document"], normalised(sent));
}
