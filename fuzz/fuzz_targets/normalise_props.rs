//! Normalisation (spec §8, §11.11, §11.15): idempotent, never changes the verdict, and its
//! output written as JSON text reads back to the same document (numbers keep their text).
#![no_main]

use libfuzzer_sys::fuzz_target;
use prevent_referral::{normalise_kind, parse, parse_str, validate_kind, DocKind, Lang};

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = parse(data) else { return };
    for kind in DocKind::ALL {
        let once = normalise_kind(&doc, kind);
        let twice = normalise_kind(&once, kind);
        assert_eq!(once, twice, "not idempotent");
        let before = validate_kind(&doc, kind, Lang::En);
        let after = validate_kind(&once, kind, Lang::En);
        assert_eq!(before, after, "normalise changed the report");
        let text = serde_json::to_string(&once).expect("serialises");
        assert_eq!(parse_str(&text).as_ref(), Ok(&once), "does not read back");
    }
});
