//! Spec §4: the Prevent team's endpoints.

mod common;

use axum::body::Body;
use axum::http::Request;
use common::*;
use prevent_referral::receiving::routes::{Access, Audit, Method, REFERRAL_ID_PARAM, ROUTES};
use prevent_referral_server::store::AuditQuery;
use serde_json::{json, Value};

#[tokio::test]
async fn team_endpoints_need_a_valid_unrevoked_token() {
    let s = Server::start().await;
    let token = s.team_token("Dana Officer").await;
    let paths = [
        "/v1/team/referrals",
        "/v1/team/referrals/c0a8012e-7d4b-4f6a-9e21-3b5c7d9f1a2b",
        "/v1/team/export?format=csv",
        "/v1/team/indicators",
        "/v1/team/audit",
    ];
    for path in paths {
        let none = s.get(path, &[]).await;
        assert_eq!(none.status, 401, "{path}");
        assert_eq!(none.error_code(), "unauthorized");
        let wrong = s.team_get("prt_not-a-real-token", path).await;
        assert_eq!(wrong.status, 401, "{path}");
    }
    assert_eq!(s.team_get(&token, "/v1/team/referrals").await.status, 200);
    let (store, vault) = s.reopen().await;
    prevent_referral_server::admin::revoke(&*store, &vault, "Dana Officer")
        .await
        .unwrap();
    store.close().await;
    for path in paths {
        assert_eq!(
            s.team_get(&token, path).await.status,
            401,
            "revoked: {path}"
        );
    }
    let r = s
        .team_feedback(
            &token,
            "c0a8012e-7d4b-4f6a-9e21-3b5c7d9f1a2b",
            &json!({"status": "closed"}),
        )
        .await;
    assert_eq!(r.status, 401);
}

#[tokio::test]
async fn list_pages_newest_first_with_a_cursor_stable_under_inserts() {
    let s = Server::start().await;
    let token = s.team_token("Lister").await;
    for n in 0..5 {
        assert_eq!(s.submit(&referral(&id(n))).await.status, 201);
        s.advance(1000);
    }
    let page1 = s
        .team_get(&token, "/v1/team/referrals?limit=2")
        .await
        .json();
    let ids = |page: &Value| -> Vec<String> {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["referral_id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(ids(&page1), vec![id(4), id(3)]);
    // New referrals arrive between pages: they do not shift the pages already begun.
    for n in 5..8 {
        s.submit(&referral(&id(n))).await;
    }
    let next = page1["next"].as_str().unwrap();
    let page2 = s
        .team_get(&token, &format!("/v1/team/referrals?limit=2&cursor={next}"))
        .await
        .json();
    assert_eq!(ids(&page2), vec![id(2), id(1)]);
    let next = page2["next"].as_str().unwrap();
    let page3 = s
        .team_get(&token, &format!("/v1/team/referrals?limit=2&cursor={next}"))
        .await
        .json();
    assert_eq!(ids(&page3), vec![id(0)]);
    assert_eq!(page3["next"], Value::Null);

    let item = &page1["items"][0];
    assert_eq!(item["individual_name"], "Jordan Lee Ellis");
    assert_eq!(item["submission_type"], "referral");
    assert_eq!(item["status"], "received");
    assert_eq!(item["sector"], "education");
    assert_eq!(item["immediate_risk"], false);
    assert_eq!(item["received_at"], "2026-11-25T12:00:04Z");
    assert_eq!(item.as_object().unwrap().len(), 8);
}

#[tokio::test]
async fn list_filters_by_status_and_since_and_refuses_bad_parameters() {
    let s = Server::start().await;
    let token = s.team_token("Filterer").await;
    for n in 0..3 {
        s.submit(&referral(&id(n))).await;
        s.advance(DAY);
    }
    s.team_feedback(&token, &id(1), &json!({"status": "under_assessment"}))
        .await;
    let r = s
        .team_get(&token, "/v1/team/referrals?status=under_assessment")
        .await
        .json();
    assert_eq!(r["items"].as_array().unwrap().len(), 1);
    assert_eq!(r["items"][0]["referral_id"], id(1));
    let r = s
        .team_get(&token, "/v1/team/referrals?since=2026-11-26T00:00:00Z")
        .await
        .json();
    assert_eq!(r["items"].as_array().unwrap().len(), 2);
    for bad in [
        "status=lost",
        "since=yesterday",
        "limit=0",
        "limit=201",
        "limit=x",
        "cursor=zzz",
    ] {
        let r = s
            .team_get(&token, &format!("/v1/team/referrals?{bad}"))
            .await;
        assert_eq!(r.status, 400, "{bad}");
        assert_eq!(r.error_code(), "invalid_parameter");
    }
    let name_not_given = s.submit(&example("advice-request.json")).await;
    assert_eq!(name_not_given.status, 201);
}

#[tokio::test]
async fn get_shows_document_and_feedback() {
    let s = Server::start().await;
    let token = s.team_token("Reader").await;
    let doc = example("full-referral.json");
    let receipt = s.submit(&doc).await.json();
    let r = s
        .team_get(
            &token,
            "/v1/team/referrals/C0A8012E-7D4B-4F6A-9E21-3B5C7D9F1A2B",
        )
        .await;
    assert_eq!(r.status, 200);
    let body = r.json();
    assert_eq!(body["reference"], receipt["reference"]);
    assert_eq!(body["status"], "received");
    assert_eq!(body["received_at"], "2026-11-25T12:00:00Z");
    assert_eq!(body["document"]["individual"]["family_name"], "Ellis");
    assert_eq!(body["feedback"][0], receipt["feedback"]);
    let missing = s
        .team_get(&token, &format!("/v1/team/referrals/{}", id(99)))
        .await;
    assert_eq!(missing.status, 404);
}

#[tokio::test]
async fn feedback_is_validated_appended_and_refused_after_closed() {
    let s = Server::start().await;
    let token = s.team_token("Updater").await;
    let receipt = s.submit(&example("full-referral.json")).await.json();
    let id = receipt["referral_id"].as_str().unwrap();

    let bad = s
        .team_feedback(&token, id, &json!({"status": "lost"}))
        .await;
    assert_eq!(bad.status, 422);
    assert_eq!(bad.json()["errors"][0]["path"], "/status");
    let extra = s
        .team_feedback(&token, id, &json!({"status": "closed", "colour": "red"}))
        .await;
    assert_eq!(extra.status, 422);
    assert_eq!(extra.json()["errors"][0]["code"], "unknown_field");
    let welsh = s
        .post_json(
            &format!("/v1/team/referrals/{id}/feedback"),
            &json!({"status": 5}),
            &[
                ("authorization", &format!("Bearer {token}")),
                ("accept-language", "cy"),
            ],
        )
        .await;
    assert_eq!(welsh.status, 422);
    assert_ne!(
        welsh.json()["errors"][0]["message"],
        bad.json()["errors"][0]["message"]
    );
    let no_json = s
        .post_raw(
            &format!("/v1/team/referrals/{id}/feedback"),
            "status=closed",
            &[
                ("authorization", &format!("Bearer {token}")),
                ("content-type", "application/x-www-form-urlencoded"),
            ],
        )
        .await;
    assert_eq!(no_json.status, 415);

    s.advance(3 * HOUR);
    let ok = s
        .team_feedback(
            &token,
            id,
            &json!({"status": "closed", "message": "  No further action needed.  "}),
        )
        .await;
    assert_eq!(ok.status, 201, "{}", ok.text());
    let doc = ok.json();
    assert_eq!(doc["status"], "closed");
    assert_eq!(doc["updated_at"], "2026-11-25T15:00:00Z");
    assert_eq!(doc["referral_id"], id);
    assert_eq!(doc["schema_version"], "1.0");
    let report = prevent_referral::validate_feedback(
        &prevent_referral::parse_str(&doc.to_string()).unwrap(),
        prevent_referral::Lang::En,
    );
    assert!(report.valid, "{:?}", report.errors);

    let after = s
        .team_feedback(&token, id, &json!({"status": "under_assessment"}))
        .await;
    assert_eq!(after.status, 409);
    assert_eq!(after.error_code(), "closed");
    let unknown = s
        .team_feedback(&token, &common::id(5), &json!({"status": "closed"}))
        .await;
    assert_eq!(unknown.status, 404);
    let detail = s
        .team_get(&token, &format!("/v1/team/referrals/{id}"))
        .await
        .json();
    assert_eq!(detail["status"], "closed");
    assert_eq!(detail["feedback"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn every_team_request_is_audited_with_actor_action_and_referral() {
    let s = Server::start().await;
    let token = s.team_token("Alex Auditor").await;
    let id = s.submit_id(&example("full-referral.json")).await;
    s.team_get(&token, "/v1/team/referrals").await;
    s.advance(1000);
    s.team_get(&token, &format!("/v1/team/referrals/{id}"))
        .await;
    s.advance(1000);
    s.team_feedback(&token, &id, &json!({"status": "under_assessment"}))
        .await;
    s.advance(1000);
    s.team_get(&token, "/v1/team/export?format=csv").await;
    s.team_get(&token, "/v1/team/export?format=jsonl").await;
    s.team_get(&token, "/v1/team/indicators").await;
    let audit = s.team_get(&token, "/v1/team/audit").await.json();
    let items = audit["items"].as_array().unwrap();
    let actions: Vec<(&str, Option<&str>)> = items
        .iter()
        .map(|i| (i["action"].as_str().unwrap(), i["referral_id"].as_str()))
        .collect();
    // Newest first; the reading of the log is recorded once it is answered.
    assert_eq!(
        actions,
        vec![
            ("read_indicators", None),
            ("export_jsonl", None),
            ("export_csv", None),
            ("add_feedback", Some(id.as_str())),
            ("get_referral", Some(id.as_str())),
            ("list_referrals", None),
        ]
    );
    assert!(items.iter().all(|i| i["actor"] == "Alex Auditor"));
    assert_eq!(items[5]["at"], "2026-11-25T12:00:00Z");
    assert_eq!(items[4]["at"], "2026-11-25T12:00:01Z");
    let from = s
        .team_get(&token, "/v1/team/audit?from=2026-11-25T12:00:02Z")
        .await
        .json();
    let newest_first: Vec<&str> = from["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["action"].as_str().unwrap())
        .collect();
    assert_eq!(newest_first.last(), Some(&"add_feedback"));
    assert_eq!(newest_first.first(), Some(&"read_audit"));
}

#[tokio::test]
async fn every_team_route_of_the_route_table_records_its_action_by_construction() {
    // Coverage from the route table, not a hand list: each team route is called once, and
    // the audit log then holds one entry per route with the table's action and referral.
    let s = Server::start().await;
    let token = s.team_token("Table Walker").await;
    let id = s.submit_id(&example("full-referral.json")).await;
    let mut expected = Vec::new();
    for route in ROUTES {
        let Access::Team(audit) = route.access else {
            continue;
        };
        let path = route.path.replace(REFERRAL_ID_PARAM, &id);
        let method = route.method.name().to_ascii_uppercase();
        let body = match route.method {
            Method::Post => r#"{"status":"under_assessment"}"#,
            Method::Get | Method::Delete => "",
        };
        let r = s.team_send(&token, &method, &path, body).await;
        assert!(
            !matches!(r.status.as_u16(), 401 | 404 | 405 | 500..),
            "{method} {path}: {}",
            r.status
        );
        let referral = matches!(audit, Audit::Referral(_)).then(|| id.clone());
        expected.push((s.clock_now(), audit.action(None), referral));
        s.advance(1000);
    }
    assert!(expected.len() >= 8, "{expected:?}");
    let (store, _) = s.reopen().await;
    let mut log = store
        .audit_page(&AuditQuery {
            limit: 1000,
            ..AuditQuery::default()
        })
        .await
        .unwrap();
    log.reverse();
    store.close().await;
    let recorded: Vec<_> = log
        .iter()
        .map(|row| (row.at, row.action.clone(), row.referral_id.clone()))
        .collect();
    assert_eq!(recorded, expected);
    assert!(log.iter().all(|row| row.actor == log[0].actor));
}

#[tokio::test]
async fn bad_query_parameters_get_the_api_s_own_json_error() {
    // Each typed query extractor refuses with 400 `invalid_parameter` as JSON, not axum's
    // plain-text rejection.
    let s = Server::start().await;
    let token = s.team_token("Parameter Checker").await;
    let time = "must be an RFC 3339 date-time or a date (YYYY-MM-DD).";
    for (path, message) in [
        (
            "/v1/team/referrals?status=lost",
            "status must be one of the feedback status codes.".to_owned(),
        ),
        (
            "/v1/team/referrals?limit=201",
            "limit must be a whole number from 1 to 200.".to_owned(),
        ),
        (
            "/v1/team/referrals?cursor=zzz",
            "cursor is not one this service gave.".to_owned(),
        ),
        (
            "/v1/team/referrals?since=yesterday",
            format!("since {time}"),
        ),
        ("/v1/team/audit?from=soon", format!("from {time}")),
        ("/v1/team/indicators?from=never", format!("from {time}")),
        ("/v1/team/indicators?to=never", format!("to {time}")),
        (
            "/v1/team/export?format=xml",
            "format must be csv or jsonl.".to_owned(),
        ),
        (
            "/v1/team/export?format=csv&since=soon",
            format!("since {time}"),
        ),
    ] {
        let r = s.team_get(&token, path).await;
        assert_eq!(r.status, 400, "{path}");
        assert_eq!(
            r.header("content-type").as_deref(),
            Some("application/json"),
            "{path}"
        );
        assert_eq!(r.error_code(), "invalid_parameter", "{path}");
        assert_eq!(r.json()["error"]["message"], message, "{path}");
    }
}

#[tokio::test]
async fn session_cookie_works_for_reads_and_needs_our_origin_for_changes() {
    let s = Server::start().await;
    let token = s.team_token("Browser user").await;
    let id = s.submit_id(&example("full-referral.json")).await;
    let r = s.team_send(&token, "POST", "/v1/team/session", "").await;
    assert_eq!(r.status, 201);
    let set_cookie = r.header("set-cookie").unwrap();
    assert!(set_cookie.contains("HttpOnly"));
    assert!(set_cookie.contains("SameSite=Strict"));
    assert!(!set_cookie.contains("Secure"), "not over TLS here");
    let cookie = set_cookie.split(';').next().unwrap().to_owned();

    let list = s.get("/v1/team/referrals", &[("cookie", &cookie)]).await;
    assert_eq!(list.status, 200);
    // A bad Authorization header is refused even beside a good cookie (found by schemathesis).
    for bad in ["Basic dXNlcjpwYXNz", "Bearer", "Bearer prt_wrong", ""] {
        let r = s
            .get(
                "/v1/team/referrals",
                &[("cookie", &cookie), ("authorization", bad)],
            )
            .await;
        assert_eq!(r.status, 401, "{bad:?}");
    }
    let post = |origin: Option<&str>| {
        let mut b = Request::builder()
            .method("POST")
            .uri(format!("/v1/team/referrals/{id}/feedback"))
            .header("cookie", &cookie)
            .header("host", "team.example")
            .header("content-type", "application/json");
        if let Some(o) = origin {
            b = b.header("origin", o);
        }
        b.body(Body::from(r#"{"status":"under_assessment"}"#))
            .unwrap()
    };
    let none = s.send(post(None)).await;
    assert_eq!(none.status, 403);
    assert_eq!(none.error_code(), "forbidden_origin");
    assert_eq!(s.send(post(Some("https://evil.example"))).await.status, 403);
    assert_eq!(s.send(post(Some("https://team.example"))).await.status, 201);
}

#[tokio::test]
async fn a_path_segment_that_is_not_a_uuid_is_404_and_audited_without_an_id() {
    // Found by schemathesis (D-1): the raw segment was written to the audit log.
    let s = Server::start().await;
    let token = s.team_token("Prober").await;
    for path in ["/v1/team/referrals/abc", "/v1/team/referrals/%C2%84"] {
        assert_eq!(s.team_get(&token, path).await.status, 404, "{path}");
    }
    let r = s
        .team_feedback(&token, "not-a-uuid", &json!({"status": "closed"}))
        .await;
    assert_eq!(r.status, 404);
    let audit = s.team_get(&token, "/v1/team/audit").await.json();
    let items = audit["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    assert!(
        items.iter().all(|i| i["referral_id"].is_null()),
        "{items:?}"
    );
    assert!(items
        .iter()
        .all(|i| i["outcome"] == "refused" && i["status"] == 404));
    assert_eq!(items[0]["action"], "add_feedback");
    assert_eq!(items[2]["action"], "get_referral");
}

#[tokio::test]
async fn expired_sessions_are_removed_at_the_next_sign_in() {
    let s = Server::start().await;
    let first = s.team_token("Early Officer").await;
    let second = s.team_token("Later Officer").await;
    for _ in 0..3 {
        let r = s.team_send(&first, "POST", "/v1/team/session", "").await;
        assert_eq!(r.status, 201);
    }
    assert_eq!(s.scalar("SELECT COUNT(*) FROM sessions").await, 3);
    // Past the session's length every one of them has expired; the next sign-in (by anyone)
    // removes them.
    s.advance((prevent_referral::receiving::API_LIMITS.session_secs + 1) * 1000);
    let r = s.team_send(&second, "POST", "/v1/team/session", "").await;
    assert_eq!(r.status, 201);
    assert_eq!(
        s.scalar("SELECT COUNT(*) FROM sessions").await,
        1,
        "expired sessions are removed; only the new one is left"
    );
}
