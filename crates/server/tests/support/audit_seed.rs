//! Audit entries written straight into a store's `audit` table with one bulk statement, for
//! the audit log's volume test and benchmark (`tests/audit.rs`, `benches/audit.rs`): the
//! log a busy team fills in months, in seconds.

use sqlx::Connection;

/// Where the entries go.
pub enum Target<'a> {
    /// An SQLite database file.
    Sqlite(&'a std::path::Path),
    /// A PostgreSQL database URL.
    Postgres(&'a str),
}

/// What to seed: entry `i` (1 to `n`) is at `newest - i` ms, by member `1 + i % actors`;
/// every `every`-th one (when `referral` is given) is a `get_referral` of it, the others are
/// `list_referrals`.
pub struct Seed<'a> {
    /// How many entries.
    pub n: i64,
    /// The time of entry 0 (entry 1 is 1 ms before it).
    pub newest: i64,
    /// How many members (ids 1 to `actors`, which must exist).
    pub actors: i64,
    /// The referral read by every `every`-th entry, and `every`.
    pub referral: Option<(&'a str, i64)>,
}

/// Writes the entries of `seed` into `target`, in one statement.
pub async fn seed(target: Target<'_>, seed: &Seed<'_>) -> Result<(), sqlx::Error> {
    let (referral, every) = seed
        .referral
        .map_or((None, 1), |(r, e)| (Some(r), e.max(1)));
    let select = "SELECT $1 - i, 1 + i % $3, \
         CASE WHEN $4 IS NOT NULL AND i % $5 = 0 THEN 'get_referral' ELSE 'list_referrals' END, \
         CASE WHEN i % $5 = 0 THEN $4 END, \
         CASE WHEN i % $5 = 0 THEN (SELECT reference FROM referrals WHERE referral_id = $4) END, \
         'done', 200";
    let columns = "INSERT INTO audit (at, actor, action, referral_id, reference, outcome, status)";
    // The same statement and values on either driver.
    macro_rules! run {
        ($conn:expr, $sql:expr) => {{
            sqlx::query(&$sql)
                .bind(seed.newest)
                .bind(seed.n)
                .bind(seed.actors)
                .bind(referral)
                .bind(every)
                .execute(&mut $conn)
                .await?;
            $conn.close().await
        }};
    }
    match target {
        Target::Postgres(url) => {
            let mut conn = sqlx::PgConnection::connect(url).await?;
            run!(
                conn,
                format!(
                    "{columns} {select} FROM generate_series(1, $2::BIGINT) AS i ORDER BY i DESC"
                )
            )
        }
        Target::Sqlite(path) => {
            let url = format!("sqlite://{}", path.display());
            let mut conn = sqlx::SqliteConnection::connect(&url).await?;
            run!(
                conn,
                format!(
                    "{columns} WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n \
                     WHERE i < $2) {select} FROM n ORDER BY i DESC"
                )
            )
        }
    }
}
