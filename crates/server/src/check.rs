//! `prevent-referral-server check`: decrypts every sealed value of a store with its key file
//! (spec §7) — each referral's wrapped data key, document and name, every feedback message
//! and every team member's name — and names each that does not decrypt: a referral by its
//! reference, a member by row id, never by any personal data. Pages through by `seq` and
//! `id`, so memory stays bounded however large the store; usable on a restored backup.

use crate::clock::rfc3339;
use crate::crypto::{Aad, Vault};
use crate::store::{Store, StoreResult};

/// Rows read at a time.
const PAGE: i64 = 500;

/// What `check` found.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Counts {
    /// Referrals read.
    pub referrals: u64,
    /// Feedback messages read.
    pub messages: u64,
    /// Team members read.
    pub members: u64,
    /// Sealed values that decrypted (data keys, documents, names, messages).
    pub opened: u64,
    /// Sealed values that did not.
    pub failed: u64,
}

/// Decrypts every sealed value of `store`; calls `failure` with a line naming each one that
/// does not decrypt, and `progress` with the counts so far after each page.
pub async fn run(
    store: &dyn Store,
    vault: &Vault,
    failure: &mut (dyn FnMut(String) + Send),
    progress: &mut (dyn FnMut(&Counts) + Send),
) -> StoreResult<Counts> {
    let mut counts = Counts::default();
    let mut tally = |counts: &mut Counts, ok: bool, line: &dyn Fn() -> String| {
        if ok {
            counts.opened += 1;
        } else {
            counts.failed += 1;
            failure(line());
        }
    };
    let mut after = 0;
    loop {
        let page = store.referrals_after(after, PAGE).await?;
        let Some(last) = page.last() else { break };
        after = last.seq;
        for row in &page {
            counts.referrals += 1;
            let id = row.referral_id.as_str();
            let named = |what: &str| format!("referral {}: {what} does not decrypt", row.reference);
            let key = vault.record_key(id, row.data_key.as_deref());
            if row.data_key.is_some() {
                tally(&mut counts, key.is_ok(), &|| named("the data key"));
            }
            let Ok(key) = key else { continue };
            if let Some(sealed) = &row.document {
                let ok = key.open(Aad::Document { referral_id: id }, sealed).is_ok();
                tally(&mut counts, ok, &|| named("the document"));
            }
            if let Some(sealed) = &row.individual_name {
                let ok = key
                    .open(Aad::IndividualName { referral_id: id }, sealed)
                    .is_ok();
                tally(&mut counts, ok, &|| named("the name in the list"));
            }
        }
        progress(&counts);
    }
    let mut after = 0;
    loop {
        let page = store.messages_after(after, PAGE).await?;
        let Some(last) = page.last() else { break };
        after = last.id;
        for m in &page {
            counts.messages += 1;
            let Some(sealed) = &m.row.message else {
                continue;
            };
            let aad = Aad::Message {
                referral_id: &m.referral_id,
                status: &m.row.status,
                updated_at: m.row.updated_at,
            };
            let ok = vault
                .record_key(&m.referral_id, m.row.data_key.as_deref())
                .is_ok_and(|key| key.open(aad, sealed).is_ok());
            tally(&mut counts, ok, &|| {
                format!(
                    "referral {}: the feedback message of {} ({}) does not decrypt",
                    m.reference,
                    rfc3339(m.row.updated_at),
                    m.row.status
                )
            });
        }
        progress(&counts);
    }
    for m in store.members().await? {
        counts.members += 1;
        let aad = Aad::MemberName {
            name_lookup: &m.name_lookup,
        };
        let ok = vault.open(aad, &m.name).is_ok();
        tally(&mut counts, ok, &|| {
            format!("team member {}: the name does not decrypt", m.id)
        });
    }
    Ok(counts)
}
