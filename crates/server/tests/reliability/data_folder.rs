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
    for n in 0..REFERRALS {
        expect_created(server.addr, &batch.body(n), "a referral");
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
