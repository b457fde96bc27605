//! Storage behind one trait, so that the handlers never see SQL.
//!
//! [`Store`] speaks in rows whose personal columns are already sealed (see
//! [`crate::crypto::Vault`]); the store never holds a key. [`sqlite::SqliteStore`] is the
//! embedded implementation; [`postgres::PostgresStore`] serves several instances behind a
//! load balancer. Both run the same SQL, written once in `sql.rs`; each keeps only what
//! differs (connections, migrations, transactions). `--database` chooses one, and nothing
//! above this module knows which: it holds a `dyn Store`.
//!
//! Times are milliseconds since 1970-01-01T00:00:00Z.

pub mod postgres;
mod rows;
mod sql;
pub mod sqlite;

use async_trait::async_trait;

/// The columns of `referrals`, in the order [`ReferralRow`] lists them, and the referral's
/// wrapped data key (from `data_keys`, in the same query); both stores select them by this
/// list (`FROM referrals`, not aliased).
const REFERRAL_COLUMNS: &str = "seq, referral_id, reference, received_at, submission_type, \
    sector, immediate_risk, concern_types, language, status, closed_at, first_feedback_at, \
    document, individual_name, \
    (SELECT k.wrapped FROM data_keys k WHERE k.referral_seq = referrals.seq) AS data_key";

/// [`REFERRAL_COLUMNS`] where a subquery cannot be (an `INSERT`'s `RETURNING`): the data key
/// is filled in by the caller.
const REFERRAL_COLUMNS_RETURNING: &str = "seq, referral_id, reference, received_at, \
    submission_type, sector, immediate_risk, concern_types, language, status, closed_at, \
    first_feedback_at, document, individual_name, CAST(NULL AS BYTEA) AS data_key";

/// Connections of the pool that heavy team requests (export, indicators) read through,
/// apart from the pool of intake, status and the team's light reads, which they therefore
/// never hold.
pub const HEAVY_CONNECTIONS: u32 = 2;

/// The columns of `team_members` that [`MemberRow`] holds, in its order; both stores select
/// them by this list.
const MEMBER_COLUMNS: &str = "id, name, name_lookup, created_at, revoked_at";

/// The columns of `audit` that [`AuditRow`] holds; the page query selects them by this list.
const AUDIT_COLUMNS: &str =
    "id, at, actor, action, referral_id, reference, outcome, status, count, period";

/// Why the store could not answer. Every variant is answered 503 `unavailable`.
#[derive(Debug)]
pub struct StoreError(pub String);

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StoreError {}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        StoreError(e.to_string())
    }
}

/// Result of a store operation.
pub type StoreResult<T> = Result<T, StoreError>;

/// A referral to insert, with its first feedback (`received`).
#[derive(Debug, Clone)]
pub struct NewReferral {
    /// Lower-case `referral_id`.
    pub referral_id: String,
    /// The human reference (8 characters).
    pub reference: String,
    /// When it was received.
    pub received_at: i64,
    /// `submission_type` code.
    pub submission_type: String,
    /// The referrer's `sector` code, when given.
    pub sector: Option<String>,
    /// `immediate_risk`, when given.
    pub immediate_risk: Option<bool>,
    /// Concern type codes joined with `;`.
    pub concern_types: String,
    /// The document's language (`en`/`cy`).
    pub language: String,
    /// The sealed normalised document.
    pub document: Vec<u8>,
    /// The sealed name of the person referred, when given.
    pub individual_name: Option<Vec<u8>>,
    /// The sealed message of the first feedback document.
    pub first_message: Option<Vec<u8>>,
    /// The referral's data key, wrapped ([`crate::crypto::Vault::new_data_key`]): the
    /// document, name and messages are sealed under it.
    pub data_key: Vec<u8>,
}

/// What became of an insert.
#[derive(Debug)]
pub enum Inserted {
    /// Stored and committed.
    New(ReferralRow),
    /// A referral with this `referral_id` already exists; nothing was written.
    Existing(ReferralRow),
    /// The reference is taken by another referral; nothing was written; draw another.
    ReferenceTaken,
}

/// One referral as stored.
#[derive(Debug, Clone)]
pub struct ReferralRow {
    /// Insertion order; the cursor of the team list.
    pub seq: i64,
    /// Lower-case `referral_id`.
    pub referral_id: String,
    /// The human reference.
    pub reference: String,
    /// When it was received.
    pub received_at: i64,
    /// `submission_type` code.
    pub submission_type: String,
    /// Referrer's sector code.
    pub sector: Option<String>,
    /// `immediate_risk`.
    pub immediate_risk: Option<bool>,
    /// Concern type codes joined with `;`.
    pub concern_types: String,
    /// The document's language.
    pub language: String,
    /// Current status code (that of the latest feedback).
    pub status: String,
    /// When it was closed.
    pub closed_at: Option<i64>,
    /// When the first feedback after `received` was given.
    pub first_feedback_at: Option<i64>,
    /// The sealed document; `None` once deleted by retention.
    pub document: Option<Vec<u8>>,
    /// The sealed name of the person referred.
    pub individual_name: Option<Vec<u8>>,
    /// The wrapped data key its values are sealed under; `None` for a referral stored before
    /// data keys (sealed under the master record key) or once retention deleted it.
    pub data_key: Option<Vec<u8>>,
}

/// One feedback document as stored.
#[derive(Debug, Clone)]
pub struct FeedbackRow {
    /// Status code.
    pub status: String,
    /// When it was given.
    pub updated_at: i64,
    /// The sealed message; `None` when there was none or retention deleted it.
    pub message: Option<Vec<u8>>,
    /// The referral's wrapped data key (as [`ReferralRow::data_key`]).
    pub data_key: Option<Vec<u8>>,
}

/// A feedback message as `check` reads it: which referral it belongs to, and the row.
#[derive(Debug, Clone)]
pub struct StoredMessage {
    /// `feedback.id`, the cursor of the pages.
    pub id: i64,
    /// The referral's lower-case id.
    pub referral_id: String,
    /// The referral's human reference.
    pub reference: String,
    /// The feedback row (with the referral's wrapped data key).
    pub row: FeedbackRow,
}

/// A feedback update to append.
#[derive(Debug, Clone)]
pub struct NewFeedback {
    /// Status code.
    pub status: String,
    /// When it was given.
    pub updated_at: i64,
    /// The sealed message.
    pub message: Option<Vec<u8>>,
}

/// What became of a feedback update.
#[derive(Debug)]
pub enum FeedbackAdded {
    /// Appended.
    Added,
    /// No such referral.
    NotFound,
    /// The referral is closed; nothing was written.
    Closed,
}

/// Filter and page of the team list, newest first.
#[derive(Debug, Clone, Default)]
pub struct ListQuery {
    /// Only referrals whose current status is this.
    pub status: Option<String>,
    /// Only referrals received at or after this time.
    pub since: Option<i64>,
    /// Only referrals inserted before this `seq` (the cursor).
    pub before_seq: Option<i64>,
    /// At most this many.
    pub limit: i64,
}

/// A team member (never the token).
#[derive(Debug, Clone)]
pub struct MemberRow {
    /// Row id, the actor in the audit log.
    pub id: i64,
    /// The sealed name.
    pub name: Vec<u8>,
    /// The keyed hash of the name.
    pub name_lookup: Vec<u8>,
    /// When the token was created.
    pub created_at: i64,
    /// When it was revoked.
    pub revoked_at: Option<i64>,
}

/// A browser session to add, and what goes as it is added.
#[derive(Debug, Clone, Copy)]
pub struct NewSession<'a> {
    /// The hash of the session's secret.
    pub hash: &'a [u8],
    /// The member's row id.
    pub member: i64,
    /// When it ends.
    pub expires_at: i64,
    /// Now: every session (of any member) ended by then is removed.
    pub now: i64,
    /// The most sessions the member keeps, this one included: the oldest beyond are removed.
    pub max_per_member: usize,
}

/// One audit entry to record.
#[derive(Debug, Clone)]
pub struct AuditEntry {
    /// When.
    pub at: i64,
    /// The team member's row id; `None` for a refused team token.
    pub actor: Option<i64>,
    /// What (`list_referrals`, `get_referral`, `add_feedback`, `sign_in_failed`…).
    pub action: String,
    /// The referral concerned, if any (its reference is looked up when the entry is written).
    pub referral_id: Option<String>,
    /// What became of the request (`done`, `refused`, `failed`).
    pub outcome: String,
    /// The HTTP status answered.
    pub status: i64,
    /// For an export: how many referrals it held.
    pub count: Option<i64>,
    /// For an export: its filters, as a JSON object's text.
    pub period: Option<String>,
}

/// One audit entry as stored.
#[derive(Debug, Clone)]
pub struct AuditRow {
    /// Its number (insertion order).
    pub id: i64,
    /// When.
    pub at: i64,
    /// The team member's row id; `None` for a refused team token.
    pub actor: Option<i64>,
    /// What.
    pub action: String,
    /// The referral concerned, if any.
    pub referral_id: Option<String>,
    /// Its reference, when the referral existed as the entry was written.
    pub reference: Option<String>,
    /// What became of the request; `None` for entries recorded before version 1.1.
    pub outcome: Option<String>,
    /// The HTTP status answered; `None` for entries recorded before version 1.1.
    pub status: Option<i64>,
    /// For an export: how many referrals it held.
    pub count: Option<i64>,
    /// For an export: its filters, as a JSON object's text.
    pub period: Option<String>,
}

/// Filters and page of the audit log, newest first (by time, then by id).
#[derive(Debug, Clone, Default)]
pub struct AuditQuery {
    /// Only entries about the referral with this (lower-case) id.
    pub referral_id: Option<String>,
    /// Only entries about the referral with this (upper-case) reference.
    pub reference: Option<String>,
    /// Only entries of this member.
    pub actor: Option<i64>,
    /// Only entries of this action.
    pub action: Option<String>,
    /// Only entries at or after this time.
    pub from: Option<i64>,
    /// Only entries before this time.
    pub to: Option<i64>,
    /// Only entries before this `(at, id)` in the log's order (the cursor).
    pub before: Option<(i64, i64)>,
    /// At most this many.
    pub limit: i64,
}

/// Referrals and team members, durably.
#[async_trait]
pub trait Store: Send + Sync {
    /// Inserts a referral and its first feedback in one transaction, committed durably
    /// before returning `New`.
    async fn insert_referral(&self, new: &NewReferral) -> StoreResult<Inserted>;
    /// The referral with this lower-case id.
    async fn referral(&self, referral_id: &str) -> StoreResult<Option<ReferralRow>>;
    /// Its feedback, oldest first.
    async fn feedback(&self, referral_id: &str) -> StoreResult<Vec<FeedbackRow>>;
    /// Appends feedback and updates the referral's status, in one transaction.
    async fn add_feedback(
        &self,
        referral_id: &str,
        feedback: &NewFeedback,
    ) -> StoreResult<FeedbackAdded>;
    /// A page of the team list, newest first.
    async fn list(&self, query: &ListQuery) -> StoreResult<Vec<ReferralRow>>;
    /// What an export starting now holds: how many referrals were received at or after
    /// `since`, and the `seq` of the last of them (0 when none), through the heavy pool.
    async fn export_extent(&self, since: Option<i64>) -> StoreResult<(i64, i64)>;
    /// A page of the export: at most `limit` referrals received at or after `since` and
    /// inserted after `after_seq` and at or before `through_seq`, oldest first; one short
    /// query through the heavy pool (keyset paging by `seq`, so no transaction is held
    /// between pages).
    async fn export_page(
        &self,
        since: Option<i64>,
        after_seq: i64,
        through_seq: i64,
        limit: i64,
    ) -> StoreResult<Vec<ReferralRow>>;
    /// Referrals received in `[from, to)`, documents left out (through the heavy pool).
    async fn received_between(&self, from: i64, to: i64) -> StoreResult<Vec<ReferralRow>>;
    /// Deletes the data keys, documents, names and messages of referrals closed before
    /// `cutoff` (and then has the backend drop the deleted bytes: SQLite's secure delete and
    /// WAL truncation, PostgreSQL's `VACUUM FULL data_keys`); returns how many referrals
    /// were purged.
    async fn purge_closed_before(&self, cutoff: i64) -> StoreResult<u64>;
    /// A real write, committed: proves the store accepts writes now.
    async fn health_check(&self, now: i64) -> StoreResult<()>;

    /// Adds a team member; `Ok(false)` when a member of that name exists (even revoked).
    async fn add_member(
        &self,
        name: &[u8],
        name_lookup: &[u8],
        token_hash: &[u8],
        now: i64,
    ) -> StoreResult<bool>;
    /// Revokes the member's token; `Ok(false)` when there is no such active member.
    async fn revoke_member(&self, name_lookup: &[u8], now: i64) -> StoreResult<bool>;
    /// Every member, oldest first.
    async fn members(&self) -> StoreResult<Vec<MemberRow>>;
    /// The active member holding the token with this hash.
    async fn member_by_token(&self, token_hash: &[u8]) -> StoreResult<Option<MemberRow>>;
    /// Creates a browser session for a member, in one transaction with removing every
    /// expired session and the member's oldest beyond `max_per_member`.
    async fn add_session(&self, session: &NewSession<'_>) -> StoreResult<()>;
    /// The active member of a live session.
    async fn member_by_session(&self, hash: &[u8], now: i64) -> StoreResult<Option<MemberRow>>;
    /// Ends a session.
    async fn delete_session(&self, hash: &[u8]) -> StoreResult<()>;

    /// Records one audit entry, with the reference of its referral when there is one.
    async fn audit(&self, entry: &AuditEntry) -> StoreResult<()>;
    /// A page of the audit log, newest first.
    async fn audit_page(&self, query: &AuditQuery) -> StoreResult<Vec<AuditRow>>;

    /// The check value of the key the store was written with, when recorded.
    async fn key_check_value(&self) -> StoreResult<Option<Vec<u8>>>;
    /// Records `value` as the key's check value unless one is recorded already; returns the
    /// one recorded (another instance's, if it got there first).
    async fn record_key_check_value(&self, value: &[u8]) -> StoreResult<Vec<u8>>;
    /// Whether the store holds any referral or team member (data a key was used for).
    async fn holds_data(&self) -> StoreResult<bool>;
    /// Up to `limit` referrals with `seq > after`, in `seq` order (for `check`).
    async fn referrals_after(&self, after: i64, limit: i64) -> StoreResult<Vec<ReferralRow>>;
    /// Up to `limit` stored feedback messages with `id > after`, in `id` order (for
    /// `check`; rows without a message are left out).
    async fn messages_after(&self, after: i64, limit: i64) -> StoreResult<Vec<StoredMessage>>;

    /// Closes the store's connections (SQLite checkpoints its WAL); a store without any
    /// has nothing to do.
    async fn close(&self) {}
}
