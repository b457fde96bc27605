//! `make bench-server`: how many referrals the receiving service accepts per second, with
//! p50/p99 latency, against anchors measured in the same run (so the figures compare across
//! machines):
//!
//! - **HTTP overhead**: the same server, same clients, answering `GET /healthz` (which, by
//!   spec §5, is a write check on the store: a durable write per request) and
//!   a small static page (`GET /`: HTTP alone, no store);
//! - **validation cost**: the CLI (`target/release/prevent-referral validate`) on the same
//!   documents, and the library's parse + validate + normalise in process.
//!
//! Each round starts the release binary on a fresh data folder and sends 200 fresh distinct
//! referrals (made from `schemas/examples/valid/full-referral.json` with their own
//! `referral_id` and names) from 32 concurrent keep-alive clients, `--rate-limit 0`.
//! Targets (issue 8): at least 1,000 referrals/s and p99 at most 50 ms.
//!
//! With `PREVENT_REFERRAL_TEST_DATABASE` set (`make bench-server` runs it inside
//! `scripts/pg-cluster.sh run`, a throwaway PostgreSQL cluster on the same disk), each round
//! also measures intake and `/healthz` on a fresh PostgreSQL database, and the summary
//! prints SQLite and PostgreSQL side by side (issue 11).

#[path = "../tests/support/mod.rs"]
mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use support::docs::Batch;
use support::http::{build_request, Conn};
use support::scratch::Scratch;
use support::server::{Options, Server};

const DOCUMENTS: usize = 200;
const CLIENTS: usize = 32;
const ROUNDS: usize = 7;
/// `/healthz` and `GET /` requests per round for the HTTP-overhead anchors.
const HEALTH_REQUESTS: usize = 1_000;

/// Requests per second and every request's latency.
struct Run {
    per_second: f64,
    latencies: Vec<Duration>,
}

/// Sends every request of `requests` (method, bytes) from `CLIENTS` keep-alive clients, each
/// taking the next unsent one; every answer must have status `expect`.
fn drive(
    addr: std::net::SocketAddr,
    requests: Arc<Vec<Vec<u8>>>,
    method: &str,
    expect: u16,
) -> Run {
    let next = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let threads: Vec<_> = (0..CLIENTS)
        .map(|_| {
            let (requests, next, method) = (requests.clone(), next.clone(), method.to_owned());
            std::thread::spawn(move || {
                let mut conn = Conn::new(addr);
                let mut latencies = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(raw) = requests.get(i) else { break };
                    let t = Instant::now();
                    let r = conn
                        .round_trip(&method, raw)
                        .unwrap_or_else(|e| panic!("request {i}: {e}"));
                    latencies.push(t.elapsed());
                    assert_eq!(r.status, expect, "request {i}: {}", r.text());
                }
                latencies
            })
        })
        .collect();
    let mut latencies = Vec::new();
    for t in threads {
        latencies.extend(t.join().expect("client"));
    }
    Run {
        per_second: requests.len() as f64 / start.elapsed().as_secs_f64(),
        latencies,
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs.get(xs.len() / 2).copied().unwrap_or(0.0)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// The CLI built by `make bench-server` (`cargo build --release -p prevent-referral-cli`).
fn cli_path() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    let cli = target.join("release/prevent-referral");
    assert!(
        cli.is_file(),
        "{} is missing: run `make bench-server` (it builds the CLI first)",
        cli.display()
    );
    cli
}

/// Seconds the CLI takes to validate `files` (best of 3).
fn cli_seconds(cli: &Path, files: &[PathBuf]) -> f64 {
    (0..3)
        .map(|_| {
            let t = Instant::now();
            let status = Command::new(cli)
                .arg("validate")
                .args(files)
                .stdout(Stdio::null())
                .status()
                .expect("the CLI runs");
            assert!(
                status.success(),
                "the CLI found an invalid document: {status}"
            );
            t.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

/// Appends of 4 KiB each followed by `fdatasync`, per second, in `dir`: what one durable
/// commit costs on this disk (a store that syncs once per referral cannot beat it).
fn fsyncs_per_second(dir: &Path) -> f64 {
    use std::io::Write;
    let path = dir.join("fsync-probe");
    let mut file = std::fs::File::create(&path).expect("probe file");
    let block = [0x5au8; 4096];
    let t = Instant::now();
    for _ in 0..DOCUMENTS {
        file.write_all(&block).expect("write");
        file.sync_data().expect("fdatasync");
    }
    let rate = DOCUMENTS as f64 / t.elapsed().as_secs_f64();
    let _ = std::fs::remove_file(&path);
    rate
}

/// One measured series: its rate in each round and its latencies over all rounds.
#[derive(Default)]
struct Series {
    rates: Vec<f64>,
    latencies: Vec<Duration>,
}

impl Series {
    fn add(&mut self, run: Run) {
        self.rates.push(run.per_second);
        self.latencies.extend(run.latencies);
    }

    fn add_rate(&mut self, rate: f64) {
        self.rates.push(rate);
    }

    fn median_rate(&self) -> f64 {
        median(self.rates.clone())
    }

    /// (p50, p99) over every request of every round.
    fn percentiles(&self) -> (Duration, Duration) {
        let mut sorted = self.latencies.clone();
        sorted.sort();
        (percentile(&sorted, 0.50), percentile(&sorted, 0.99))
    }

    /// Median over the rounds of this series' rate divided by `other`'s in the same round.
    fn ratio_to(&self, other: &Series) -> f64 {
        median(
            self.rates
                .iter()
                .zip(&other.rates)
                .map(|(a, b)| a / b)
                .collect(),
        )
    }
}

fn main() {
    // The PostgreSQL server gets its database explicitly; every other server of the bench
    // stays on SQLite (the support code would otherwise give every server a database).
    let pg_admin = support::pg::admin_url();
    // SAFETY: nothing else runs yet (no thread has been started).
    unsafe { std::env::remove_var(support::pg::ENV) };
    let mut intake_pg = Series::default();
    let mut health_pg = Series::default();
    let cli = cli_path();
    let mut intake = Series::default();
    let mut health = Series::default();
    let mut page = Series::default();
    let mut cli_validate = Series::default();
    let mut library = Series::default();
    let mut fsync = Series::default();

    println!(
        "Intake: {DOCUMENTS} distinct referrals per round, {CLIENTS} keep-alive clients, \
         {ROUNDS} rounds, each on a fresh data folder"
    );
    for round in 0..ROUNDS {
        let batch = Batch::new();
        let bodies: Vec<Vec<u8>> = (0..DOCUMENTS as u64).map(|n| batch.body(n)).collect();
        let scratch = Scratch::new("bench-intake");

        // Anchor: validation cost, the CLI on the same documents written to files.
        let files: Vec<PathBuf> = bodies
            .iter()
            .enumerate()
            .map(|(i, b)| {
                let path = scratch.join(&format!("r{i:03}.json"));
                std::fs::write(&path, b).expect("write document");
                path
            })
            .collect();
        cli_validate.add_rate(DOCUMENTS as f64 / cli_seconds(&cli, &files));

        // Anchor: the library's work per document, in process.
        let t = Instant::now();
        for b in &bodies {
            let text = std::str::from_utf8(b).expect("UTF-8");
            let doc = prevent_referral::parse_str(text).expect("parses");
            assert!(prevent_referral::validate(&doc, prevent_referral::Lang::En).valid);
            std::hint::black_box(prevent_referral::normalise(&doc));
        }
        library.add_rate(DOCUMENTS as f64 / t.elapsed().as_secs_f64());

        // Anchor: what one durable write costs on this disk.
        fsync.add_rate(fsyncs_per_second(scratch.path()));

        let www = scratch.join("www");
        std::fs::create_dir_all(&www).expect("www");
        std::fs::write(
            www.join("index.html"),
            "<!doctype html><html lang=en><title>Bench</title><p>Static page.</p></html>\n",
        )
        .expect("index.html");
        let server = Server::start(
            &scratch.join("data"),
            &Options {
                args: vec![
                    "--rate-limit".into(),
                    "0".into(),
                    "--www".into(),
                    www.to_string_lossy().into_owned(),
                ],
                ..Options::default()
            },
        );
        let gets = |path: &str| -> Arc<Vec<Vec<u8>>> {
            Arc::new(
                (0..HEALTH_REQUESTS)
                    .map(|_| build_request("GET", path, &[], b"", true))
                    .collect(),
            )
        };
        // Warm-up: connections, the server's threads, the database's first pages.
        drive(
            server.addr,
            Arc::new(gets("/healthz")[..CLIENTS * 2].to_vec()),
            "GET",
            200,
        );
        page.add(drive(server.addr, gets("/"), "GET", 200));
        health.add(drive(server.addr, gets("/healthz"), "GET", 200));
        let posts: Arc<Vec<Vec<u8>>> = Arc::new(
            bodies
                .iter()
                .map(|b| {
                    build_request(
                        "POST",
                        "/v1/referrals",
                        &[("Content-Type", "application/json")],
                        b,
                        true,
                    )
                })
                .collect(),
        );
        intake.add(drive(server.addr, posts.clone(), "POST", 201));
        drop(server);

        if let Some(admin) = &pg_admin {
            let mut options = Options::unlimited();
            options
                .args
                .extend(["--database".to_owned(), support::pg::create_database(admin)]);
            let server = Server::start(&scratch.join("data-pg"), &options);
            drive(
                server.addr,
                Arc::new(gets("/healthz")[..CLIENTS * 2].to_vec()),
                "GET",
                200,
            );
            health_pg.add(drive(server.addr, gets("/healthz"), "GET", 200));
            intake_pg.add(drive(server.addr, posts, "POST", 201));
            drop(server);
        }

        let last = |s: &Series| s.rates.last().copied().unwrap_or(0.0);
        println!(
            "  round {}: intake {:>5.0}/s  GET / {:>5.0}/s  /healthz {:>5.0}/s  CLI {:>6.0}/s  \
             library {:>6.0}/s  fdatasync {:>5.0}/s{}",
            round + 1,
            last(&intake),
            last(&page),
            last(&health),
            last(&cli_validate),
            last(&library),
            last(&fsync),
            if pg_admin.is_some() {
                format!(
                    "  PostgreSQL: intake {:>5.0}/s  /healthz {:>5.0}/s",
                    last(&intake_pg),
                    last(&health_pg)
                )
            } else {
                String::new()
            },
        );
    }

    println!("\nMedians of {ROUNDS} rounds (latency over all requests of all rounds):");
    let with_latency = |name: &str, s: &Series| {
        let (p50, p99) = s.percentiles();
        println!(
            "  {name:<46} {:>8.0} /s   p50 {:>7.2} ms   p99 {:>7.2} ms",
            s.median_rate(),
            ms(p50),
            ms(p99)
        );
    };
    let rate_only = |name: &str, s: &Series| {
        println!("  {name:<46} {:>8.0} /s", s.median_rate());
    };
    with_latency("POST /v1/referrals (201, stored)", &intake);
    with_latency("anchor: GET / static page (HTTP overhead)", &page);
    with_latency("anchor: GET /healthz (a store write each)", &health);
    rate_only("anchor: prevent-referral validate (CLI)", &cli_validate);
    rate_only("anchor: parse + validate + normalise (lib)", &library);
    rate_only("anchor: 4 KiB append + fdatasync (disk)", &fsync);

    println!("\nRatios (median over the rounds of the ratio measured within each round):");
    let ratio = |name: &str, value: f64, note: &str| {
        println!("  {name:<46} {value:>8.3}  {note}");
    };
    ratio(
        "intake / static page throughput",
        intake.ratio_to(&page),
        "",
    );
    ratio("intake / healthz throughput", intake.ratio_to(&health), "");
    ratio(
        "intake / CLI validate throughput",
        intake.ratio_to(&cli_validate),
        "",
    );
    ratio(
        "intake / in-process validation throughput",
        intake.ratio_to(&library),
        "",
    );
    ratio(
        "intake / fdatasync rate",
        intake.ratio_to(&fsync),
        "(> 1: several referrals share one sync)",
    );
    let (i50, i99) = intake.percentiles();
    let (s50, _) = page.percentiles();
    ratio(
        "intake p50 / static page p50",
        i50.as_secs_f64() / s50.as_secs_f64().max(1e-9),
        "",
    );

    println!(
        "\nSQLite and PostgreSQL side by side ({CLIENTS} clients; medians of {ROUNDS} rounds):"
    );
    if pg_admin.is_some() {
        println!(
            "  {:<34} {:<30}   {:<30}",
            "", "SQLite (one file)", "PostgreSQL (same disk)"
        );
        let row = |name: &str, a: &Series, b: &Series| {
            let ((a50, a99), (b50, b99)) = (a.percentiles(), b.percentiles());
            println!(
                "  {name:<34} {:>7.0}/s p50 {:>5.2} p99 {:>5.2}   {:>7.0}/s p50 {:>5.2} p99 {:>5.2} ms",
                a.median_rate(),
                ms(a50),
                ms(a99),
                b.median_rate(),
                ms(b50),
                ms(b99)
            );
        };
        row("POST /v1/referrals (201, stored)", &intake, &intake_pg);
        row("GET /healthz (a store write each)", &health, &health_pg);
        ratio(
            "PostgreSQL / SQLite intake throughput",
            intake_pg.ratio_to(&intake),
            "(same round, same documents)",
        );
        ratio(
            "PostgreSQL intake / its /healthz",
            intake_pg.ratio_to(&health_pg),
            "",
        );
    } else {
        println!(
            "  PostgreSQL not measured: {} is not set (make bench-server sets it)",
            support::pg::ENV
        );
    }

    let rate = intake.median_rate();
    println!("\nTargets (issue 8):");
    println!(
        "  >= 1,000 referrals/s: {rate:>8.0}  {}",
        if rate >= 1_000.0 { "met" } else { "NOT met" }
    );
    println!(
        "  p99 <= 50 ms:         {:>8.2}  {}",
        ms(i99),
        if ms(i99) <= 50.0 { "met" } else { "NOT met" }
    );
}
