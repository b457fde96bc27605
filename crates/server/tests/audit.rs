//! The audit log a supervisor can use (issue 17, spec §6.6): newest first with paging,
//! filters (referral by reference or id, member, action, dates), entries that name the
//! reference, refused requests recorded as refused, exports with their count and period, and
//! failed sign-ins limited and counted. Through the HTTP API, on SQLite and (with
//! `PREVENT_REFERRAL_TEST_DATABASE`) on PostgreSQL; older entries are seeded with bulk SQL.

#[path = "support/audit_seed.rs"]
mod audit_seed;
mod common;

use std::collections::HashSet;

use audit_seed::{Seed, Target};
use common::*;
use prevent_referral_server::api::Options;
use prevent_referral_server::data::Database;
use serde_json::{json, Value};

/// Adds `n` entries straight into the `audit` table, the oldest `n` ms before `newest` and
/// one ms apart, by member 1: `get_referral` of `referral_id`, or `list_referrals`.
async fn seed(s: &Server, n: i64, newest: i64, _actor: i64, referral_id: Option<&str>) {
    seed_with(
        s,
        &Seed {
            n,
            newest,
            actors: 1,
            referral: referral_id.map(|r| (r, 1)),
        },
    )
    .await;
}

async fn seed_with(s: &Server, seed: &Seed<'_>) {
    let file = s.data_dir().join("referrals.db");
    let target = match &s.database {
        Database::Postgres(url) => Target::Postgres(url),
        _ => Target::Sqlite(&file),
    };
    audit_seed::seed(target, seed).await.unwrap();
}

/// The row id of the member named `name`'s token (the first member is 1, and so on).
async fn member_id(s: &Server, token: &str) -> i64 {
    // The member's own request names them in the log; the id comes with it.
    s.team_get(token, "/v1/team/referrals").await;
    let log = s.team_get(token, "/v1/team/audit?limit=1").await.json();
    log["items"][0]["actor_id"]
        .as_i64()
        .unwrap_or_else(|| panic!("no actor_id in {log}"))
}

/// Every entry `path` leads to, following `next` (at most `pages` pages).
async fn walk(s: &Server, token: &str, path: &str, pages: usize) -> Vec<Value> {
    let mut items = Vec::new();
    let mut url = path.to_owned();
    for _ in 0..pages {
        let r = s.team_get(token, &url).await;
        assert_eq!(r.status, 200, "{url}: {}", r.text());
        let body = r.json();
        items.extend(body["items"].as_array().unwrap().iter().cloned());
        match body["next"].as_str() {
            Some(next) => {
                let sep = if path.contains('?') { '&' } else { '?' };
                url = format!("{path}{sep}cursor={next}");
            }
            None => return items,
        }
    }
    panic!("more than {pages} pages of {path}");
}

#[tokio::test]
async fn todays_read_is_shown_first_after_more_than_ten_thousand_older_entries() {
    let s = Server::start().await;
    let token = s.team_token("Sam Supervisor").await;
    let id = s.submit_id(&example("full-referral.json")).await;
    seed(&s, 10_001, T0 - DAY, 1, None).await;
    assert_eq!(
        s.team_get(&token, &format!("/v1/team/referrals/{id}"))
            .await
            .status,
        200
    );
    let log = s.team_get(&token, "/v1/team/audit").await.json();
    let items = log["items"].as_array().unwrap();
    let read = items
        .iter()
        .find(|i| i["action"] == "get_referral")
        .unwrap_or_else(|| panic!("today's read is not on the first page: {:?}", &items[..3]));
    assert_eq!(read["at"], "2026-11-25T12:00:00Z");
    assert_eq!(read["referral_id"], id.as_str());
    assert_eq!(items[0]["action"], "get_referral", "newest first");
}

#[tokio::test]
async fn paging_walks_every_entry_once_newest_first() {
    let s = Server::start().await;
    let token = s.team_token("Pat Pager").await;
    seed(&s, 1_234, T0, 1, None).await;
    let items = walk(&s, &token, "/v1/team/audit?limit=100", 20).await;
    assert_eq!(items.len(), 1_234);
    let ids: HashSet<i64> = items.iter().map(|i| i["id"].as_i64().unwrap()).collect();
    assert_eq!(ids.len(), 1_234, "each entry once");
    let times: Vec<&str> = items.iter().map(|i| i["at"].as_str().unwrap()).collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "newest first");
    // A limit beyond the most is refused with the API's own code.
    let r = s.team_get(&token, "/v1/team/audit?limit=100000").await;
    assert_eq!(r.status, 400);
    assert_eq!(r.error_code(), "invalid_parameter");
    for bad in [
        "cursor=zzz",
        "from=soon",
        "to=later",
        "action=peek",
        "actor=someone",
        "referral=x",
    ] {
        let r = s.team_get(&token, &format!("/v1/team/audit?{bad}")).await;
        assert_eq!(r.status, 400, "{bad}: {}", r.text());
        assert_eq!(r.error_code(), "invalid_parameter", "{bad}");
    }
}

#[tokio::test]
async fn one_search_by_reference_answers_who_looked_at_a_referral() {
    let s = Server::start().await;
    let alex = s.team_token("Alex Analyst").await;
    let bo = s.team_token("Bo Bystander").await;
    let receipt = s.submit(&example("full-referral.json")).await.json();
    let (x, reference) = (
        receipt["referral_id"].as_str().unwrap().to_owned(),
        receipt["reference"].as_str().unwrap().to_owned(),
    );
    let y = s.submit_id(&referral(&id(2))).await;
    s.team_get(&alex, &format!("/v1/team/referrals/{x}")).await;
    s.advance(1000);
    s.team_get(&bo, &format!("/v1/team/referrals/{y}")).await;
    s.advance(1000);
    s.team_get(&bo, &format!("/v1/team/referrals/{}", x.to_uppercase()))
        .await;
    s.advance(1000);
    for query in [reference.to_lowercase(), x.to_uppercase()] {
        let log = s
            .team_get(&alex, &format!("/v1/team/audit?referral={query}"))
            .await;
        assert_eq!(log.status, 200, "{query}: {}", log.text());
        let who: Vec<(String, String, String)> = log.json()["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                (
                    i["actor"].as_str().unwrap().to_owned(),
                    i["reference"].as_str().unwrap().to_owned(),
                    i["referral_id"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        assert_eq!(
            who,
            vec![
                ("Bo Bystander".into(), reference.clone(), x.clone()),
                ("Alex Analyst".into(), reference.clone(), x.clone()),
            ],
            "{query}"
        );
    }
    // By member, by action and by dates too.
    let bo_id = member_id(&s, &bo).await;
    let log = s
        .team_get(
            &alex,
            &format!("/v1/team/audit?actor={bo_id}&action=get_referral"),
        )
        .await
        .json();
    assert_eq!(log["items"].as_array().unwrap().len(), 2, "{log}");
    let log = s
        .team_get(
            &alex,
            "/v1/team/audit?from=2026-11-25T12:00:01Z&to=2026-11-25T12:00:02Z",
        )
        .await
        .json();
    let items = log["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{log}");
    assert_eq!(items[0]["referral_id"], y.as_str());
    let names: Vec<&str> = log["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Alex Analyst", "Bo Bystander"]);
}

#[tokio::test]
async fn a_refused_status_update_is_recorded_as_refused_not_as_done() {
    let s = Server::start().await;
    let token = s.team_token("Casey Closer").await;
    let x = s.submit_id(&example("full-referral.json")).await;
    let closed = s
        .team_feedback(&token, &x, &json!({"status": "closed"}))
        .await;
    assert_eq!(closed.status, 201);
    s.advance(1000);
    let again = s
        .team_feedback(&token, &x, &json!({"status": "under_assessment"}))
        .await;
    assert_eq!(again.status, 409);
    s.advance(1000);
    let missing = s
        .team_get(&token, &format!("/v1/team/referrals/{}", id(9)))
        .await;
    assert_eq!(missing.status, 404);
    let log = s.team_get(&token, "/v1/team/audit").await.json();
    let entries: Vec<(&str, &str, i64)> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["action"].as_str().unwrap(),
                i["outcome"].as_str().unwrap_or("(none)"),
                i["status"].as_i64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(
        entries,
        vec![
            ("get_referral", "refused", 404),
            ("add_feedback", "refused", 409),
            ("add_feedback", "done", 201),
        ]
    );
}

#[tokio::test]
async fn an_export_entry_says_how_many_referrals_it_held_and_for_which_period() {
    let s = Server::start().await;
    let token = s.team_token("Erin Exporter").await;
    s.submit_id(&referral(&id(1))).await;
    s.advance(DAY);
    s.submit_id(&referral(&id(2))).await;
    s.submit_id(&referral(&id(3))).await;
    let r = s
        .team_get(&token, "/v1/team/export?format=csv&since=2026-11-26")
        .await;
    assert_eq!(r.status, 200);
    let log = s
        .team_get(&token, "/v1/team/audit?action=export_csv")
        .await
        .json();
    let entry = &log["items"][0];
    assert_eq!(entry["count"], 2, "{log}");
    assert_eq!(entry["period"]["since"], "2026-11-26T00:00:00Z", "{log}");
}

#[tokio::test]
async fn failed_sign_ins_are_limited_per_client_and_counted_without_the_token() {
    // Behind a trusted proxy, so that the guesser and the supervisor are two client addresses.
    let s = Server::start_with(Options {
        rate_limit: 0,
        trusted_proxy: true,
        ..Options::default()
    })
    .await;
    let token = s.team_token("Gale Guard").await;
    let guesser = "203.0.113.9";
    let from_guesser = |token: &str, method: &str, path: &str| {
        axum::http::Request::builder()
            .method(method)
            .uri(path)
            .header("authorization", format!("Bearer {token}"))
            .header("x-forwarded-for", guesser)
            .body(axum::body::Body::empty())
            .unwrap()
    };
    let limit = prevent_referral::receiving::API_LIMITS.sign_in_failures_per_minute;
    // No credentials at all is no guess: 401 each time, not counted, not recorded.
    for _ in 0..limit + 5 {
        let bare = axum::http::Request::builder()
            .uri("/v1/team/referrals")
            .header("x-forwarded-for", guesser)
            .body(axum::body::Body::empty())
            .unwrap();
        assert_eq!(s.send(bare).await.status, 401);
    }
    let mut answers = Vec::new();
    for n in 0..limit + 5 {
        let r = s
            .send(from_guesser(
                &format!("prt_guess{n}"),
                "POST",
                "/v1/team/session",
            ))
            .await;
        answers.push(r.status.as_u16());
        if r.status == 429 {
            assert_eq!(r.error_code(), "rate_limited");
            assert!(r.header("retry-after").is_some());
        }
    }
    let refused = answers.iter().filter(|&&a| a == 401).count();
    assert_eq!(refused as u32, limit, "{answers:?}");
    assert!(
        answers[limit as usize..].iter().all(|&a| a == 429),
        "{answers:?}"
    );
    // A bearer failure on another team route counts against the same allowance.
    let other_route = s
        .send(from_guesser("prt_wrong", "GET", "/v1/team/referrals"))
        .await;
    assert_eq!(other_route.status, 429);
    // While limited, even a good token is not tried from that address.
    let good = s
        .send(from_guesser(&token, "GET", "/v1/team/referrals"))
        .await;
    assert_eq!(good.status, 429);
    // Another address is not limited; the log counts each failure, with no actor, no token.
    let log = walk(&s, &token, "/v1/team/audit?limit=200", 10).await;
    let failed: Vec<&Value> = log
        .iter()
        .filter(|i| i["action"] == "sign_in_failed")
        .collect();
    assert_eq!(failed.len() as u32, limit, "{log:?}");
    assert!(failed
        .iter()
        .all(|i| i["actor"].is_null() && i["outcome"] == "refused" && i["status"] == 401));
    assert!(
        log.iter().any(|i| i["action"] == "sign_in_limited"),
        "{log:?}"
    );
    assert!(!format!("{log:?}").contains("prt_"));
}

#[tokio::test]
async fn at_a_hundred_thousand_entries_paging_reaches_the_oldest_and_filters_are_exact() {
    // Volume, not time: 100,000 entries by three members, every fifth a read of one referral.
    const N: i64 = 100_000;
    let s = Server::start().await;
    let token = s.team_token("Vol One").await;
    s.team_token("Vol Two").await;
    s.team_token("Vol Three").await;
    let receipt = s.submit(&example("full-referral.json")).await.json();
    let (x, reference) = (
        receipt["referral_id"].as_str().unwrap().to_owned(),
        receipt["reference"].as_str().unwrap().to_owned(),
    );
    seed_with(
        &s,
        &Seed {
            n: N,
            newest: T0,
            actors: 3,
            referral: Some((&x, 5)),
        },
    )
    .await;
    let max = prevent_referral::receiving::API_LIMITS.max_audit_page;
    let all = walk(&s, &token, &format!("/v1/team/audit?limit={max}"), 1_000).await;
    assert_eq!(all.len() as i64, N);
    let ids: HashSet<i64> = all.iter().map(|i| i["id"].as_i64().unwrap()).collect();
    assert_eq!(ids.len() as i64, N, "each entry once");
    assert!(
        all.windows(2)
            .all(|w| w[0]["at"].as_str() >= w[1]["at"].as_str()),
        "newest first"
    );
    assert_eq!(all[0]["at"], "2026-11-25T11:59:59Z");
    assert_eq!(
        all.last().unwrap()["at"],
        "2026-11-25T11:58:20Z",
        "the oldest"
    );

    let by_referral = walk(
        &s,
        &token,
        &format!(
            "/v1/team/audit?limit={max}&referral={}",
            reference.to_lowercase()
        ),
        1_000,
    )
    .await;
    assert_eq!(by_referral.len() as i64, N / 5);
    assert!(by_referral
        .iter()
        .all(|i| i["referral_id"] == x.as_str() && i["reference"] == reference.as_str()));

    let by_actor = walk(
        &s,
        &token,
        &format!("/v1/team/audit?limit={max}&actor=2"),
        1_000,
    )
    .await;
    // Member 2 is entry i for i % 3 == 1: 1, 4, …, 99,997, 100,000.
    assert_eq!(by_actor.len() as i64, N / 3 + 1);
    assert!(by_actor.iter().all(|i| i["actor"] == "Vol Two"));

    // Entries 1,001 to 2,000 ms before T0: [T0 - 2 s, T0 - 1 s).
    let window = walk(
        &s,
        &token,
        &format!(
            "/v1/team/audit?limit={max}&from=2026-11-25T11:59:58Z&to=2026-11-25T11:59:59Z&action=get_referral"
        ),
        1_000,
    )
    .await;
    assert_eq!(window.len(), 200);
    assert!(window.iter().all(|i| i["action"] == "get_referral"));
}
