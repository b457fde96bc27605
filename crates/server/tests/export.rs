//! Spec §4: CSV and JSONL exports, and the indicators.

mod common;

use common::*;
use prevent_referral::receiving::API_LIMITS;
use serde_json::{json, Value};

fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[tokio::test]
async fn csv_has_model_columns_numbered_repeats_joined_codes_quoting_and_no_formulas() {
    let s = Server::start().await;
    let token = s.team_token("Exporter").await;
    let mut doc = referral(&id(1));
    doc["referrer"]["organisation"] = Value::String("=HYPERLINK(\"http://evil.example\")".into());
    doc["referrer"]["job_title"] = Value::String("Head, \"Year 11\"".into());
    doc["concern"]["description"] =
        Value::String("+line one\nline two, with a comma and \"quotes\"".into());
    assert_eq!(
        s.submit(&doc).await.status,
        201,
        "{}",
        s.submit(&doc).await.text()
    );
    s.advance(1000);
    assert_eq!(
        s.submit(&example("minimal-referral.json")).await.status,
        201
    );

    let r = s.team_get(&token, "/v1/team/export?format=csv").await;
    assert_eq!(r.status, 200);
    assert!(r.header("content-type").unwrap().starts_with("text/csv"));
    assert!(!r.body.starts_with(&[0xEF, 0xBB, 0xBF]), "no BOM");
    let text = r.text();
    assert!(text.contains("\r\n"), "RFC 4180 line ends");
    let rows = csv_rows(&text);
    assert_eq!(rows.len(), 3, "a header and two referrals");
    let header = &rows[0];
    assert_eq!(&header[..3], &["reference", "received_at", "status"]);
    assert!(rows.iter().all(|row| row.len() == header.len()));
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("{name} in {header:?}"))
    };
    assert!(col("/schema_version") < col("/referrer/full_name"));
    assert!(col("/individual/address/line1") < col("/individual/address/postcode"));
    // §6.7 (a spec change from 1.0's "up to the most in the export"): every repeated group
    // has the same fixed number of numbered columns, whatever the referrals hold.
    let repeated = API_LIMITS.export_repeated_columns;
    for n in 0..repeated {
        col(&format!("/individual/parents_or_carers/{n}/full_name"));
        col(&format!("/individual/other_names/{n}"));
    }
    assert!(!header.contains(&format!(
        "/individual/parents_or_carers/{repeated}/full_name"
    )));
    assert_eq!(header.last().map(String::as_str), Some("export_state"));
    let first = &rows[1];
    assert_eq!(first[col("/referral_id")], id(1));
    assert_eq!(
        first[col("/referrer/organisation")],
        "'=HYPERLINK(\"http://evil.example\")"
    );
    assert_eq!(first[col("/referrer/job_title")], "Head, \"Year 11\"");
    assert_eq!(
        first[col("/concern/description")],
        "'+line one\nline two, with a comma and \"quotes\""
    );
    let codes: Vec<&str> = doc["concern"]["concern_types"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert_eq!(first[col("/concern/concern_types")], codes.join(";"));
    assert_eq!(first[col("/immediate_risk")], "false");
    assert_eq!(first[1], "2026-11-25T12:00:00Z");
    assert_eq!(first[2], "received");
    // The raw text quotes the comma-and-quote cell per RFC 4180.
    assert!(text.contains("\"Head, \"\"Year 11\"\"\""));
    // The minimal referral leaves the parents' columns empty.
    assert_eq!(
        rows[2][col("/individual/parents_or_carers/0/full_name")],
        ""
    );
}

#[tokio::test]
async fn csv_header_depends_only_on_the_model_and_overflow_items_join_the_last_numbered_column() {
    let s = Server::start().await;
    let token = s.team_token("Exporter").await;
    let empty = s.team_get(&token, "/v1/team/export?format=csv").await;
    assert_eq!(empty.status, 200);
    let empty_rows = csv_rows(&empty.text());
    assert_eq!(empty_rows.len(), 1, "a header and no rows");

    let repeated = API_LIMITS.export_repeated_columns;
    let last = repeated - 1;
    let mut doc = referral(&id(7));
    let first = doc["individual"]["parents_or_carers"][0].clone();
    let parents: Vec<Value> = (0..repeated + 2)
        .map(|i| {
            let mut p = first.clone();
            p["full_name"] = Value::String(format!("Parent Number{}", letter(i)));
            p
        })
        .collect();
    doc["individual"]["parents_or_carers"] = Value::Array(parents);
    let r = s.submit(&doc).await;
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(
        s.submit(&example("minimal-referral.json")).await.status,
        201
    );
    let rows = csv_rows(
        &s.team_get(&token, "/v1/team/export?format=csv")
            .await
            .text(),
    );
    assert_eq!(rows.len(), 3);
    assert_eq!(
        rows[0], empty_rows[0],
        "the same header whatever the contents"
    );
    let col = |name: &str| rows[0].iter().position(|h| h == name).unwrap();
    let name = |n: usize| col(&format!("/individual/parents_or_carers/{n}/full_name"));
    assert_eq!(rows[1][name(0)], "Parent NumberA");
    let overflow: Vec<String> = (last..repeated + 2)
        .map(|i| format!("Parent Number{}", letter(i)))
        .collect();
    assert_eq!(rows[1][name(last)], overflow.join("\n"));
    assert_eq!(rows[2][name(last)], "", "the minimal referral has none");
}

/// A capital letter for `i` (names take no digits).
fn letter(i: usize) -> char {
    char::from(b'A' + (i % 26) as u8)
}

#[tokio::test]
async fn jsonl_has_one_line_per_referral_with_the_stored_document_and_since_filters() {
    let s = Server::start().await;
    let token = s.team_token("Exporter").await;
    for n in 0..3 {
        s.submit(&referral(&id(n))).await;
        s.advance(DAY);
    }
    let r = s.team_get(&token, "/v1/team/export?format=jsonl").await;
    assert_eq!(r.status, 200);
    assert_eq!(
        r.header("content-type").as_deref(),
        Some("application/jsonl")
    );
    let lines: Vec<Value> = r
        .text()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    for (n, line) in lines.iter().enumerate() {
        let keys: Vec<&String> = line.as_object().unwrap().keys().collect();
        assert_eq!(keys.len(), 4, "{keys:?}");
        assert_eq!(line["document"]["referral_id"], id(n as u32));
        assert_eq!(line["status"], "received");
        assert_eq!(line["reference"].as_str().unwrap().len(), 8);
    }
    let since = s
        .team_get(&token, "/v1/team/export?format=jsonl&since=2026-11-26")
        .await
        .text();
    assert_eq!(since.lines().count(), 2);
    for bad in [
        "/v1/team/export",
        "/v1/team/export?format=xml",
        "/v1/team/export?format=csv&since=soon",
    ] {
        assert_eq!(s.team_get(&token, bad).await.status, 400, "{bad}");
    }
}

#[tokio::test]
async fn indicators_count_a_known_data_set_and_time_to_first_feedback() {
    let s = Server::start().await;
    let token = s.team_token("Analyst").await;
    // Four referrals an hour apart: education (full), and the other examples.
    let docs = [
        referral(&id(1)),
        referral(&id(2)),
        example("advice-request.json"),
        example("friends-family-referral.json"),
    ];
    let mut ids = Vec::new();
    for doc in &docs {
        let r = s.submit(doc).await;
        assert_eq!(r.status, 201, "{}", r.text());
        ids.push(r.json()["referral_id"].as_str().unwrap().to_owned());
        s.advance(HOUR);
    }
    // Received at T0, T0+1h, T0+2h, T0+3h; now T0+4h.
    // First feedback: #0 after 4h, #1 after 5h (then closed later: only the first counts),
    // #2 after 10h; #3 none.
    s.team_feedback(&token, &ids[0], &json!({"status": "under_assessment"}))
        .await;
    s.advance(2 * HOUR);
    s.team_feedback(&token, &ids[1], &json!({"status": "no_further_action"}))
        .await;
    s.advance(6 * HOUR);
    s.team_feedback(
        &token,
        &ids[2],
        &json!({"status": "signposted_to_other_services"}),
    )
    .await;
    s.advance(HOUR);
    s.team_feedback(&token, &ids[1], &json!({"status": "closed"}))
        .await;

    let ind = s.team_get(&token, "/v1/team/indicators").await.json();
    assert_eq!(ind["total"], 4);
    let mut by_type = std::collections::BTreeMap::new();
    let mut by_sector = std::collections::BTreeMap::new();
    let mut by_concern = std::collections::BTreeMap::new();
    for doc in &docs {
        *by_type
            .entry(doc["submission_type"].as_str().unwrap())
            .or_insert(0) += 1;
        *by_sector
            .entry(doc["referrer"]["sector"].as_str().unwrap())
            .or_insert(0) += 1;
        for c in doc["concern"]["concern_types"]
            .as_array()
            .into_iter()
            .flatten()
        {
            *by_concern.entry(c.as_str().unwrap()).or_insert(0) += 1;
        }
    }
    for (k, n) in by_type {
        assert_eq!(ind["by_submission_type"][k], n, "{k}");
    }
    for (k, n) in by_sector {
        assert_eq!(ind["by_sector"][k], n, "{k}");
    }
    for (k, n) in &by_concern {
        assert_eq!(ind["by_concern_type"][k], *n, "{k}");
    }
    assert_eq!(ind["by_status"]["under_assessment"], 1);
    assert_eq!(ind["by_status"]["closed"], 1);
    assert_eq!(ind["by_status"]["signposted_to_other_services"], 1);
    assert_eq!(ind["by_status"]["received"], 1);
    assert_eq!(ind["by_status"]["no_further_action"], 0);
    // Hours to first feedback: 4, 5, 10 → median 5, p90 (nearest rank) 10.
    assert_eq!(
        ind["hours_to_first_feedback"],
        json!({"median": 5.0, "p90": 10.0})
    );
    let text = ind.to_string();
    assert!(
        !text.contains("Ellis") && !text.contains(&ids[0]),
        "no personal data or ids"
    );

    // from/to select by time of receipt: [T0+1h, T0+3h) → two referrals.
    let window = s
        .team_get(
            &token,
            "/v1/team/indicators?from=2026-11-25T13:00:00Z&to=2026-11-25T15:00:00Z",
        )
        .await
        .json();
    assert_eq!(window["total"], 2);
    assert_eq!(
        window["hours_to_first_feedback"],
        json!({"median": 7.5, "p90": 10.0})
    );
    let empty = s
        .team_get(&token, "/v1/team/indicators?from=2030-01-01")
        .await
        .json();
    assert_eq!(empty["total"], 0);
    assert_eq!(
        empty["hours_to_first_feedback"],
        json!({"median": null, "p90": null})
    );
    assert_eq!(
        s.team_get(&token, "/v1/team/indicators?to=never")
            .await
            .status,
        400
    );
}
