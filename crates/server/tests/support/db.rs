//! Raw SQL on a server's store, from a black-box test: the SQLite file in its data folder, or
//! the PostgreSQL database [`super::server`] gave that folder. For what no request can do
//! (a value a newer server might have written) and for counting rows no answer shows.

use std::path::{Path, PathBuf};
use std::time::Duration;

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::Connection;

/// Runs `sql` (one statement) on the store of the data folder `data`.
pub fn execute(data: &Path, sql: &str) {
    run(data, sql, Want::Nothing);
}

/// The integer `sql` (one `SELECT` of one value) gives on the store of the data folder
/// `data`.
pub fn scalar(data: &Path, sql: &str) -> i64 {
    run(data, sql, Want::Scalar)
}

#[derive(Clone, Copy)]
enum Want {
    Nothing,
    Scalar,
}

enum Store {
    Postgres(String),
    Sqlite(PathBuf),
}

/// Runs `$sql` on the connection `$conn` for `$want` (the same for both drivers).
macro_rules! on {
    ($conn:expr, $sql:expr, $want:expr) => {{
        let mut conn = $conn.await.expect("connect");
        match $want {
            Want::Nothing => {
                sqlx::query($sql).execute(&mut conn).await.expect($sql);
                0
            }
            Want::Scalar => sqlx::query_scalar($sql)
                .fetch_one(&mut conn)
                .await
                .expect($sql),
        }
    }};
}

/// Runs `sql` on the data folder's store, on a runtime of its own (from any thread).
fn run(data: &Path, sql: &str, want: Want) -> i64 {
    let store = if super::server::on_postgres() {
        Store::Postgres(super::server::database_url(data).expect("a database URL"))
    } else {
        Store::Sqlite(data.join("referrals.db"))
    };
    let sql = sql.to_owned();
    std::thread::spawn(move || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime")
            .block_on(async move {
                match store {
                    Store::Postgres(url) => on!(sqlx::PgConnection::connect(&url), &sql, want),
                    Store::Sqlite(file) => {
                        let options = SqliteConnectOptions::new()
                            .filename(file)
                            .busy_timeout(Duration::from_secs(10));
                        on!(sqlx::SqliteConnection::connect_with(&options), &sql, want)
                    }
                }
            })
    })
    .join()
    .expect("the SQL ran")
}
