//! The embedded store: one SQLite file in WAL mode, `synchronous = FULL` (a commit is on disk
//! before it returns, so "acknowledged" means durable even across a power cut), versioned
//! migrations, writes through one connection and reads through a small pool.

use std::fs::{self, OpenOptions};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use async_trait::async_trait;
use sqlx::pool::PoolConnection;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{Sqlite, SqliteConnection, SqliteExecutor};
use tokio::sync::{mpsc, oneshot};

use super::rows::{all, optional, StoreRow};
use super::{
    AuditRow, FeedbackAdded, FeedbackRow, Inserted, ListQuery, MemberRow, NewFeedback, NewReferral,
    ReferralRow, Store, StoreError, StoreResult, MEMBER_COLUMNS, REFERRAL_COLUMNS,
};

/// The database file's name in the data folder.
pub const DB_FILE: &str = "referrals.db";

/// Versioned migrations, applied in order, each once, each in its own transaction.
/// Only portable SQL (integer times in ms, BLOB/TEXT/INTEGER columns, `ON CONFLICT`) so a
/// PostgreSQL store can follow the same shape.
const MIGRATIONS: &[(i64, &str)] = &[(
    1,
    "CREATE TABLE referrals (
        seq INTEGER PRIMARY KEY,
        referral_id TEXT NOT NULL UNIQUE,
        reference TEXT NOT NULL UNIQUE,
        received_at INTEGER NOT NULL,
        submission_type TEXT NOT NULL,
        sector TEXT,
        immediate_risk INTEGER,
        concern_types TEXT NOT NULL,
        language TEXT NOT NULL,
        status TEXT NOT NULL,
        closed_at INTEGER,
        first_feedback_at INTEGER,
        document BLOB,
        individual_name BLOB
    );
    CREATE INDEX referrals_received_at ON referrals (received_at);
    CREATE INDEX referrals_status ON referrals (status, seq);
    CREATE TABLE feedback (
        id INTEGER PRIMARY KEY,
        referral_seq INTEGER NOT NULL REFERENCES referrals (seq),
        status TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        message BLOB
    );
    CREATE INDEX feedback_referral ON feedback (referral_seq, id);
    CREATE TABLE team_members (
        id INTEGER PRIMARY KEY,
        name BLOB NOT NULL,
        name_lookup BLOB NOT NULL UNIQUE,
        token_hash BLOB NOT NULL UNIQUE,
        created_at INTEGER NOT NULL,
        revoked_at INTEGER
    );
    CREATE TABLE sessions (
        hash BLOB PRIMARY KEY,
        member_id INTEGER NOT NULL REFERENCES team_members (id),
        expires_at INTEGER NOT NULL
    );
    CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        actor INTEGER NOT NULL REFERENCES team_members (id),
        action TEXT NOT NULL,
        referral_id TEXT
    );
    CREATE INDEX audit_at ON audit (at, id);
    CREATE TABLE health (
        id INTEGER PRIMARY KEY,
        checked_at INTEGER NOT NULL
    );",
)];

/// The SQLite store.
pub struct SqliteStore {
    write: SqlitePool,
    read: SqlitePool,
    path: PathBuf,
    inserts: mpsc::Sender<InsertJob>,
}

/// A referral waiting for the group commit, and where to send what became of it.
struct InsertJob {
    new: NewReferral,
    reply: oneshot::Sender<StoreResult<Inserted>>,
}

/// The most referrals committed together.
const MAX_BATCH: usize = 128;

impl SqliteStore {
    /// Opens (creating if needed, mode 0600) `<dir>/referrals.db` and migrates it.
    pub async fn open(dir: &Path) -> StoreResult<SqliteStore> {
        SqliteStore::open_file(&dir.join(DB_FILE)).await
    }

    /// Opens (creating if needed, mode 0600) the database file `path` and migrates it.
    pub async fn open_file(path: &Path) -> StoreResult<SqliteStore> {
        let path = path.to_path_buf();
        // Create the file ourselves so it is 0600 from the first byte; SQLite gives the
        // -wal and -shm files the main file's permissions.
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path)
        {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(StoreError(format!("creating {}: {e}", path.display()))),
        }
        let options = SqliteConnectOptions::from_str("sqlite://")?
            .filename(&path)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        let write = SqlitePoolOptions::new()
            .max_connections(1)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options.clone())
            .await?;
        migrate(&write).await?;
        let read = SqlitePoolOptions::new()
            .max_connections(4)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options.read_only(true))
            .await?;
        let (inserts, jobs) = mpsc::channel(4 * MAX_BATCH);
        tokio::spawn(group_commit(write.clone(), jobs));
        let store = SqliteStore {
            write,
            read,
            path,
            inserts,
        };
        store.tighten_modes();
        Ok(store)
    }

    /// Keeps the database, WAL and shared-memory files readable by this user only.
    fn tighten_modes(&self) {
        for suffix in ["", "-wal", "-shm"] {
            let mut p = self.path.clone().into_os_string();
            p.push(suffix);
            let _ = fs::set_permissions(&p, fs::Permissions::from_mode(0o600));
        }
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Closes both pools (checkpointing the WAL).
    pub async fn close(&self) {
        self.read.close().await;
        self.write.close().await;
    }
}

/// A write transaction on the single write connection, run with explicit `BEGIN IMMEDIATE`
/// and `COMMIT`. If anything goes wrong — an error, or the request's future being dropped —
/// the connection is closed rather than returned to the pool, so SQLite rolls back and no
/// later request can run inside a transaction left half done (SQLite rolls some errors back
/// by itself, such as a full disk, which sqlx's own transaction bookkeeping does not follow).
struct WriteTx {
    conn: PoolConnection<Sqlite>,
    done: bool,
}

impl WriteTx {
    async fn begin(pool: &SqlitePool) -> StoreResult<WriteTx> {
        let conn = pool.acquire().await?;
        let mut tx = WriteTx { conn, done: false };
        sqlx::query("BEGIN IMMEDIATE")
            .execute(&mut *tx.conn)
            .await?;
        Ok(tx)
    }

    fn c(&mut self) -> &mut SqliteConnection {
        &mut self.conn
    }

    /// Commits durably; only then may the caller acknowledge anything.
    async fn commit(mut self) -> StoreResult<()> {
        sqlx::query("COMMIT").execute(&mut *self.conn).await?;
        self.done = true;
        Ok(())
    }

    /// Ends a transaction that wrote nothing.
    async fn rollback(mut self) -> StoreResult<()> {
        sqlx::query("ROLLBACK").execute(&mut *self.conn).await?;
        self.done = true;
        Ok(())
    }
}

impl Drop for WriteTx {
    fn drop(&mut self) {
        if !self.done {
            self.conn.close_on_drop();
        }
    }
}

async fn migrate(pool: &SqlitePool) -> StoreResult<()> {
    sqlx::query(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)",
    )
    .execute(pool)
    .await?;
    for &(version, sql) in MIGRATIONS {
        let mut tx = WriteTx::begin(pool).await?;
        let done: Option<i64> =
            sqlx::query_scalar("SELECT version FROM schema_migrations WHERE version = ?")
                .bind(version)
                .fetch_optional(tx.c())
                .await?;
        if done.is_some() {
            tx.rollback().await?;
            continue;
        }
        sqlx::raw_sql(sql).execute(tx.c()).await?;
        sqlx::query("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)")
            .bind(version)
            .bind(crate::clock::now_ms())
            .execute(tx.c())
            .await?;
        tx.commit().await?;
    }
    Ok(())
}

/// Group commit: referrals that arrive while a commit is under way are inserted together in
/// the next transaction, which one fsync makes durable; each request is answered only after
/// that commit. Under load this shares one fsync among many referrals; alone, a referral
/// waits for nobody.
async fn group_commit(pool: SqlitePool, mut jobs: mpsc::Receiver<InsertJob>) {
    while let Some(first) = jobs.recv().await {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match jobs.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        let outcomes = insert_batch(&pool, &batch).await;
        match outcomes {
            Ok(outcomes) => {
                for (job, outcome) in batch.into_iter().zip(outcomes) {
                    let _ = job.reply.send(Ok(outcome));
                }
            }
            Err(e) => {
                for job in batch {
                    let _ = job.reply.send(Err(StoreError(e.0.clone())));
                }
            }
        }
    }
}

/// Inserts the batch in one transaction; all or nothing.
async fn insert_batch(pool: &SqlitePool, batch: &[InsertJob]) -> StoreResult<Vec<Inserted>> {
    let mut tx = WriteTx::begin(pool).await?;
    let mut outcomes = Vec::with_capacity(batch.len());
    for job in batch {
        outcomes.push(insert_one(&mut tx, &job.new).await?);
    }
    tx.commit().await?;
    Ok(outcomes)
}

/// One referral inside the batch's transaction. `Existing` and `ReferenceTaken` write
/// nothing (a refused INSERT is undone by SQLite without ending the transaction).
async fn insert_one(tx: &mut WriteTx, new: &NewReferral) -> StoreResult<Inserted> {
    if let Some(row) = referral_by_id(tx.c(), &new.referral_id).await? {
        return Ok(Inserted::Existing(row));
    }
    let inserted = sqlx::query(&format!(
        "INSERT INTO referrals (referral_id, reference, received_at, submission_type, \
         sector, immediate_risk, concern_types, language, status, document, \
         individual_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'received', ?, ?) \
         RETURNING {REFERRAL_COLUMNS}"
    ))
    .bind(&new.referral_id)
    .bind(&new.reference)
    .bind(new.received_at)
    .bind(&new.submission_type)
    .bind(&new.sector)
    .bind(new.immediate_risk)
    .bind(&new.concern_types)
    .bind(&new.language)
    .bind(&new.document)
    .bind(&new.individual_name)
    .fetch_one(tx.c())
    .await;
    let row = match inserted {
        Ok(row) => row.referral_row()?,
        Err(e) if unique_violation_on(&e, "referrals.reference") => {
            return Ok(Inserted::ReferenceTaken);
        }
        Err(e) => return Err(e.into()),
    };
    sqlx::query(
        "INSERT INTO feedback (referral_seq, status, updated_at, message) \
         VALUES (?, 'received', ?, ?)",
    )
    .bind(row.seq)
    .bind(new.received_at)
    .bind(&new.first_message)
    .execute(tx.c())
    .await?;
    Ok(Inserted::New(row))
}

/// The referral with this id, read through `executor` (the read pool, or a transaction).
async fn referral_by_id<'e>(
    executor: impl SqliteExecutor<'e>,
    referral_id: &str,
) -> StoreResult<Option<ReferralRow>> {
    let row = sqlx::query(&format!(
        "SELECT {REFERRAL_COLUMNS} FROM referrals WHERE referral_id = ?"
    ))
    .bind(referral_id)
    .fetch_optional(executor)
    .await?;
    optional(row, StoreRow::referral_row)
}

fn unique_violation_on(e: &sqlx::Error, column: &str) -> bool {
    match e {
        sqlx::Error::Database(db) => db.is_unique_violation() && db.message().contains(column),
        _ => false,
    }
}

#[async_trait]
impl Store for SqliteStore {
    async fn insert_referral(&self, new: &NewReferral) -> StoreResult<Inserted> {
        let (reply, answer) = oneshot::channel();
        let job = InsertJob {
            new: new.clone(),
            reply,
        };
        self.inserts
            .send(job)
            .await
            .map_err(|_| StoreError("the store is closed".into()))?;
        answer
            .await
            .map_err(|_| StoreError("the store is closed".into()))?
    }

    async fn referral(&self, referral_id: &str) -> StoreResult<Option<ReferralRow>> {
        referral_by_id(&self.read, referral_id).await
    }

    async fn feedback(&self, referral_id: &str) -> StoreResult<Vec<FeedbackRow>> {
        let rows = sqlx::query(
            "SELECT f.status, f.updated_at, f.message FROM feedback f \
             JOIN referrals r ON r.seq = f.referral_seq \
             WHERE r.referral_id = ? ORDER BY f.id",
        )
        .bind(referral_id)
        .fetch_all(&self.read)
        .await?;
        all(&rows, StoreRow::feedback_row)
    }

    async fn add_feedback(
        &self,
        referral_id: &str,
        feedback: &NewFeedback,
    ) -> StoreResult<FeedbackAdded> {
        let mut tx = WriteTx::begin(&self.write).await?;
        let current: Option<(i64, String)> =
            sqlx::query_as("SELECT seq, status FROM referrals WHERE referral_id = ?")
                .bind(referral_id)
                .fetch_optional(tx.c())
                .await?;
        let Some((seq, status)) = current else {
            tx.rollback().await?;
            return Ok(FeedbackAdded::NotFound);
        };
        if status == "closed" {
            tx.rollback().await?;
            return Ok(FeedbackAdded::Closed);
        }
        sqlx::query(
            "INSERT INTO feedback (referral_seq, status, updated_at, message) VALUES (?, ?, ?, ?)",
        )
        .bind(seq)
        .bind(&feedback.status)
        .bind(feedback.updated_at)
        .bind(&feedback.message)
        .execute(tx.c())
        .await?;
        let closed_at = (feedback.status == "closed").then_some(feedback.updated_at);
        sqlx::query(
            "UPDATE referrals SET status = ?, closed_at = ?, \
             first_feedback_at = COALESCE(first_feedback_at, ?) WHERE seq = ?",
        )
        .bind(&feedback.status)
        .bind(closed_at)
        .bind(feedback.updated_at)
        .bind(seq)
        .execute(tx.c())
        .await?;
        tx.commit().await?;
        Ok(FeedbackAdded::Added)
    }

    async fn list(&self, query: &ListQuery) -> StoreResult<Vec<ReferralRow>> {
        let rows = sqlx::query(&format!(
            "SELECT {REFERRAL_COLUMNS} FROM referrals \
             WHERE (? IS NULL OR status = ?) AND (? IS NULL OR received_at >= ?) \
             AND (? IS NULL OR seq < ?) ORDER BY seq DESC LIMIT ?"
        ))
        .bind(&query.status)
        .bind(&query.status)
        .bind(query.since)
        .bind(query.since)
        .bind(query.before_seq)
        .bind(query.before_seq)
        .bind(query.limit)
        .fetch_all(&self.read)
        .await?;
        all(&rows, StoreRow::referral_row)
    }

    async fn export(&self, since: Option<i64>) -> StoreResult<Vec<ReferralRow>> {
        let rows = sqlx::query(&format!(
            "SELECT {REFERRAL_COLUMNS} FROM referrals \
             WHERE (? IS NULL OR received_at >= ?) ORDER BY seq"
        ))
        .bind(since)
        .bind(since)
        .fetch_all(&self.read)
        .await?;
        all(&rows, StoreRow::referral_row)
    }

    async fn received_between(&self, from: i64, to: i64) -> StoreResult<Vec<ReferralRow>> {
        let rows = sqlx::query(
            "SELECT seq, referral_id, reference, received_at, submission_type, sector, \
             immediate_risk, concern_types, language, status, closed_at, first_feedback_at, \
             NULL AS document, NULL AS individual_name FROM referrals \
             WHERE received_at >= ? AND received_at < ? ORDER BY seq",
        )
        .bind(from)
        .bind(to)
        .fetch_all(&self.read)
        .await?;
        all(&rows, StoreRow::referral_row)
    }

    async fn purge_closed_before(&self, cutoff: i64) -> StoreResult<u64> {
        let mut tx = WriteTx::begin(&self.write).await?;
        sqlx::query(
            "UPDATE feedback SET message = NULL WHERE message IS NOT NULL AND referral_seq IN \
             (SELECT seq FROM referrals WHERE closed_at IS NOT NULL AND closed_at < ?)",
        )
        .bind(cutoff)
        .execute(tx.c())
        .await?;
        let done = sqlx::query(
            "UPDATE referrals SET document = NULL, individual_name = NULL \
             WHERE closed_at IS NOT NULL AND closed_at < ? \
             AND (document IS NOT NULL OR individual_name IS NOT NULL)",
        )
        .bind(cutoff)
        .execute(tx.c())
        .await?;
        tx.commit().await?;
        Ok(done.rows_affected())
    }

    async fn health_check(&self, now: i64) -> StoreResult<()> {
        let mut tx = WriteTx::begin(&self.write).await?;
        sqlx::query(
            "INSERT INTO health (id, checked_at) VALUES (1, ?) \
             ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at",
        )
        .bind(now)
        .execute(tx.c())
        .await?;
        tx.commit().await
    }

    async fn add_member(
        &self,
        name: &[u8],
        name_lookup: &[u8],
        token_hash: &[u8],
        now: i64,
    ) -> StoreResult<bool> {
        let mut tx = WriteTx::begin(&self.write).await?;
        let result = sqlx::query(
            "INSERT INTO team_members (name, name_lookup, token_hash, created_at) \
             VALUES (?, ?, ?, ?)",
        )
        .bind(name)
        .bind(name_lookup)
        .bind(token_hash)
        .bind(now)
        .execute(tx.c())
        .await;
        match result {
            Ok(_) => tx.commit().await.map(|()| true),
            Err(e) if unique_violation_on(&e, "team_members.name_lookup") => {
                tx.rollback().await.map(|()| false)
            }
            Err(e) => Err(e.into()),
        }
    }

    async fn revoke_member(&self, name_lookup: &[u8], now: i64) -> StoreResult<bool> {
        let mut tx = WriteTx::begin(&self.write).await?;
        let done = sqlx::query(
            "UPDATE team_members SET revoked_at = ? WHERE name_lookup = ? AND revoked_at IS NULL",
        )
        .bind(now)
        .bind(name_lookup)
        .execute(tx.c())
        .await?;
        sqlx::query(
            "DELETE FROM sessions WHERE member_id IN \
             (SELECT id FROM team_members WHERE name_lookup = ?)",
        )
        .bind(name_lookup)
        .execute(tx.c())
        .await?;
        tx.commit().await?;
        Ok(done.rows_affected() > 0)
    }

    async fn members(&self) -> StoreResult<Vec<MemberRow>> {
        let rows = sqlx::query(&format!(
            "SELECT {MEMBER_COLUMNS} FROM team_members ORDER BY id"
        ))
        .fetch_all(&self.read)
        .await?;
        all(&rows, StoreRow::member_row)
    }

    async fn member_by_token(&self, token_hash: &[u8]) -> StoreResult<Option<MemberRow>> {
        let row = sqlx::query(&format!(
            "SELECT {MEMBER_COLUMNS} FROM team_members \
             WHERE token_hash = ? AND revoked_at IS NULL"
        ))
        .bind(token_hash)
        .fetch_optional(&self.read)
        .await?;
        optional(row, StoreRow::member_row)
    }

    async fn add_session(&self, hash: &[u8], member: i64, expires_at: i64) -> StoreResult<()> {
        let mut tx = WriteTx::begin(&self.write).await?;
        sqlx::query("INSERT INTO sessions (hash, member_id, expires_at) VALUES (?, ?, ?)")
            .bind(hash)
            .bind(member)
            .bind(expires_at)
            .execute(tx.c())
            .await?;
        tx.commit().await
    }

    async fn member_by_session(&self, hash: &[u8], now: i64) -> StoreResult<Option<MemberRow>> {
        let row = sqlx::query(
            "SELECT m.id, m.name, m.name_lookup, m.created_at, m.revoked_at \
             FROM sessions s JOIN team_members m ON m.id = s.member_id \
             WHERE s.hash = ? AND s.expires_at > ? AND m.revoked_at IS NULL",
        )
        .bind(hash)
        .bind(now)
        .fetch_optional(&self.read)
        .await?;
        optional(row, StoreRow::member_row)
    }

    async fn delete_session(&self, hash: &[u8]) -> StoreResult<()> {
        let mut tx = WriteTx::begin(&self.write).await?;
        sqlx::query("DELETE FROM sessions WHERE hash = ?")
            .bind(hash)
            .execute(tx.c())
            .await?;
        tx.commit().await
    }

    async fn audit(&self, entry: &AuditRow) -> StoreResult<()> {
        let mut tx = WriteTx::begin(&self.write).await?;
        sqlx::query("INSERT INTO audit (at, actor, action, referral_id) VALUES (?, ?, ?, ?)")
            .bind(entry.at)
            .bind(entry.actor)
            .bind(&entry.action)
            .bind(&entry.referral_id)
            .execute(tx.c())
            .await?;
        tx.commit().await
    }

    async fn audit_since(&self, since: Option<i64>, limit: i64) -> StoreResult<Vec<AuditRow>> {
        let rows = sqlx::query(
            "SELECT at, actor, action, referral_id FROM audit \
             WHERE (? IS NULL OR at >= ?) ORDER BY at, id LIMIT ?",
        )
        .bind(since)
        .bind(since)
        .bind(limit)
        .fetch_all(&self.read)
        .await?;
        all(&rows, StoreRow::audit_row)
    }
}
