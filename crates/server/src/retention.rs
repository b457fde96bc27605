//! Retention (spec §5): a number of days after a referral is closed, its document, the
//! name in the list and the feedback messages are deleted; the reference, dates, statuses
//! and audit entries remain.

use std::sync::Arc;
use std::time::Duration;

use crate::clock::Clock;
use crate::store::{Store, StoreResult};

/// Milliseconds in a day.
const DAY_MS: i64 = 86_400_000;

/// Purges what is due at `now`; returns the number of referrals purged.
pub async fn run_once(store: &dyn Store, now: i64, days: u32) -> StoreResult<u64> {
    store
        .purge_closed_before(now - i64::from(days) * DAY_MS)
        .await
}

/// Runs retention at once and then every `every`, for ever.
pub async fn run_periodically(store: Arc<dyn Store>, clock: Clock, days: u32, every: Duration) {
    loop {
        match run_once(store.as_ref(), clock(), days).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(
                purged = n,
                "retention: deleted documents of closed referrals"
            ),
            Err(e) => tracing::error!(error = %e, "retention failed; will retry"),
        }
        tokio::time::sleep(every).await;
    }
}
