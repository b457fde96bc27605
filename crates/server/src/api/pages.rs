//! The Prevent team's pages (`/team/`, static files from `www/team/`): every page but the
//! sign-in page needs a live session, else the answer is a redirect to sign in. The pages
//! read and change everything through the team API, which checks the session again (and
//! `Origin` on every change); this guard only keeps a signed-out browser from a page shell.
//!
//! The static files are found by the path percent-decoded, with empty and `.` segments
//! skipped; so the guard reads the path the same way, and a team page is served only under
//! its one canonical spelling (`/team/…`): any other spelling that reaches the team's files
//! (`/%74eam/`, `//team/`, `/team//audit/`, `/TEAM/`…) is 404. Every answer under `/team` is
//! `Cache-Control: no-store`.

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::auth::{cookie, SESSION_COOKIE};
use super::AppState;
use crate::crypto::token_hash;

/// The sign-in page, the one team page open without a session.
pub const SIGN_IN: &str = "/team/sign-in/";

/// How a request's path stands to the team's pages.
#[derive(Debug, PartialEq, Eq)]
enum TeamPath {
    /// Not under `/team`, however spelled.
    Elsewhere,
    /// Under `/team`, spelled canonically.
    Canonical,
    /// A path the static files would find under `/team`, spelled otherwise.
    OtherSpelling,
}

/// Reads `raw` (a request's path, undecoded) as the static files do: percent-decoded,
/// empty and `.` segments skipped.
fn team_path(raw: &str) -> TeamPath {
    let decoded = percent_encoding::percent_decode_str(raw).decode_utf8_lossy();
    let mut segments = decoded.split('/').filter(|s| !s.is_empty() && *s != ".");
    let Some(first) = segments.next() else {
        return TeamPath::Elsewhere;
    };
    if !first.eq_ignore_ascii_case("team") {
        return TeamPath::Elsewhere;
    }
    let mut canonical = String::from("/team");
    for segment in segments {
        canonical.push('/');
        canonical.push_str(segment);
    }
    if decoded.ends_with('/') {
        canonical.push('/');
    }
    let dot_dot = decoded.split('/').any(|s| s == "..");
    if raw == canonical && !dot_dot {
        TeamPath::Canonical
    } else {
        TeamPath::OtherSpelling
    }
}

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

/// Middleware on the static files: a team page spelled otherwise than canonically → `404`;
/// a team page without a live session → `303` to sign in (keeping only a `lang=cy|en`
/// query); nothing under `/team` is ever cached.
pub(super) async fn team_pages(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path();
    let mut response = match team_path(path) {
        TeamPath::Elsewhere => return next.run(request).await,
        TeamPath::OtherSpelling => StatusCode::NOT_FOUND.into_response(),
        TeamPath::Canonical if needs_session(path) => guarded(&state, request, next).await,
        TeamPath::Canonical => next.run(request).await,
    };
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// A team page that needs a session: shown with a live one, else `303` to sign in.
async fn guarded(state: &AppState, request: Request, next: Next) -> Response {
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
    if live {
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
    }
}

#[cfg(test)]
mod tests {
    use super::{needs_session, team_path, TeamPath};

    #[test]
    fn a_team_page_has_one_spelling_and_every_other_is_told_apart() {
        for p in [
            "/team",
            "/team/",
            "/team/audit/",
            "/team/audit/index.html",
            "/team/team.js",
        ] {
            assert_eq!(team_path(p), TeamPath::Canonical, "{p}");
        }
        for p in [
            "/%74eam/",
            "//team/audit/index.html",
            "/team//",
            "/team/./audit/",
            "/./team/",
            "/%2Fteam/",
            "/team%2Faudit",
            "/TEAM/",
            "/team/sign-in/../audit/",
            "/team/audit/index.htm%6c",
        ] {
            assert_eq!(team_path(p), TeamPath::OtherSpelling, "{p}");
        }
        for p in ["/", "/teams/", "/status/", "/pkg/team/", "//", "/%74eams/"] {
            assert_eq!(team_path(p), TeamPath::Elsewhere, "{p}");
        }
    }

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
