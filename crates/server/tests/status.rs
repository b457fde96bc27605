//! Spec §3: the referrer's status, with the status token.

mod common;

use common::*;
use serde_json::Value;

#[tokio::test]
async fn status_with_the_token_lists_feedback_oldest_first() {
    let s = Server::start().await;
    let receipt = s.submit(&example("full-referral.json")).await.json();
    let id = receipt["referral_id"].as_str().unwrap();
    let token = receipt["status_token"].as_str().unwrap();
    let team = s.team_token("Case officer").await;
    s.advance(2 * HOUR);
    let r = s
        .team_feedback(
            &team,
            id,
            &serde_json::json!({"status": "under_assessment", "message": "We are assessing it."}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let auth = format!("Bearer {token}");
    // The id in another case finds the same referral.
    let status = s
        .get(
            &format!("/v1/referrals/{}/feedback", id.to_ascii_uppercase()),
            &[("authorization", &auth)],
        )
        .await;
    assert_eq!(status.status, 200, "{}", status.text());
    let body = status.json();
    assert_eq!(body["reference"], receipt["reference"]);
    assert_eq!(body["referral_id"], id);
    let feedback = body["feedback"].as_array().unwrap();
    assert_eq!(feedback.len(), 2);
    assert_eq!(feedback[0], receipt["feedback"]);
    assert_eq!(feedback[1]["status"], "under_assessment");
    assert_eq!(feedback[1]["updated_at"], "2026-11-25T14:00:00Z");
    assert_eq!(feedback[1]["message"], "We are assessing it.");
    let keys: Vec<&String> = body.as_object().unwrap().keys().collect();
    assert_eq!(keys.len(), 3, "no personal data beyond feedback: {keys:?}");
}

#[tokio::test]
async fn unknown_id_and_wrong_token_get_the_same_404() {
    let s = Server::start().await;
    let receipt = s.submit(&example("full-referral.json")).await.json();
    let id = receipt["referral_id"].as_str().unwrap();
    let token = receipt["status_token"].as_str().unwrap();
    let other = s.submit(&referral(&id_of(7))).await.json();
    let other_token = other["status_token"].as_str().unwrap();

    let ask = |path: String, auth: Option<String>| {
        let s = &s;
        async move {
            let headers: Vec<(&str, &str)> = match &auth {
                Some(a) => vec![("authorization", a.as_str())],
                None => vec![],
            };
            s.get(&path, &headers).await
        }
    };
    let wrong_token = ask(
        format!("/v1/referrals/{id}/feedback"),
        Some(format!("Bearer {other_token}")),
    )
    .await;
    let no_token = ask(format!("/v1/referrals/{id}/feedback"), None).await;
    let garbage = ask(
        format!("/v1/referrals/{id}/feedback"),
        Some("Bearer x".into()),
    )
    .await;
    let unknown = ask(
        "/v1/referrals/11111111-2222-4333-8444-555555555555/feedback".into(),
        Some(format!("Bearer {token}")),
    )
    .await;
    let not_an_id = ask(
        "/v1/referrals/not-an-id/feedback".into(),
        Some(format!("Bearer {token}")),
    )
    .await;
    for r in [&wrong_token, &no_token, &garbage, &unknown, &not_an_id] {
        assert_eq!(r.status, 404);
        assert_eq!(r.body, unknown.body, "the same body, whatever the reason");
        assert_eq!(r.error_code(), "not_found");
    }
    let good = ask(
        format!("/v1/referrals/{id}/feedback"),
        Some(format!("Bearer {token}")),
    )
    .await;
    assert_eq!(good.status, 200);
}

fn id_of(n: u32) -> String {
    id(n)
}

#[tokio::test]
async fn healthz_answers_ok_after_a_write() {
    let s = Server::start().await;
    let r = s.get("/healthz", &[]).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json(), serde_json::json!({"status": "ok"}));
}

#[tokio::test]
async fn unknown_api_paths_and_methods_get_json_errors() {
    let s = Server::start().await;
    let r = s.get("/v1/nothing/here", &[]).await;
    assert_eq!(r.status, 404);
    assert_eq!(r.error_code(), "not_found");
    let r = s.get("/v1/referrals", &[]).await;
    assert_eq!(r.status, 405);
    assert_eq!(r.error_code(), "method_not_allowed");
    let r = s.post_json("/v1/team/referrals", &Value::Null, &[]).await;
    assert_eq!(r.status, 405);
}

#[tokio::test]
async fn static_files_carry_the_security_headers_and_refuse_traversal() {
    let s = Server::start_with(prevent_referral_server::api::Options {
        www: repo().join("www"),
        pkg: repo().join("www"),
        govuk: repo().join("www"),
        rate_limit: 0,
        ..Default::default()
    })
    .await;
    let page = s.get("/", &[]).await;
    assert_eq!(page.status, 200);
    assert!(page
        .header("content-type")
        .unwrap()
        .starts_with("text/html"));
    assert!(page
        .header("content-security-policy")
        .unwrap()
        .contains("default-src 'self'"));
    assert_eq!(
        page.header("x-content-type-options").as_deref(),
        Some("nosniff")
    );
    assert_eq!(
        page.header("referrer-policy").as_deref(),
        Some("no-referrer")
    );
    for bad in [
        "/../Cargo.toml",
        "/pkg/../../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/pkg/%2e%2e/%2e%2e/Cargo.toml",
    ] {
        let r = s.get(bad, &[]).await;
        assert!(r.status == 404 || r.status == 400, "{bad}: {}", r.status);
        assert!(!r.text().contains("[workspace]"), "{bad}");
    }
}
