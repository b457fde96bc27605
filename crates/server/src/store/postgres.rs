//! The shared store: one PostgreSQL database behind several instances of the server (a load
//! balancer in front). Versioned migrations applied at start inside one transaction under a
//! transaction-scoped advisory lock, so that two instances starting at once apply each
//! migration exactly once. Every write is one transaction committed with PostgreSQL's
//! default `synchronous_commit = on`: "acknowledged" means durable on the database server.
//!
//! Concurrency between instances rests on the database's constraints: a re-send of the same
//! referral to two instances at once meets `ON CONFLICT (referral_id) DO NOTHING` (the second
//! waits for the first to commit, then finds its row), and references are `UNIQUE`.
//!
//! When PostgreSQL cannot be reached, every call fails within [`ACQUIRE_TIMEOUT`] (answered
//! 503 by the API, nothing acknowledged); the pool reconnects by itself when it returns.

use std::ops::{Deref, DerefMut};
use std::str::FromStr;
use std::time::Duration;

use sqlx::pool::PoolConnection;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::{PgConnection, Postgres, Transaction};

use super::sql::{sql_store, UniqueKey};
use super::{Inserted, NewReferral, StoreError, StoreResult, HEAVY_CONNECTIONS};

/// The advisory lock key held while migrating (any constant, the same in every instance).
const MIGRATION_LOCK: i64 = 0x7072_6576_656e_7431; // "prevent1"

/// How long a call waits for a connection before it gives up (503).
pub const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(3);

/// The most connections one instance holds for intake, status and the team's light
/// requests (the heavy ones have [`HEAVY_CONNECTIONS`] more).
pub const MAX_CONNECTIONS: u32 = 16;

/// Versioned migrations, applied in order, each once. The same shape as the SQLite store's
/// (integer times in ms since 1970), in PostgreSQL types.
const MIGRATIONS: &[(i64, &str)] = &[
    (
        1,
        "CREATE TABLE referrals (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        referral_id TEXT NOT NULL,
        reference TEXT NOT NULL,
        received_at BIGINT NOT NULL,
        submission_type TEXT NOT NULL,
        sector TEXT,
        immediate_risk BOOLEAN,
        concern_types TEXT NOT NULL,
        language TEXT NOT NULL,
        status TEXT NOT NULL,
        closed_at BIGINT,
        first_feedback_at BIGINT,
        document BYTEA,
        individual_name BYTEA,
        CONSTRAINT referrals_referral_id_key UNIQUE (referral_id),
        CONSTRAINT referrals_reference_key UNIQUE (reference)
    );
    CREATE INDEX referrals_received_at ON referrals (received_at);
    CREATE INDEX referrals_status ON referrals (status, seq);
    CREATE TABLE feedback (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        referral_seq BIGINT NOT NULL REFERENCES referrals (seq),
        status TEXT NOT NULL,
        updated_at BIGINT NOT NULL,
        message BYTEA
    );
    CREATE INDEX feedback_referral ON feedback (referral_seq, id);
    CREATE TABLE team_members (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        name BYTEA NOT NULL,
        name_lookup BYTEA NOT NULL,
        token_hash BYTEA NOT NULL,
        created_at BIGINT NOT NULL,
        revoked_at BIGINT,
        CONSTRAINT team_members_name_lookup_key UNIQUE (name_lookup),
        CONSTRAINT team_members_token_hash_key UNIQUE (token_hash)
    );
    CREATE TABLE sessions (
        hash BYTEA PRIMARY KEY,
        member_id BIGINT NOT NULL REFERENCES team_members (id),
        expires_at BIGINT NOT NULL
    );
    CREATE TABLE audit (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at BIGINT NOT NULL,
        actor BIGINT NOT NULL REFERENCES team_members (id),
        action TEXT NOT NULL,
        referral_id TEXT
    );
    CREATE INDEX audit_at ON audit (at, id);
    CREATE TABLE health (
        id BIGINT PRIMARY KEY,
        checked_at BIGINT NOT NULL
    );",
    ),
    (
        2,
        // The audit log a supervisor can use (issue 17): an entry with no actor (a refused
        // team token), the referral's reference, what became of the request, an export's
        // count and period, and an index for each filter of the newest-first page.
        "ALTER TABLE audit ALTER COLUMN actor DROP NOT NULL;
    ALTER TABLE audit ADD COLUMN reference TEXT, ADD COLUMN outcome TEXT,
        ADD COLUMN status BIGINT, ADD COLUMN count BIGINT, ADD COLUMN period TEXT;
    UPDATE audit a SET reference = r.reference FROM referrals r
        WHERE r.referral_id = a.referral_id;
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
        referral_seq BIGINT PRIMARY KEY REFERENCES referrals (seq),
        wrapped BYTEA NOT NULL
    );
    CREATE TABLE store_key (
        id BIGINT PRIMARY KEY CHECK (id = 1),
        check_value BYTEA NOT NULL
    );",
    ),
    (
        4,
        // Sessions are capped per member and expired ones removed at each sign-in.
        "CREATE INDEX sessions_member ON sessions (member_id, expires_at);
        CREATE INDEX sessions_expires_at ON sessions (expires_at);",
    ),
];

/// The PostgreSQL store.
pub struct PostgresStore {
    pool: PgPool,
    /// The connections of the heavy team requests (export, indicators), at most
    /// [`HEAVY_CONNECTIONS`], opened when first needed.
    heavy: PgPool,
}

impl PostgresStore {
    /// Connects to `url` (`postgres://USER@HOST:PORT/DB`) and applies the migrations not yet
    /// applied. Fails when the database cannot be reached now (an instance does not start
    /// without its database; once started, it waits for it to come back).
    ///
    /// When the schema is up to date nothing is created or locked, so the server's role
    /// needs no right to change the schema (see `docs/deployment.md`: migrations by the
    /// owner role with [`PostgresStore::migrate`]).
    pub async fn open(url: &str) -> StoreResult<PostgresStore> {
        let store = PostgresStore::connect(url).await?;
        if store.schema_version().await? != latest_version() {
            migrate(&store.pool, MIGRATIONS).await?;
        }
        Ok(store)
    }

    /// Connects to `url` and applies the migrations not yet applied, whatever the version
    /// (`prevent-referral-server migrate`, run with the owner role); returns the versions
    /// before and after.
    pub async fn migrate(url: &str) -> StoreResult<(i64, i64)> {
        let store = PostgresStore::connect(url).await?;
        let before = store.schema_version().await?;
        migrate(&store.pool, MIGRATIONS).await?;
        let after = store.schema_version().await?;
        store.close().await;
        Ok((before, after))
    }

    async fn connect(url: &str) -> StoreResult<PostgresStore> {
        let options = PgConnectOptions::from_str(url)?.application_name("prevent-referral-server");
        let pool = PgPoolOptions::new()
            .max_connections(MAX_CONNECTIONS)
            .min_connections(0)
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .test_before_acquire(true)
            .connect_with(options.clone())
            .await?;
        let heavy = PgPoolOptions::new()
            .max_connections(HEAVY_CONNECTIONS)
            .min_connections(0)
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .test_before_acquire(true)
            .connect_lazy_with(options);
        Ok(PostgresStore { pool, heavy })
    }

    /// After retention: `VACUUM FULL data_keys` rewrites the (small) table of data keys into
    /// a new file without the deleted ones; a plain `VACUUM` would leave their bytes in the
    /// table's pages until overwritten. It needs the table's owner (a least-privilege
    /// server role gets PostgreSQL's warning and nothing is done: the owner runs it, see
    /// `docs/deployment.md`). PostgreSQL's WAL and its archives keep the deleted keys until
    /// they expire.
    async fn drop_deleted_bytes(&self) -> StoreResult<()> {
        sqlx::query("VACUUM FULL data_keys")
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Closes the pools.
    pub async fn close(&self) {
        self.heavy.close().await;
        self.pool.close().await;
    }

    /// The highest migration version applied; 0 for an empty database.
    pub async fn schema_version(&self) -> StoreResult<i64> {
        let exists: Option<String> =
            sqlx::query_scalar("SELECT to_regclass('schema_migrations')::TEXT")
                .fetch_one(&self.pool)
                .await?;
        if exists.is_none() {
            return Ok(0);
        }
        let v: Option<i64> = sqlx::query_scalar("SELECT MAX(version) FROM schema_migrations")
            .fetch_one(&self.pool)
            .await?;
        Ok(v.unwrap_or(0))
    }
}

/// The version of every migration, in order (numbers may leave gaps).
pub fn migration_versions() -> Vec<i64> {
    MIGRATIONS.iter().map(|(v, _)| *v).collect()
}

/// The version the last migration brings the schema to.
pub fn latest_version() -> i64 {
    MIGRATIONS.last().map_or(0, |(v, _)| *v)
}

/// Applies, in one transaction under the advisory lock, every migration newer than the
/// latest recorded in `schema_migrations`. A second instance starting at the same moment
/// waits on the lock, then finds them applied.
async fn migrate(pool: &PgPool, migrations: &'static [(i64, &'static str)]) -> StoreResult<()> {
    let mut tx = pool.begin().await?;
    sqlx::query("SELECT pg_advisory_xact_lock($1)")
        .bind(MIGRATION_LOCK)
        .execute(&mut *tx)
        .await?;
    sqlx::raw_sql(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
            version BIGINT PRIMARY KEY,
            applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
        )",
    )
    .execute(&mut *tx)
    .await?;
    let current: Option<i64> = sqlx::query_scalar("SELECT MAX(version) FROM schema_migrations")
        .fetch_one(&mut *tx)
        .await?;
    let current = current.unwrap_or(0);
    if let Some((latest, _)) = migrations.last() {
        if current > *latest {
            return Err(StoreError(format!(
                "the database is at schema version {current}, newer than this server knows \
                 ({latest}); run the newer server"
            )));
        }
    }
    for &(version, sql) in migrations {
        if version <= current {
            continue;
        }
        sqlx::raw_sql(sql).execute(&mut *tx).await?;
        sqlx::query("INSERT INTO schema_migrations (version) VALUES ($1)")
            .bind(version)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Whether `e` is a unique violation of `key`, by the name of its constraint.
fn unique_violation(e: &sqlx::Error, key: UniqueKey) -> bool {
    let constraint = match key {
        UniqueKey::Reference => "referrals_reference_key",
        UniqueKey::MemberName => "team_members_name_lookup_key",
    };
    match e {
        sqlx::Error::Database(db) => {
            db.is_unique_violation() && db.constraint() == Some(constraint)
        }
        _ => false,
    }
}

/// One statement on a pooled connection, which PostgreSQL commits as it runs (no `BEGIN`):
/// `commit` and `rollback` have nothing left to do.
struct Autocommit(PoolConnection<Postgres>);

impl Autocommit {
    async fn commit(self) -> StoreResult<()> {
        Ok(())
    }

    async fn rollback(self) -> StoreResult<()> {
        Ok(())
    }
}

impl Deref for Autocommit {
    type Target = PgConnection;

    fn deref(&self) -> &PgConnection {
        &self.0
    }
}

impl DerefMut for Autocommit {
    fn deref_mut(&mut self) -> &mut PgConnection {
        &mut self.0
    }
}

/// What the shared SQL of `sql_store!` asks of this store.
impl PostgresStore {
    fn reads(&self) -> &PgPool {
        &self.pool
    }

    fn heavy_reads(&self) -> &PgPool {
        &self.heavy
    }

    async fn write_tx(&self) -> StoreResult<Transaction<'static, Postgres>> {
        Ok(self.pool.begin().await?)
    }

    async fn write_one(&self) -> StoreResult<Autocommit> {
        Ok(Autocommit(self.pool.acquire().await?))
    }

    /// Inserts in a transaction of its own. A concurrent insert of the same referral_id
    /// (another instance) makes it wait for that commit and then find the row; a taken
    /// reference ends the transaction, rolled back.
    async fn insert(&self, new: &NewReferral) -> StoreResult<Inserted> {
        let mut tx = self.pool.begin().await?;
        let inserted = shared::insert_referral_in(&mut tx, new).await?;
        if matches!(inserted, Inserted::New(_)) {
            tx.commit().await?;
        } else {
            tx.rollback().await?;
        }
        Ok(inserted)
    }
}

sql_store!(PostgresStore, Postgres, for_update = " FOR UPDATE");
