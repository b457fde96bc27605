//! The embedded store: one SQLite file in WAL mode, `synchronous = FULL` (a commit is on disk
//! before it returns, so "acknowledged" means durable even across a power cut), versioned
//! migrations, writes through one connection, reads through a small pool, and the heavy team
//! requests (export, indicators) through a pool of their own.

use std::fs::{self, OpenOptions};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use std::ops::{Deref, DerefMut};

use sqlx::pool::PoolConnection;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{Sqlite, SqliteConnection};
use tokio::sync::{mpsc, oneshot};

use super::sql::{sql_store, UniqueKey};
use super::{Inserted, NewReferral, StoreError, StoreResult, HEAVY_CONNECTIONS};

/// The database file's name in the data folder.
pub const DB_FILE: &str = "referrals.db";

/// Versioned migrations, applied in order, each once, each in its own transaction.
/// Only portable SQL (integer times in ms, BLOB/TEXT/INTEGER columns, `ON CONFLICT`) so a
/// PostgreSQL store can follow the same shape.
const MIGRATIONS: &[(i64, &str)] = &[
    (
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
    ),
    (
        2,
        // The audit log a supervisor can use (issue 17): an entry with no actor (a refused
        // team token), the referral's reference, what became of the request, an export's
        // count and period, and an index for each filter of the newest-first page. SQLite
        // cannot drop a NOT NULL, so the table is rebuilt; the ids are kept.
        "CREATE TABLE audit_v2 (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        actor INTEGER REFERENCES team_members (id),
        action TEXT NOT NULL,
        referral_id TEXT,
        reference TEXT,
        outcome TEXT,
        status INTEGER,
        count INTEGER,
        period TEXT
    );
    INSERT INTO audit_v2 (id, at, actor, action, referral_id, reference)
        SELECT a.id, a.at, a.actor, a.action, a.referral_id,
            (SELECT r.reference FROM referrals r WHERE r.referral_id = a.referral_id)
        FROM audit a;
    DROP TABLE audit;
    ALTER TABLE audit_v2 RENAME TO audit;
    CREATE INDEX audit_at ON audit (at, id);
    CREATE INDEX audit_referral ON audit (referral_id, at, id);
    CREATE INDEX audit_actor ON audit (actor, at, id);
    CREATE INDEX audit_action ON audit (action, at, id);",
    ),
    (
        3,
        // Per-referral data keys, wrapped by the receiver's key (retention deletes them:
        // crypto-shredding), in a table of their own; and the check value of the key the
        // store is written with.
        "CREATE TABLE data_keys (
        referral_seq INTEGER PRIMARY KEY REFERENCES referrals (seq),
        wrapped BLOB NOT NULL
    );
    CREATE TABLE store_key (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        check_value BLOB NOT NULL
    );",
    ),
    (
        4,
        // Sessions are capped per member and expired ones removed at each sign-in.
        "CREATE INDEX sessions_member ON sessions (member_id, expires_at);
        CREATE INDEX sessions_expires_at ON sessions (expires_at);",
    ),
];

/// The SQLite store.
pub struct SqliteStore {
    write: SqlitePool,
    read: SqlitePool,
    /// Read-only connections of the heavy team requests (export, indicators).
    heavy: SqlitePool,
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
            // Deleted content is overwritten with zeros (retention: a purged data key
            // leaves no copy in free pages or free space of a page).
            .pragma("secure_delete", "ON")
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
            .connect_with(options.clone().read_only(true))
            .await?;
        let heavy = SqlitePoolOptions::new()
            .max_connections(HEAVY_CONNECTIONS)
            .min_connections(0)
            .acquire_timeout(Duration::from_secs(10))
            .connect_lazy_with(options.read_only(true));
        let (inserts, jobs) = mpsc::channel(4 * MAX_BATCH);
        tokio::spawn(group_commit(write.clone(), jobs));
        let store = SqliteStore {
            write,
            read,
            heavy,
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

    /// After retention: copies the WAL into the database file and truncates it to zero
    /// bytes, so the page images from before the purge (holding the deleted data keys) are
    /// in neither file. A checkpoint kept from finishing by a reader is logged.
    async fn drop_deleted_bytes(&self) -> StoreResult<()> {
        let (busy, _, _): (i64, i64, i64) = sqlx::query_as("PRAGMA wal_checkpoint(TRUNCATE)")
            .fetch_one(&self.write)
            .await?;
        if busy != 0 {
            tracing::warn!(
                "retention: a reader kept the WAL from being truncated; the next run tries again"
            );
        }
        Ok(())
    }

    /// Closes the pools (checkpointing the WAL).
    pub async fn close(&self) {
        self.heavy.close().await;
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

impl Deref for WriteTx {
    type Target = SqliteConnection;

    fn deref(&self) -> &SqliteConnection {
        &self.conn
    }
}

impl DerefMut for WriteTx {
    fn deref_mut(&mut self) -> &mut SqliteConnection {
        &mut self.conn
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
                .fetch_optional(&mut *tx)
                .await?;
        if done.is_some() {
            tx.rollback().await?;
            continue;
        }
        sqlx::raw_sql(sql).execute(&mut *tx).await?;
        sqlx::query("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)")
            .bind(version)
            .bind(crate::clock::now_ms())
            .execute(&mut *tx)
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
    if let Some(row) = shared::referral_by_id(&mut **tx, &new.referral_id).await? {
        return Ok(Inserted::Existing(row));
    }
    shared::insert_referral_in(tx, new).await
}

/// Whether `e` is a unique violation of `key`, by the column SQLite's message names.
fn unique_violation(e: &sqlx::Error, key: UniqueKey) -> bool {
    let column = match key {
        UniqueKey::Reference => "referrals.reference",
        UniqueKey::MemberName => "team_members.name_lookup",
    };
    match e {
        sqlx::Error::Database(db) => db.is_unique_violation() && db.message().contains(column),
        _ => false,
    }
}

/// What the shared SQL of `sql_store!` asks of this store: reads through the read pool,
/// every write (one statement or several) in a transaction on the write connection.
impl SqliteStore {
    fn reads(&self) -> &SqlitePool {
        &self.read
    }

    fn heavy_reads(&self) -> &SqlitePool {
        &self.heavy
    }

    async fn write_tx(&self) -> StoreResult<WriteTx> {
        WriteTx::begin(&self.write).await
    }

    async fn write_one(&self) -> StoreResult<WriteTx> {
        WriteTx::begin(&self.write).await
    }

    /// Hands the referral to the group commit and waits for its outcome.
    async fn insert(&self, new: &NewReferral) -> StoreResult<Inserted> {
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
}

sql_store!(SqliteStore, Sqlite, for_update = "");
