//! The server suite on PostgreSQL: when `PREVENT_REFERRAL_TEST_DATABASE` holds an admin URL
//! (`postgres://postgres@127.0.0.1:PORT/postgres`, a throwaway cluster started by
//! `scripts/pg-cluster.sh`, as `make test` does), every test gets a fresh database of its
//! own on that cluster; without it, the tests use SQLite in their data folders.
#![allow(dead_code)]

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use sqlx::Connection;

/// The environment variable naming the cluster.
pub const ENV: &str = "PREVENT_REFERRAL_TEST_DATABASE";

/// The admin URL, when the suite runs on PostgreSQL.
pub fn admin_url() -> Option<String> {
    std::env::var(ENV).ok().filter(|u| !u.trim().is_empty())
}

/// `url` with its database name replaced by `db`.
pub fn with_database(url: &str, db: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let after_scheme = base.find("://").map_or(0, |i| i + 3);
    let base = match base[after_scheme..].find('/') {
        Some(i) => &base[..after_scheme + i],
        None => base,
    };
    match query {
        Some(q) => format!("{base}/{db}?{q}"),
        None => format!("{base}/{db}"),
    }
}

/// Creates a new, empty database on the cluster and returns its URL (from any thread,
/// inside a runtime or not).
pub fn create_database(admin: &str) -> String {
    static N: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let name = format!(
        "t_{}_{}_{nanos}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    );
    let url = with_database(admin, &name);
    let admin = admin.to_owned();
    let db = name.clone();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        rt.block_on(async move {
            let mut conn = sqlx::PgConnection::connect(&admin)
                .await
                .unwrap_or_else(|e| panic!("{ENV}={admin}: cannot connect: {e}"));
            sqlx::raw_sql(&format!("CREATE DATABASE {db}"))
                .execute(&mut conn)
                .await
                .unwrap_or_else(|e| panic!("CREATE DATABASE {db}: {e}"));
            let _ = conn.close().await;
        })
    })
    .join()
    .expect("creating the test database");
    url
}

/// A fresh database's URL when the suite runs on PostgreSQL.
pub fn fresh_url() -> Option<String> {
    admin_url().map(|admin| create_database(&admin))
}

/// Every value stored in the database at `url`, as text (`bytea` as `\x` hex), one row a
/// line: for looking for plain text where only ciphertext belongs.
pub async fn dump(url: &str) -> String {
    let mut conn = sqlx::PgConnection::connect(url).await.expect("connect");
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT table_name::TEXT FROM information_schema.tables WHERE table_schema = 'public'",
    )
    .fetch_all(&mut conn)
    .await
    .expect("tables");
    let mut out = String::new();
    for table in tables {
        let rows: Vec<String> =
            sqlx::query_scalar(&format!("SELECT row_to_json(t)::TEXT FROM {table} t"))
                .fetch_all(&mut conn)
                .await
                .expect("rows");
        for row in rows {
            out.push_str(&row);
            out.push('\n');
        }
    }
    out
}
