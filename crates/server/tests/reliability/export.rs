//! Exports that cannot sink the service (issue 17, items 3 and 4; spec §6.7 "streamed in
//! constant memory; a record that cannot be read is written as a row marked `unreadable`
//! with its reference (and logged with it), and the rest are exported"; §7 "heavy team
//! requests run on their own bounded pool and never make intake or the referrer's status
//! wait").

use std::sync::mpsc;

use serde_json::Value;

use crate::expect_created;
use crate::support::docs::Batch;
use crate::support::http::{self, get_streamed, ANSWER_TIMEOUT};
use crate::support::scratch::Scratch;
use crate::support::seed;
use crate::support::server::{database_url, on_postgres, Options, Server};

/// The `extensions` padding of every seeded referral (64 KB, the figure).
const PAD: usize = 64 * 1024;
/// Referrals in the memory test (`benches/export.rs` measures 50,000).
const MEMORY_REFERRALS: u64 = 2_000;
/// The most one export may grow the server's resident memory.
const MAX_GROWTH_MIB: u64 = 50;
/// Referrals behind each of the concurrent exports.
const IN_FLIGHT_REFERRALS: u64 = 500;
/// Exports started at once.
const EXPORTS: usize = 6;
/// The most the server's memory may grow while they are all open.
const MAX_IN_FLIGHT_GROWTH_MIB: u64 = 200;
/// Keep-alive clients that seed the store.
const SEEDERS: usize = 8;

#[test]
fn one_export_of_two_thousand_referrals_with_64_kb_extensions_grows_memory_under_50_mb() {
    let scratch = Scratch::new("export-memory");
    let mut server = Server::start(&scratch.join("data"), &Options::unlimited());
    let batch = Batch::new();
    seed::padded_referrals(server.addr, &batch, MEMORY_REFERRALS, PAD, SEEDERS);
    let token = server.team_token();
    for format in ["jsonl", "csv"] {
        server.reset_peak_memory();
        let before = server.memory_kib("VmRSS");
        let mut export = get_streamed(
            server.addr,
            &format!("/v1/team/export?format={format}"),
            Some(&token),
        )
        .expect("export answers");
        assert_eq!(export.status, 200, "{format} export");
        let (bytes, lines) = export
            .count_rest()
            .expect("the export body reads to its end");
        let peak = server.memory_kib("VmHWM");
        let growth_mib = peak.saturating_sub(before) / 1024;
        eprintln!(
            "export {format}: {MEMORY_REFERRALS} referrals, {} MB sent, memory {} → peak {} MiB \
             (+{growth_mib} MiB)",
            bytes / 1_000_000,
            before / 1024,
            peak / 1024
        );
        server.assert_running("after the export");
        if format == "jsonl" {
            assert_eq!(lines, MEMORY_REFERRALS, "one line per referral");
        } else {
            assert!(lines > MEMORY_REFERRALS, "a header and a row per referral");
        }
        assert!(
            growth_mib < MAX_GROWTH_MIB,
            "a {format} export of {MEMORY_REFERRALS} referrals grew the server by {growth_mib} MiB"
        );
    }
}

/// What an export started in [`six_exports_in_flight_leave_intake_and_status_answering`]
/// did first.
enum Began {
    /// 200, and its first bytes came.
    Streaming,
    /// Refused at once: status, error code, `Retry-After`.
    Refused(u16, Option<String>, Option<String>),
}

#[test]
fn six_exports_in_flight_leave_intake_and_status_answering_in_bounded_memory() {
    let scratch = Scratch::new("export-in-flight");
    let mut server = Server::start(&scratch.join("data"), &Options::unlimited());
    let batch = Batch::new();
    seed::padded_referrals(server.addr, &batch, IN_FLIGHT_REFERRALS, PAD, SEEDERS);
    let token = server.team_token();
    let referrer = expect_created(server.addr, &batch.body(IN_FLIGHT_REFERRALS), "before");
    server.reset_peak_memory();
    let before = server.memory_kib("VmRSS");

    let (began_tx, began_rx) = mpsc::channel();
    let mut go = Vec::new();
    let exports: Vec<_> = (0..EXPORTS)
        .map(|_| {
            let (go_tx, go_rx) = mpsc::channel::<()>();
            go.push(go_tx);
            let (addr, token, began) = (server.addr, token.clone(), began_tx.clone());
            std::thread::spawn(move || {
                let mut export = get_streamed(addr, "/v1/team/export?format=jsonl", Some(&token))
                    .expect("export answers");
                if export.status != 200 {
                    let code = serde_json::from_slice::<Value>(
                        &export.next_piece().ok().flatten().unwrap_or_default(),
                    )
                    .ok()
                    .and_then(|v| v["error"]["code"].as_str().map(str::to_owned));
                    let retry = export.header("retry-after").map(str::to_owned);
                    let _ = began.send(Began::Refused(export.status, code, retry));
                    return None;
                }
                let first = export
                    .next_piece()
                    .expect("the first bytes")
                    .unwrap_or_default();
                let _ = began.send(Began::Streaming);
                // Hold the export open, unread, until intake and status have answered.
                let _ = go_rx.recv();
                let lines = first.iter().filter(|&&b| b == b'\n').count() as u64
                    + export
                        .count_rest()
                        .expect("the export body reads to its end")
                        .1;
                Some(lines)
            })
        })
        .collect();
    let mut streaming = 0;
    for _ in 0..EXPORTS {
        match began_rx
            .recv_timeout(ANSWER_TIMEOUT)
            .expect("every export answers")
        {
            Began::Streaming => streaming += 1,
            Began::Refused(status, code, retry) => {
                assert_eq!(status, 503, "an export beyond the heavy requests' limit");
                assert_eq!(code.as_deref(), Some("unavailable"));
                assert!(retry.is_some(), "a refused export says when to retry");
            }
        }
    }
    eprintln!("export in flight: {streaming} of {EXPORTS} exports streaming");
    assert!(streaming >= 1, "at least one export streams");

    // While they are open: intake and the referrer's status answer.
    expect_created(
        server.addr,
        &batch.body(IN_FLIGHT_REFERRALS + 1),
        "while exports are in flight",
    );
    let status_token = referrer["status_token"].as_str().expect("a status token");
    let id = referrer["referral_id"].as_str().expect("an id");
    let status = http::get(
        server.addr,
        &format!("/v1/referrals/{id}/feedback"),
        Some(status_token),
    )
    .expect("status answers while exports are in flight");
    assert_eq!(status.status, 200, "status: {}", status.text());
    let peak = server.memory_kib("VmHWM");
    let growth_mib = peak.saturating_sub(before) / 1024;
    eprintln!("export in flight: memory {before} KiB → peak {peak} KiB (+{growth_mib} MiB)");

    for g in go {
        let _ = g.send(());
    }
    for export in exports {
        if let Some(lines) = export.join().expect("export client") {
            assert!(
                lines > IN_FLIGHT_REFERRALS,
                "a streamed export holds every referral ({lines})"
            );
        }
    }
    server.assert_running("after the exports");
    assert!(
        growth_mib < MAX_IN_FLIGHT_GROWTH_MIB,
        "{EXPORTS} exports in flight grew the server by {growth_mib} MiB"
    );
}

/// Flips a byte in the middle of the stored (sealed) document of `referral_id`, in the
/// server's own database (the SQLite file, or its PostgreSQL database).
fn corrupt_document(server: &Server, referral_id: &str) {
    use sqlx::Connection;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(async {
        macro_rules! flip {
            ($conn:expr) => {{
                let mut conn = $conn;
                let mut document: Vec<u8> =
                    sqlx::query_scalar("SELECT document FROM referrals WHERE referral_id = $1")
                        .bind(referral_id)
                        .fetch_one(&mut conn)
                        .await
                        .expect("the stored document");
                let middle = document.len() / 2;
                document[middle] ^= 0x55;
                let done = sqlx::query("UPDATE referrals SET document = $1 WHERE referral_id = $2")
                    .bind(&document)
                    .bind(referral_id)
                    .execute(&mut conn)
                    .await
                    .expect("update");
                assert_eq!(done.rows_affected(), 1);
                let _ = conn.close().await;
            }};
        }
        match database_url(&server.data).filter(|_| on_postgres()) {
            Some(url) => flip!(sqlx::PgConnection::connect(&url).await.expect("connect")),
            None => {
                let path = server.data.join("referrals.db");
                let url = format!("sqlite://{}", path.display());
                flip!(sqlx::SqliteConnection::connect(&url)
                    .await
                    .expect("open the database file"))
            }
        }
    });
}

#[test]
fn an_unreadable_row_is_exported_marked_with_its_reference_and_logged_and_the_rest_export() {
    let scratch = Scratch::new("export-unreadable");
    let server = Server::start(&scratch.join("data"), &Options::unlimited());
    let batch = Batch::new();
    let receipts: Vec<Value> = (0..3)
        .map(|n| expect_created(server.addr, &batch.body(n), "seeding"))
        .collect();
    let token = server.team_token();
    let bad_id = receipts[1]["referral_id"].as_str().expect("an id");
    let bad_reference = receipts[1]["reference"].as_str().expect("a reference");
    corrupt_document(&server, bad_id);

    let jsonl = http::get(server.addr, "/v1/team/export?format=jsonl", Some(&token))
        .expect("export answers");
    assert_eq!(jsonl.status, 200, "export: {}", jsonl.text());
    let lines: Vec<Value> = jsonl
        .text()
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(lines.len(), 3, "every referral has a line");
    for (line, receipt) in lines.iter().zip(&receipts) {
        assert_eq!(line["reference"], receipt["reference"]);
        assert!(line["received_at"].is_string() && line["status"] == "received");
    }
    assert_eq!(lines[1]["unreadable"], true, "{}", lines[1]);
    assert!(lines[1].get("document").is_none(), "{}", lines[1]);
    for good in [&lines[0], &lines[2]] {
        assert!(good.get("unreadable").is_none(), "{good}");
        assert!(good["document"]["referral_id"].is_string(), "{good}");
    }

    let csv =
        http::get(server.addr, "/v1/team/export?format=csv", Some(&token)).expect("export answers");
    assert_eq!(csv.status, 200, "export: {}", csv.text());
    let rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv.body.as_slice())
        .records()
        .map(|r| r.expect("a CSV record").iter().map(str::to_owned).collect())
        .collect();
    assert_eq!(rows.len(), 4, "a header and a row per referral");
    let state = rows[0]
        .iter()
        .position(|h| h == "export_state")
        .expect("an export_state column");
    let referral_id = rows[0]
        .iter()
        .position(|h| h == "/referral_id")
        .expect("a /referral_id column");
    assert_eq!(rows[2][0], bad_reference);
    assert_eq!(rows[2][state], "unreadable");
    assert_eq!(
        rows[2][referral_id], "",
        "nothing of an unreadable document"
    );
    for good in [&rows[1], &rows[3]] {
        assert_eq!(good[state], "");
        assert!(!good[referral_id].is_empty());
    }

    let log = server.log_text();
    assert!(
        log.lines()
            .any(|l| l.contains(bad_reference) && l.contains("unreadable")),
        "the log names the unreadable referral's reference:\n{log}"
    );
    let family = batch.personal(1).family_name;
    assert!(!log.contains(&family), "no personal data in the log");
}
