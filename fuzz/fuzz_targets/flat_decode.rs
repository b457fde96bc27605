//! The flat JS-encoding reader (src/json/flat.rs, what the wasm layer reads from
//! npm/encode.js) on arbitrary streams: never a panic; what it reads validates and
//! normalises without one, normalise keeps the verdict, and the flat document validated
//! where it lies (as wasm does) gets the very report its tree gets.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use prevent_referral::json::flat::{self, Encoded, Flat};
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
    let packed = Encoded { tags: s.tags, lens, nums: s.nums, text: s.text }.pack();
    let Some(doc) = flat::decode(&packed) else { return };
    let Some(read) = Flat::read(&packed) else { panic!("decoded but not read") };
    for kind in DocKind::ALL {
        let report = validate_kind(&doc, kind, Lang::Cy);
        assert_eq!(prevent_referral::check::validate(read.root(), kind, Lang::Cy), report);
        assert_eq!(report.valid, report.errors.is_empty());
        let once = normalise_kind(&doc, kind);
        assert_eq!(validate_kind(&once, kind, Lang::Cy), report);
    }
});
