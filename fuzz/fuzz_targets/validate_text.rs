//! JSON text → parse → validate and normalise, both kinds, both languages: never a panic,
//! and every report is self-consistent and capped (spec §11.14).
#![no_main]

use libfuzzer_sys::fuzz_target;
use prevent_referral::{normalise_kind, parse, validate_kind, DocKind, Lang, MAX_ISSUES};

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = parse(data) else { return };
    for kind in DocKind::ALL {
        for lang in [Lang::En, Lang::Cy] {
            let report = validate_kind(&doc, kind, lang);
            assert_eq!(report.valid, report.errors.is_empty());
            assert!(report.errors.len() <= MAX_ISSUES);
            assert!(report.warnings.len() <= MAX_ISSUES);
            assert!(report.errors.iter().all(|i| !i.message.is_empty()));
        }
        let _ = normalise_kind(&doc, kind);
    }
});
