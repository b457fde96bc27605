//! Spec §2: every outcome of `POST /v1/referrals`.

mod common;

use axum::body::Body;
use axum::http::Request;
use common::*;
use prevent_referral::{parse_str, validate_feedback, Lang};
use prevent_referral_server::api::{ClientAddr, Options};
use serde_json::Value;

#[tokio::test]
async fn new_referral_gets_201_and_a_receipt_with_a_valid_received_feedback() {
    let s = Server::start().await;
    let r = s.submit(&example("full-referral.json")).await;
    assert_eq!(r.status, 201, "{}", r.text());
    let receipt = r.json();
    let reference = receipt["reference"].as_str().unwrap();
    assert_eq!(reference.len(), 8);
    assert!(reference
        .chars()
        .all(|c| "ABCDEFGHJKLMNPRSTUVWXY23456789".contains(c)));
    assert_eq!(
        receipt["referral_id"],
        "c0a8012e-7d4b-4f6a-9e21-3b5c7d9f1a2b"
    );
    let token = receipt["status_token"].as_str().unwrap();
    assert!(
        token.len() >= 22
            && token
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    );
    let feedback = &receipt["feedback"];
    assert_eq!(feedback["status"], "received");
    assert_eq!(feedback["updated_at"], "2026-11-25T12:00:00Z");
    let text = feedback.to_string();
    let doc = parse_str(&text).unwrap();
    let report = validate_feedback(&doc, Lang::En);
    assert!(report.valid, "{:?}", report.errors);
    assert_eq!(
        receipt
            .as_object()
            .unwrap()
            .keys()
            .collect::<Vec<_>>()
            .len(),
        4,
        "{receipt}"
    );
}

/// The acknowledgement is the form text `received` (one text, in `src/messages/ui.rs`, where
/// the Welsh reviewer reads it), in the referral's own language: it is stored as the first
/// update the referrer reads on the status page, whatever language the sending client asked
/// its errors in.
#[tokio::test]
async fn the_receipt_acknowledges_in_the_referrals_language_with_the_form_text() {
    let s = Server::start().await;
    let received = |lang| {
        let texts = prevent_referral::form_texts(lang);
        let text = texts.get("ui").and_then(|ui| ui.get("received"));
        text.and_then(|t| t.as_str()).unwrap().to_owned()
    };
    let mut doc = example("full-referral.json");
    // Each referral asks its errors in the other language.
    let cases = [
        (Lang::Cy, "en", "c0a8012e-7d4b-4f6a-9e21-3b5c7d9f1a2b"),
        (Lang::En, "cy", "0d0e3f4a-5b6c-4d7e-8f90-a1b2c3d4e5f6"),
    ];
    for (lang, asked, id) in cases {
        doc["language"] = Value::String(lang.as_str().into());
        doc["referral_id"] = Value::String(id.into());
        let r = s
            .post_json("/v1/referrals", &doc, &[("accept-language", asked)])
            .await;
        assert_eq!(r.status, 201, "{}", r.text());
        assert_eq!(r.json()["feedback"]["message"], received(lang));
    }
    assert_ne!(received(Lang::Cy), received(Lang::En));
}

#[tokio::test]
async fn retry_with_other_member_order_spacing_and_upper_case_id_gets_the_same_receipt() {
    let s = Server::start().await;
    let doc = example("full-referral.json");
    let first = s.submit(&doc).await;
    assert_eq!(first.status, 201);
    s.advance(HOUR);
    // Members in reverse order, pretty-printed, id in upper case.
    let mut members: Vec<(String, Value)> = doc.as_object().unwrap().clone().into_iter().collect();
    members.reverse();
    let mut text = String::from("{\n");
    for (i, (k, v)) in members.iter().enumerate() {
        let v = if k == "referral_id" {
            Value::String(v.as_str().unwrap().to_ascii_uppercase())
        } else {
            v.clone()
        };
        text.push_str(&format!(
            "  {}: {}{}\n",
            serde_json::to_string(k).unwrap(),
            serde_json::to_string_pretty(&v).unwrap(),
            if i + 1 < members.len() { "," } else { "" }
        ));
    }
    text.push('}');
    let again = s
        .post_raw(
            "/v1/referrals",
            text,
            &[("content-type", "application/json; charset=utf-8")],
        )
        .await;
    assert_eq!(again.status, 200, "{}", again.text());
    assert_eq!(
        again.json(),
        first.json(),
        "the same receipt, token included"
    );
}

#[tokio::test]
async fn same_id_with_a_different_document_gets_409() {
    let s = Server::start().await;
    let mut doc = example("full-referral.json");
    assert_eq!(s.submit(&doc).await.status, 201);
    doc["concern"]["description"] =
        Value::String("Something else entirely, described at length.".into());
    let r = s.submit(&doc).await;
    assert_eq!(r.status, 409);
    assert_eq!(r.error_code(), "referral_id_in_use");
    assert!(r.json()["error"]["message"].as_str().unwrap().len() > 10);
}

#[tokio::test]
async fn invalid_document_gets_422_report_in_welsh_when_asked() {
    let s = Server::start().await;
    let mut doc = example("full-referral.json");
    doc.as_object_mut().unwrap().remove("referrer");
    let r = s
        .post_json(
            "/v1/referrals",
            &doc,
            &[("accept-language", "cy-GB, en;q=0.5")],
        )
        .await;
    assert_eq!(r.status, 422);
    let report = r.json();
    assert_eq!(report["valid"], false);
    assert_eq!(report["errors"][0]["path"], "/referrer");
    assert_eq!(report["errors"][0]["code"], "required");
    let english = s
        .post_json("/v1/referrals", &doc, &[("accept-language", "en")])
        .await
        .json();
    assert_ne!(
        report["errors"][0]["message"],
        english["errors"][0]["message"]
    );
    // No Accept-Language: the document's own language.
    doc["language"] = Value::String("cy".into());
    let by_doc = s.post_json("/v1/referrals", &doc, &[]).await.json();
    assert_eq!(
        by_doc["errors"][0]["message"],
        report["errors"][0]["message"]
    );
    // Nothing was stored.
    let token = s.team_token("Auditor").await;
    assert_eq!(
        s.team_get(&token, "/v1/team/referrals").await.json()["items"],
        Value::Array(vec![])
    );
}

#[tokio::test]
async fn repeated_member_names_are_caught_from_the_raw_text() {
    let s = Server::start().await;
    let text = example("full-referral.json").to_string();
    let repeated = text.replacen("{", "{\"language\":\"en\",", 1);
    let r = s
        .post_raw(
            "/v1/referrals",
            repeated,
            &[("content-type", "application/json")],
        )
        .await;
    assert_eq!(r.status, 422, "{}", r.text());
    assert_eq!(r.json()["errors"][0]["code"], "duplicate");
}

#[tokio::test]
async fn not_json_and_not_utf8_get_400_not_json() {
    let s = Server::start().await;
    for body in [
        b"{\"a\":".to_vec(),
        b"".to_vec(),
        b"<html>hi</html>".to_vec(),
        vec![b'"', 0xff, 0xfe, b'"'],
    ] {
        let r = s
            .post_raw(
                "/v1/referrals",
                body.clone(),
                &[("content-type", "application/json")],
            )
            .await;
        assert_eq!(r.status, 400, "{body:?}");
        assert_eq!(r.error_code(), "not_json");
    }
}

#[tokio::test]
async fn other_content_types_get_415() {
    let s = Server::start().await;
    let body = example("full-referral.json").to_string();
    for ct in [
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
        Some("application/json; charset=latin1"),
        None,
    ] {
        let headers: Vec<(&str, &str)> = ct.map(|c| vec![("content-type", c)]).unwrap_or_default();
        let r = s.post_raw("/v1/referrals", body.clone(), &headers).await;
        assert_eq!(r.status, 415, "{ct:?}");
        assert_eq!(r.error_code(), "unsupported_media_type");
    }
}

#[tokio::test]
async fn declared_length_over_1_mib_gets_413_without_reading_the_body() {
    let s = Server::start().await;
    // A body that never ends: reading it would hang the test.
    let request = Request::builder()
        .method("POST")
        .uri("/v1/referrals")
        .header("content-type", "application/json")
        .header("content-length", "100000000000")
        .body(Body::new(Never))
        .unwrap();
    let r = tokio::time::timeout(std::time::Duration::from_secs(5), s.send(request))
        .await
        .expect("answered at once");
    assert_eq!(r.status, 413);
    assert_eq!(r.error_code(), "too_large");
}

#[tokio::test]
async fn body_over_1_mib_without_a_length_gets_413_by_bytes_read() {
    let s = Server::start().await;
    let mut big = b"{\"x\":\"".to_vec();
    big.extend(std::iter::repeat_n(b'a', 2 * 1024 * 1024));
    big.extend(b"\"}");
    let chunks = big
        .chunks(64 * 1024)
        .map(axum::body::Bytes::copy_from_slice)
        .collect();
    let request = Request::builder()
        .method("POST")
        .uri("/v1/referrals")
        .header("content-type", "application/json")
        .body(Body::new(Chunks(chunks)))
        .unwrap();
    let r = s.send(request).await;
    assert_eq!(r.status, 413);
    assert_eq!(r.error_code(), "too_large");
}

#[tokio::test]
async fn headers_over_16_kib_get_431_headers_too_large() {
    let s = Server::start().await;
    let big = "x".repeat(17 * 1024);
    let r = s
        .post_json(
            "/v1/referrals",
            &example("full-referral.json"),
            &[("x-padding", &big)],
        )
        .await;
    assert_eq!(r.status, 431);
    assert_eq!(r.error_code(), "headers_too_large");
    let small = "x".repeat(8 * 1024);
    let ok = s
        .post_json(
            "/v1/referrals",
            &example("full-referral.json"),
            &[("x-padding", &small)],
        )
        .await;
    assert_eq!(ok.status, 201);
}

#[tokio::test]
async fn too_many_requests_from_one_address_get_429_with_retry_after() {
    let s = Server::start_with(Options {
        rate_limit: 3,
        ..Options::default()
    })
    .await;
    let from = |ip: [u8; 4], n: u32| {
        let mut request = Request::builder()
            .method("POST")
            .uri("/v1/referrals")
            .header("content-type", "application/json")
            .body(Body::from(referral(&id(n)).to_string()))
            .unwrap();
        request
            .extensions_mut()
            .insert(ClientAddr((ip, 40000).into()));
        request
    };
    for n in 0..3 {
        assert_eq!(s.send(from([192, 0, 2, 1], n)).await.status, 201);
    }
    let limited = s.send(from([192, 0, 2, 1], 3)).await;
    assert_eq!(limited.status, 429);
    assert_eq!(limited.error_code(), "rate_limited");
    let wait: u64 = limited.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=20).contains(&wait), "{wait}");
    // Another address is not affected.
    assert_eq!(s.send(from([192, 0, 2, 2], 4)).await.status, 201);
}

#[tokio::test]
async fn forwarded_for_is_trusted_only_with_trusted_proxy() {
    for trusted in [false, true] {
        let s = Server::start_with(Options {
            rate_limit: 1,
            trusted_proxy: trusted,
            ..Options::default()
        })
        .await;
        let mut statuses = Vec::new();
        for n in 0..2 {
            let mut request = Request::builder()
                .method("POST")
                .uri("/v1/referrals")
                .header("content-type", "application/json")
                .header("x-forwarded-for", format!("198.51.100.{n}"))
                .body(Body::from(referral(&id(n)).to_string()))
                .unwrap();
            request
                .extensions_mut()
                .insert(ClientAddr(([10, 0, 0, 1], 40000).into()));
            statuses.push(s.send(request).await.status.as_u16());
        }
        let expected = if trusted {
            vec![201, 201]
        } else {
            vec![201, 429]
        };
        assert_eq!(statuses, expected, "trusted_proxy = {trusted}");
    }
}

#[tokio::test]
async fn cors_preflight_for_intake_and_status_allows_configured_origins_only() {
    let s = Server::start_with(Options {
        rate_limit: 0,
        allow_origins: vec!["https://forms.example.gov.uk".into()],
        ..Options::default()
    })
    .await;
    for path in ["/v1/referrals", "/v1/referrals/x/feedback"] {
        let preflight = |origin: &str| {
            Request::builder()
                .method("OPTIONS")
                .uri(path)
                .header("origin", origin)
                .header("access-control-request-method", "POST")
                .header("access-control-request-headers", "content-type")
                .body(Body::empty())
                .unwrap()
        };
        let ok = s.send(preflight("https://forms.example.gov.uk")).await;
        assert!(
            ok.status.is_success(),
            "{path} {} {:?}",
            ok.status,
            ok.headers
        );
        assert_eq!(
            ok.header("access-control-allow-origin").as_deref(),
            Some("https://forms.example.gov.uk")
        );
        let methods = ok
            .header("access-control-allow-methods")
            .unwrap()
            .to_ascii_uppercase();
        assert!(
            methods.contains("POST") && methods.contains("GET"),
            "{methods}"
        );
        let headers = ok
            .header("access-control-allow-headers")
            .unwrap()
            .to_ascii_lowercase();
        assert!(headers.contains("content-type") && headers.contains("authorization"));
        assert_eq!(ok.header("access-control-allow-credentials"), None);
        let other = s.send(preflight("https://evil.example")).await;
        assert_eq!(other.header("access-control-allow-origin"), None);
    }
    // The team API is not opened to other origins.
    let team = s
        .send(
            Request::builder()
                .method("OPTIONS")
                .uri("/v1/team/referrals")
                .header("origin", "https://forms.example.gov.uk")
                .header("access-control-request-method", "GET")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(team.header("access-control-allow-origin"), None);
}

#[tokio::test]
async fn cors_star_allows_any_origin() {
    let s = Server::start_with(Options {
        rate_limit: 0,
        allow_origins: vec!["*".into()],
        ..Options::default()
    })
    .await;
    let r = s
        .post_json(
            "/v1/referrals",
            &example("full-referral.json"),
            &[("origin", "https://a.example")],
        )
        .await;
    assert_eq!(r.status, 201);
    assert_eq!(
        r.header("access-control-allow-origin").as_deref(),
        Some("*")
    );
}

#[tokio::test]
async fn every_valid_example_is_accepted_and_stored_normalised() {
    let s = Server::start().await;
    for name in [
        "full-referral.json",
        "minimal-referral.json",
        "advice-request.json",
        "friends-family-referral.json",
    ] {
        let r = s.submit(&example(name)).await;
        assert_eq!(r.status, 201, "{name}: {}", r.text());
    }
    let token = s.team_token("Reader").await;
    let jsonl = s
        .team_get(&token, "/v1/team/export?format=jsonl")
        .await
        .text();
    let docs: Vec<Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["document"].clone())
        .collect();
    assert_eq!(docs.len(), 4);
    for doc in docs {
        let text = doc.to_string();
        let normal = prevent_referral::normalise(&parse_str(&text).unwrap());
        assert_eq!(
            serde_json::to_value(&normal).unwrap(),
            doc,
            "stored normalised"
        );
    }
}
