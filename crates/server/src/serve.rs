//! The connection loop: hyper's HTTP/1 connections under a bound, and under a bound per
//! client address (a connection beyond it is closed at once, so one address cannot hold
//! every connection and keep other clients waiting), with a header read time limit (which
//! also ends idle keep-alive connections), a write time limit (a client that stops reading
//! is cut off), and accept errors (running out of file descriptors) waited out instead of
//! ending the process.

use std::collections::HashMap;
use std::future::Future;
use std::net::{IpAddr, Ipv6Addr};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use prevent_referral::receiving::API_LIMITS;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tokio_io_timeout::TimeoutStream;
use tower::ServiceExt;

use crate::api::ClientAddr;

/// Connection limits. The header read time is the API's (`API_LIMITS`, documented); the
/// others are the operator's capacity and shutdown settings, which no request can observe
/// beyond waiting in the listen queue or being cut off when it stops reading.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Open connections at most; further clients wait in the listen queue.
    pub max_connections: usize,
    /// Open connections one client address may hold; a connection beyond is closed at once.
    /// 0: no cap (behind a proxy every connection comes from the proxy's address).
    pub max_connections_per_client: usize,
    /// Time allowed to send a request's headers, and to stay idle between requests.
    pub header_read_timeout: Duration,
    /// Time a write to the client may make no progress (a client that stops reading its
    /// answers is cut off instead of holding the connection for ever).
    pub write_timeout: Duration,
    /// Time allowed for open connections to finish after a shutdown signal.
    pub shutdown_grace: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_connections: 512,
            max_connections_per_client: API_LIMITS.max_connections_per_client,
            header_read_timeout: Duration::from_secs(API_LIMITS.header_read_timeout_secs),
            write_timeout: Duration::from_secs(20),
            shutdown_grace: Duration::from_secs(10),
        }
    }
}

/// hyper's own limits, above the service's (`API_LIMITS`, which answer 431 in JSON): beyond
/// these hyper answers a bare 431 and closes the connection without reading further. Internal:
/// the answer is a 431 either way; these only bound what is read before the service looks.
const HYPER_MAX_HEADER_BYTES: usize = 64 * 1024;
const HYPER_MAX_HEADERS: usize = 200;

/// Serves `app` on `listener` until `shutdown` completes, then lets open requests finish.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) {
    let permits = Arc::new(Semaphore::new(limits.max_connections));
    let per_client = PerClient::new(limits.max_connections_per_client);
    let mut refused: u64 = 0;
    let graceful = GracefulShutdown::new();
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout)
        .max_header_size(HYPER_MAX_HEADER_BYTES)
        .max_headers(HYPER_MAX_HEADERS)
        .keep_alive(true);
    tokio::pin!(shutdown);
    let mut accept_errors: u64 = 0;
    loop {
        let permit = tokio::select! {
            permit = permits.clone().acquire_owned() => match permit {
                Ok(p) => p,
                Err(_) => break,
            },
            () = &mut shutdown => break,
        };
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut shutdown => break,
        };
        let (stream, peer) = match accepted {
            Ok(pair) => pair,
            Err(e) => {
                // EMFILE, ENFILE, ENOBUFS…: wait for connections to close, never exit.
                accept_errors += 1;
                if accept_errors.is_power_of_two() {
                    tracing::warn!(error = %e, count = accept_errors, "accept failed; waiting");
                }
                drop(permit);
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let Ok(client) = per_client.admit(peer.ip()) else {
            // Over the cap: closed at once, unanswered (cheaper than an answer, and nothing
            // is read from a client that is already holding its share).
            refused += 1;
            if refused.is_power_of_two() {
                tracing::warn!(
                    count = refused,
                    "a client address is at its connection cap; closing its new connections"
                );
            }
            drop(stream);
            drop(permit);
            continue;
        };
        let _ = stream.set_nodelay(true);
        let app = app.clone();
        let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
            request.extensions_mut().insert(ClientAddr(peer));
            app.clone().oneshot(request)
        });
        let mut stream = TimeoutStream::new(stream);
        stream.set_write_timeout(Some(limits.write_timeout));
        let connection = builder.serve_connection(TokioIo::new(Box::pin(stream)), service);
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            // Errors here are the client's (reset, timeout, malformed); nothing to do.
            let _ = connection.await;
            drop(client);
            drop(permit);
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(limits.shutdown_grace) => {
            tracing::warn!("connections still open after the grace period; closing");
        }
    }
}

/// Open connections by client address, under a cap.
struct PerClient {
    cap: usize,
    open: Arc<Mutex<HashMap<IpAddr, usize>>>,
}

/// A client address holds as many connections as it may.
#[derive(Debug)]
struct AtCap;

/// One open connection of a client address; dropping it (the connection ended) frees its
/// place.
struct ClientSlot {
    key: IpAddr,
    open: Arc<Mutex<HashMap<IpAddr, usize>>>,
}

impl PerClient {
    fn new(cap: usize) -> PerClient {
        PerClient {
            cap,
            open: Arc::new(Mutex::new(HashMap::new())),
        }
    }

    /// A place for a new connection from `ip` (none to hold when there is no cap), or
    /// `AtCap`.
    fn admit(&self, ip: IpAddr) -> Result<Option<ClientSlot>, AtCap> {
        if self.cap == 0 {
            return Ok(None);
        }
        let key = client_key(ip);
        let mut open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        let n = open.entry(key).or_insert(0);
        if *n >= self.cap {
            return Err(AtCap);
        }
        *n += 1;
        Ok(Some(ClientSlot {
            key,
            open: self.open.clone(),
        }))
    }
}

impl Drop for ClientSlot {
    fn drop(&mut self) {
        let mut open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(n) = open.get_mut(&self.key) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                open.remove(&self.key);
            }
        }
    }
}

/// The address a client is counted under: IPv4 (an IPv4-mapped IPv6 address too) as it is,
/// IPv6 by its /64 network, which one client usually holds whole.
fn client_key(ip: IpAddr) -> IpAddr {
    match ip.to_canonical() {
        IpAddr::V6(v6) => {
            let bits = u128::from(v6) & !((1u128 << 64) - 1);
            IpAddr::V6(Ipv6Addr::from(bits))
        }
        v4 => v4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_address_is_capped_and_its_places_come_back_when_its_connections_end() {
        let per_client = PerClient::new(2);
        let a: IpAddr = [192, 0, 2, 1].into();
        let b: IpAddr = [192, 0, 2, 2].into();
        let first = per_client.admit(a);
        let second = per_client.admit(a);
        assert!(matches!(first, Ok(Some(_))) && matches!(second, Ok(Some(_))));
        assert!(per_client.admit(a).is_err(), "a third from one address");
        assert!(
            matches!(per_client.admit(b), Ok(Some(_))),
            "another address"
        );
        drop(first);
        assert!(matches!(per_client.admit(a), Ok(Some(_))), "a place freed");
        assert!(matches!(PerClient::new(0).admit(a), Ok(None)), "no cap");
    }

    #[test]
    fn ipv6_clients_are_counted_by_their_64_network_and_mapped_ipv4_as_ipv4() {
        let one: IpAddr = "2001:db8:1:2:aaaa::1"
            .parse()
            .unwrap_or(IpAddr::from([0; 4]));
        let two: IpAddr = "2001:db8:1:2:bbbb::9"
            .parse()
            .unwrap_or(IpAddr::from([0; 4]));
        let other: IpAddr = "2001:db8:1:3::1".parse().unwrap_or(IpAddr::from([0; 4]));
        assert_eq!(client_key(one), client_key(two));
        assert_ne!(client_key(one), client_key(other));
        let mapped: IpAddr = "::ffff:192.0.2.7".parse().unwrap_or(IpAddr::from([0; 4]));
        assert_eq!(client_key(mapped), IpAddr::from([192, 0, 2, 7]));
    }
}
