//! Many referrals stored fast, through the server's own intake: several keep-alive clients
//! send padded documents of one [`Batch`] side by side (the export tests and benchmark).

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};

use super::docs::Batch;
use super::http::{build_request, Conn};

/// Sends documents `0..count` of `batch`, each padded by about `pad` bytes of extensions,
/// from `clients` keep-alive clients; panics unless every one is created (201).
pub fn padded_referrals(addr: SocketAddr, batch: &Batch, count: u64, pad: usize, clients: usize) {
    let next = AtomicU64::new(0);
    std::thread::scope(|scope| {
        for _ in 0..clients {
            scope.spawn(|| {
                let mut conn = Conn::new(addr);
                loop {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    if n >= count {
                        return;
                    }
                    let raw = build_request(
                        "POST",
                        "/v1/referrals",
                        &[("Content-Type", "application/json")],
                        &batch.padded_body(n, pad),
                        true,
                    );
                    let r = conn
                        .round_trip("POST", &raw)
                        .unwrap_or_else(|e| panic!("seeding referral {n}: {e}"));
                    assert_eq!(r.status, 201, "seeding referral {n}: {}", r.text());
                }
            });
        }
    });
}
