//! Distinct, valid referral documents made from `schemas/examples/valid/full-referral.json`:
//! each has its own `referral_id`, names, postcode, email and concern text, so a test can
//! tell them apart in the store and search the data folder for each one's personal data.

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{json, Value};

static NEXT_RUN: AtomicU64 = AtomicU64::new(0);

/// The example every generated document starts from.
pub fn example() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../schemas/examples/valid/full-referral.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Lower-case letters spelling `n` (a, b, …, z, ba, bb, …): names take no digits well.
pub fn letters(mut n: u64) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'a' + (n % 26) as u8);
        n /= 26;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// The personal data of one generated referral, to look for in stored bytes.
#[derive(Debug, Clone)]
pub struct Personal {
    /// `individual.given_names`.
    pub given_names: String,
    /// `individual.family_name`.
    pub family_name: String,
    /// `individual.address.postcode` (already in normal form).
    pub postcode: String,
    /// `individual.email`.
    pub email: String,
    /// `individual.phone`.
    pub phone: String,
    /// `referrer.full_name`.
    pub referrer_name: String,
    /// `concern.description`.
    pub concern: String,
}

impl Personal {
    /// Each value with a label, for messages.
    pub fn fields(&self) -> Vec<(&'static str, &str)> {
        vec![
            ("given names", &self.given_names),
            ("family name", &self.family_name),
            ("postcode", &self.postcode),
            ("email", &self.email),
            ("phone", &self.phone),
            ("referrer's name", &self.referrer_name),
            ("concern text", &self.concern),
        ]
    }
}

/// A family of distinct documents: every [`Batch`] (and every process) uses its own
/// `referral_id` prefix, so documents from different tests or rounds never collide.
pub struct Batch {
    run: u64,
    base: Value,
}

impl Default for Batch {
    fn default() -> Self {
        Self::new()
    }
}

impl Batch {
    /// A new family.
    pub fn new() -> Batch {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(0);
        let run = (nanos ^ (u64::from(std::process::id()) << 32))
            .wrapping_add(NEXT_RUN.fetch_add(1, Ordering::Relaxed) << 40);
        Batch {
            run,
            base: example(),
        }
    }

    /// The `referral_id` of document `n` (lower case; a valid UUID v4 shape).
    pub fn referral_id(&self, n: u64) -> String {
        let r = self.run;
        format!(
            "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
            (r >> 32) as u32,
            (r >> 16) as u16,
            (r & 0xfff) as u16,
            ((r >> 12) & 0xfff) as u16,
            n
        )
    }

    /// The personal data document `n` carries.
    pub fn personal(&self, n: u64) -> Personal {
        let tag = letters(self.run % 1_000_000 * 10_000 + n);
        let capital = |s: &str| {
            let mut c = s.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        };
        Personal {
            given_names: format!("Quillon {}", capital(&tag)),
            family_name: format!("Vantrosk{tag}"),
            postcode: format!("LS{} {}DY", 1 + n % 28, n % 10),
            email: format!("quillon.{tag}@example.com"),
            phone: "07700 900123".to_owned(),
            referrer_name: format!("Marisol Brankwell{tag}"),
            concern: format!(
                "Quillon {tag} told classmates that the people killed in a recent attack \
                 deserved it, and showed them videos from an extreme channel."
            ),
        }
    }

    /// Document `n` as a JSON value.
    pub fn value(&self, n: u64) -> Value {
        let p = self.personal(n);
        let mut doc = self.base.clone();
        doc["referral_id"] = json!(self.referral_id(n));
        doc["referrer"]["full_name"] = json!(p.referrer_name);
        doc["individual"]["given_names"] = json!(p.given_names);
        doc["individual"]["family_name"] = json!(p.family_name);
        doc["individual"]["address"]["postcode"] = json!(p.postcode);
        doc["individual"]["email"] = json!(p.email);
        doc["individual"]["phone"] = json!(p.phone);
        doc["concern"]["description"] = json!(p.concern);
        doc
    }

    /// Document `n` as the bytes a client sends.
    pub fn body(&self, n: u64) -> Vec<u8> {
        serde_json::to_vec(&self.value(n)).unwrap_or_default()
    }

    /// Document `n` made about `pad` bytes larger by an extension member (extensions hold any
    /// JSON and are stored as sent), for tests that need each write to take real space.
    pub fn padded_body(&self, n: u64, pad: usize) -> Vec<u8> {
        let mut doc = self.value(n);
        let filler: String = (0..pad)
            .map(|i| char::from(b'a' + ((i as u64 * 7 + n) % 26) as u8))
            .collect();
        doc["extensions"]["uk.org.example.padding"] = json!({ "filler": filler });
        serde_json::to_vec(&doc).unwrap_or_default()
    }
}

/// The normalised form of a document, as the server must store it (spec: the receiver stores
/// the normalised document), computed with the same library.
pub fn normalised(body: &[u8]) -> Value {
    let text = std::str::from_utf8(body).expect("UTF-8 test document");
    let doc = prevent_referral::parse_str(text).expect("test document parses");
    let report = prevent_referral::validate(&doc, prevent_referral::Lang::En);
    assert!(
        report.valid,
        "test document must be valid: {:?}",
        report.errors
    );
    Value::from(&prevent_referral::normalise(&doc))
}
