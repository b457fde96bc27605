//! Spec §1 and §5: durability answers, encryption at rest, file modes, retention, 503.

mod common;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use async_trait::async_trait;
use common::*;
use prevent_referral_server::api::Options;
use prevent_referral_server::data::{self, Database};
use prevent_referral_server::retention;
use prevent_referral_server::store::*;
use serde_json::{json, Value};

fn data_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect()
}

#[tokio::test]
async fn data_folder_holds_no_personal_data_in_plain_text() {
    let s = Server::start().await;
    let doc = example("full-referral.json");
    assert_eq!(s.submit(&doc).await.status, 201);
    let token = s.team_token("Officer Zebedee Quartermain").await;
    let id = doc["referral_id"].as_str().unwrap();
    s.team_feedback(&token, id, &json!({"status": "under_assessment", "message": "Spoke to Mrs Marigold Featherstonehaugh"})).await;
    let secrets = [
        doc["individual"]["family_name"]
            .as_str()
            .unwrap()
            .to_owned(),
        doc["individual"]["given_names"]
            .as_str()
            .unwrap()
            .to_owned(),
        doc["individual"]["address"]["postcode"]
            .as_str()
            .unwrap()
            .to_owned(),
        doc["individual"]["address"]["line2"]
            .as_str()
            .unwrap()
            .to_owned(),
        doc["referrer"]["full_name"].as_str().unwrap().to_owned(),
        doc["referrer"]["email"].as_str().unwrap().to_owned(),
        doc["concern"]["description"].as_str().unwrap()[..30].to_owned(),
        "Zebedee Quartermain".to_owned(),
        "Featherstonehaugh".to_owned(),
        token.clone(),
    ];
    let files = data_files(&s.data_dir());
    let mut stored: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|f| (f.display().to_string(), std::fs::read(f).unwrap()))
        .collect();
    if let Database::Postgres(url) = &s.database {
        // The key file alone in the folder; everything else in the database, where a
        // `bytea` shows as hex: look for the secrets both as text and as hex.
        assert_eq!(files.len(), 1, "{files:?}");
        let dump = pg::dump(url).await;
        assert!(dump.contains("received"), "the dump is empty: {dump}");
        stored.push(("the PostgreSQL database".into(), dump.into_bytes()));
    } else {
        assert!(
            files.iter().any(|f| f.ends_with("referrals.db-wal")),
            "{files:?}"
        );
    }
    let hex = |t: &str| t.bytes().map(|b| format!("{b:02x}")).collect::<String>();
    for (file, bytes) in &stored {
        for secret in &secrets {
            let hexed = hex(secret);
            assert!(
                !bytes.windows(hexed.len()).any(|w| w == hexed.as_bytes()),
                "{secret:?} in plain text (hex) in {file}"
            );
            for form in [
                secret.clone(),
                secret.to_ascii_uppercase(),
                secret.to_ascii_lowercase(),
            ] {
                assert!(
                    !bytes.windows(form.len()).any(|w| w == form.as_bytes()),
                    "{form:?} in plain text in {file}"
                );
            }
        }
    }
    // …and the data is all there through the API.
    let detail = s
        .team_get(&token, &format!("/v1/team/referrals/{id}"))
        .await
        .json();
    assert_eq!(
        detail["document"]["individual"]["address"]["postcode"],
        doc["individual"]["address"]["postcode"]
    );
}

#[tokio::test]
async fn data_folder_is_0700_and_its_files_0600() {
    let s = Server::start().await;
    s.submit(&example("full-referral.json")).await;
    s.team_token("Someone").await;
    assert_eq!(data::mode(&s.data_dir()), Some(0o700));
    let files = data_files(&s.data_dir());
    // SQLite: the key, the database and its WAL; PostgreSQL: the key alone.
    let expected = if matches!(s.database, Database::Postgres(_)) {
        1
    } else {
        3
    };
    assert!(files.len() >= expected, "{files:?}");
    for file in files {
        assert_eq!(data::mode(&file), Some(0o600), "{}", file.display());
    }
}

#[tokio::test]
async fn another_key_is_refused_and_cannot_read_the_database() {
    let s = Server::start().await;
    s.submit(&example("full-referral.json")).await;
    let token = s.team_token("Reader").await;
    // Replace the key: the store is not opened with it (spec §7), and the file is kept.
    let key_file = s.data_dir().join("key");
    std::fs::write(&key_file, [9u8; 32]).unwrap();
    let refused = data::open(&s.data_dir(), &s.database).await.err();
    let message = refused.expect("another key is refused");
    assert!(
        message.contains("is not the key this database was written with"),
        "{message}"
    );
    assert_eq!(std::fs::read(&key_file).unwrap(), [9u8; 32]);
    // Read with another key all the same: names do not open, and nothing pretends they do.
    let other = prevent_referral_server::crypto::Vault::new(&[9u8; 32]);
    let lines = prevent_referral_server::admin::list(s.store.as_ref(), &other)
        .await
        .unwrap();
    assert!(
        lines[0].starts_with("(name cannot be decrypted"),
        "{lines:?}"
    );
    assert!(!lines[0].contains(&token));
}

#[tokio::test]
async fn retention_deletes_document_name_and_messages_after_closed_keeps_the_rest() {
    let s = Server::start().await;
    let token = s.team_token("Retainer").await;
    let closed = s.submit(&referral(&id(1))).await.json();
    let open = s.submit(&referral(&id(2))).await.json();
    s.team_feedback(
        &token,
        &id(1),
        &json!({"status": "closed", "message": "Closed, with thanks."}),
    )
    .await;
    let store: &dyn Store = s.store.as_ref();

    // 29 days after closing, with 30 days' retention: nothing yet.
    s.advance(29 * DAY);
    assert_eq!(
        retention::run_once(store, s.clock_now(), 30).await.unwrap(),
        0
    );
    s.advance(2 * DAY);
    assert_eq!(
        retention::run_once(store, s.clock_now(), 30).await.unwrap(),
        1
    );
    assert_eq!(
        retention::run_once(store, s.clock_now(), 30).await.unwrap(),
        0,
        "once"
    );

    let gone = s
        .team_get(&token, &format!("/v1/team/referrals/{}", id(1)))
        .await
        .json();
    assert_eq!(gone["document"], Value::Null);
    assert_eq!(gone["reference"], closed["reference"]);
    assert_eq!(gone["status"], "closed");
    assert_eq!(gone["received_at"], "2026-11-25T12:00:00Z");
    let feedback = gone["feedback"].as_array().unwrap();
    assert_eq!(feedback.len(), 2);
    assert!(
        feedback.iter().all(|f| f.get("message").is_none()),
        "{feedback:?}"
    );
    assert_eq!(feedback[1]["status"], "closed");
    let list = s.team_get(&token, "/v1/team/referrals").await.json();
    let item = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["referral_id"] == id(1))
        .unwrap()
        .clone();
    assert_eq!(item["individual_name"], Value::Null);
    // The open referral keeps everything.
    let kept = s
        .team_get(&token, &format!("/v1/team/referrals/{}", id(2)))
        .await
        .json();
    assert_eq!(kept["document"]["referral_id"], id(2));
    assert_eq!(kept["feedback"][0]["message"], open["feedback"]["message"]);
    // The audit log remains.
    let audit = s.team_get(&token, "/v1/team/audit").await.json();
    assert!(audit["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["action"] == "add_feedback"));
}

/// A store that fails every call while `down` is set, and every audit write while
/// `audit_down` is.
struct Flaky {
    inner: Box<dyn Store>,
    down: Arc<AtomicBool>,
    audit_down: Arc<AtomicBool>,
}

impl Flaky {
    fn check(&self) -> StoreResult<()> {
        if self.down.load(Ordering::SeqCst) {
            Err(StoreError("disk I/O error".into()))
        } else {
            Ok(())
        }
    }
}

#[async_trait]
impl Store for Flaky {
    async fn insert_referral(&self, new: &NewReferral) -> StoreResult<Inserted> {
        self.check()?;
        self.inner.insert_referral(new).await
    }
    async fn referral(&self, id: &str) -> StoreResult<Option<ReferralRow>> {
        self.check()?;
        self.inner.referral(id).await
    }
    async fn feedback(&self, id: &str) -> StoreResult<Vec<FeedbackRow>> {
        self.check()?;
        self.inner.feedback(id).await
    }
    async fn add_feedback(&self, id: &str, f: &NewFeedback) -> StoreResult<FeedbackAdded> {
        self.check()?;
        self.inner.add_feedback(id, f).await
    }
    async fn list(&self, q: &ListQuery) -> StoreResult<Vec<ReferralRow>> {
        self.check()?;
        self.inner.list(q).await
    }
    async fn export_extent(&self, since: Option<i64>) -> StoreResult<(i64, i64)> {
        self.check()?;
        self.inner.export_extent(since).await
    }
    async fn export_page(
        &self,
        since: Option<i64>,
        after_seq: i64,
        through_seq: i64,
        limit: i64,
    ) -> StoreResult<Vec<ReferralRow>> {
        self.check()?;
        self.inner
            .export_page(since, after_seq, through_seq, limit)
            .await
    }
    async fn received_between(&self, a: i64, b: i64) -> StoreResult<Vec<ReferralRow>> {
        self.check()?;
        self.inner.received_between(a, b).await
    }
    async fn purge_closed_before(&self, cutoff: i64) -> StoreResult<u64> {
        self.check()?;
        self.inner.purge_closed_before(cutoff).await
    }
    async fn health_check(&self, now: i64) -> StoreResult<()> {
        self.check()?;
        self.inner.health_check(now).await
    }
    async fn add_member(&self, n: &[u8], l: &[u8], t: &[u8], now: i64) -> StoreResult<bool> {
        self.check()?;
        self.inner.add_member(n, l, t, now).await
    }
    async fn revoke_member(&self, l: &[u8], now: i64) -> StoreResult<bool> {
        self.check()?;
        self.inner.revoke_member(l, now).await
    }
    async fn members(&self) -> StoreResult<Vec<MemberRow>> {
        self.check()?;
        self.inner.members().await
    }
    async fn member_by_token(&self, h: &[u8]) -> StoreResult<Option<MemberRow>> {
        self.check()?;
        self.inner.member_by_token(h).await
    }
    async fn add_session(&self, session: &NewSession<'_>) -> StoreResult<()> {
        self.check()?;
        self.inner.add_session(session).await
    }
    async fn member_by_session(&self, h: &[u8], now: i64) -> StoreResult<Option<MemberRow>> {
        self.check()?;
        self.inner.member_by_session(h, now).await
    }
    async fn delete_session(&self, h: &[u8]) -> StoreResult<()> {
        self.check()?;
        self.inner.delete_session(h).await
    }
    async fn audit(&self, e: &AuditEntry) -> StoreResult<()> {
        self.check()?;
        if self.audit_down.load(Ordering::SeqCst) {
            return Err(StoreError("disk full".into()));
        }
        self.inner.audit(e).await
    }
    async fn audit_page(&self, q: &AuditQuery) -> StoreResult<Vec<AuditRow>> {
        self.check()?;
        self.inner.audit_page(q).await
    }
    async fn key_check_value(&self) -> StoreResult<Option<Vec<u8>>> {
        self.check()?;
        self.inner.key_check_value().await
    }
    async fn record_key_check_value(&self, v: &[u8]) -> StoreResult<Vec<u8>> {
        self.check()?;
        self.inner.record_key_check_value(v).await
    }
    async fn holds_data(&self) -> StoreResult<bool> {
        self.check()?;
        self.inner.holds_data().await
    }
    async fn referrals_after(&self, after: i64, limit: i64) -> StoreResult<Vec<ReferralRow>> {
        self.check()?;
        self.inner.referrals_after(after, limit).await
    }
    async fn messages_after(&self, after: i64, limit: i64) -> StoreResult<Vec<StoredMessage>> {
        self.check()?;
        self.inner.messages_after(after, limit).await
    }
}

/// A server over a fresh store seen through [`Flaky`] with these switches (the test's own
/// store, `s.store`, is not flaky).
async fn flaky_server(down: Arc<AtomicBool>, audit_down: Arc<AtomicBool>) -> Server {
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().join("data");
    let database = fresh_database();
    let (store, vault) = data::open(&data_dir, &database).await.unwrap();
    let (inner, _) = data::open(&data_dir, &database).await.unwrap();
    let flaky: Arc<dyn Store> = Arc::new(Flaky {
        inner,
        down,
        audit_down,
    });
    Server::over(
        dir,
        database,
        Arc::from(store),
        vault,
        Options {
            rate_limit: 0,
            ..Options::default()
        },
        Some(flaky),
    )
}

#[tokio::test]
async fn store_unavailable_gets_503_nothing_acknowledged_and_service_resumes() {
    let down = Arc::new(AtomicBool::new(true));
    let s = flaky_server(down.clone(), Arc::new(AtomicBool::new(false))).await;

    let r = s.submit(&example("full-referral.json")).await;
    assert_eq!(r.status, 503);
    assert_eq!(r.error_code(), "unavailable");
    assert!(r.header("retry-after").is_some());
    assert!(!r.text().contains("disk I/O"), "no internals in the answer");
    let health = s.get("/healthz", &[]).await;
    assert_eq!(health.status, 503);
    assert!(
        s.store
            .referral("c0a8012e-7d4b-4f6a-9e21-3b5c7d9f1a2b")
            .await
            .unwrap()
            .is_none(),
        "nothing stored"
    );

    down.store(false, Ordering::SeqCst);
    assert_eq!(s.get("/healthz", &[]).await.status, 200);
    assert_eq!(s.submit(&example("full-referral.json")).await.status, 201);
}

#[tokio::test]
async fn a_read_whose_audit_entry_cannot_be_written_is_answered_503_with_nothing_shown() {
    // Issue 17: the entry is written after the handler, and the answer leaves only once it
    // is; a status update that committed before its entry failed stands, and is answered 503.
    let audit_down = Arc::new(AtomicBool::new(false));
    let s = flaky_server(Arc::new(AtomicBool::new(false)), audit_down.clone()).await;
    let token = s.team_token("Una Recorded").await;
    let id = s.submit_id(&example("full-referral.json")).await;
    audit_down.store(true, Ordering::SeqCst);
    let read = s
        .team_get(&token, &format!("/v1/team/referrals/{id}"))
        .await;
    assert_eq!(read.status, 503);
    assert_eq!(read.error_code(), "unavailable");
    assert!(
        !read.text().contains("referral_id"),
        "nothing of the referral shown"
    );
    let update = s
        .team_feedback(&token, &id, &json!({"status": "under_assessment"}))
        .await;
    assert_eq!(update.status, 503);
    audit_down.store(false, Ordering::SeqCst);
    let detail = s
        .team_get(&token, &format!("/v1/team/referrals/{id}"))
        .await
        .json();
    assert_eq!(
        detail["status"], "under_assessment",
        "the committed update stands"
    );
    let log = s.team_get(&token, "/v1/team/audit").await.json();
    let actions: Vec<&str> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["get_referral"], "only the read that was recorded");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_referrals_share_commits_and_duplicates_in_one_batch_are_one_record() {
    let s = Arc::new(Server::start().await);
    let mut tasks = Vec::new();
    for n in 0..60u32 {
        let s = s.clone();
        // Every third request re-sends referral 1000 (its id in upper case half the time).
        tasks.push(tokio::spawn(async move {
            let doc = if n % 3 == 0 {
                let mut d = referral(&id(1000));
                if n % 2 == 0 {
                    d["referral_id"] = Value::String(id(1000).to_ascii_uppercase());
                }
                d
            } else {
                referral(&id(n))
            };
            let r = s.submit(&doc).await;
            (n, r.status.as_u16(), r.json())
        }));
    }
    let mut receipts_of_1000 = Vec::new();
    let mut created = 0;
    for t in tasks {
        let (n, status, receipt) = t.await.unwrap();
        if n % 3 == 0 {
            assert!(status == 201 || status == 200, "{status}");
            created += usize::from(status == 201);
            receipts_of_1000.push(receipt);
        } else {
            assert_eq!(status, 201, "{receipt}");
        }
    }
    assert_eq!(
        created, 1,
        "one of the re-sends created it, the others got the receipt"
    );
    assert!(receipts_of_1000.iter().all(|r| *r == receipts_of_1000[0]));
    let token = s.team_token("Counter").await;
    let lines = s
        .team_get(&token, "/v1/team/export?format=jsonl")
        .await
        .text();
    let ids: std::collections::BTreeSet<String> = lines
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["document"]["referral_id"]
                .as_str()
                .unwrap()
                .to_ascii_lowercase()
        })
        .collect();
    assert_eq!(lines.lines().count(), 41, "40 distinct + 1, each once");
    assert_eq!(ids.len(), 41);
    let references: std::collections::BTreeSet<String> = lines
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["reference"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(references.len(), 41, "references are unique");
}

/// Runs `sql` with `args` (bytes, then text) on the server's store, SQLite or PostgreSQL.
async fn alter(s: &Server, sql: &str, blob: Option<Vec<u8>>, text: &str) {
    use sqlx::Connection;
    match &s.database {
        Database::Postgres(url) => {
            let mut conn = sqlx::PgConnection::connect(url).await.unwrap();
            let q = sqlx::query(sql);
            let q = match blob {
                Some(b) => q.bind(b).bind(text.to_owned()),
                None => q.bind(text.to_owned()),
            };
            q.execute(&mut conn).await.unwrap();
        }
        _ => {
            let options = sqlx::sqlite::SqliteConnectOptions::new()
                .filename(s.data_dir().join("referrals.db"))
                .busy_timeout(std::time::Duration::from_secs(10));
            let mut conn = sqlx::SqliteConnection::connect_with(&options)
                .await
                .unwrap();
            let q = sqlx::query(sql);
            let q = match blob {
                Some(b) => q.bind(b).bind(text.to_owned()),
                None => q.bind(text.to_owned()),
            };
            q.execute(&mut conn).await.unwrap();
            conn.close().await.unwrap();
        }
    }
}

#[tokio::test]
async fn a_referral_stored_before_data_keys_still_opens_checks_clean_and_is_purged() {
    use prevent_referral_server::crypto::Aad;
    let s = Server::start().await;
    let token = s.team_token("Legacy").await;
    let referral_id = id(7);
    s.submit(&referral(&referral_id)).await;
    // As stored before data keys: the document and the message sealed under the master
    // record key, no data key, no name.
    let plain = serde_json::to_vec(&referral(&referral_id)).unwrap();
    let aad = Aad::Document {
        referral_id: &referral_id,
    };
    let legacy = s.vault.seal(aad, &plain).unwrap();
    alter(
        &s,
        "DELETE FROM data_keys WHERE referral_seq = \
         (SELECT seq FROM referrals WHERE referral_id = $1)",
        None,
        &referral_id,
    )
    .await;
    alter(
        &s,
        "UPDATE referrals SET document = $1, individual_name = NULL WHERE referral_id = $2",
        Some(legacy),
        &referral_id,
    )
    .await;
    let message = s
        .vault
        .seal(
            Aad::Message {
                referral_id: &referral_id,
                status: "received",
                updated_at: s.clock_now(),
            },
            b"Received.",
        )
        .unwrap();
    alter(
        &s,
        "UPDATE feedback SET message = $1 WHERE referral_seq = \
         (SELECT seq FROM referrals WHERE referral_id = $2)",
        Some(message),
        &referral_id,
    )
    .await;
    let got = s
        .team_get(&token, &format!("/v1/team/referrals/{referral_id}"))
        .await;
    assert_eq!(got.status, 200, "{}", got.text());
    assert_eq!(got.json()["feedback"][0]["message"], "Received.");
    assert_eq!(got.json()["document"]["referral_id"], referral_id.as_str());
    let (store, vault) = s.reopen().await;
    let mut failures = Vec::new();
    let counts = prevent_referral_server::check::run(
        &*store,
        &vault,
        &mut |line| failures.push(line),
        &mut |_| {},
    )
    .await
    .unwrap();
    store.close().await;
    assert!(failures.is_empty(), "{failures:?}");
    assert_eq!((counts.referrals, counts.failed), (1, 0));
    let closed = s
        .team_feedback(&token, &referral_id, &json!({"status": "closed"}))
        .await;
    assert_eq!(closed.status, 201, "{}", closed.text());
    s.advance(31 * DAY);
    let purged = retention::run_once(s.store.as_ref(), s.clock_now(), 30)
        .await
        .unwrap();
    assert_eq!(purged, 1);
    let got = s
        .team_get(&token, &format!("/v1/team/referrals/{referral_id}"))
        .await;
    assert!(got.json()["document"].is_null(), "{}", got.text());
}
