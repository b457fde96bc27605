//! `make bench`: how long validation takes, as ratios against anchors measured in the same
//! run (so the figures compare across machines).
//!
//! 1. In process, on the full example referral: our parser, the decoder of the flat form
//!    the wasm layer reads (`json::flat`, run natively), `validate` (valid and invalid
//!    variants) and `normalise`, against `serde_json::from_str` of the same text.
//! 2. The CLI on 10,000 generated referrals (one in ten invalid): documents per second,
//!    against `cat` reading the same files.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use prevent_referral::json::flat::{self, Encoded, Flat};
use prevent_referral::{normalise, parse_str, validate, Json, Lang};

/// Median time per call of `f`, from 15 batches sized to take ~20 ms each.
fn time_per_call(mut f: impl FnMut()) -> Duration {
    let mut batch = 1u32;
    loop {
        let t = Instant::now();
        for _ in 0..batch {
            f();
        }
        if t.elapsed() > Duration::from_millis(20) || batch > 1 << 24 {
            break;
        }
        batch *= 2;
    }
    let mut samples: Vec<Duration> = (0..15)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..batch {
                f();
            }
            t.elapsed() / batch
        })
        .collect();
    samples.sort();
    samples[samples.len() / 2]
}

fn set<'a>(doc: &mut Json<'a>, path: &[&str], value: Json<'a>) {
    let mut cur = doc;
    for (i, key) in path.iter().enumerate() {
        let Json::Object(members) = cur else { return };
        let Some(pos) = members.iter().position(|(k, _)| k == key) else {
            return;
        };
        if i + 1 == path.len() {
            members[pos].1 = value;
            return;
        }
        cur = &mut members[pos].1;
    }
}

fn main() {
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    let text = std::fs::read_to_string(root.join("schemas/examples/valid/full-referral.json"))
        .expect("the full example referral");
    let valid = parse_str(&text).expect("example parses");
    let mut invalid = valid.clone();
    set(
        &mut invalid,
        &["individual", "address", "postcode"],
        Json::String("SW1A 1AI".into()),
    );
    set(
        &mut invalid,
        &["individual", "nhs_number"],
        Json::String("943 476 5918".into()),
    );
    set(
        &mut invalid,
        &["sharing", "necessity_confirmed"],
        Json::Bool(false),
    );
    set(
        &mut invalid,
        &["referrer", "sector"],
        Json::String("teacher".into()),
    );
    assert!(validate(&valid, Lang::En).valid);
    assert_eq!(validate(&invalid, Lang::En).errors.len(), 4);

    println!("In process, full example referral ({} bytes):", text.len());
    let anchor = time_per_call(|| {
        black_box(serde_json::from_str::<serde_json::Value>(black_box(&text)).ok());
    });
    let row = |name: &str, t: Duration| {
        println!(
            "  {name:<44} {:>9.2} µs   {:>5.2} × anchor",
            t.as_secs_f64() * 1e6,
            t.as_secs_f64() / anchor.as_secs_f64()
        );
    };
    row("anchor: serde_json::from_str to Value", anchor);
    row(
        "parse (order- and repeat-keeping)",
        time_per_call(|| {
            black_box(parse_str(black_box(&text)).ok());
        }),
    );
    let encoded = Encoded::of(&valid).pack();
    assert_eq!(flat::decode(&encoded).as_ref(), Some(&valid));
    row(
        "flat::decode to a tree (normalise's read), native",
        time_per_call(|| {
            black_box(flat::decode(black_box(&encoded)));
        }),
    );
    let read = Flat::read(&encoded).expect("the packed example reads");
    row(
        "Flat::read (what wasm validates), native",
        time_per_call(|| {
            black_box(Flat::read(black_box(&encoded)));
        }),
    );
    row(
        "validate the flat form where it lies, native",
        time_per_call(|| {
            black_box(prevent_referral::check::validate(
                black_box(read.root()),
                prevent_referral::DocKind::Referral,
                Lang::En,
            ));
        }),
    );
    row(
        "validate, valid referral",
        time_per_call(|| {
            black_box(validate(black_box(&valid), Lang::En));
        }),
    );
    row(
        "validate, invalid referral (4 errors)",
        time_per_call(|| {
            black_box(validate(black_box(&invalid), Lang::En));
        }),
    );
    row(
        "validate, invalid referral, Welsh",
        time_per_call(|| {
            black_box(validate(black_box(&invalid), Lang::Cy));
        }),
    );
    row(
        "normalise",
        time_per_call(|| {
            black_box(normalise(black_box(&valid)));
        }),
    );
    row(
        "parse + validate + normalise (the CLI's work)",
        time_per_call(|| {
            if let Ok(doc) = parse_str(black_box(&text)) {
                black_box(validate(&doc, Lang::En));
                black_box(normalise(&doc));
            }
        }),
    );

    cli_throughput(root, &valid, &invalid);
}

fn cli_throughput(root: &Path, valid: &Json, invalid: &Json) {
    const N: usize = 10_000;
    let dir: PathBuf = root.join("target/bench-data");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("target/bench-data");
    let mut files = Vec::with_capacity(N);
    for i in 0..N {
        let mut doc = if i % 10 == 0 {
            invalid.clone()
        } else {
            valid.clone()
        };
        set(
            &mut doc,
            &["referral_id"],
            Json::String(format!("00000000-0000-4000-8000-{i:012}").into()),
        );
        set(
            &mut doc,
            &["individual", "given_names"],
            Json::String(format!("Person {i}").into()),
        );
        let path = dir.join(format!("r{i:05}.json"));
        std::fs::write(&path, serde_json::to_vec(&doc).unwrap_or_default()).expect("write");
        files.push(path);
    }
    let run = |program: &str, args: &[&str]| -> Duration {
        let mut best = Duration::MAX;
        for _ in 0..3 {
            let t = Instant::now();
            let status = Command::new(program)
                .args(args)
                .args(&files)
                .stdout(Stdio::null())
                .status()
                .expect("runs");
            assert!(
                status.code().is_some_and(|c| c <= 1),
                "{program} failed: {status}"
            );
            best = best.min(t.elapsed());
        }
        best
    };
    let cli = env!("CARGO_BIN_EXE_prevent-referral");
    let anchor = run("cat", &[]);
    let text = run(cli, &["validate"]);
    let json = run(cli, &["validate", "--format", "json"]);
    println!("\nCLI on {N} generated referrals (1 in 10 invalid), best of 3:");
    for (name, t) in [
        ("anchor: cat (read every file)", anchor),
        ("prevent-referral validate", text),
        ("prevent-referral validate --format json", json),
    ] {
        println!(
            "  {name:<44} {:>9.0} documents/s   {:>5.2} × anchor time",
            N as f64 / t.as_secs_f64(),
            t.as_secs_f64() / anchor.as_secs_f64()
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
