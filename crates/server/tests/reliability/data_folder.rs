//! The data folder alone: spec §5 "a copy of the database alone reveals no personal data",
//! "files the receiver writes are readable by its own user only (0600)", and §1 "never leaves
//! a half-written record" (no temporary files after a crash).

use crate::expect_created;
use crate::support::data_folder;
use crate::support::docs::Batch;
use crate::support::http;
use crate::support::scratch::Scratch;
use crate::support::server::{Options, Server};

/// Referrals sent; enough to fill several database pages.
const REFERRALS: u64 = 20;

/// Panics if any of the personal data of the referrals sent (or the team feedback message,
/// or the team member's name) occurs in the raw bytes of any file of the data folder.
fn assert_no_personal_data(data: &std::path::Path, batch: &Batch, extra: &[&str], when: &str) {
    let mut found = Vec::new();
    for n in 0..REFERRALS {
        let p = batch.personal(n);
        for (label, value) in p.fields() {
            for (file, at) in data_folder::find_bytes(data, value.as_bytes()) {
                found.push(format!(
                    "referral {n}: {label} {value:?} in {file} at byte {at}"
                ));
            }
        }
    }
    for value in extra {
        for (file, at) in data_folder::find_bytes(data, value.as_bytes()) {
            found.push(format!("{value:?} in {file} at byte {at}"));
        }
    }
    assert!(
        found.is_empty(),
        "{when}: personal data in plain text in the data folder:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_data_folder_holds_no_personal_data_in_plain_text_its_files_are_0600_and_no_temporary_file_survives_a_crash(
) {
    let scratch = Scratch::new("data-folder");
    let data = scratch.join("data");
    let mut server = Server::start(&data, &Options::unlimited());
    let token = server.team_token();
    let batch = Batch::new();
    let mut secrets = Vec::new();
    for n in 0..REFERRALS {
        let receipt = expect_created(server.addr, &batch.body(n), "a referral");
        secrets.push(
            receipt["status_token"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
        );
        secrets.push(batch.referral_id(n));
    }
    // A team member's feedback message is personal data too (spec §5: encrypted at rest).
    let message = "Spoke to Quillon's mother Henrietta Vantroskfeedback at home on Friday.";
    let feedback = serde_json::json!({"status": "under_assessment", "message": message});
    let auth = format!("Bearer {token}");
    let r = http::request(
        server.addr,
        "POST",
        &format!("/v1/team/referrals/{}/feedback", batch.referral_id(0)),
        &[
            ("Content-Type", "application/json"),
            ("Authorization", &auth),
        ],
        feedback.to_string().as_bytes(),
    )
    .expect("feedback answers");
    assert_eq!(r.status, 201, "team feedback: {}", r.text());
    // The sanity check that the search can fail: the data is there, readable, through the API.
    let exported = server.export(&token);
    assert_eq!(exported.len() as u64, REFERRALS);
    // Personal data every referral shares with the example it is made from, the NHS number
    // in both forms, and the team member's name and token.
    let extra = [
        message,
        "Henrietta Vantroskfeedback",
        "Sam Ellis",
        "sam.ellis@example.com",
        "12 Station Road",
        "jjellis#2010",
        "9434765919",
        "943 476 5919",
        "Reliability Tester",
        token.as_str(),
    ];

    // While running (the WAL holds the recent writes).
    data_folder::assert_clean(&data, "while running");
    assert_no_personal_data(&data, &batch, &extra, "while running");

    // After kill -9: whatever was in flight is in the WAL as it was.
    server.kill_9();
    data_folder::assert_clean(&data, "after kill -9");
    assert_no_personal_data(&data, &batch, &extra, "after kill -9");

    // After a restart and a graceful stop (the WAL checkpointed into the database file).
    let mut server = Server::start(&data, &Options::unlimited());
    assert_eq!(server.export(&token).len() as u64, REFERRALS);
    let status = server.terminate();
    assert!(status.success(), "SIGTERM: the server exited with {status}");
    data_folder::assert_clean(&data, "after SIGTERM");
    assert_no_personal_data(&data, &batch, &extra, "after SIGTERM");
}

#[test]
fn the_log_holds_no_personal_data_no_token_and_no_referral_id() {
    let scratch = Scratch::new("log");
    let server = Server::start(&scratch.join("data"), &Options::unlimited());
    let token = server.team_token();
    let batch = Batch::new();
    let mut secrets = vec![token.clone(), "Reliability Tester".to_owned()];
    for n in 0..REFERRALS {
        let receipt = expect_created(server.addr, &batch.body(n), "a referral");
        let status_token = receipt["status_token"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        // The referrer's status page: the referral id is in the path.
        let r = http::get(
            server.addr,
            &format!("/v1/referrals/{}/feedback", batch.referral_id(n)),
            Some(&status_token),
        )
        .expect("status answers");
        assert_eq!(r.status, 200, "status: {}", r.text());
        secrets.push(status_token);
        secrets.push(batch.referral_id(n));
    }
    // Failures log too: a 409 (same id, other document) and a 422 (invalid, full of names).
    let mut other = batch.value(0);
    other["concern"]["description"] = serde_json::json!(batch.personal(1).concern);
    let r = http::post_referral(server.addr, other.to_string().as_bytes()).expect("409 answers");
    assert_eq!(r.status, 409, "{}", r.text());
    let mut invalid = batch.value(REFERRALS);
    invalid["individual"]["address"]["postcode"] = serde_json::json!("not a postcode");
    let r = http::post_referral(server.addr, invalid.to_string().as_bytes()).expect("422 answers");
    assert_eq!(r.status, 422, "{}", r.text());
    secrets.push(batch.referral_id(REFERRALS));
    // The team's requests.
    let auth = format!("Bearer {token}");
    let r = http::request(
        server.addr,
        "POST",
        &format!("/v1/team/referrals/{}/feedback", batch.referral_id(2)),
        &[
            ("Content-Type", "application/json"),
            ("Authorization", &auth),
        ],
        br#"{"status": "under_assessment", "message": "Met Ottoline Fairweatherlog today."}"#,
    )
    .expect("feedback answers");
    assert_eq!(r.status, 201, "team feedback: {}", r.text());
    secrets.push("Ottoline Fairweatherlog".to_owned());
    let r = http::get(
        server.addr,
        &format!("/v1/team/referrals/{}", batch.referral_id(3)),
        Some(&token),
    )
    .expect("get answers");
    assert_eq!(r.status, 200, "team get: {}", r.text());
    assert_eq!(server.export(&token).len() as u64, REFERRALS);

    let mut personal: Vec<String> = Vec::new();
    for n in 0..=REFERRALS {
        for (_, value) in batch.personal(n).fields() {
            personal.push(value.to_owned());
        }
    }
    let log = server.log_text();
    assert!(
        log.lines().count() as u64 >= REFERRALS,
        "expected a line per request; the log:\n{log}"
    );
    let found: Vec<&String> = personal
        .iter()
        .chain(secrets.iter())
        .filter(|s| !s.is_empty() && log.contains(s.as_str()))
        .collect();
    assert!(
        found.is_empty(),
        "the server's log holds what it must never log: {found:?}"
    );
}
