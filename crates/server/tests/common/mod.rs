//! The server in-process over a fresh data folder, with a clock the test moves. With
//! `PREVENT_REFERRAL_TEST_DATABASE` set (see `support/pg.rs`), each server's store is a fresh
//! PostgreSQL database instead of SQLite in the data folder.
#![allow(dead_code)]

#[path = "../support/pg.rs"]
pub mod pg;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use prevent_referral_server::api::{self, AppState, Options};
use prevent_referral_server::clock::Clock;
use prevent_referral_server::crypto::Vault;
use prevent_referral_server::data::{self, Database};
use prevent_referral_server::store::Store;
use serde_json::Value;
use tower::ServiceExt;

/// 2026-11-25T12:00:00Z
pub const T0: i64 = 1_795_608_000_000;
pub const HOUR: i64 = 3_600_000;
pub const DAY: i64 = 24 * HOUR;

pub struct Server {
    pub app: Router,
    pub store: Arc<dyn Store>,
    pub database: Database,
    pub vault: Arc<Vault>,
    pub dir: tempfile::TempDir,
    pub now: Arc<AtomicI64>,
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
    pub fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("UTF-8")
    }
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
    }
    pub fn error_code(&self) -> String {
        self.json()["error"]["code"]
            .as_str()
            .unwrap_or("")
            .to_owned()
    }
}

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A valid example document from schemas/examples/valid.
pub fn example(name: &str) -> Value {
    let path = repo().join("schemas/examples/valid").join(name);
    serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap()
}

/// The full example with another referral_id.
pub fn referral(id: &str) -> Value {
    let mut doc = example("full-referral.json");
    doc["referral_id"] = Value::String(id.to_owned());
    doc
}

/// The n-th test referral id.
pub fn id(n: u32) -> String {
    format!("00000000-0000-4000-8000-{n:012}")
}

impl Server {
    pub async fn start() -> Server {
        Server::start_with(Options {
            rate_limit: 0,
            sign_in_failures: 0,
            ..Options::default()
        })
        .await
    }

    pub async fn start_with(options: Options) -> Server {
        let dir = tempfile::tempdir().unwrap();
        let database = fresh_database();
        let (store, vault) = data::open(&dir.path().join("data"), &database)
            .await
            .unwrap();
        Server::over(dir, database, Arc::from(store), vault, options, None)
    }

    pub fn over(
        dir: tempfile::TempDir,
        database: Database,
        store: Arc<dyn Store>,
        vault: Vault,
        options: Options,
        shared: Option<Arc<dyn Store>>,
    ) -> Server {
        let now = Arc::new(AtomicI64::new(T0));
        let t = now.clone();
        let clock: Clock = Arc::new(move || t.load(Ordering::SeqCst));
        let vault = Arc::new(vault);
        let shared = shared.unwrap_or_else(|| store.clone());
        let state = AppState::new(shared, clone_vault(&dir), clock, &options);
        Server {
            app: api::router(state, &options),
            store,
            database,
            vault,
            dir,
            now,
        }
    }

    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub fn advance(&self, ms: i64) {
        self.now.fetch_add(ms, Ordering::SeqCst);
    }

    pub fn clock_now(&self) -> i64 {
        self.now.load(Ordering::SeqCst)
    }

    pub async fn send(&self, request: Request<Body>) -> Reply {
        let response = self.app.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let body = response
            .into_body()
            .collect()
            .await
            .unwrap()
            .to_bytes()
            .to_vec();
        Reply {
            status,
            headers,
            body,
        }
    }

    pub async fn post_raw(
        &self,
        path: &str,
        body: impl Into<Body>,
        headers: &[(&str, &str)],
    ) -> Reply {
        let mut builder = Request::builder().method("POST").uri(path);
        for (k, v) in headers {
            builder = builder.header(*k, *v);
        }
        self.send(builder.body(body.into()).unwrap()).await
    }

    pub async fn post_json(&self, path: &str, body: &Value, headers: &[(&str, &str)]) -> Reply {
        let mut all = vec![("content-type", "application/json")];
        all.extend_from_slice(headers);
        self.post_raw(path, serde_json::to_vec(body).unwrap(), &all)
            .await
    }

    pub async fn submit(&self, doc: &Value) -> Reply {
        self.post_json("/v1/referrals", doc, &[]).await
    }

    /// Submits `doc` (it must be accepted) and gives its `referral_id`.
    pub async fn submit_id(&self, doc: &Value) -> String {
        let receipt = self.submit(doc).await.json();
        receipt["referral_id"].as_str().unwrap().to_owned()
    }

    pub async fn get(&self, path: &str, headers: &[(&str, &str)]) -> Reply {
        let mut builder = Request::builder().method("GET").uri(path);
        for (k, v) in headers {
            builder = builder.header(*k, *v);
        }
        self.send(builder.body(Body::empty()).unwrap()).await
    }

    /// A new team member's token.
    pub async fn team_token(&self, name: &str) -> String {
        let (store, vault) = self.reopen().await;
        let token = prevent_referral_server::admin::create(&*store, &vault, name)
            .await
            .unwrap();
        store.close().await;
        token
    }

    pub async fn reopen(&self) -> (Box<dyn Store>, Vault) {
        data::open(&self.data_dir(), &self.database).await.unwrap()
    }

    /// The integer `sql` (one `SELECT` of one value) gives on this server's store.
    pub async fn scalar(&self, sql: &str) -> i64 {
        use sqlx::Connection;
        match &self.database {
            Database::Postgres(url) => {
                let mut conn = sqlx::PgConnection::connect(url).await.unwrap();
                sqlx::query_scalar(sql).fetch_one(&mut conn).await.unwrap()
            }
            _ => {
                let file = self.data_dir().join("referrals.db");
                let options = sqlx::sqlite::SqliteConnectOptions::new().filename(file);
                let mut conn = sqlx::SqliteConnection::connect_with(&options)
                    .await
                    .unwrap();
                sqlx::query_scalar(sql).fetch_one(&mut conn).await.unwrap()
            }
        }
    }

    pub async fn team_get(&self, token: &str, path: &str) -> Reply {
        let auth = format!("Bearer {token}");
        self.get(path, &[("authorization", &auth)]).await
    }

    /// A team request with the bearer `token`, and a JSON `body` unless it is empty.
    pub async fn team_send(&self, token: &str, method: &str, path: &str, body: &str) -> Reply {
        let mut builder = Request::builder()
            .method(method)
            .uri(path)
            .header("authorization", format!("Bearer {token}"));
        if !body.is_empty() {
            builder = builder.header("content-type", "application/json");
        }
        self.send(builder.body(Body::from(body.to_owned())).unwrap())
            .await
    }

    pub async fn team_feedback(&self, token: &str, id: &str, body: &Value) -> Reply {
        let auth = format!("Bearer {token}");
        self.post_json(
            &format!("/v1/team/referrals/{id}/feedback"),
            body,
            &[("authorization", &auth)],
        )
        .await
    }
}

/// The store for a new test: SQLite in the data folder, or a fresh PostgreSQL database.
pub fn fresh_database() -> Database {
    match pg::fresh_url() {
        Some(url) => Database::Postgres(url),
        None => Database::Default,
    }
}

/// The vault of the data folder in `dir` (re-derived from its key file).
fn clone_vault(dir: &tempfile::TempDir) -> Vault {
    let key = prevent_referral_server::crypto::load_or_create_key(
        &dir.path().join("data").join(data::KEY_FILE),
    )
    .unwrap();
    Vault::new(&key)
}

/// A request body that never yields a byte (to prove it is not read).
pub struct Never;

impl hyper::body::Body for Never {
    type Data = axum::body::Bytes;
    type Error = std::io::Error;
    fn poll_frame(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<hyper::body::Frame<Self::Data>, Self::Error>>> {
        std::task::Poll::Pending
    }
}

/// A request body sent in chunks, with no length known in advance.
pub struct Chunks(pub std::collections::VecDeque<axum::body::Bytes>);

impl hyper::body::Body for Chunks {
    type Data = axum::body::Bytes;
    type Error = std::io::Error;
    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<hyper::body::Frame<Self::Data>, Self::Error>>> {
        std::task::Poll::Ready(self.0.pop_front().map(|b| Ok(hyper::body::Frame::data(b))))
    }
}
