//! Retention that deletes (spec §7, issue 17 item 5): each referral's content is sealed under
//! its own data key, and retention deletes the wrapped key (crypto-shredding) and the
//! ciphertexts. Before, the purged ciphertext stayed in SQLite's free pages and WAL and
//! decrypted with the key (the person's name, date of birth and address came back).
//!
//! The raw-file scan is SQLite's (the data folder's files and a backup made after the purge);
//! on PostgreSQL the test checks through SQL that the wrapped key and the ciphertexts are gone
//! (what PostgreSQL's own files, WAL and archives keep is in `docs/deployment.md`).

use std::path::Path;
use std::time::{Duration, Instant};

use crate::expect_created;
use crate::support::docs::Batch;
use crate::support::scratch::Scratch;
use crate::support::server::{on_postgres, Options, Server};
use crate::support::store::{self, Arg};
use crate::support::{data_folder, http};

/// Length of the pieces of a ciphertext looked for: random bytes this long never occur by
/// chance, and a value split over SQLite pages still leaves whole pieces on each page.
const PIECE: usize = 24;

/// Every `(value, file, offset)` where a whole [`PIECE`] of one of `values` occurs in a file
/// under `dir`.
fn pieces_found(dir: &Path, values: &[(&str, Vec<u8>)]) -> Vec<String> {
    let mut found = Vec::new();
    for (label, value) in values {
        for piece in value.chunks_exact(PIECE) {
            for (file, at) in data_folder::find_bytes(dir, piece) {
                found.push(format!("{label}: a piece in {file} at byte {at}"));
            }
        }
    }
    found
}

fn one_blob(data: &Path, sql: &str, id: &str) -> Option<Vec<u8>> {
    store::blobs(data, sql, &[Arg::Text(id.to_owned())])
        .ok()
        .and_then(|rows| rows.into_iter().flatten().next())
}

#[test]
fn retention_deletes_the_data_key_and_no_copy_of_it_or_the_content_remains_in_the_files_or_a_backup(
) {
    let scratch = Scratch::new("retention");
    let data = scratch.join("data");
    let mut server = Server::start(&data, &Options::unlimited());
    let token = server.team_token();
    let batch = Batch::new();
    let id = batch.referral_id(0);
    expect_created(server.addr, &batch.body(0), "the referral to purge");
    // Another referral, still open, that retention must leave alone.
    expect_created(server.addr, &batch.body(1), "a referral kept");
    let close = serde_json::json!({"status": "closed", "message": "Closed after a visit."});
    let r = http::team_feedback(server.addr, &token, &id, &close).expect("feedback answers");
    assert_eq!(r.status, 201, "closing: {}", r.text());

    // What is stored before the purge, read through SQL.
    let document = one_blob(
        &data,
        "SELECT document FROM referrals WHERE referral_id = $1",
        &id,
    )
    .expect("a stored document");
    let name = one_blob(
        &data,
        "SELECT individual_name FROM referrals WHERE referral_id = $1",
        &id,
    )
    .expect("a stored name");
    let message = one_blob(
        &data,
        "SELECT f.message FROM feedback f JOIN referrals r ON r.seq = f.referral_seq \
         WHERE r.referral_id = $1 AND f.status = 'closed'",
        &id,
    )
    .expect("a stored message");
    let data_key = one_blob(
        &data,
        "SELECT k.wrapped FROM data_keys k JOIN referrals r ON r.seq = k.referral_seq \
         WHERE r.referral_id = $1",
        &id,
    );
    let mut secrets = vec![
        ("the document's ciphertext", document),
        ("the name's ciphertext", name),
        ("the message's ciphertext", message),
    ];
    if let Some(key) = &data_key {
        secrets.push(("the wrapped data key", key.clone()));
    }

    // Closed 400 days ago; retention of 30 days runs as the server starts.
    server.terminate();
    let backdated = store::execute(
        &data,
        "UPDATE referrals SET closed_at = closed_at - 34560000000 WHERE referral_id = $1",
        &[Arg::Text(id.clone())],
    )
    .expect("backdate the closing");
    assert_eq!(backdated, 1);
    let mut options = Options::unlimited();
    options.args.extend(["--retain-days".into(), "30".into()]);
    let mut server = Server::start(&data, &options);
    let t = Instant::now();
    loop {
        let r = http::get(
            server.addr,
            &format!("/v1/team/referrals/{id}"),
            Some(&token),
        )
        .expect("the referral answers");
        assert_eq!(r.status, 200, "{}", r.text());
        if r.json()["document"].is_null() {
            break;
        }
        server.assert_running("waiting for retention");
        assert!(
            t.elapsed() < Duration::from_secs(30),
            "retention did not run"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let kept = http::get(
        server.addr,
        &format!("/v1/team/referrals/{}", batch.referral_id(1)),
        Some(&token),
    )
    .expect("the kept referral answers");
    assert!(
        kept.json()["document"].is_object(),
        "retention took an open referral: {}",
        kept.text()
    );

    if on_postgres() {
        assert_data_key_deleted(&data, &id, data_key.as_ref());
        return;
    }
    // The raw files while running, then a backup made after the purge, then the files after
    // a graceful stop.
    let found = pieces_found(&data, &secrets);
    assert!(
        found.is_empty(),
        "after the purge, while running, the data folder still holds:\n{}",
        found.join("\n")
    );
    let backups = Scratch::new("retention-backup");
    let backup = backups.join("backup.db");
    store::execute(
        &data,
        "VACUUM INTO $1",
        &[Arg::Text(backup.display().to_string())],
    )
    .expect("VACUUM INTO a backup");
    assert!(server.terminate().success());
    let copy = backups.join("copy-after-stop.db");
    std::fs::copy(data.join("referrals.db"), &copy).expect("copy the database file");
    let mut found = pieces_found(&data, &secrets);
    found.extend(pieces_found(backups.path(), &secrets));
    assert!(
        found.is_empty(),
        "after the purge, a backup or the stopped data folder still holds:\n{}",
        found.join("\n")
    );
    assert_data_key_deleted(&data, &id, data_key.as_ref());
}

/// The referral had a data key before the purge, and has none after it.
fn assert_data_key_deleted(data: &Path, id: &str, before: Option<&Vec<u8>>) {
    assert!(before.is_some(), "the referral had no data key");
    let left = store::blobs(
        data,
        "SELECT k.wrapped FROM data_keys k JOIN referrals r ON r.seq = k.referral_seq \
         WHERE r.referral_id = $1",
        &[Arg::Text(id.to_owned())],
    );
    assert!(
        left.as_ref().is_ok_and(Vec::is_empty),
        "the purged referral's data key is still stored: {left:?}"
    );
}
