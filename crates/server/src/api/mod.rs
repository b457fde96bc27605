//! The HTTP interface: routes of the receiving API v1, the static form page, and the
//! middleware every request passes (request log, header limits, time limit, security
//! headers, CORS for the public routes).

mod audit;
mod auth;
pub mod error;
mod export;
mod indicators;
mod intake;
pub mod json_out;
mod limits;
mod pages;
mod query;
mod status;
mod team;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, on, MethodFilter, MethodRouter};
use axum::Router;
use prevent_referral::receiving::routes::{self, Access, Endpoint, Route, ROUTES};
use tower::Layer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::clock::Clock;
use crate::crypto::Vault;
use crate::store::Store;
use error::ApiError;
pub use limits::{ClientAddr, RateLimiter, SignInLimiter, MAX_HEADERS, MAX_HEADER_BYTES};
use prevent_referral::receiving::{ApiCode, API_LIMITS};

/// The largest request body accepted.
pub const MAX_BODY: usize = API_LIMITS.max_body_bytes;
/// The most time a request body may take to arrive.
pub const BODY_TIMEOUT: Duration = Duration::from_secs(API_LIMITS.body_timeout_secs);
/// The most time a whole request may take.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(API_LIMITS.request_timeout_secs);

/// The Content-Security-Policy of every answer (the form page needs wasm, nothing else).
const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
img-src 'self'; font-src 'self'; connect-src 'self'; form-action 'self'; \
frame-ancestors 'none'; base-uri 'none'";

/// How the HTTP side is set up.
#[derive(Debug, Clone)]
pub struct Options {
    /// The form page's folder.
    pub www: PathBuf,
    /// The npm package folder served at `/pkg/`.
    pub pkg: PathBuf,
    /// GOV.UK Frontend's `dist/govuk`, served at `/govuk/` and `/assets/`.
    pub govuk: PathBuf,
    /// Origins allowed to call intake and status from a browser (`*` for any).
    pub allow_origins: Vec<String>,
    /// Intake requests per minute per client address; 0 = no limit.
    pub rate_limit: u32,
    /// Take the client address from `X-Forwarded-For`, and TLS from `X-Forwarded-Proto`.
    pub trusted_proxy: bool,
    /// Failed sign-ins per minute per client address before it is refused for a minute;
    /// 0 = no limit.
    pub sign_in_failures: u32,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            www: PathBuf::from("www"),
            pkg: PathBuf::from("pkg"),
            govuk: PathBuf::from("tools/node_modules/govuk-frontend/dist/govuk"),
            allow_origins: Vec::new(),
            rate_limit: API_LIMITS.default_rate_limit,
            trusted_proxy: false,
            sign_in_failures: API_LIMITS.sign_in_failures_per_minute,
        }
    }
}

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    store: Arc<dyn Store>,
    vault: Vault,
    clock: Clock,
    limiter: Option<RateLimiter>,
    sign_in: Option<SignInLimiter>,
    trusted_proxy: bool,
    /// Permits of the heavy team requests (export, indicators) served at once.
    heavy: Arc<tokio::sync::Semaphore>,
}

impl AppState {
    /// The state of a server over `store`, with the key's `vault` and a `clock`.
    pub fn new(store: Arc<dyn Store>, vault: Vault, clock: Clock, options: &Options) -> AppState {
        AppState {
            inner: Arc::new(Inner {
                store,
                vault,
                clock,
                limiter: RateLimiter::per_minute(options.rate_limit),
                sign_in: SignInLimiter::per_minute(options.sign_in_failures),
                trusted_proxy: options.trusted_proxy,
                heavy: Arc::new(tokio::sync::Semaphore::new(API_LIMITS.max_heavy_requests)),
            }),
        }
    }

    pub(crate) fn store(&self) -> &dyn Store {
        self.inner.store.as_ref()
    }

    pub(crate) fn vault(&self) -> &Vault {
        &self.inner.vault
    }

    /// A permit to serve a heavy team request (export, indicators), held until its answer
    /// is sent; when all are taken, 503 `unavailable` with `Retry-After` (the request is not
    /// queued, so it never waits in front of intake or status).
    pub(crate) fn heavy_permit(&self) -> Result<tokio::sync::OwnedSemaphorePermit, ApiError> {
        self.inner.heavy.clone().try_acquire_owned().map_err(|_| {
            tracing::warn!(
                "heavy team request refused: {} already running",
                API_LIMITS.max_heavy_requests
            );
            ApiError::unavailable()
        })
    }

    pub(crate) fn now(&self) -> i64 {
        (self.inner.clock)()
    }

    /// Forgets rate-limit state of clients not seen lately (call now and then).
    pub fn tidy(&self) {
        if let Some(limiter) = &self.inner.limiter {
            limiter.tidy();
        }
        if let Some(sign_in) = &self.inner.sign_in {
            sign_in.tidy();
        }
    }

    /// The failed sign-ins limiter, unless the operator turned it off.
    pub(crate) fn sign_in(&self) -> Option<&SignInLimiter> {
        self.inner.sign_in.as_ref()
    }

    /// Whether `X-Forwarded-For` names the client.
    pub(crate) fn trusted_proxy(&self) -> bool {
        self.inner.trusted_proxy
    }
}

/// The route a request matched, for the log (never the raw path: it may hold an id).
#[derive(Clone)]
struct RouteName(String);

/// The handler of each endpoint of the route table, for the table's method.
fn handler(route: &Route) -> MethodRouter<AppState> {
    let method = match route.method {
        routes::Method::Get => MethodFilter::GET,
        routes::Method::Post => MethodFilter::POST,
        routes::Method::Delete => MethodFilter::DELETE,
    };
    match route.endpoint {
        Endpoint::SendReferral => on(method, intake::intake),
        Endpoint::ReferralStatus => on(method, status::status),
        Endpoint::ListReferrals => on(method, team::list),
        Endpoint::GetReferral => on(method, team::get_one),
        Endpoint::AddFeedback => on(method, team::add_feedback),
        Endpoint::ExportReferrals => on(method, export::export),
        Endpoint::Indicators => on(method, indicators::indicators),
        Endpoint::AuditLog => on(method, team::audit),
        Endpoint::StartSession => on(method, team::start_session),
        Endpoint::EndSession => on(method, team::end_session),
        Endpoint::Health => on(method, health),
    }
}

/// The whole service: API routes (from the route table), static files and middleware.
pub fn router(state: AppState, options: &Options) -> Router {
    let cors = cors_layer(&options.allow_origins);
    let mut api = Router::new();
    for route in ROUTES {
        let endpoint = handler(route);
        api = match route.access {
            // A public route is wrapped whole in CORS (so that it answers OPTIONS before the
            // method routing does).
            Access::Public => api.route_service(
                route.path,
                cors.clone().layer(
                    endpoint
                        .fallback(method_not_allowed)
                        .with_state(state.clone()),
                ),
            ),
            // A team route gets no CORS, and the audit layer: it is recorded before it is answered.
            Access::Team(audit) => api.route(
                route.path,
                endpoint.route_layer(middleware::from_fn_with_state(
                    audit::Audited {
                        state: state.clone(),
                        endpoint: route.endpoint,
                        audit,
                    },
                    audit::record_then_run,
                )),
            ),
            Access::Operator => api.route(route.path, endpoint),
        };
    }
    let api = api
        .route("/v1", get(no_such_endpoint))
        .route("/v1/{*rest}", axum::routing::any(no_such_endpoint))
        .method_not_allowed_fallback(method_not_allowed)
        .route_layer(middleware::from_fn(tag_route))
        .with_state(state.clone());

    let static_files = Router::new()
        .nest_service("/pkg", ServeDir::new(&options.pkg))
        .nest_service("/govuk", ServeDir::new(&options.govuk))
        .nest_service("/assets", ServeDir::new(options.govuk.join("assets")))
        .fallback_service(ServeDir::new(&options.www))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-cache"),
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            pages::team_pages,
        ));

    api.merge(static_files)
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(middleware::from_fn(time_limit))
        .layer(middleware::from_fn(limits::header_limits))
        .layer(middleware::from_fn(log_request))
}

fn cors_layer(origins: &[String]) -> CorsLayer {
    let allow = if origins.iter().any(|o| o == "*") {
        AllowOrigin::any()
    } else {
        AllowOrigin::list(
            origins
                .iter()
                .filter_map(|o| HeaderValue::from_str(o.trim_end_matches('/')).ok()),
        )
    };
    CorsLayer::new()
        .allow_origin(allow)
        .allow_methods([Method::POST, Method::GET])
        .allow_headers([header::CONTENT_TYPE, header::AUTHORIZATION])
        .max_age(Duration::from_secs(API_LIMITS.preflight_max_age_secs))
}

async fn tag_route(request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_owned());
    let mut response = next.run(request).await;
    if let Some(route) = route {
        response.extensions_mut().insert(RouteName(route));
    }
    response
}

/// One line per request on standard error: method, matched route, status, latency. Never
/// the raw path, a query, a body, a name or a token.
async fn log_request(request: Request, next: Next) -> Response {
    let start = Instant::now();
    let method = request.method().clone();
    let response = next.run(request).await;
    let route = response
        .extensions()
        .get::<RouteName>()
        .map_or("(static)", |r| r.0.as_str());
    tracing::info!(
        target: "request",
        method = %method,
        route,
        status = response.status().as_u16(),
        latency_ms = format_args!("{:.1}", start.elapsed().as_secs_f64() * 1000.0),
    );
    response
}

/// Every request has a time limit (slow bodies included).
async fn time_limit(request: Request, next: Next) -> Response {
    match tokio::time::timeout(REQUEST_TIMEOUT, next.run(request)).await {
        Ok(response) => response,
        Err(_) => ApiError::timeout().into_response(),
    }
}

/// `GET /healthz`: 200 when the store takes a write now, else 503.
async fn health(State(state): State<AppState>) -> Response {
    match state.store().health_check(state.now()).await {
        Ok(()) => json_out::respond(
            StatusCode::OK,
            &json_out::object([("status", json_out::text("ok"))]),
        ),
        Err(e) => ApiError::from(e).into_response(),
    }
}

async fn no_such_endpoint() -> ApiError {
    ApiError::with_message(
        ApiCode::NotFound,
        "There is no such endpoint in the receiving API v1.",
    )
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(ApiCode::MethodNotAllowed)
}

/// The client's address as the service sees it: the connection's peer, or with a trusted
/// proxy the last address the proxy appended to `X-Forwarded-For`.
pub(crate) fn client_ip(
    headers: &axum::http::HeaderMap,
    peer: Option<SocketAddr>,
    trusted_proxy: bool,
) -> std::net::IpAddr {
    let from_peer = peer.map_or(std::net::IpAddr::from([127, 0, 0, 1]), |a| a.ip());
    if !trusted_proxy {
        return from_peer;
    }
    static XFF: HeaderName = HeaderName::from_static("x-forwarded-for");
    headers
        .get_all(&XFF)
        .iter()
        .next_back()
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.rsplit(',').next())
        .and_then(|ip| ip.trim().parse().ok())
        .unwrap_or(from_peer)
}
