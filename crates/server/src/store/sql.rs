//! The SQL of both stores, written once: `sql_store!` expands the same queries and the same
//! [`Store`](super::Store) methods for SQLite and for PostgreSQL (vaultwarden's `db_run!`
//! idea), so each expansion is plain code over one concrete driver, with no dispatch and no
//! SQL rewritten at run time. Placeholders are `$1`, `$2`…, which both drivers bind (a
//! placeholder used twice is one parameter on both).
//!
//! What truly differs stays in each store's file: connection and pool setup, migrations,
//! transactions, SQLite's group commit, PostgreSQL's `FOR UPDATE`, and which unique key an
//! error names.

/// A unique key whose violation the store answers as data rather than as an error.
#[derive(Debug, Clone, Copy)]
pub(super) enum UniqueKey {
    /// `referrals.reference`: the reference drawn is taken; draw another.
    Reference,
    /// `team_members.name_lookup`: a member of that name exists.
    MemberName,
}

/// Expands, in a store's module, `mod shared` (with `referral_by_id` and
/// `insert_referral_in`) and `impl Store for $store`, over the driver `$db`. `$lock` ends
/// the `SELECT` that reads a referral before feedback is added (`" FOR UPDATE"` or `""`).
///
/// The module provides what differs:
/// - `$store::reads(&self) -> &sqlx::Pool<$db>`, the pool reads go through, and
///   `$store::heavy_reads(&self)`, the small pool of the heavy team requests (export,
///   indicators), so that they never hold a connection intake or status needs;
/// - `$store::write_tx(&self)`, a transaction of several statements, and
///   `$store::write_one(&self)`, the way one statement is written and committed, each a
///   value that dereferences to the driver's connection and has `commit(self)` and
///   `rollback(self)`;
/// - `$store::insert(&self, &NewReferral)`, the insert (SQLite batches them);
/// - `$store::close(&self)`;
/// - `$store::drop_deleted_bytes(&self)`, run after retention deleted something, so that
///   the deleted bytes leave the database's files;
/// - `fn unique_violation(&sqlx::Error, UniqueKey) -> bool`.
macro_rules! sql_store {
    ($store:ty, $db:ty, for_update = $lock:literal) => {
        /// The SQL written once in `store/sql.rs`, expanded for this store's driver.
        mod shared {
            use async_trait::async_trait;
            use sqlx::query::Query;
            use sqlx::{Database, Executor};

            use super::*;
            use $crate::store::rows::{all, optional, StoreRow};
            use $crate::store::sql::UniqueKey;
            use $crate::store::{
                AuditEntry, AuditQuery, AuditRow, FeedbackAdded, FeedbackRow, Inserted, ListQuery,
                MemberRow, NewFeedback, NewReferral, NewSession, ReferralRow, Store, StoreError,
                StoreResult, StoredMessage, MEMBER_COLUMNS, REFERRAL_COLUMNS, REFERRAL_COLUMNS_RETURNING,
            };

            /// The referral with this id, read through `executor` (a pool, or a transaction).
            pub(super) async fn referral_by_id<'e>(
                executor: impl Executor<'e, Database = $db>,
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

            /// Inserts `new` and its first feedback through `conn`, inside the caller's
            /// transaction: `New` is to be committed; `Existing` (a referral with this id is
            /// there) and `ReferenceTaken` wrote nothing.
            pub(super) async fn insert_referral_in(
                conn: &mut <$db as Database>::Connection,
                new: &NewReferral,
            ) -> StoreResult<Inserted> {
                // A concurrent insert of the same referral_id (another PostgreSQL instance) makes
                // this wait for its commit and then insert nothing.
                let inserted = sqlx::query(&format!(
                    "INSERT INTO referrals (referral_id, reference, received_at, submission_type, \
                     sector, immediate_risk, concern_types, language, status, document, \
                     individual_name) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'received', $9, $10) \
                     ON CONFLICT (referral_id) DO NOTHING RETURNING {REFERRAL_COLUMNS_RETURNING}"
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
                .fetch_optional(&mut *conn)
                .await;
                let mut row = match inserted {
                    Ok(Some(row)) => row.referral_row()?,
                    // PostgreSQL's READ COMMITTED: this new statement sees the other's row.
                    Ok(None) => {
                        return match referral_by_id(&mut *conn, &new.referral_id).await? {
                            Some(row) => Ok(Inserted::Existing(row)),
                            None => Err(StoreError(
                                "a conflicting referral disappeared; try again".into(),
                            )),
                        };
                    }
                    Err(e) if unique_violation(&e, UniqueKey::Reference) => {
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
                .execute(&mut *conn)
                .await?;
                sqlx::query("INSERT INTO data_keys (referral_seq, wrapped) VALUES ($1, $2)")
                    .bind(row.seq)
                    .bind(&new.data_key)
                    .execute(&mut *conn)
                    .await?;
                row.data_key = Some(new.data_key.clone());
                Ok(Inserted::New(row))
            }

            /// Writes one statement and commits it, the way `$store::write_one` does.
            async fn execute_one<'q>(
                store: &$store,
                statement: Query<'q, $db, <$db as Database>::Arguments<'q>>,
            ) -> StoreResult<()> {
                let mut w = store.write_one().await?;
                statement.execute(&mut *w).await?;
                w.commit().await?;
                Ok(())
            }

            #[async_trait]
            impl Store for $store {
                async fn insert_referral(&self, new: &NewReferral) -> StoreResult<Inserted> {
                    self.insert(new).await
                }

                async fn referral(&self, referral_id: &str) -> StoreResult<Option<ReferralRow>> {
                    referral_by_id(self.reads(), referral_id).await
                }

                async fn feedback(&self, referral_id: &str) -> StoreResult<Vec<FeedbackRow>> {
                    let rows = sqlx::query(
                        "SELECT f.status, f.updated_at, f.message, k.wrapped AS data_key \
                         FROM feedback f JOIN referrals r ON r.seq = f.referral_seq \
                         LEFT JOIN data_keys k ON k.referral_seq = f.referral_seq \
                         WHERE r.referral_id = $1 ORDER BY f.id",
                    )
                    .bind(referral_id)
                    .fetch_all(self.reads())
                    .await?;
                    all(&rows, StoreRow::feedback_row)
                }

                async fn add_feedback(
                    &self,
                    referral_id: &str,
                    feedback: &NewFeedback,
                ) -> StoreResult<FeedbackAdded> {
                    let mut tx = self.write_tx().await?;
                    let current: Option<(i64, String)> = sqlx::query_as(concat!(
                        "SELECT seq, status FROM referrals WHERE referral_id = $1",
                        $lock
                    ))
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
                         WHERE ($1 IS NULL OR status = $1) AND ($2 IS NULL OR received_at >= $2) \
                         AND ($3 IS NULL OR seq < $3) ORDER BY seq DESC LIMIT $4"
                    ))
                    .bind(&query.status)
                    .bind(query.since)
                    .bind(query.before_seq)
                    .bind(query.limit)
                    .fetch_all(self.reads())
                    .await?;
                    all(&rows, StoreRow::referral_row)
                }

                async fn export_extent(&self, since: Option<i64>) -> StoreResult<(i64, i64)> {
                    let extent: (i64, i64) = sqlx::query_as(
                        "SELECT COUNT(*), COALESCE(MAX(seq), 0) FROM referrals \
                         WHERE ($1 IS NULL OR received_at >= $1)",
                    )
                    .bind(since)
                    .fetch_one(self.heavy_reads())
                    .await?;
                    Ok(extent)
                }

                async fn export_page(
                    &self,
                    since: Option<i64>,
                    after_seq: i64,
                    through_seq: i64,
                    limit: i64,
                ) -> StoreResult<Vec<ReferralRow>> {
                    let rows = sqlx::query(&format!(
                        "SELECT {REFERRAL_COLUMNS} FROM referrals \
                         WHERE ($1 IS NULL OR received_at >= $1) AND seq > $2 AND seq <= $3 \
                         ORDER BY seq LIMIT $4"
                    ))
                    .bind(since)
                    .bind(after_seq)
                    .bind(through_seq)
                    .bind(limit)
                    .fetch_all(self.heavy_reads())
                    .await?;
                    all(&rows, StoreRow::referral_row)
                }

                async fn received_between(
                    &self,
                    from: i64,
                    to: i64,
                ) -> StoreResult<Vec<ReferralRow>> {
                    let rows = sqlx::query(
                        "SELECT seq, referral_id, reference, received_at, submission_type, sector, \
                         immediate_risk, concern_types, language, status, closed_at, \
                         first_feedback_at, CAST(NULL AS BYTEA) AS document, \
                         CAST(NULL AS BYTEA) AS individual_name, \
                         CAST(NULL AS BYTEA) AS data_key FROM referrals \
                         WHERE received_at >= $1 AND received_at < $2 ORDER BY seq",
                    )
                    .bind(from)
                    .bind(to)
                    .fetch_all(self.heavy_reads())
                    .await?;
                    all(&rows, StoreRow::referral_row)
                }

                async fn purge_closed_before(&self, cutoff: i64) -> StoreResult<u64> {
                    let mut tx = self.write_tx().await?;
                    // Crypto-shredding: without its data key nothing sealed under it opens,
                    // wherever a copy of the ciphertext survives.
                    let keys = sqlx::query(
                        "DELETE FROM data_keys WHERE referral_seq IN (SELECT seq FROM referrals \
                         WHERE closed_at IS NOT NULL AND closed_at < $1)",
                    )
                    .bind(cutoff)
                    .execute(&mut *tx)
                    .await?;
                    sqlx::query(
                        "UPDATE feedback SET message = NULL WHERE message IS NOT NULL \
                         AND referral_seq IN (SELECT seq FROM referrals \
                         WHERE closed_at IS NOT NULL AND closed_at < $1)",
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
                    if keys.rows_affected() > 0 || done.rows_affected() > 0 {
                        self.drop_deleted_bytes().await?;
                    }
                    Ok(done.rows_affected())
                }

                async fn key_check_value(&self) -> StoreResult<Option<Vec<u8>>> {
                    Ok(
                        sqlx::query_scalar("SELECT check_value FROM store_key WHERE id = 1")
                            .fetch_optional(self.reads())
                            .await?,
                    )
                }

                async fn record_key_check_value(&self, value: &[u8]) -> StoreResult<Vec<u8>> {
                    let insert = sqlx::query(
                        "INSERT INTO store_key (id, check_value) VALUES (1, $1) \
                         ON CONFLICT (id) DO NOTHING",
                    );
                    execute_one(self, insert.bind(value)).await?;
                    self.key_check_value()
                        .await?
                        .ok_or_else(|| StoreError("the key's check value was not recorded".into()))
                }

                async fn holds_data(&self) -> StoreResult<bool> {
                    let n: i64 = sqlx::query_scalar(
                        "SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM referrals LIMIT 1) r) \
                         + (SELECT COUNT(*) FROM (SELECT 1 FROM team_members LIMIT 1) m)",
                    )
                    .fetch_one(self.reads())
                    .await?;
                    Ok(n > 0)
                }

                async fn referrals_after(
                    &self,
                    after: i64,
                    limit: i64,
                ) -> StoreResult<Vec<ReferralRow>> {
                    let rows = sqlx::query(&format!(
                        "SELECT {REFERRAL_COLUMNS} FROM referrals WHERE seq > $1 \
                         ORDER BY seq LIMIT $2"
                    ))
                    .bind(after)
                    .bind(limit)
                    .fetch_all(self.reads())
                    .await?;
                    all(&rows, StoreRow::referral_row)
                }

                async fn messages_after(
                    &self,
                    after: i64,
                    limit: i64,
                ) -> StoreResult<Vec<StoredMessage>> {
                    let rows = sqlx::query(
                        "SELECT f.id, r.referral_id, r.reference, f.status, f.updated_at, \
                         f.message, k.wrapped AS data_key FROM feedback f \
                         JOIN referrals r ON r.seq = f.referral_seq \
                         LEFT JOIN data_keys k ON k.referral_seq = f.referral_seq \
                         WHERE f.id > $1 AND f.message IS NOT NULL ORDER BY f.id LIMIT $2",
                    )
                    .bind(after)
                    .bind(limit)
                    .fetch_all(self.reads())
                    .await?;
                    all(&rows, StoreRow::stored_message)
                }

                async fn health_check(&self, now: i64) -> StoreResult<()> {
                    let upsert = sqlx::query(
                        "INSERT INTO health (id, checked_at) VALUES (1, $1) \
                         ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at",
                    );
                    execute_one(self, upsert.bind(now)).await
                }

                async fn add_member(
                    &self,
                    name: &[u8],
                    name_lookup: &[u8],
                    token_hash: &[u8],
                    now: i64,
                ) -> StoreResult<bool> {
                    let mut w = self.write_one().await?;
                    let result = sqlx::query(
                        "INSERT INTO team_members (name, name_lookup, token_hash, created_at) \
                         VALUES ($1, $2, $3, $4)",
                    )
                    .bind(name)
                    .bind(name_lookup)
                    .bind(token_hash)
                    .bind(now)
                    .execute(&mut *w)
                    .await;
                    match result {
                        Ok(_) => {
                            w.commit().await?;
                            Ok(true)
                        }
                        Err(e) if unique_violation(&e, UniqueKey::MemberName) => {
                            w.rollback().await?;
                            Ok(false)
                        }
                        Err(e) => Err(e.into()),
                    }
                }

                async fn revoke_member(&self, name_lookup: &[u8], now: i64) -> StoreResult<bool> {
                    let mut tx = self.write_tx().await?;
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
                    .fetch_all(self.reads())
                    .await?;
                    all(&rows, StoreRow::member_row)
                }

                async fn member_by_token(
                    &self,
                    token_hash: &[u8],
                ) -> StoreResult<Option<MemberRow>> {
                    let row = sqlx::query(&format!(
                        "SELECT {MEMBER_COLUMNS} FROM team_members \
                         WHERE token_hash = $1 AND revoked_at IS NULL"
                    ))
                    .bind(token_hash)
                    .fetch_optional(self.reads())
                    .await?;
                    optional(row, StoreRow::member_row)
                }

                async fn add_session(&self, session: &NewSession<'_>) -> StoreResult<()> {
                    let mut tx = self.write_tx().await?;
                    // Sign-ins of one member one at a time (PostgreSQL; SQLite writes are).
                    sqlx::query(concat!("SELECT id FROM team_members WHERE id = $1", $lock))
                        .bind(session.member)
                        .fetch_optional(&mut *tx)
                        .await?;
                    sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
                        .bind(session.now)
                        .execute(&mut *tx)
                        .await?;
                    // The member's newest, less one for the new session, are kept.
                    let keep = i64::try_from(session.max_per_member.saturating_sub(1))
                        .unwrap_or(i64::MAX);
                    sqlx::query(
                        "DELETE FROM sessions WHERE member_id = $1 AND hash NOT IN \
                         (SELECT hash FROM sessions WHERE member_id = $1 \
                          ORDER BY expires_at DESC, hash DESC LIMIT $2)",
                    )
                    .bind(session.member)
                    .bind(keep)
                    .execute(&mut *tx)
                    .await?;
                    sqlx::query(
                        "INSERT INTO sessions (hash, member_id, expires_at) VALUES ($1, $2, $3)",
                    )
                    .bind(session.hash)
                    .bind(session.member)
                    .bind(session.expires_at)
                    .execute(&mut *tx)
                    .await?;
                    tx.commit().await?;
                    Ok(())
                }

                async fn member_by_session(
                    &self,
                    hash: &[u8],
                    now: i64,
                ) -> StoreResult<Option<MemberRow>> {
                    let row = sqlx::query(
                        "SELECT m.id, m.name, m.name_lookup, m.created_at, m.revoked_at \
                         FROM sessions s JOIN team_members m ON m.id = s.member_id \
                         WHERE s.hash = $1 AND s.expires_at > $2 AND m.revoked_at IS NULL",
                    )
                    .bind(hash)
                    .bind(now)
                    .fetch_optional(self.reads())
                    .await?;
                    optional(row, StoreRow::member_row)
                }

                async fn delete_session(&self, hash: &[u8]) -> StoreResult<()> {
                    let delete = sqlx::query("DELETE FROM sessions WHERE hash = $1");
                    execute_one(self, delete.bind(hash)).await
                }

                async fn audit(&self, entry: &AuditEntry) -> StoreResult<()> {
                    let insert = sqlx::query(
                        "INSERT INTO audit (at, actor, action, referral_id, reference, outcome, \
                         status, count, period) VALUES ($1, $2, $3, $4, \
                         (SELECT reference FROM referrals WHERE referral_id = $4), \
                         $5, $6, $7, $8)",
                    );
                    let entry = insert
                        .bind(entry.at)
                        .bind(entry.actor)
                        .bind(&entry.action)
                        .bind(&entry.referral_id)
                        .bind(&entry.outcome)
                        .bind(entry.status)
                        .bind(entry.count)
                        .bind(&entry.period);
                    execute_one(self, entry).await
                }

                async fn audit_page(&self, query: &AuditQuery) -> StoreResult<Vec<AuditRow>> {
                    // Only the filters given become conditions, so that each query names its
                    // index (`audit_at`, `audit_referral`, `audit_actor`, `audit_action`)
                    // plainly to both planners, with no `$n IS NULL OR` to see through.
                    let (sql, values) = $crate::store::sql::audit_page_sql(query);
                    let mut select = sqlx::query(&sql);
                    for value in values {
                        select = match value {
                            $crate::store::sql::Value::Int(v) => select.bind(v),
                            $crate::store::sql::Value::Text(v) => select.bind(v),
                        };
                    }
                    let rows = select.fetch_all(self.reads()).await?;
                    all(&rows, StoreRow::audit_row)
                }

                async fn close(&self) {
                    <$store>::close(self).await
                }
            }
        }
    };
}

pub(super) use sql_store;

/// A value bound to a query built at run time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Value {
    /// An integer.
    Int(i64),
    /// A text.
    Text(String),
}

/// The query of one page of the audit log, with a condition for each filter given and its
/// values in placeholder order: newest first by `(at, id)`, which every audit index ends with.
pub(super) fn audit_page_sql(query: &super::AuditQuery) -> (String, Vec<Value>) {
    let mut conditions: Vec<String> = Vec::new();
    let mut values: Vec<Value> = Vec::new();
    // Binds `value` next; its placeholder's number.
    fn next(value: Value, values: &mut Vec<Value>) -> usize {
        values.push(value);
        values.len()
    }
    if let Some(id) = &query.referral_id {
        let n = next(Value::Text(id.clone()), &mut values);
        conditions.push(format!("referral_id = ${n}"));
    }
    if let Some(reference) = &query.reference {
        let n = next(Value::Text(reference.clone()), &mut values);
        conditions.push(format!(
            "referral_id = (SELECT referral_id FROM referrals WHERE reference = ${n})"
        ));
    }
    if let Some(actor) = query.actor {
        let n = next(Value::Int(actor), &mut values);
        conditions.push(format!("actor = ${n}"));
    }
    if let Some(action) = &query.action {
        let n = next(Value::Text(action.clone()), &mut values);
        conditions.push(format!("action = ${n}"));
    }
    if let Some(from) = query.from {
        let n = next(Value::Int(from), &mut values);
        conditions.push(format!("at >= ${n}"));
    }
    if let Some(to) = query.to {
        let n = next(Value::Int(to), &mut values);
        conditions.push(format!("at < ${n}"));
    }
    if let Some((at, id)) = query.before {
        let a = next(Value::Int(at), &mut values);
        let i = next(Value::Int(id), &mut values);
        conditions.push(format!("(at, id) < (${a}, ${i})"));
    }
    let n = next(Value::Int(query.limit), &mut values);
    let filter = if conditions.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", conditions.join(" AND "))
    };
    (
        format!(
            "SELECT {} FROM audit{filter} ORDER BY at DESC, id DESC LIMIT ${n}",
            super::AUDIT_COLUMNS
        ),
        values,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::AuditQuery;

    #[test]
    fn the_audit_page_names_only_the_filters_given_in_placeholder_order() {
        let (sql, values) = audit_page_sql(&AuditQuery {
            limit: 10,
            ..AuditQuery::default()
        });
        assert!(
            sql.ends_with("FROM audit ORDER BY at DESC, id DESC LIMIT $1"),
            "{sql}"
        );
        assert_eq!(values, [Value::Int(10)]);
        let (sql, values) = audit_page_sql(&AuditQuery {
            actor: Some(3),
            before: Some((99, 7)),
            limit: 5,
            ..AuditQuery::default()
        });
        assert!(
            sql.ends_with(
                "WHERE actor = $1 AND (at, id) < ($2, $3) \
                 ORDER BY at DESC, id DESC LIMIT $4"
            ),
            "{sql}"
        );
        assert_eq!(
            values,
            [Value::Int(3), Value::Int(99), Value::Int(7), Value::Int(5)]
        );
    }
}
