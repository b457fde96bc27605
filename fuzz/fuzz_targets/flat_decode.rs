//! The flat JS-encoding decoder (src/json/flat.rs, what the wasm layer reads from
//! npm/encode.js) on arbitrary streams: never a panic; what it decodes validates and
//! normalises without one, and normalise keeps the verdict.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use prevent_referral::json::flat;
use prevent_referral::{normalise_kind, validate_kind, DocKind, Lang};

#[derive(Arbitrary, Debug)]
struct Stream {
    tags: Vec<u8>,
    lens: Vec<u32>,
    nums: Vec<f64>,
    text: String,
}

fuzz_target!(|s: Stream| {
    // Small lengths make well-formed streams likely; keep the fuzzer's own values too.
    let lens: Vec<u32> = s.lens.iter().map(|&n| if n > 1 << 20 { n % 8 } else { n }).collect();
    let Some(doc) = flat::decode(&s.tags, &lens, &s.nums, &s.text) else { return };
    for kind in DocKind::ALL {
        let report = validate_kind(&doc, kind, Lang::Cy);
        assert_eq!(report.valid, report.errors.is_empty());
        let once = normalise_kind(&doc, kind);
        assert_eq!(validate_kind(&once, kind, Lang::Cy), report);
    }
});
