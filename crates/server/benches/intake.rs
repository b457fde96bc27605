//! `make bench-server`: how many referrals the receiving service accepts per second, with
//! p50/p99 latency, against anchors measured in the same run (so the figures compare across
//! machines):
//!
//! - **HTTP overhead**: the same server, same clients, answering `GET /healthz`;
//! - **validation cost**: the CLI (`target/release/prevent-referral validate`) on the same
//!   documents, and the library's parse + validate + normalise in process.
//!
//! Each round starts the release binary on a fresh data folder and sends 200 fresh distinct
//! referrals (made from `schemas/examples/valid/full-referral.json` with their own
//! `referral_id` and names) from 32 concurrent keep-alive clients, `--rate-limit 0`.
//! Targets (issue 8): at least 1,000 referrals/s and p99 at most 50 ms.

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
/// `/healthz` requests per round for the HTTP-overhead anchor.
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

fn main() {
    let cli = cli_path();
    let mut intake_rates = Vec::new();
    let mut health_rates = Vec::new();
    let mut cli_rates = Vec::new();
    let mut lib_rates = Vec::new();
    let mut fsync_rates = Vec::new();
    let mut ratios_health = Vec::new();
    let mut ratios_cli = Vec::new();
    let mut intake_latencies = Vec::new();
    let mut health_latencies = Vec::new();

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
        let cli_rate = DOCUMENTS as f64 / cli_seconds(&cli, &files);

        // Anchor: the library's work per document, in process.
        let t = Instant::now();
        for b in &bodies {
            let text = std::str::from_utf8(b).expect("UTF-8");
            let doc = prevent_referral::parse_str(text).expect("parses");
            assert!(prevent_referral::validate(&doc, prevent_referral::Lang::En).valid);
            std::hint::black_box(prevent_referral::normalise(&doc));
        }
        let lib_rate = DOCUMENTS as f64 / t.elapsed().as_secs_f64();

        let fsync_rate = fsyncs_per_second(scratch.path());

        let server = Server::start(&scratch.join("data"), &Options::unlimited());
        let health: Arc<Vec<Vec<u8>>> = Arc::new(
            (0..HEALTH_REQUESTS)
                .map(|_| build_request("GET", "/healthz", &[], b"", true))
                .collect(),
        );
        // Warm-up: connections, the server's threads, the database's first pages.
        drive(
            server.addr,
            Arc::new(health[..CLIENTS * 2].to_vec()),
            "GET",
            200,
        );
        let health_run = drive(server.addr, health, "GET", 200);

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
        let intake = drive(server.addr, posts, "POST", 201);
        drop(server);

        println!(
            "  round {}: intake {:>6.0}/s  /healthz {:>6.0}/s  CLI {:>6.0}/s  library {:>6.0}/s  \
             fdatasync {:>6.0}/s  intake/healthz {:.3}  intake/CLI {:.3}",
            round + 1,
            intake.per_second,
            health_run.per_second,
            cli_rate,
            lib_rate,
            fsync_rate,
            intake.per_second / health_run.per_second,
            intake.per_second / cli_rate
        );
        ratios_health.push(intake.per_second / health_run.per_second);
        ratios_cli.push(intake.per_second / cli_rate);
        fsync_rates.push(fsync_rate);
        intake_rates.push(intake.per_second);
        health_rates.push(health_run.per_second);
        cli_rates.push(cli_rate);
        lib_rates.push(lib_rate);
        intake_latencies.extend(intake.latencies);
        health_latencies.extend(health_run.latencies);
    }

    intake_latencies.sort();
    health_latencies.sort();
    let intake_rate = median(intake_rates);
    let health_rate = median(health_rates);
    let cli_rate = median(cli_rates);
    let lib_rate = median(lib_rates);
    let fsync_rate = median(fsync_rates);
    let (i50, i99) = (
        percentile(&intake_latencies, 0.50),
        percentile(&intake_latencies, 0.99),
    );
    let (h50, h99) = (
        percentile(&health_latencies, 0.50),
        percentile(&health_latencies, 0.99),
    );

    println!("\nMedians of {ROUNDS} rounds (latency over all requests of all rounds):");
    println!(
        "  {:<44} {:>9.0} /s   p50 {:>6.2} ms   p99 {:>6.2} ms",
        "POST /v1/referrals (201, stored)",
        intake_rate,
        ms(i50),
        ms(i99)
    );
    println!(
        "  {:<44} {:>9.0} /s   p50 {:>6.2} ms   p99 {:>6.2} ms",
        "anchor: GET /healthz (HTTP overhead)",
        health_rate,
        ms(h50),
        ms(h99)
    );
    println!(
        "  {:<44} {:>9.0} /s",
        "anchor: prevent-referral validate (CLI)", cli_rate
    );
    println!(
        "  {:<44} {:>9.0} /s",
        "anchor: parse + validate + normalise (lib)", lib_rate
    );
    println!(
        "  {:<44} {:>9.0} /s",
        "anchor: 4 KiB append + fdatasync (disk)", fsync_rate
    );
    println!("\nRatios (median of the rounds' ratios, each measured in one round):");
    println!(
        "  intake / healthz throughput                   {:>6.3}",
        median(ratios_health)
    );
    println!(
        "  intake / CLI validate throughput              {:>6.3}",
        median(ratios_cli)
    );
    println!(
        "  intake / in-process validation (medians)      {:>6.3}",
        intake_rate / lib_rate
    );
    println!(
        "  intake / fdatasync per second (medians)       {:>6.3}   (> 1: several referrals per sync)",
        intake_rate / fsync_rate
    );
    println!(
        "  intake p50 / healthz p50                      {:>6.2} ×",
        i50.as_secs_f64() / h50.as_secs_f64().max(1e-9)
    );
    println!("\nTargets (issue 8):");
    println!(
        "  ≥ 1,000 referrals/s: {:>7.0}  {}",
        intake_rate,
        if intake_rate >= 1_000.0 {
            "met"
        } else {
            "NOT met"
        }
    );
    println!(
        "  p99 ≤ 50 ms:         {:>7.2}  {}",
        ms(i99),
        if ms(i99) <= 50.0 { "met" } else { "NOT met" }
    );
}
