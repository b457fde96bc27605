//! `make bench-server` (issue 17): the audit log's page times at 1,000,000 entries, against
//! `GET /healthz` on the same server in the same run (so the figures compare across machines).
//!
//! The release binary runs on a fresh data folder with one team member's token (and two more
//! members) and one referral; 1,000,000 entries are then written straight into its `audit`
//! table with one bulk statement (`tests/support/audit_seed.rs`: three members, every tenth
//! entry a read of the referral, one ms apart). Each page is asked for `REQUESTS` times on a
//! kept-alive connection, one after another: the first page, the referral filter (by
//! reference), the member filter, a date range, and a page deep in the log (a cursor near the
//! oldest entry). Target (issue 17): each p99 under 500 ms.
//!
//! With `PREVENT_REFERRAL_TEST_DATABASE` set (`make bench-server` runs it inside
//! `scripts/pg-cluster.sh run`), the same on a fresh PostgreSQL database.

#[path = "../tests/support/mod.rs"]
mod support;

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use support::audit_seed::{self, Seed, Target};
use support::docs::Batch;
use support::http::{self, build_request, Conn};
use support::scratch::Scratch;
use support::server::{self as srv, Options, Server};

/// Entries seeded.
const ENTRIES: i64 = 1_000_000;
/// Requests per page measured.
const REQUESTS: usize = 20;
/// The newest seeded entry's time: 2026-11-25T12:00:00Z.
const NEWEST: i64 = 1_795_608_000_000;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(i).copied().unwrap_or_default()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// p50 and p99 of `REQUESTS` sequential `GET path` (with the token) on one connection.
fn measure(addr: SocketAddr, token: Option<&str>, path: &str) -> (Duration, Duration) {
    let auth = token.map(|t| format!("Bearer {t}"));
    let headers: Vec<(&str, &str)> = auth
        .as_deref()
        .map(|a| vec![("Authorization", a)])
        .unwrap_or_default();
    let raw = build_request("GET", path, &headers, b"", true);
    let mut conn = Conn::new(addr);
    // One warm-up request: the connection, and the pages the query reads.
    let first = conn.round_trip("GET", &raw).expect("an answer");
    assert_eq!(first.status, 200, "{path}: {}", first.text());
    let mut times: Vec<Duration> = (0..REQUESTS)
        .map(|_| {
            let t = Instant::now();
            let r = conn.round_trip("GET", &raw).expect("an answer");
            assert_eq!(r.status, 200, "{path}: {}", r.text());
            t.elapsed()
        })
        .collect();
    times.sort();
    (percentile(&times, 0.5), percentile(&times, 0.99))
}

/// Runs the pages on `server` (seeded) and prints their times and ratios to `/healthz`.
fn report(label: &str, server: &Server, token: &str, reference: &str) {
    let deep = URL_SAFE_NO_PAD.encode(format!("a1:{}:{}", NEWEST - ENTRIES + 500, i64::MAX));
    let pages = [
        ("first page", "/v1/team/audit".to_owned()),
        (
            "referral filter",
            format!("/v1/team/audit?referral={reference}"),
        ),
        ("member filter", "/v1/team/audit?actor=2".to_owned()),
        (
            "date range",
            "/v1/team/audit?from=2026-11-25T11:50:00Z&to=2026-11-25T11:52:00Z".to_owned(),
        ),
        ("deep cursor", format!("/v1/team/audit?cursor={deep}")),
        (
            "referral, deep",
            format!("/v1/team/audit?referral={reference}&cursor={deep}"),
        ),
    ];
    let (h50, h99) = measure(server.addr, None, "/healthz");
    println!("\n{label}: {ENTRIES} audit entries, {REQUESTS} requests each");
    println!(
        "  {:<16} p50 {:>7.2} ms  p99 {:>7.2} ms",
        "/healthz",
        ms(h50),
        ms(h99)
    );
    for (name, path) in pages {
        let (p50, p99) = measure(server.addr, Some(token), &path);
        println!(
            "  {name:<16} p50 {:>7.2} ms  p99 {:>7.2} ms  ({:.1}x /healthz p50){}",
            ms(p50),
            ms(p99),
            ms(p50) / ms(h50).max(0.001),
            if p99 > Duration::from_millis(500) {
                "  OVER 500 ms"
            } else {
                ""
            }
        );
    }
}

/// Starts a server on `data` (with `args`), makes three members and a referral; the first
/// member's token and the referral's reference.
fn prepare(data: &std::path::Path, options: &Options) -> (Server, String, String) {
    let server = Server::start(data, options);
    let token = srv::team_token_with(data, &server.db_args, "Bench One");
    srv::team_token_with(data, &server.db_args, "Bench Two");
    srv::team_token_with(data, &server.db_args, "Bench Three");
    let r = http::post_referral(server.addr, &Batch::new().body(0)).expect("an answer");
    assert_eq!(r.status, 201, "{}", r.text());
    let receipt = r.json();
    let id = receipt["referral_id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let reference = receipt["reference"].as_str().unwrap_or_default().to_owned();
    (server, token, format!("{id}\n{reference}"))
}

fn seed(runtime: &tokio::runtime::Runtime, target: Target<'_>, referral_id: &str) {
    let t = Instant::now();
    runtime
        .block_on(audit_seed::seed(
            target,
            &Seed {
                n: ENTRIES,
                newest: NEWEST,
                actors: 3,
                referral: Some((referral_id, 10)),
            },
        ))
        .expect("seeding");
    println!("  (seeded in {:.1} s)", t.elapsed().as_secs_f64());
}

fn main() {
    let pg_admin = support::pg::admin_url();
    // SAFETY: nothing else runs yet (no thread has been started).
    unsafe { std::env::remove_var(support::pg::ENV) };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let scratch = Scratch::new("bench-audit");

    // SQLite: seeded while the server is stopped, then started again on it.
    let data = scratch.join("data");
    let (mut server, token, referral) = prepare(&data, &Options::unlimited());
    server.terminate();
    let (id, reference) = referral.split_once('\n').unwrap_or_default();
    seed(&runtime, Target::Sqlite(&data.join("referrals.db")), id);
    let server = Server::start(&data, &Options::unlimited());
    report("SQLite", &server, &token, reference);
    drop(server);

    if let Some(admin) = &pg_admin {
        let url = support::pg::create_database(admin);
        let mut options = Options::unlimited();
        options.args.extend(["--database".to_owned(), url.clone()]);
        let (server, token, referral) = prepare(&scratch.join("data-pg"), &options);
        let (id, reference) = referral.split_once('\n').unwrap_or_default();
        seed(&runtime, Target::Postgres(&url), id);
        // Fresh statistics, as autovacuum would gather them after a bulk load.
        runtime
            .block_on(async {
                use sqlx::Connection;
                let mut c = sqlx::PgConnection::connect(&url).await?;
                sqlx::query("ANALYZE audit").execute(&mut c).await?;
                c.close().await
            })
            .expect("analyze");
        report("PostgreSQL", &server, &token, reference);
    }
}
