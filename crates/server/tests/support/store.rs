//! The server's store read and altered from outside with plain SQL, as an attacker, a
//! damaged disk or a restored backup would: the SQLite file in the data folder, or the
//! PostgreSQL database the folder was given (`PREVENT_REFERRAL_TEST_DATABASE`). Placeholders
//! are `$1`, `$2`… (both drivers bind them). Call with the server stopped or running (SQLite
//! waits for its lock).

use std::path::Path;
use std::time::Duration;

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{Connection, Row};

/// A value bound to a placeholder.
#[derive(Debug, Clone)]
pub enum Arg {
    /// `BLOB` / `BYTEA`.
    Blob(Vec<u8>),
    /// `TEXT`.
    Text(String),
    /// `INTEGER` / `BIGINT`.
    Int(i64),
}

macro_rules! bind_all {
    ($query:expr, $args:expr) => {{
        let mut q = $query;
        for arg in $args {
            q = match arg {
                Arg::Blob(b) => q.bind(b.clone()),
                Arg::Text(t) => q.bind(t.clone()),
                Arg::Int(i) => q.bind(*i),
            };
        }
        q
    }};
}

/// Runs `$body` with `$conn` bound to a connection to the store of the data folder `$data`
/// (PostgreSQL when the folder was given a database, else its SQLite file), on a runtime of
/// its own; `$body` is an async block returning `Result<_, String>`.
macro_rules! with_conn {
    ($data:expr, |$conn:ident| $body:expr) => {{
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        rt.block_on(async {
            if let Some(url) = super::server::database_url($data) {
                let mut $conn = sqlx::PgConnection::connect(&url)
                    .await
                    .map_err(|e| e.to_string())?;
                $body
            } else {
                let mut $conn = sqlite($data).await?;
                $body
            }
        })
    }};
}

/// The first column of every row `sql` returns, as bytes (`None` for NULL).
pub fn blobs(data: &Path, sql: &str, args: &[Arg]) -> Result<Vec<Option<Vec<u8>>>, String> {
    with_conn!(data, |conn| {
        let rows = bind_all!(sqlx::query(sql), args)
            .fetch_all(&mut conn)
            .await
            .map_err(|e| e.to_string())?;
        rows.iter()
            .map(|r| {
                r.try_get::<Option<Vec<u8>>, _>(0)
                    .map_err(|e| e.to_string())
            })
            .collect()
    })
}

/// Runs one statement; returns the rows it changed.
pub fn execute(data: &Path, sql: &str, args: &[Arg]) -> Result<u64, String> {
    with_conn!(data, |conn| {
        let done = bind_all!(sqlx::query(sql), args)
            .execute(&mut conn)
            .await
            .map_err(|e| e.to_string())?;
        conn.close().await.map_err(|e| e.to_string())?;
        Ok(done.rows_affected())
    })
}

async fn sqlite(data: &Path) -> Result<sqlx::SqliteConnection, String> {
    let options = SqliteConnectOptions::new()
        .filename(data.join("referrals.db"))
        .busy_timeout(Duration::from_secs(10));
    sqlx::SqliteConnection::connect_with(&options)
        .await
        .map_err(|e| e.to_string())
}
