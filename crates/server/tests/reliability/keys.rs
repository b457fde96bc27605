//! The key file (spec §7, issue 17 item 2): the receiver refuses to start when its key file is
//! missing, damaged or another key than the one the store was written with, never creates a
//! key for a store that holds data, and `check` names every record that does not decrypt.
//! Before, a lost key was silently replaced: `/healthz` 200, reads 503, referrals accepted in
//! that window unreadable for ever once the right key came back.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use crate::expect_created;
use crate::support::docs::Batch;
use crate::support::http;
use crate::support::scratch::Scratch;
use crate::support::server::{database_args, team_token_with, Options, Server, BIN};
use crate::support::store::{self, Arg};

/// A data folder whose store holds two referrals, a feedback message and a team member;
/// the server stopped. Returns the batch and the first referral's reference.
fn folder_with_data(data: &Path) -> (Batch, String) {
    let mut server = Server::start(data, &Options::unlimited());
    let token = server.team_token();
    let batch = Batch::new();
    let receipt = expect_created(server.addr, &batch.body(0), "a referral");
    expect_created(server.addr, &batch.body(1), "a second referral");
    let feedback = serde_json::json!({"status": "under_assessment", "message": "Seen at home."});
    let r = http::team_feedback(server.addr, &token, &batch.referral_id(0), &feedback)
        .expect("feedback answers");
    assert_eq!(r.status, 201, "team feedback: {}", r.text());
    let status = server.terminate();
    assert!(status.success(), "SIGTERM: {status}");
    let reference = receipt["reference"].as_str().unwrap_or_default().to_owned();
    (batch, reference)
}

/// Starts the server on `data` and expects it to refuse: it must exit non-zero before it
/// ever listens. Returns its standard error.
fn refused_start(data: &Path, when: &str) -> String {
    let mut child = Command::new(BIN)
        .args(["--addr", "127.0.0.1:0", "--data"])
        .arg(data)
        .args(database_args(data))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the server starts");
    let stdout = child.stdout.take().expect("piped stdout");
    // The first line, or end of file when the process exits without listening.
    let mut first = String::new();
    let _ = BufReader::new(stdout).read_line(&mut first);
    if first.starts_with("listening on") {
        let addr = first.trim().trim_start_matches("listening on http://");
        let health = addr
            .parse()
            .ok()
            .and_then(|a| http::get(a, "/healthz", None).ok())
            .map_or(0, |r| r.status);
        let _ = child.kill();
        let _ = child.wait();
        panic!("{when}: the server started instead of refusing ({first:?}, /healthz {health})");
    }
    let out = child.wait_with_output().expect("the server exits");
    assert!(
        !out.status.success(),
        "{when}: the server exited with success"
    );
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The refusal names the key file and says to restore it, never to make a new one.
fn assert_explains(stderr: &str, data: &Path, when: &str) {
    let key = data.join("key");
    assert!(
        stderr.contains(&key.display().to_string()),
        "{when}: the message does not name the key file {}: {stderr}",
        key.display()
    );
    assert!(
        stderr.contains("Restore the key file") && stderr.contains("Not starting"),
        "{when}: the message does not say to restore the key file: {stderr}"
    );
}

#[test]
fn a_missing_key_file_on_a_store_with_data_is_refused_and_no_key_is_created() {
    let scratch = Scratch::new("key-missing");
    let data = scratch.join("data");
    folder_with_data(&data);
    let saved = std::fs::read(data.join("key")).expect("the key file");
    std::fs::remove_file(data.join("key")).expect("remove the key file");
    let stderr = refused_start(&data, "the key file removed");
    assert_explains(&stderr, &data, "the key file removed");
    assert!(stderr.contains("missing"), "{stderr}");
    assert!(
        !data.join("key").exists(),
        "a new key file was created for a store that holds data"
    );
    // The token commands refuse too (they open the store the same way).
    let out = Command::new(BIN)
        .args(["token", "list", "--data"])
        .arg(&data)
        .args(database_args(&data))
        .output()
        .expect("token list runs");
    assert!(!out.status.success(), "token list ran without the key");
    assert!(!data.join("key").exists(), "token list created a key");
    // The right key back: everything reads again.
    std::fs::write(data.join("key"), saved).expect("restore the key");
    let server = Server::start(&data, &Options::unlimited());
    let token = team_token_with(&data, &server.db_args, "Second Tester");
    assert_eq!(server.export(&token).len(), 2);
}

#[test]
fn a_key_file_with_one_bit_flipped_is_refused() {
    let scratch = Scratch::new("key-bit");
    let data = scratch.join("data");
    folder_with_data(&data);
    let mut key = std::fs::read(data.join("key")).expect("the key file");
    key[17] ^= 0x04;
    std::fs::write(data.join("key"), &key).expect("write the damaged key");
    let stderr = refused_start(&data, "one bit flipped");
    assert_explains(&stderr, &data, "one bit flipped");
    assert_eq!(
        std::fs::read(data.join("key")).expect("the key file"),
        key,
        "the damaged key file was replaced"
    );
}

#[test]
fn a_different_valid_key_file_is_refused() {
    let scratch = Scratch::new("key-other");
    let data = scratch.join("data");
    folder_with_data(&data);
    std::fs::write(data.join("key"), [0x5au8; 32]).expect("write another key");
    let stderr = refused_start(&data, "another key");
    assert_explains(&stderr, &data, "another key");
    // A key file of the wrong length is refused as well.
    std::fs::write(data.join("key"), [0x5au8; 31]).expect("write a short key");
    let stderr = refused_start(&data, "a short key file");
    assert_explains(&stderr, &data, "a short key file");
}

#[test]
fn an_empty_folder_starts_and_creates_its_key_and_keeps_it() {
    let scratch = Scratch::new("key-new");
    let data = scratch.join("data");
    let mut server = Server::start(&data, &Options::unlimited());
    server.wait_healthy(std::time::Duration::from_secs(30));
    let key = std::fs::read(data.join("key")).expect("a key file was created");
    assert_eq!(key.len(), 32);
    let batch = Batch::new();
    expect_created(server.addr, &batch.body(0), "a referral");
    assert!(server.terminate().success());
    let mut again = Server::start(&data, &Options::unlimited());
    again.wait_healthy(std::time::Duration::from_secs(30));
    assert_eq!(std::fs::read(data.join("key")).expect("the key"), key);
}

/// `prevent-referral-server check --data DIR`: exit status, standard output, standard error.
fn check(data: &Path) -> (bool, String, String) {
    let out = Command::new(BIN)
        .args(["check", "--data"])
        .arg(data)
        .args(database_args(data))
        .output()
        .expect("check runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn check_names_a_record_that_does_not_decrypt_and_is_clean_on_a_good_store() {
    let scratch = Scratch::new("key-check");
    let data = scratch.join("data");
    let (batch, reference) = folder_with_data(&data);
    let (ok, stdout, stderr) = check(&data);
    assert!(ok, "check failed on a good store: {stdout}{stderr}");
    assert!(
        stdout.contains("Checked 2 referrals") && stdout.contains(" 0 did not"),
        "check's counts: {stdout}"
    );
    // Flip one byte of the first referral's stored document.
    let id = Arg::Text(batch.referral_id(0));
    let docs = store::blobs(
        &data,
        "SELECT document FROM referrals WHERE referral_id = $1",
        std::slice::from_ref(&id),
    )
    .expect("read the document");
    let mut doc = docs
        .into_iter()
        .flatten()
        .next()
        .expect("a stored document");
    let middle = doc.len() / 2;
    doc[middle] ^= 0x01;
    let changed = store::execute(
        &data,
        "UPDATE referrals SET document = $1 WHERE referral_id = $2",
        &[Arg::Blob(doc), id],
    )
    .expect("corrupt the document");
    assert_eq!(changed, 1);
    let (ok, stdout, stderr) = check(&data);
    assert!(!ok, "check passed a corrupted document: {stdout}{stderr}");
    assert!(
        stdout.contains(&format!(
            "referral {reference}: the document does not decrypt"
        )),
        "check did not name the corrupted referral {reference}: {stdout}"
    );
    assert_eq!(
        stdout.matches("does not decrypt").count(),
        1,
        "only the corrupted value fails: {stdout}"
    );
    let personal = batch.personal(0);
    for (label, value) in personal.fields() {
        assert!(
            !stdout.contains(value) && !stderr.contains(value),
            "check printed the {label}"
        );
    }
    assert!(
        !stdout.contains(&batch.referral_id(0)),
        "check printed the referral id"
    );
}

#[test]
fn a_store_from_before_check_values_opens_only_with_a_key_that_decrypts_it_and_then_records_its_check_value(
) {
    let scratch = Scratch::new("key-legacy");
    let data = scratch.join("data");
    folder_with_data(&data);
    // A store written before check values: no store_key row.
    let removed = store::execute(&data, "DELETE FROM store_key", &[]).expect("no check value");
    assert_eq!(removed, 1);
    let key = std::fs::read(data.join("key")).expect("the key file");
    std::fs::remove_file(data.join("key")).expect("remove the key file");
    let stderr = refused_start(&data, "no key, a store with data and no check value");
    assert_explains(&stderr, &data, "no key, no check value");
    assert!(!data.join("key").exists(), "a key was created");
    std::fs::write(data.join("key"), [0x33u8; 32]).expect("write another key");
    let stderr = refused_start(&data, "another key, no check value");
    assert!(stderr.contains("does not decrypt"), "{stderr}");
    std::fs::write(data.join("key"), &key).expect("restore the key");
    let mut server = Server::start(&data, &Options::unlimited());
    server.wait_healthy(std::time::Duration::from_secs(30));
    let recorded =
        store::blobs(&data, "SELECT check_value FROM store_key", &[]).expect("the check value");
    assert_eq!(recorded.len(), 1, "the check value was not recorded");
}
