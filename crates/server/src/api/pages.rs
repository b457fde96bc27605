//! The Prevent team's pages (`/team/`, static files from `www/team/`): every page but the
//! sign-in page needs a live session, else the answer is a redirect to sign in. The pages
//! read and change everything through the team API, which checks the session again (and
//! `Origin` on every change); this guard only keeps a signed-out browser from a page shell.

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::auth::{cookie, SESSION_COOKIE};
use super::AppState;
use crate::crypto::token_hash;

/// The sign-in page, the one team page open without a session.
pub const SIGN_IN: &str = "/team/sign-in/";

/// Whether `path` is a team page that needs a session (the pages' script and style sheet,
/// and the sign-in page, do not).
fn needs_session(path: &str) -> bool {
    let team = path == "/team" || path.starts_with("/team/");
    let open = path.starts_with("/team/sign-in")
        || path.ends_with(".js")
        || path.ends_with(".css")
        || path.ends_with(".svg");
    team && !open
}

/// Middleware on the static files: a team page without a live session → `303` to sign in
/// (keeping only a `lang=cy|en` query); team pages are never cached.
pub(super) async fn team_pages(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path();
    if !needs_session(path) {
        return next.run(request).await;
    }
    let live = match cookie(request.headers(), SESSION_COOKIE) {
        Some(session) => matches!(
            state
                .store()
                .member_by_session(&token_hash(session), state.now())
                .await,
            Ok(Some(_))
        ),
        None => false,
    };
    let mut response = if live {
        next.run(request).await
    } else {
        let lang = match request.uri().query() {
            Some(q @ ("lang=cy" | "lang=en")) => format!("?{q}"),
            _ => String::new(),
        };
        (
            StatusCode::SEE_OTHER,
            [(header::LOCATION, format!("{SIGN_IN}{lang}"))],
        )
            .into_response()
    };
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[cfg(test)]
mod tests {
    use super::needs_session;

    #[test]
    fn every_team_page_but_sign_in_needs_a_session() {
        for p in [
            "/team",
            "/team/",
            "/team/index.html",
            "/team/referral/",
            "/team/export/",
        ] {
            assert!(needs_session(p), "{p}");
        }
        for p in [
            "/team/sign-in/",
            "/team/team.js",
            "/team/team.css",
            "/status/",
            "/teams/",
            "/",
        ] {
            assert!(!needs_session(p), "{p}");
        }
    }
}
