//! PostgreSQL only (issue 11): migrations when several instances start at once, a schema
//! newer than the server, and the least-privilege roles of `docs/deployment.md` (run from
//! that file) under which the whole service works but cannot drop or rewrite anything.
//! Each test prints why it did nothing on the SQLite pass.

mod common;

use std::sync::Arc;

use common::*;
use prevent_referral_server::api::Options;
use prevent_referral_server::data::{self, Database};
use prevent_referral_server::store::postgres::{latest_version, migration_count, PostgresStore};
use serde_json::json;
use sqlx::Connection;

fn fresh_url() -> Option<String> {
    let url = pg::fresh_url();
    if url.is_none() {
        eprintln!("PostgreSQL pass only ({})", pg::ENV);
    }
    url
}

async fn execute(url: &str, sql: &str) -> Result<(), sqlx::Error> {
    let mut conn = sqlx::PgConnection::connect(url).await?;
    let done = sqlx::raw_sql(sql).execute(&mut conn).await.map(|_| ());
    let _ = conn.close().await;
    done
}

/// Runs each statement of `script` on its own, as `psql` would (`CREATE DATABASE` cannot
/// run inside the transaction a multi-statement query is).
async fn execute_script(url: &str, script: &str) -> Result<(), sqlx::Error> {
    for statement in script.split(';').map(str::trim).filter(|s| !s.is_empty()) {
        execute(url, statement).await?;
    }
    Ok(())
}

async fn count(url: &str, sql: &str) -> i64 {
    let mut conn = sqlx::PgConnection::connect(url).await.unwrap();
    let n: i64 = sqlx::query_scalar(sql).fetch_one(&mut conn).await.unwrap();
    let _ = conn.close().await;
    n
}

#[test]
fn instances_starting_at_once_apply_each_migration_once() {
    let Some(url) = fresh_url() else { return };
    // Six "instances", each on its own thread and runtime, released together.
    let gate = Arc::new(std::sync::Barrier::new(6));
    let starts: Vec<_> = (0..6)
        .map(|_| {
            let (url, gate) = (url.clone(), gate.clone());
            std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .unwrap();
                gate.wait();
                rt.block_on(async {
                    let store = PostgresStore::open(&url).await?;
                    let version = store.schema_version().await;
                    store.close().await;
                    version
                })
            })
        })
        .collect();
    for start in starts {
        let version = start.join().unwrap().expect("every instance starts");
        assert_eq!(version, latest_version());
    }
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        assert_eq!(
            count(&url, "SELECT COUNT(*) FROM schema_migrations").await,
            migration_count()
        );
        // Starting again changes nothing.
        PostgresStore::open(&url).await.unwrap().close().await;
        assert_eq!(
            count(&url, "SELECT COUNT(*) FROM schema_migrations").await,
            migration_count()
        );
    });
}

#[tokio::test]
async fn a_schema_newer_than_the_server_is_refused_not_used() {
    let Some(url) = fresh_url() else { return };
    PostgresStore::open(&url).await.unwrap().close().await;
    execute(
        &url,
        "INSERT INTO schema_migrations (version) VALUES (9999)",
    )
    .await
    .unwrap();
    let err = PostgresStore::open(&url).await.err().expect("refused");
    assert!(err.0.contains("newer than this server"), "{err}");
}

/// The fenced `sql` block after `<!-- postgres-roles: NAME -->` in docs/deployment.md, with
/// the role and database names made unique to this test.
fn roles_sql(name: &str, suffix: &str) -> String {
    let doc = std::fs::read_to_string(repo().join("docs/deployment.md")).unwrap();
    let marker = format!("<!-- postgres-roles: {name} -->");
    let after = &doc[doc.find(&marker).expect("marker in deployment.md") + marker.len()..];
    let start = after.find("```sql\n").expect("an sql block") + 7;
    let block = &after[start..];
    let block = &block[..block.find("```").expect("end of the block")];
    block
        .replace("prevent_owner", &format!("prevent_owner_{suffix}"))
        .replace("prevent_server", &format!("prevent_server_{suffix}"))
        .replace("prevent_referral", &format!("prevent_referral_{suffix}"))
}

#[tokio::test]
async fn the_documented_roles_run_the_whole_service_and_the_servers_role_cannot_drop_tables() {
    let Some(admin) = pg::admin_url() else {
        eprintln!("PostgreSQL pass only ({})", pg::ENV);
        return;
    };
    let suffix = format!(
        "{}_{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos()
    );
    let db = format!("prevent_referral_{suffix}");
    let as_role = |role: &str| {
        pg::with_database(
            &admin.replacen("postgres@", &format!("{role}_{suffix}@"), 1),
            &db,
        )
    };
    let (owner, server) = (as_role("prevent_owner"), as_role("prevent_server"));
    assert_ne!(owner, admin, "the admin URL names the user postgres@");
    execute_script(&admin, &roles_sql("admin", &suffix))
        .await
        .unwrap();

    // Before the owner migrates, the server's role cannot create the schema: it refuses to
    // start rather than run without one.
    let refused = PostgresStore::open(&server).await.err().expect("refused");
    assert!(refused.0.contains("permission denied"), "{refused}");

    let (before, after) = PostgresStore::migrate(&owner).await.unwrap();
    assert_eq!((before, after), (0, latest_version()));
    execute_script(&owner, &roles_sql("owner", &suffix))
        .await
        .unwrap();

    // The whole service as the server's role: intake, team token, list, feedback, export,
    // status, retention, audit, revocation.
    let dir = tempfile::tempdir().unwrap();
    let database = Database::Postgres(server.clone());
    let (store, vault) = data::open(&dir.path().join("data"), &database)
        .await
        .unwrap();
    let s = Server::over(
        dir,
        database,
        Arc::from(store),
        vault,
        Options {
            rate_limit: 0,
            ..Options::default()
        },
        None,
    );
    let receipt = s.submit(&referral(&id(1))).await;
    assert_eq!(receipt.status, 201, "{}", receipt.text());
    let token = s.team_token("Least Privilege").await;
    assert_eq!(s.team_get(&token, "/v1/team/referrals").await.status, 200);
    let fb = s
        .team_feedback(
            &token,
            &id(1),
            &json!({"status": "closed", "message": "Done."}),
        )
        .await;
    assert_eq!(fb.status, 201, "{}", fb.text());
    assert_eq!(
        s.team_get(&token, "/v1/team/export?format=csv")
            .await
            .status,
        200
    );
    assert_eq!(s.team_get(&token, "/v1/team/audit").await.status, 200);
    assert_eq!(s.get("/healthz", &[]).await.status, 200);
    s.advance(40 * DAY);
    let purged = prevent_referral_server::retention::run_once(s.store.as_ref(), s.clock_now(), 30)
        .await
        .unwrap();
    assert_eq!(purged, 1);
    let (again, vault) = s.reopen().await;
    prevent_referral_server::admin::revoke(&*again, &vault, "Least Privilege")
        .await
        .unwrap();
    again.close().await;
    assert_eq!(s.team_get(&token, "/v1/team/referrals").await.status, 401);

    // …and nothing more.
    for sql in [
        "DROP TABLE referrals",
        "DROP TABLE audit",
        "ALTER TABLE referrals ADD COLUMN x INT",
        "TRUNCATE referrals",
        "CREATE TABLE extra (x INT)",
        "DELETE FROM referrals",
        "DELETE FROM audit",
        "UPDATE audit SET action = 'nothing'",
        "DROP DATABASE postgres",
    ] {
        let err = execute(&server, sql).await.err();
        let message = err.map(|e| e.to_string()).unwrap_or_default();
        assert!(
            message.contains("permission denied") || message.contains("must be owner"),
            "the server's role could: {sql} ({message:?})"
        );
    }
    assert_eq!(count(&owner, "SELECT COUNT(*) FROM referrals").await, 1);
    assert!(s.store.referral(&id(1)).await.unwrap().is_some());
}
