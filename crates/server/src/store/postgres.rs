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

use std::str::FromStr;
use std::time::Duration;

use async_trait::async_trait;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::PgExecutor;

use super::rows::{all, optional, StoreRow};
use super::{
    AuditRow, FeedbackAdded, FeedbackRow, Inserted, ListQuery, MemberRow, NewFeedback, NewReferral,
    ReferralRow, Store, StoreError, StoreResult, MEMBER_COLUMNS, REFERRAL_COLUMNS,
};

/// The advisory lock key held while migrating (any constant, the same in every instance).
const MIGRATION_LOCK: i64 = 0x7072_6576_656e_7431; // "prevent1"

/// How long a call waits for a connection before it gives up (503).
pub const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(3);

/// The most connections one instance holds.
pub const MAX_CONNECTIONS: u32 = 16;

/// Versioned migrations, applied in order, each once. The same shape as the SQLite store's
/// (integer times in ms since 1970), in PostgreSQL types.
const MIGRATIONS: &[(i64, &str)] = &[(
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
)];

/// The PostgreSQL store.
pub struct PostgresStore {
    pool: PgPool,
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
            .connect_with(options)
            .await?;
        Ok(PostgresStore { pool })
    }

    /// Closes the pool.
    pub async fn close(&self) {
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

/// Whether `e` is a unique violation of the named constraint.
fn unique_violation_of(e: &sqlx::Error, constraint: &str) -> bool {
    match e {
        sqlx::Error::Database(db) => {
            db.is_unique_violation() && db.constraint() == Some(constraint)
        }
        _ => false,
    }
}

/// The referral with this id, read through `executor` (the pool, or a transaction).
async fn referral_by_id<'e>(
    executor: impl PgExecutor<'e>,
    referral_id: &str,
) -> StoreResult<Option<ReferralRow>> {
    let row = sqlx::query(&format!(
        "SELECT {REFERRAL_COLUMNS} FROM referrals WHERE referral_id = $1"
    ))
    .bind(referral_id)
    .fetch_optional(executor)
    .await?;
    optional(row, StoreRow::referral_row)
}

#[async_trait]
impl Store for PostgresStore {
    async fn insert_referral(&self, new: &NewReferral) -> StoreResult<Inserted> {
        let mut tx = self.pool.begin().await?;
        // A concurrent insert of the same referral_id (another instance) makes this wait for
        // its commit and then insert nothing; a taken reference is an error that ends the
        // transaction (dropped: rolled back).
        let inserted = sqlx::query(&format!(
            "INSERT INTO referrals (referral_id, reference, received_at, submission_type, \
             sector, immediate_risk, concern_types, language, status, document, \
             individual_name) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'received', $9, $10) \
             ON CONFLICT (referral_id) DO NOTHING RETURNING {REFERRAL_COLUMNS}"
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
        .fetch_optional(&mut *tx)
        .await;
        let row = match inserted {
            Ok(Some(row)) => row.referral_row()?,
            Ok(None) => {
                // READ COMMITTED: this new statement sees the other transaction's row.
                let existing = referral_by_id(&mut *tx, &new.referral_id).await?;
                tx.rollback().await?;
                return match existing {
                    Some(row) => Ok(Inserted::Existing(row)),
                    None => Err(StoreError(
                        "a conflicting referral disappeared; try again".into(),
                    )),
                };
            }
            Err(e) if unique_violation_of(&e, "referrals_reference_key") => {
                return Ok(Inserted::ReferenceTaken);
            }
            Err(e) => return Err(e.into()),
        };
        sqlx::query(
            "INSERT INTO feedback (referral_seq, status, updated_at, message) \
             VALUES ($1, 'received', $2, $3)",
        )
        .bind(row.seq)
        .bind(new.received_at)
        .bind(&new.first_message)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Inserted::New(row))
    }

    async fn referral(&self, referral_id: &str) -> StoreResult<Option<ReferralRow>> {
        referral_by_id(&self.pool, referral_id).await
    }

    async fn feedback(&self, referral_id: &str) -> StoreResult<Vec<FeedbackRow>> {
        let rows = sqlx::query(
            "SELECT f.status, f.updated_at, f.message FROM feedback f \
             JOIN referrals r ON r.seq = f.referral_seq \
             WHERE r.referral_id = $1 ORDER BY f.id",
        )
        .bind(referral_id)
        .fetch_all(&self.pool)
        .await?;
        all(&rows, StoreRow::feedback_row)
    }

    async fn add_feedback(
        &self,
        referral_id: &str,
        feedback: &NewFeedback,
    ) -> StoreResult<FeedbackAdded> {
        let mut tx = self.pool.begin().await?;
        // FOR UPDATE: two instances updating one referral take turns, so "closed" is final.
        let current: Option<(i64, String)> =
            sqlx::query_as("SELECT seq, status FROM referrals WHERE referral_id = $1 FOR UPDATE")
                .bind(referral_id)
                .fetch_optional(&mut *tx)
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
            "INSERT INTO feedback (referral_seq, status, updated_at, message) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(seq)
        .bind(&feedback.status)
        .bind(feedback.updated_at)
        .bind(&feedback.message)
        .execute(&mut *tx)
        .await?;
        let closed_at = (feedback.status == "closed").then_some(feedback.updated_at);
        sqlx::query(
            "UPDATE referrals SET status = $1, closed_at = $2, \
             first_feedback_at = COALESCE(first_feedback_at, $3) WHERE seq = $4",
        )
        .bind(&feedback.status)
        .bind(closed_at)
        .bind(feedback.updated_at)
        .bind(seq)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(FeedbackAdded::Added)
    }

    async fn list(&self, query: &ListQuery) -> StoreResult<Vec<ReferralRow>> {
        let rows = sqlx::query(&format!(
            "SELECT {REFERRAL_COLUMNS} FROM referrals \
             WHERE ($1::TEXT IS NULL OR status = $1) AND ($2::BIGINT IS NULL OR received_at >= $2) \
             AND ($3::BIGINT IS NULL OR seq < $3) ORDER BY seq DESC LIMIT $4"
        ))
        .bind(&query.status)
        .bind(query.since)
        .bind(query.before_seq)
        .bind(query.limit)
        .fetch_all(&self.pool)
        .await?;
        all(&rows, StoreRow::referral_row)
    }

    async fn export(&self, since: Option<i64>) -> StoreResult<Vec<ReferralRow>> {
        let rows = sqlx::query(&format!(
            "SELECT {REFERRAL_COLUMNS} FROM referrals \
             WHERE ($1::BIGINT IS NULL OR received_at >= $1) ORDER BY seq"
        ))
        .bind(since)
        .fetch_all(&self.pool)
        .await?;
        all(&rows, StoreRow::referral_row)
    }

    async fn received_between(&self, from: i64, to: i64) -> StoreResult<Vec<ReferralRow>> {
        let rows = sqlx::query(
            "SELECT seq, referral_id, reference, received_at, submission_type, sector, \
             immediate_risk, concern_types, language, status, closed_at, first_feedback_at, \
             NULL::BYTEA AS document, NULL::BYTEA AS individual_name FROM referrals \
             WHERE received_at >= $1 AND received_at < $2 ORDER BY seq",
        )
        .bind(from)
        .bind(to)
        .fetch_all(&self.pool)
        .await?;
        all(&rows, StoreRow::referral_row)
    }

    async fn purge_closed_before(&self, cutoff: i64) -> StoreResult<u64> {
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "UPDATE feedback SET message = NULL WHERE message IS NOT NULL AND referral_seq IN \
             (SELECT seq FROM referrals WHERE closed_at IS NOT NULL AND closed_at < $1)",
        )
        .bind(cutoff)
        .execute(&mut *tx)
        .await?;
        let done = sqlx::query(
            "UPDATE referrals SET document = NULL, individual_name = NULL \
             WHERE closed_at IS NOT NULL AND closed_at < $1 \
             AND (document IS NOT NULL OR individual_name IS NOT NULL)",
        )
        .bind(cutoff)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(done.rows_affected())
    }

    async fn health_check(&self, now: i64) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO health (id, checked_at) VALUES (1, $1) \
             ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at",
        )
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn add_member(
        &self,
        name: &[u8],
        name_lookup: &[u8],
        token_hash: &[u8],
        now: i64,
    ) -> StoreResult<bool> {
        let result = sqlx::query(
            "INSERT INTO team_members (name, name_lookup, token_hash, created_at) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(name)
        .bind(name_lookup)
        .bind(token_hash)
        .bind(now)
        .execute(&self.pool)
        .await;
        match result {
            Ok(_) => Ok(true),
            Err(e) if unique_violation_of(&e, "team_members_name_lookup_key") => Ok(false),
            Err(e) => Err(e.into()),
        }
    }

    async fn revoke_member(&self, name_lookup: &[u8], now: i64) -> StoreResult<bool> {
        let mut tx = self.pool.begin().await?;
        let done = sqlx::query(
            "UPDATE team_members SET revoked_at = $1 \
             WHERE name_lookup = $2 AND revoked_at IS NULL",
        )
        .bind(now)
        .bind(name_lookup)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "DELETE FROM sessions WHERE member_id IN \
             (SELECT id FROM team_members WHERE name_lookup = $1)",
        )
        .bind(name_lookup)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(done.rows_affected() > 0)
    }

    async fn members(&self) -> StoreResult<Vec<MemberRow>> {
        let rows = sqlx::query(&format!(
            "SELECT {MEMBER_COLUMNS} FROM team_members ORDER BY id"
        ))
        .fetch_all(&self.pool)
        .await?;
        all(&rows, StoreRow::member_row)
    }

    async fn member_by_token(&self, token_hash: &[u8]) -> StoreResult<Option<MemberRow>> {
        let row = sqlx::query(&format!(
            "SELECT {MEMBER_COLUMNS} FROM team_members \
             WHERE token_hash = $1 AND revoked_at IS NULL"
        ))
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?;
        optional(row, StoreRow::member_row)
    }

    async fn add_session(&self, hash: &[u8], member: i64, expires_at: i64) -> StoreResult<()> {
        sqlx::query("INSERT INTO sessions (hash, member_id, expires_at) VALUES ($1, $2, $3)")
            .bind(hash)
            .bind(member)
            .bind(expires_at)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn member_by_session(&self, hash: &[u8], now: i64) -> StoreResult<Option<MemberRow>> {
        let row = sqlx::query(
            "SELECT m.id, m.name, m.name_lookup, m.created_at, m.revoked_at \
             FROM sessions s JOIN team_members m ON m.id = s.member_id \
             WHERE s.hash = $1 AND s.expires_at > $2 AND m.revoked_at IS NULL",
        )
        .bind(hash)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        optional(row, StoreRow::member_row)
    }

    async fn delete_session(&self, hash: &[u8]) -> StoreResult<()> {
        sqlx::query("DELETE FROM sessions WHERE hash = $1")
            .bind(hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn audit(&self, entry: &AuditRow) -> StoreResult<()> {
        sqlx::query("INSERT INTO audit (at, actor, action, referral_id) VALUES ($1, $2, $3, $4)")
            .bind(entry.at)
            .bind(entry.actor)
            .bind(&entry.action)
            .bind(&entry.referral_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn audit_since(&self, since: Option<i64>, limit: i64) -> StoreResult<Vec<AuditRow>> {
        let rows = sqlx::query(
            "SELECT at, actor, action, referral_id FROM audit \
             WHERE ($1::BIGINT IS NULL OR at >= $1) ORDER BY at, id LIMIT $2",
        )
        .bind(since)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        all(&rows, StoreRow::audit_row)
    }
}
