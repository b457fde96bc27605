//! The connection loop: hyper's HTTP/1 connections under a bound, with a header read time
//! limit (which also ends idle keep-alive connections), a write time limit (a client that
//! stops reading is cut off), and accept errors (running out of file descriptors) waited out
//! instead of ending the process.

use std::future::Future;
use std::sync::Arc;
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
