//! `make bench-server` (export, issue 17): the team's export of 2,000 and 50,000 referrals,
//! each with 64 KB of `extensions`: how long it takes, how many bytes it sends, and how much
//! the server's resident memory grows while it runs (`VmHWM` after the export against
//! `VmRSS` before, the peak reset first), with anchors measured in the same run so that the
//! figures compare across machines: the time per referral of intake (the same server
//! storing them, 16 keep-alive clients) and of one `GET /healthz` (a durable write).
//!
//! `PREVENT_REFERRAL_EXPORT_BENCH_SIZES=2000,50000` (the default) chooses the sizes.
//! Target (issue 17): memory growth under 50 MB at 50,000 referrals.

#[path = "../tests/support/mod.rs"]
mod support;

use std::time::Instant;

use support::docs::Batch;
use support::http::{self, get_streamed};
use support::scratch::Scratch;
use support::seed;
use support::server::{Options, Server};

/// The `extensions` padding of every referral.
const PAD: usize = 64 * 1024;
/// Keep-alive clients that store the referrals.
const SEEDERS: usize = 16;
/// `/healthz` requests for the anchor.
const HEALTH_REQUESTS: u32 = 200;
/// The most memory growth the issue allows, in MiB.
const TARGET_GROWTH_MIB: u64 = 50;

fn sizes() -> Vec<u64> {
    std::env::var("PREVENT_REFERRAL_EXPORT_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .filter(|v: &Vec<u64>| !v.is_empty())
        .unwrap_or_else(|| vec![2_000, 50_000])
}

/// One export's figures.
struct Export {
    seconds: f64,
    bytes: u64,
    lines: u64,
    before_mib: u64,
    peak_mib: u64,
}

fn export(server: &Server, token: &str, format: &str) -> Export {
    server.reset_peak_memory();
    let before = server.memory_kib("VmRSS");
    let t = Instant::now();
    let mut body = get_streamed(
        server.addr,
        &format!("/v1/team/export?format={format}"),
        Some(token),
    )
    .expect("export answers");
    assert_eq!(body.status, 200, "export {format}");
    let (bytes, lines) = body.count_rest().expect("the export reads to its end");
    let seconds = t.elapsed().as_secs_f64();
    Export {
        seconds,
        bytes,
        lines,
        before_mib: before / 1024,
        peak_mib: server.memory_kib("VmHWM") / 1024,
    }
}

fn healthz_seconds(server: &Server) -> f64 {
    let t = Instant::now();
    for _ in 0..HEALTH_REQUESTS {
        let r = http::get(server.addr, "/healthz", None).expect("/healthz answers");
        assert_eq!(r.status, 200);
    }
    t.elapsed().as_secs_f64() / f64::from(HEALTH_REQUESTS)
}

fn main() {
    println!(
        "export benchmark: referrals with {} KB extensions, SQLite{}",
        PAD / 1024,
        if support::server::on_postgres() {
            " (PostgreSQL: PREVENT_REFERRAL_TEST_DATABASE is set)"
        } else {
            ""
        }
    );
    let mut worst_growth = 0;
    for n in sizes() {
        let scratch = Scratch::new("bench-export");
        let mut server = Server::start(&scratch.join("data"), &Options::unlimited());
        let batch = Batch::new();
        let t = Instant::now();
        seed::padded_referrals(server.addr, &batch, n, PAD, SEEDERS);
        let seeded = t.elapsed();
        let intake_per = seeded.as_secs_f64() / n as f64;
        let health_per = healthz_seconds(&server);
        let token = server.team_token();
        println!(
            "\n{n} referrals stored in {:.1} s ({:.2} ms each, {SEEDERS} clients); \
             /healthz {:.2} ms",
            seeded.as_secs_f64(),
            intake_per * 1000.0,
            health_per * 1000.0
        );
        for format in ["jsonl", "csv"] {
            let e = export(&server, &token, format);
            server.assert_running("after the export");
            let per = e.seconds / n as f64;
            let growth = e.peak_mib.saturating_sub(e.before_mib);
            worst_growth = worst_growth.max(growth);
            println!(
                "  {format:5}: {:.1} s, {} MB, {} lines; {:.3} ms a referral = {:.2}× intake, \
                 {:.2}× /healthz; memory {} → peak {} MiB (+{growth} MiB)",
                e.seconds,
                e.bytes / 1_000_000,
                e.lines,
                per * 1000.0,
                per / intake_per,
                per / health_per,
                e.before_mib,
                e.peak_mib,
            );
        }
        drop(server);
    }
    println!(
        "\nworst memory growth {worst_growth} MiB (target under {TARGET_GROWTH_MIB} MiB): {}",
        if worst_growth < TARGET_GROWTH_MIB {
            "met"
        } else {
            "NOT MET"
        }
    );
}
