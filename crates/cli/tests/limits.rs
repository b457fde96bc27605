//! The CLI's input limits and the error cap (issue 10), each reproduced before its fix:
//! a 16 MiB file of unknown members printed 205 MB; `extensions` nested to 128 levels was
//! refused with a message saying "more than 128"; `1e400` was "not valid JSON".

use std::io::Write;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_prevent-referral");

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut input = child.stdin.take().expect("stdin");
    let bytes = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&bytes);
    });
    let out = child.wait_with_output().expect("it finishes");
    writer.join().expect("stdin written");
    out
}

fn referral_with(extra: &str) -> String {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../schemas/examples/valid/minimal-referral.json"
    ))
    .expect("example");
    let body = text.trim_end().strip_suffix('}').expect("an object");
    format!("{body},{extra}}}")
}

#[test]
fn too_many_errors_caps_the_output_of_a_16_mib_file() {
    // 1,000,000 unknown members would be 1,000,001 values: refused. 400,000 are read.
    let members: Vec<String> = (0..400_000).map(|i| format!("\"k{i}\":0")).collect();
    let doc = referral_with(&members.join(","));
    let out = run(&["validate", "--format", "json", "-"], doc.as_bytes());
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.len() < 200_000, "{} bytes", out.stdout.len());
    let line: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON line");
    let errors = line["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), 1000);
    assert_eq!(errors[999]["code"], "too_many_errors");
    assert_eq!(errors[999]["path"], "");

    let out = run(&["validate", "-"], doc.as_bytes());
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(
        text.starts_with("<stdin>: invalid (more than 999 errors)\n"),
        "{}",
        &text[..80]
    );
    assert!(text.contains(
        "(document): There are more than 999 problems; fix these and check again [too_many_errors]"
    ));
}

#[test]
fn a_million_values_are_refused_as_unreadable() {
    let members: Vec<String> = (0..1_000_000).map(|i| format!("\"k{i}\":0")).collect();
    let out = run(
        &["validate", "-"],
        referral_with(&members.join(",")).as_bytes(),
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).expect("UTF-8");
    assert!(err.contains("more than 1000000 values"), "{err}");
}

#[test]
fn nesting_128_levels_is_read_and_129_refused_as_the_message_says() {
    let nest = |levels: usize| "[".repeat(levels) + &"]".repeat(levels);
    // The document and `extensions` are two levels.
    let ok = referral_with(&format!(
        "\"extensions\":{{\"uk.example.deep\":{}}}",
        nest(126)
    ));
    let out = run(&["validate", "-"], ok.as_bytes());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let deep = referral_with(&format!(
        "\"extensions\":{{\"uk.example.deep\":{}}}",
        nest(127)
    ));
    let out = run(&["validate", "-"], deep.as_bytes());
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).expect("UTF-8");
    assert!(err.contains("nested more than 128 levels"), "{err}");
}

#[test]
fn a_number_outside_the_double_range_is_type_not_unreadable() {
    let doc = referral_with("\"extensions\":{\"uk.example.n\":1e400}");
    let out = run(&["validate", "--format", "json", "-"], doc.as_bytes());
    assert_eq!(out.status.code(), Some(1));
    let line: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON line");
    assert_eq!(line["errors"][0]["path"], "/extensions/uk.example.n");
    assert_eq!(line["errors"][0]["code"], "type");
}

#[test]
fn normalise_keeps_the_text_of_numbers() {
    let doc = referral_with(
        "\"extensions\":{\"uk.example.n\":[1E2,123456789012345678901234567890,-0,0.10]}",
    );
    let out = run(&["normalise", "-"], doc.as_bytes());
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    for number in ["1E2", "123456789012345678901234567890", "-0", "0.10"] {
        assert!(
            text.contains(&format!("    {number}")),
            "{number} rewritten: {text}"
        );
    }
}
