//! The receiving service's intake (`POST /v1/referrals`), in process through its router
//! (crates/server `api::router`) over a scratch SQLite store: any body gets an answer the
//! API defines (201/200/400/409/413/422), never a 5xx or a panic, and a 422 lists at most
//! 1,000 errors (spec §11.14).
#![no_main]

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use axum::body::{to_bytes, Body};
use axum::http::{header, Method, Request};
use axum::Router;
use libfuzzer_sys::fuzz_target;
use prevent_referral_server::api::{router, AppState, Options};
use prevent_referral_server::crypto::Vault;
use prevent_referral_server::store::sqlite::SqliteStore;
use tower::ServiceExt;

struct Service {
    runtime: tokio::runtime::Runtime,
    router: Router,
}

fn service() -> &'static Service {
    static SERVICE: OnceLock<Service> = OnceLock::new();
    SERVICE.get_or_init(|| {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        let dir = std::env::temp_dir().join(format!("prevent-referral-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("scratch folder");
        let store = runtime
            .block_on(SqliteStore::open(&dir))
            .expect("store opens");
        let options = Options {
            www: PathBuf::from("/nonexistent"),
            pkg: PathBuf::from("/nonexistent"),
            govuk: PathBuf::from("/nonexistent"),
            rate_limit: 0,
            ..Options::default()
        };
        let clock = prevent_referral_server::clock::system();
        let state = AppState::new(Arc::new(store), Vault::new(&[7u8; 32]), clock, &options);
        let router = router(state, &options);
        Service { runtime, router }
    })
}

fuzz_target!(|body: &[u8]| {
    let s = service();
    let request = Request::builder()
        .method(Method::POST)
        .uri("/v1/referrals")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_vec()))
        .expect("request");
    let (status, bytes) = s.runtime.block_on(async {
        let response = s.router.clone().oneshot(request).await.expect("infallible");
        let status = response.status().as_u16();
        (status, to_bytes(response.into_body(), usize::MAX).await.expect("body"))
    });
    assert!(
        matches!(status, 200 | 201 | 400 | 409 | 413 | 422),
        "status {status}: {}",
        String::from_utf8_lossy(&bytes)
    );
    if status == 422 {
        let report: serde_json::Value = serde_json::from_slice(&bytes).expect("a JSON report");
        let errors = report["errors"].as_array().expect("errors");
        assert!(!errors.is_empty() && errors.len() <= 1000);
    }
});
