//! The store `--database` chose: SQLite in the data folder (the default) or PostgreSQL.
//! One type for `main`, the token commands and the tests, so that nothing above the store
//! knows which it is.

use async_trait::async_trait;

use super::postgres::PostgresStore;
use super::sqlite::SqliteStore;
use super::{
    AuditRow, FeedbackAdded, FeedbackRow, Inserted, ListQuery, MemberRow, NewFeedback, NewReferral,
    ReferralRow, Store, StoreResult,
};

/// SQLite or PostgreSQL.
pub enum AnyStore {
    /// One SQLite file.
    Sqlite(SqliteStore),
    /// A PostgreSQL database, possibly shared by several instances.
    Postgres(PostgresStore),
}

impl AnyStore {
    /// Closes the store's connections.
    pub async fn close(&self) {
        match self {
            AnyStore::Sqlite(s) => s.close().await,
            AnyStore::Postgres(s) => s.close().await,
        }
    }

    /// The SQLite store, when it is one.
    pub fn as_sqlite(&self) -> Option<&SqliteStore> {
        match self {
            AnyStore::Sqlite(s) => Some(s),
            AnyStore::Postgres(_) => None,
        }
    }

    /// Whether this is the PostgreSQL store.
    pub fn is_postgres(&self) -> bool {
        matches!(self, AnyStore::Postgres(_))
    }

    fn inner(&self) -> &dyn Store {
        match self {
            AnyStore::Sqlite(s) => s,
            AnyStore::Postgres(s) => s,
        }
    }
}

#[async_trait]
impl Store for AnyStore {
    async fn insert_referral(&self, new: &NewReferral) -> StoreResult<Inserted> {
        self.inner().insert_referral(new).await
    }
    async fn referral(&self, referral_id: &str) -> StoreResult<Option<ReferralRow>> {
        self.inner().referral(referral_id).await
    }
    async fn feedback(&self, referral_id: &str) -> StoreResult<Vec<FeedbackRow>> {
        self.inner().feedback(referral_id).await
    }
    async fn add_feedback(
        &self,
        referral_id: &str,
        feedback: &NewFeedback,
    ) -> StoreResult<FeedbackAdded> {
        self.inner().add_feedback(referral_id, feedback).await
    }
    async fn list(&self, query: &ListQuery) -> StoreResult<Vec<ReferralRow>> {
        self.inner().list(query).await
    }
    async fn export(&self, since: Option<i64>) -> StoreResult<Vec<ReferralRow>> {
        self.inner().export(since).await
    }
    async fn received_between(&self, from: i64, to: i64) -> StoreResult<Vec<ReferralRow>> {
        self.inner().received_between(from, to).await
    }
    async fn purge_closed_before(&self, cutoff: i64) -> StoreResult<u64> {
        self.inner().purge_closed_before(cutoff).await
    }
    async fn health_check(&self, now: i64) -> StoreResult<()> {
        self.inner().health_check(now).await
    }
    async fn add_member(
        &self,
        name: &[u8],
        name_lookup: &[u8],
        token_hash: &[u8],
        now: i64,
    ) -> StoreResult<bool> {
        self.inner()
            .add_member(name, name_lookup, token_hash, now)
            .await
    }
    async fn revoke_member(&self, name_lookup: &[u8], now: i64) -> StoreResult<bool> {
        self.inner().revoke_member(name_lookup, now).await
    }
    async fn members(&self) -> StoreResult<Vec<MemberRow>> {
        self.inner().members().await
    }
    async fn member_by_token(&self, token_hash: &[u8]) -> StoreResult<Option<MemberRow>> {
        self.inner().member_by_token(token_hash).await
    }
    async fn add_session(&self, hash: &[u8], member: i64, expires_at: i64) -> StoreResult<()> {
        self.inner().add_session(hash, member, expires_at).await
    }
    async fn member_by_session(&self, hash: &[u8], now: i64) -> StoreResult<Option<MemberRow>> {
        self.inner().member_by_session(hash, now).await
    }
    async fn delete_session(&self, hash: &[u8]) -> StoreResult<()> {
        self.inner().delete_session(hash).await
    }
    async fn audit(&self, entry: &AuditRow) -> StoreResult<()> {
        self.inner().audit(entry).await
    }
    async fn audit_since(&self, since: Option<i64>, limit: i64) -> StoreResult<Vec<AuditRow>> {
        self.inner().audit_since(since, limit).await
    }
}
