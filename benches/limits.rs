//! `make bench` (second part): how the work of hostile documents grows with their size, as
//! ratios of timings measured in the same run. Linear work doubles when the input doubles
//! (ratio ≈ 2); quadratic work quadruples (≈ 4). Issue 10: `normalise` of 40,000 repeated
//! member names took 7.8 s (quadratic); parse, validate and normalise must all be ≈ 2.

use std::hint::black_box;
use std::time::{Duration, Instant};

use prevent_referral::{normalise, parse_str, validate, Json, Lang};

/// Median of 5 runs of `f`.
fn time(mut f: impl FnMut()) -> Duration {
    let mut samples: Vec<Duration> = (0..5)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    samples.sort();
    samples[2]
}

fn doc(members: &str, n: usize) -> String {
    let example = include_str!("../schemas/examples/valid/minimal-referral.json");
    let body = example.trim_end().strip_suffix('}').expect("an object");
    format!("{body},{}}}", vec![members; n].join(","))
}

fn row(name: &str, member: &str) {
    let (small, large) = (50_000, 100_000);
    let (a, b) = (doc(member, small), doc(member, large));
    let (ja, jb): (Json, Json) = (parse_str(&a).unwrap(), parse_str(&b).unwrap());
    let ratio = |x: Duration, y: Duration| y.as_secs_f64() / x.as_secs_f64().max(1e-9);
    let parse = ratio(
        time(|| drop(black_box(parse_str(&a)))),
        time(|| drop(black_box(parse_str(&b)))),
    );
    let check_b = time(|| drop(black_box(validate(&jb, Lang::En))));
    let check = ratio(time(|| drop(black_box(validate(&ja, Lang::En)))), check_b);
    let norm_a = time(|| drop(black_box(normalise(&ja))));
    let norm_b = time(|| drop(black_box(normalise(&jb))));
    println!(
        "{name:<34} parse {parse:>4.2}  validate {check:>4.2}  normalise {:>4.2}  ({large}: validate {:.1} ms, normalise {:.1} ms)",
        ratio(norm_a, norm_b),
        check_b.as_secs_f64() * 1e3,
        norm_b.as_secs_f64() * 1e3
    );
}

fn main() {
    println!("time for 100,000 members ÷ time for 50,000 (linear ≈ 2, quadratic ≈ 4)");
    row("repeated known field, absent", "\"referral_id\":null");
    row("repeated known field, a string", "\"language\":\" en \"");
    row("repeated unknown member", "\"nickname\":1");
    row(
        "extensions repeated",
        "\"extensions\":{\"uk.a.b\":[1E2,{\"x\":1}]}",
    );
}
