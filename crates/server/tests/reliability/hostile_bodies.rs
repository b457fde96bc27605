//! Hostile bodies under the size limit: spec §5 "no input can crash or abort the process",
//! §2 (400 `not_json`, 422 report). Each is a classic way to crash or stall a JSON service:
//! nesting deep enough to overflow a recursive parser's stack, invalid UTF-8, lone
//! surrogates, numbers out of range, tens of thousands of members or errors.

use std::time::{Duration, Instant};

use crate::expect_created;
use crate::support::docs::Batch;
use crate::support::http;
use crate::support::scratch::Scratch;
use crate::support::server::{Options, Server};

/// Just under the 1 MiB body limit, so every body here is read and parsed.
const NEAR_LIMIT: usize = 1024 * 1024 - 64;

/// The bodies, each with a name for messages.
fn bodies(batch: &Batch) -> Vec<(&'static str, Vec<u8>)> {
    let mut many_members = String::from("{");
    let mut i = 0;
    while many_members.len() < NEAR_LIMIT - 32 {
        if i > 0 {
            many_members.push(',');
        }
        many_members.push_str(&format!("\"m{i}\":{i}"));
        i += 1;
    }
    many_members.push('}');

    let mut many_errors = batch.value(0);
    many_errors["referral_id"] = serde_json::json!("not a uuid");
    let list: Vec<serde_json::Value> = (0..40_000).map(|_| serde_json::json!(7)).collect();
    many_errors["concern"]["indicators"] = serde_json::json!(list);

    let mut valid_then_junk = batch.body(1);
    valid_then_junk.extend_from_slice(b" {}");

    let mut invalid_utf8 = batch.body(2);
    let at = invalid_utf8.len() / 2;
    invalid_utf8[at] = 0xff;

    let mut duplicate_keys = batch.body(3);
    duplicate_keys.pop(); // the closing brace
    duplicate_keys.extend_from_slice(b",\"referral_id\":\"00000000-0000-4000-8000-000000000000\"}");

    vec![
        ("1 MiB of '['", vec![b'['; NEAR_LIMIT]),
        ("nested objects 400,000 deep", {
            let mut b = Vec::new();
            while b.len() + 6 < NEAR_LIMIT {
                b.extend_from_slice(b"{\"a\":");
            }
            b
        }),
        ("an empty body", Vec::new()),
        ("NUL bytes", vec![0u8; 4096]),
        ("invalid UTF-8 inside a valid document", invalid_utf8),
        (
            "a lone surrogate escape",
            br#"{"referral_id": "\ud800"}"#.to_vec(),
        ),
        (
            "a number out of every range",
            b"{\"immediate_risk\": 1e999999999}".to_vec(),
        ),
        ("a 1,000,000-digit number", {
            let mut b = b"{\"a\":".to_vec();
            b.extend(std::iter::repeat_n(b'9', 1_000_000));
            b.push(b'}');
            b
        }),
        ("an object with ~100k members", many_members.into_bytes()),
        (
            "40,000 invalid array items",
            serde_json::to_vec(&many_errors).unwrap_or_default(),
        ),
        ("a valid document then more JSON", valid_then_junk),
        ("a repeated member name", duplicate_keys),
        ("a JSON array", b"[1,2,3]".to_vec()),
        ("JSON null", b"null".to_vec()),
        ("a 900 KB string of escapes", {
            let mut b = b"{\"a\":\"".to_vec();
            while b.len() < 900_000 {
                b.extend_from_slice(b"\\u0000\\n\\\\");
            }
            b.extend_from_slice(b"\"}");
            b
        }),
    ]
}

#[test]
fn hostile_bodies_get_400_or_422_and_never_crash_or_stall_the_process() {
    let scratch = Scratch::new("hostile-bodies");
    let mut server = Server::start(&scratch.join("data"), &Options::unlimited());
    let batch = Batch::new();
    for (name, body) in bodies(&batch) {
        let t = Instant::now();
        let r = http::post_referral(server.addr, &body)
            .unwrap_or_else(|e| panic!("{name}: no answer ({e}); log:\n{}", server.log_text()));
        let took = t.elapsed();
        server.assert_running(&format!("after {name}"));
        assert!(
            r.status == 400 || r.status == 422,
            "{name}: status {} (expected 400 or 422): {}",
            r.status,
            r.text().chars().take(300).collect::<String>()
        );
        let body = r.json();
        if r.status == 400 {
            assert_eq!(
                r.error_code().as_deref(),
                Some("not_json"),
                "{name}: {body}"
            );
        } else {
            assert_eq!(body["valid"], false, "{name}: a 422 without a report");
        }
        assert!(
            took < Duration::from_secs(10),
            "{name}: the answer took {took:?}"
        );
    }
    expect_created(server.addr, &batch.body(99), "after the hostile bodies");
}
