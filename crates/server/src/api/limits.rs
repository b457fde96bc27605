//! Limits that protect the service from one client: request header size, the intake rate
//! per client address (governor's keyed GCRA limiter), and failed sign-ins per client
//! address (the same limiter, and a minute's refusal once it is used up).

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota};
use prevent_referral::receiving::{ApiCode, API_LIMITS};

use super::error::ApiError;

/// The most bytes of request line and headers accepted (spec §2).
pub const MAX_HEADER_BYTES: usize = API_LIMITS.max_header_bytes;
/// The most header fields accepted.
pub const MAX_HEADERS: usize = API_LIMITS.max_headers;

/// The connection's peer address, put on each request by the server loop.
#[derive(Debug, Clone, Copy)]
pub struct ClientAddr(pub SocketAddr);

/// Intake requests per minute per client address.
pub struct RateLimiter {
    limiter: DefaultKeyedRateLimiter<IpAddr>,
    clock: DefaultClock,
}

impl RateLimiter {
    /// A limiter allowing `n` requests a minute per address (bursts up to `n`); `None` for 0.
    pub fn per_minute(n: u32) -> Option<RateLimiter> {
        let n = NonZeroU32::new(n)?;
        Some(RateLimiter {
            limiter: DefaultKeyedRateLimiter::keyed(Quota::per_minute(n)),
            clock: DefaultClock::default(),
        })
    }

    /// `Err(seconds to wait)` when `ip` has used up its allowance.
    pub fn check(&self, ip: IpAddr) -> Result<(), u64> {
        self.limiter
            .check_key(&ip)
            .map_err(|not_until| whole_seconds(not_until.wait_time_from(self.clock.now())))
    }

    /// Forgets addresses whose allowance is full again.
    pub fn tidy(&self) {
        self.limiter.retain_recent();
        self.limiter.shrink_to_fit();
    }
}

/// Failed sign-ins (a bad or revoked team token) per minute per client address. Once an
/// address has used up its allowance it is refused for a minute before any token it sends
/// is looked at, so that guessing gets no further by being fast.
pub struct SignInLimiter {
    failures: RateLimiter,
    refused_until: Mutex<HashMap<IpAddr, Instant>>,
}

/// How long an address that used up its failed sign-ins is refused.
const SIGN_IN_REFUSAL: Duration = Duration::from_secs(60);

impl SignInLimiter {
    /// A limiter allowing `n` failures a minute per address; `None` for 0.
    pub fn per_minute(n: u32) -> Option<SignInLimiter> {
        Some(SignInLimiter {
            failures: RateLimiter::per_minute(n)?,
            refused_until: Mutex::new(HashMap::new()),
        })
    }

    /// `Err(seconds to wait)` while `ip` is refused.
    pub fn refused(&self, ip: IpAddr) -> Result<(), u64> {
        let map = self.refused_until.lock().unwrap_or_else(|e| e.into_inner());
        match map.get(&ip) {
            Some(until) => {
                let left = until.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    Ok(())
                } else {
                    Err(whole_seconds(left))
                }
            }
            None => Ok(()),
        }
    }

    /// Counts a failure of `ip`: `Err(seconds)` when it was one too many, and the address
    /// is now refused for a minute.
    pub fn failed(&self, ip: IpAddr) -> Result<(), u64> {
        if self.failures.check(ip).is_ok() {
            return Ok(());
        }
        let mut map = self.refused_until.lock().unwrap_or_else(|e| e.into_inner());
        map.insert(ip, Instant::now() + SIGN_IN_REFUSAL);
        Err(SIGN_IN_REFUSAL.as_secs())
    }

    /// Forgets addresses no longer refused and whose allowance is full again.
    pub fn tidy(&self) {
        self.failures.tidy();
        let now = Instant::now();
        let mut map = self.refused_until.lock().unwrap_or_else(|e| e.into_inner());
        map.retain(|_, until| *until > now);
    }
}

/// A wait in whole seconds, rounded up (what `Retry-After` says).
fn whole_seconds(wait: Duration) -> u64 {
    wait.as_secs() + u64::from(wait.subsec_nanos() > 0)
}

/// 429 `rate_limited` with `Retry-After: seconds`.
pub(super) fn rate_limited(seconds: u64) -> ApiError {
    let mut e = ApiError::new(ApiCode::RateLimited);
    e.retry_after = Some(seconds.max(1));
    e
}

impl super::AppState {
    /// Checks the intake rate of the request's client.
    pub(crate) fn check_rate(
        &self,
        headers: &axum::http::HeaderMap,
        peer: Option<SocketAddr>,
    ) -> Result<(), ApiError> {
        let Some(limiter) = &self.inner.limiter else {
            return Ok(());
        };
        let ip = super::client_ip(headers, peer, self.inner.trusted_proxy);
        limiter.check(ip).map_err(rate_limited)
    }
}

/// 431 `headers_too_large` when the request line and headers exceed [`MAX_HEADER_BYTES`] or
/// [`MAX_HEADERS`] fields.
/// (Beyond what the connection reads at all, hyper answers a bare 431 itself.)
pub async fn header_limits(request: Request, next: Next) -> Response {
    let headers = request.headers();
    let line = request.method().as_str().len() + request.uri().to_string().len() + 12;
    let size: usize = line
        + headers
            .iter()
            .map(|(name, value)| name.as_str().len() + value.len() + 4)
            .sum::<usize>();
    if size > MAX_HEADER_BYTES || headers.len() > MAX_HEADERS {
        return ApiError::new(ApiCode::HeadersTooLarge).into_response();
    }
    next.run(request).await
}
