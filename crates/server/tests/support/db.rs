//! Raw SQL on a server's store, from a black-box test: the SQLite file in its data folder, or
//! the PostgreSQL database [`super::server`] gave that folder. For what no request can do
//! (a value a newer server might have written) and for counting rows no answer shows.

use std::future::Future;
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::Connection;

/// Runs `sql` (one statement) on the store of the data folder `data`.
pub fn execute(data: &Path, sql: &str) {
    let sql = sql.to_owned();
    with_store(data, move |url| async move {
        match url {
            Store::Postgres(url) => {
                let mut conn = sqlx::PgConnection::connect(&url).await.expect("connect");
                sqlx::query(&sql).execute(&mut conn).await.expect(&sql);
            }
            Store::Sqlite(options) => {
                let mut conn = sqlx::SqliteConnection::connect_with(&options)
                    .await
                    .expect("connect");
                sqlx::query(&sql).execute(&mut conn).await.expect(&sql);
            }
        }
        0
    });
}

/// The integer `sql` (one `SELECT` of one value) gives on the store of the data folder
/// `data`.
pub fn scalar(data: &Path, sql: &str) -> i64 {
    let sql = sql.to_owned();
    with_store(data, move |url| async move {
        match url {
            Store::Postgres(url) => {
                let mut conn = sqlx::PgConnection::connect(&url).await.expect("connect");
                sqlx::query_scalar(&sql)
                    .fetch_one(&mut conn)
                    .await
                    .expect(&sql)
            }
            Store::Sqlite(options) => {
                let mut conn = sqlx::SqliteConnection::connect_with(&options)
                    .await
                    .expect("connect");
                sqlx::query_scalar(&sql)
                    .fetch_one(&mut conn)
                    .await
                    .expect(&sql)
            }
        }
    })
}

enum Store {
    Postgres(String),
    Sqlite(SqliteConnectOptions),
}

/// Runs `f` over the data folder's store on a runtime of its own (from any thread).
fn with_store<F, Fut>(data: &Path, f: F) -> i64
where
    F: FnOnce(Store) -> Fut + Send + 'static,
    Fut: Future<Output = i64>,
{
    let store = if super::server::on_postgres() {
        Store::Postgres(super::server::database_url(data).expect("a database URL"))
    } else {
        let file = data.join("referrals.db");
        Store::Sqlite(
            SqliteConnectOptions::from_str("sqlite://")
                .expect("options")
                .filename(file)
                .busy_timeout(Duration::from_secs(10)),
        )
    };
    std::thread::spawn(move || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime")
            .block_on(f(store))
    })
    .join()
    .expect("the SQL ran")
}
