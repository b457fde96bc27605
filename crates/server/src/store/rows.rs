//! Reading result rows into the store's row types: the same for SQLite and PostgreSQL, used
//! by the SQL both share (`sql.rs`).

use sqlx::{ColumnIndex, Decode, Row, Type};

use super::{AuditRow, FeedbackRow, MemberRow, ReferralRow, StoreResult, StoredMessage};

/// A result row of a driver whose columns decode into the store's Rust types (`i64`,
/// `String`, `bool`, `Vec<u8>` and their `Option`s), read by column name.
pub(super) trait StoreRow: Row {
    /// A row of `SELECT` [`super::REFERRAL_COLUMNS`].
    fn referral_row(&self) -> Result<ReferralRow, sqlx::Error>;
    /// A row of `SELECT` [`super::MEMBER_COLUMNS`] from `team_members`.
    fn member_row(&self) -> Result<MemberRow, sqlx::Error>;
    /// A row of `status, updated_at, message, data_key` from `feedback` and `data_keys`.
    fn feedback_row(&self) -> Result<FeedbackRow, sqlx::Error>;
    /// A row of [`AUDIT_COLUMNS`](super::AUDIT_COLUMNS) from `audit`.
    fn audit_row(&self) -> Result<AuditRow, sqlx::Error>;
    /// A row of `id, referral_id, reference` and a [`StoreRow::feedback_row`].
    fn stored_message(&self) -> Result<StoredMessage, sqlx::Error>;
}

impl<R: Row> StoreRow for R
where
    for<'a> &'a str: ColumnIndex<R>,
    for<'r> i64: Decode<'r, R::Database> + Type<R::Database>,
    for<'r> String: Decode<'r, R::Database> + Type<R::Database>,
    for<'r> bool: Decode<'r, R::Database> + Type<R::Database>,
    for<'r> Vec<u8>: Decode<'r, R::Database> + Type<R::Database>,
{
    fn referral_row(&self) -> Result<ReferralRow, sqlx::Error> {
        Ok(ReferralRow {
            seq: self.try_get("seq")?,
            referral_id: self.try_get("referral_id")?,
            reference: self.try_get("reference")?,
            received_at: self.try_get("received_at")?,
            submission_type: self.try_get("submission_type")?,
            sector: self.try_get("sector")?,
            immediate_risk: self.try_get("immediate_risk")?,
            concern_types: self.try_get("concern_types")?,
            language: self.try_get("language")?,
            status: self.try_get("status")?,
            closed_at: self.try_get("closed_at")?,
            first_feedback_at: self.try_get("first_feedback_at")?,
            document: self.try_get("document")?,
            individual_name: self.try_get("individual_name")?,
            data_key: self.try_get("data_key")?,
        })
    }

    fn member_row(&self) -> Result<MemberRow, sqlx::Error> {
        Ok(MemberRow {
            id: self.try_get("id")?,
            name: self.try_get("name")?,
            name_lookup: self.try_get("name_lookup")?,
            created_at: self.try_get("created_at")?,
            revoked_at: self.try_get("revoked_at")?,
        })
    }

    fn feedback_row(&self) -> Result<FeedbackRow, sqlx::Error> {
        Ok(FeedbackRow {
            status: self.try_get("status")?,
            updated_at: self.try_get("updated_at")?,
            message: self.try_get("message")?,
            data_key: self.try_get("data_key")?,
        })
    }

    fn stored_message(&self) -> Result<StoredMessage, sqlx::Error> {
        Ok(StoredMessage {
            id: self.try_get("id")?,
            referral_id: self.try_get("referral_id")?,
            reference: self.try_get("reference")?,
            row: self.feedback_row()?,
        })
    }

    fn audit_row(&self) -> Result<AuditRow, sqlx::Error> {
        Ok(AuditRow {
            id: self.try_get("id")?,
            at: self.try_get("at")?,
            actor: self.try_get("actor")?,
            action: self.try_get("action")?,
            referral_id: self.try_get("referral_id")?,
            reference: self.try_get("reference")?,
            outcome: self.try_get("outcome")?,
            status: self.try_get("status")?,
            count: self.try_get("count")?,
            period: self.try_get("period")?,
        })
    }
}

/// Every row read with `read` (one of [`StoreRow`]'s methods); the first failure fails all.
pub(super) fn all<R, T>(
    rows: &[R],
    read: impl Fn(&R) -> Result<T, sqlx::Error>,
) -> StoreResult<Vec<T>> {
    Ok(rows.iter().map(read).collect::<Result<_, sqlx::Error>>()?)
}

/// The row, if any, read with `read`.
pub(super) fn optional<R, T>(
    row: Option<R>,
    read: impl Fn(&R) -> Result<T, sqlx::Error>,
) -> StoreResult<Option<T>> {
    Ok(row.as_ref().map(read).transpose()?)
}
