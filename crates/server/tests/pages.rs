//! The Prevent team's pages (`/team/`, issue 9): a page without a live session redirects to
//! sign in (an expired or ended session too); the session cookie is set for the API and the
//! pages, `HttpOnly; SameSite=Strict`; signing out ends it for both; a change with the cookie
//! from another origin is refused; the referrer's status page is served to anyone.

mod common;

use axum::body::Body;
use axum::http::Request;
use common::*;
use prevent_referral_server::api::Options;

async fn server() -> Server {
    Server::start_with(Options {
        rate_limit: 0,
        www: repo().join("www"),
        ..Options::default()
    })
    .await
}

/// Signs in with the team token; the `Set-Cookie` values.
async fn sign_in(s: &Server, token: &str) -> Vec<String> {
    let r = s
        .send(
            Request::builder()
                .method("POST")
                .uri("/v1/team/session")
                .header("authorization", format!("Bearer {token}"))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, 201);
    r.headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect()
}

fn pair(set_cookie: &str) -> String {
    set_cookie.split(';').next().unwrap().to_owned()
}

const PAGES: &[&str] = &[
    "/team/",
    "/team",
    "/team/index.html",
    "/team/referral/",
    "/team/print/",
    "/team/export/",
    "/team/indicators/",
    "/team/audit/",
];

#[tokio::test]
async fn team_pages_redirect_to_sign_in_without_a_live_session() {
    let s = server().await;
    for path in PAGES {
        let r = s.get(path, &[]).await;
        assert_eq!(r.status, 303, "{path}");
        assert_eq!(r.header("location").as_deref(), Some("/team/sign-in/"));
        assert_eq!(r.header("cache-control").as_deref(), Some("no-store"));
        assert!(r.body.is_empty(), "{path}: nothing of the page");
        // A cookie that is no session is no better.
        let forged = s.get(path, &[("cookie", "prs_session=prs_made-up")]).await;
        assert_eq!(forged.status, 303, "{path}");
    }
    // Only the language is carried over to the sign-in page.
    let cy = s.get("/team/export/?lang=cy", &[]).await;
    assert_eq!(
        cy.header("location").as_deref(),
        Some("/team/sign-in/?lang=cy")
    );
    let other = s.get("/team/?next=https://evil.example", &[]).await;
    assert_eq!(other.header("location").as_deref(), Some("/team/sign-in/"));
    // The sign-in page and the pages' script and style are open to all.
    for path in [
        "/team/sign-in/",
        "/team/team.js",
        "/team/team.css",
        "/team/chart.js",
    ] {
        assert_eq!(s.get(path, &[]).await.status, 200, "{path}");
    }
    // So is the referrer's status page (its secret is in the fragment, which never arrives).
    let status = s.get("/status/", &[]).await;
    assert_eq!(status.status, 200);
    assert!(status.text().contains("<prevent-referral-status"));
    assert!(status
        .header("content-security-policy")
        .is_some_and(|c| c.contains("script-src 'self'")));
}

#[tokio::test]
async fn a_session_opens_the_pages_until_it_expires_or_ends() {
    let s = server().await;
    let token = s.team_token("Dana Officer").await;
    let cookies = sign_in(&s, &token).await;
    assert_eq!(cookies.len(), 2, "{cookies:?}");
    for c in &cookies {
        assert!(
            c.contains("HttpOnly") && c.contains("SameSite=Strict"),
            "{c}"
        );
        assert!(!c.contains("Secure"), "not over TLS here");
    }
    assert!(cookies.iter().any(|c| c.contains("Path=/v1/team;")));
    assert!(cookies.iter().any(|c| c.contains("Path=/team;")));
    assert_eq!(pair(&cookies[0]), pair(&cookies[1]), "one session");
    let cookie = pair(&cookies[0]);
    for path in PAGES
        .iter()
        .filter(|p| p.ends_with('/') || p.ends_with(".html"))
    {
        let r = s.get(path, &[("cookie", &cookie)]).await;
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("cache-control").as_deref(), Some("no-store"));
        assert!(r.text().contains("/team/team.js"));
    }
    // Eight hours on, the session has expired: the pages and the API say so.
    s.advance(8 * HOUR + 1);
    assert_eq!(s.get("/team/", &[("cookie", &cookie)]).await.status, 303);
    assert_eq!(
        s.get("/v1/team/referrals", &[("cookie", &cookie)])
            .await
            .status,
        401
    );

    // Signing out (from our own page) ends the session for the pages too.
    let cookies = sign_in(&s, &token).await;
    let cookie = pair(&cookies[0]);
    let out = |origin: &str| {
        Request::builder()
            .method("DELETE")
            .uri("/v1/team/session")
            .header("cookie", &cookie)
            .header("host", "team.example")
            .header("origin", origin)
            .body(Body::empty())
            .unwrap()
    };
    let refused = s.send(out("https://evil.example")).await;
    assert_eq!(refused.status, 403);
    assert_eq!(refused.error_code(), "forbidden_origin");
    assert_eq!(s.get("/team/", &[("cookie", &cookie)]).await.status, 200);
    let r = s.send(out("http://team.example")).await;
    assert_eq!(r.status, 204);
    let cleared: Vec<String> = r
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect();
    assert_eq!(cleared.len(), 2);
    assert!(cleared.iter().all(|c| c.contains("Max-Age=0")));
    assert_eq!(s.get("/team/", &[("cookie", &cookie)]).await.status, 303);
}

#[tokio::test]
async fn a_sign_in_from_another_site_is_refused() {
    let s = server().await;
    let token = s.team_token("Dana Officer").await;
    let start = |origin: Option<&str>| {
        let mut b = Request::builder()
            .method("POST")
            .uri("/v1/team/session")
            .header("host", "team.example")
            .header("authorization", format!("Bearer {token}"));
        if let Some(o) = origin {
            b = b.header("origin", o);
        }
        b.body(Body::empty()).unwrap()
    };
    for foreign in [
        "https://evil.example",
        "null",
        "http://team.example.evil.example",
    ] {
        let r = s.send(start(Some(foreign))).await;
        assert_eq!(r.status, 403, "{foreign}");
        assert_eq!(r.error_code(), "forbidden_origin");
        assert!(r.header("set-cookie").is_none());
    }
    // Our own page, and a client that is not a browser (no Origin), get a session.
    assert_eq!(s.send(start(Some("http://team.example"))).await.status, 201);
    assert_eq!(s.send(start(None)).await.status, 201);
}
