//! The demo server (`prevent-referral-demo`) as a browser and a referring system see it:
//! static files with their content types and security headers, path traversal refused, and
//! the receiving endpoint's statuses, stored files and feedback documents. Each test starts
//! the built binary on a free loopback port with its own scratch folders, and speaks plain
//! HTTP/1.1 over `TcpStream`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use prevent_referral::{normalise, parse, parse_str, validate_feedback, Json, Lang};

const BIN: &str = env!("CARGO_BIN_EXE_prevent-referral-demo");
const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
img-src 'self'; font-src 'self'; connect-src 'self'; form-action 'self'; \
frame-ancestors 'none'; base-uri 'none'";
const INDEX: &str = "<!doctype html><title>Refer</title><script type=module src=app.js></script>\n";
const WASM: &[u8] = b"\0asm\x01\0\0\0";
const MIB: usize = 1024 * 1024;

fn example(rel: &str) -> Vec<u8> {
    let path = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .join("schemas/examples")
        .join(rel);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A running server with its scratch folders; killed and removed when dropped.
struct Demo {
    child: Child,
    port: u16,
    dir: PathBuf,
}

impl Drop for Demo {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

impl Demo {
    fn start(test: &str) -> Demo {
        let dir = std::env::temp_dir().join(format!(
            "prevent-referral-demo-{}-{test}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        for sub in ["www", "pkg", "govuk/assets/fonts"] {
            std::fs::create_dir_all(dir.join(sub)).unwrap();
        }
        std::fs::write(dir.join("www/index.html"), INDEX).unwrap();
        std::fs::write(dir.join("www/app.js"), "export const ok = true;\n").unwrap();
        std::fs::write(dir.join("www/app.wasm"), WASM).unwrap();
        std::fs::write(dir.join("pkg/index.js"), "export {};\n").unwrap();
        std::fs::write(dir.join("govuk/govuk-frontend.min.css"), "body{}\n").unwrap();
        std::fs::write(dir.join("govuk/assets/fonts/a.woff2"), b"wOF2").unwrap();
        // Something the traversal tests must never reach, next to the www folder.
        std::fs::write(dir.join("secret.txt"), "secret\n").unwrap();

        // --store does not exist yet: the server creates it on the first referral.
        let mut child = Command::new(BIN)
            .args(["--addr", "127.0.0.1:0", "--www"])
            .arg(dir.join("www"))
            .arg("--pkg")
            .arg(dir.join("pkg"))
            .arg("--govuk")
            .arg(dir.join("govuk"))
            .arg("--store")
            .arg(dir.join("store"))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start prevent-referral-demo");
        let stdout = child.stdout.take().unwrap();
        let mut demo = Demo {
            child,
            port: 0,
            dir,
        };
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).unwrap();
        let port = line
            .trim_end()
            .strip_prefix("listening on http://127.0.0.1:")
            .unwrap_or_else(|| panic!("first line: {line:?}"));
        demo.port = port.parse().unwrap();
        assert_ne!(demo.port, 0);
        demo
    }

    fn store(&self) -> PathBuf {
        self.dir.join("store")
    }

    /// The stored referrals' file names (receipts are kept next to them, see `receipt_files`).
    fn stored_files(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .all_files()
            .into_iter()
            .filter(|n| !n.ends_with(".receipt.json"))
            .collect();
        names.sort();
        names
    }

    fn receipt_files(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .all_files()
            .into_iter()
            .filter(|n| n.ends_with(".receipt.json"))
            .collect();
        names.sort();
        names
    }

    fn all_files(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.store())
            .map(|entries| {
                entries
                    .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    }

    /// Sends one request (the path exactly as given) and reads the whole response.
    fn request(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Resp {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n",
            self.port
        );
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        if !body.is_empty() || method == "POST" {
            head.push_str(&format!("Content-Length: {}\r\n", body.len()));
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes()).unwrap();
        stream.write_all(body).unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        Resp::parse(&raw)
    }

    fn get(&self, path: &str) -> Resp {
        self.request("GET", path, &[], b"")
    }

    fn post_json(&self, body: &[u8]) -> Resp {
        self.request(
            "POST",
            "/api/referrals",
            &[("Content-Type", "application/json; charset=utf-8")],
            body,
        )
    }
}

struct Resp {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Resp {
    fn parse(raw: &[u8]) -> Resp {
        let end = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .unwrap_or_else(|| panic!("no header end in {:?}", String::from_utf8_lossy(raw)));
        let head = std::str::from_utf8(&raw[..end]).unwrap();
        let mut lines = head.split("\r\n");
        let status_line = lines.next().unwrap();
        let status = status_line.split(' ').nth(1).unwrap().parse().unwrap();
        let headers = lines
            .map(|l| {
                let (n, v) = l.split_once(':').unwrap();
                (n.trim().to_ascii_lowercase(), v.trim().to_owned())
            })
            .collect();
        Resp {
            status,
            headers,
            body: raw[end + 4..].to_vec(),
        }
    }

    fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    fn json(&self) -> Json {
        parse(&self.body).unwrap_or_else(|e| {
            panic!(
                "status {}: body is not JSON ({e}): {:?}",
                self.status,
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    fn str_at<'a>(json: &'a Json, key: &str) -> &'a str {
        json.get(key).and_then(Json::as_str).unwrap_or("")
    }

    /// `(path, code)` of each error in a 422 report.
    fn errors(&self) -> Vec<(String, String)> {
        match self.json().get("errors") {
            Some(Json::Array(items)) => items
                .iter()
                .map(|i| {
                    (
                        Resp::str_at(i, "path").to_owned(),
                        Resp::str_at(i, "code").to_owned(),
                    )
                })
                .collect(),
            other => panic!("no errors array: {other:?}"),
        }
    }

    /// The `message` of an `{"error": {"code", "message"}}` body.
    fn error_message(&self) -> String {
        let json = self.json();
        let error = json
            .get("error")
            .unwrap_or_else(|| panic!("no error: {json:?}"));
        Resp::str_at(error, "message").to_owned()
    }

    /// The `code` of an `{"error": {"code", "message"}}` body.
    fn error_code(&self) -> String {
        let json = self.json();
        let error = json
            .get("error")
            .unwrap_or_else(|| panic!("no error: {json:?}"));
        Resp::str_at(error, "code").to_owned()
    }

    fn assert_security_headers(&self) {
        assert_eq!(self.header("Content-Security-Policy"), Some(CSP));
        assert_eq!(self.header("X-Content-Type-Options"), Some("nosniff"));
        assert_eq!(self.header("Referrer-Policy"), Some("no-referrer"));
    }

    fn assert_api(&self, status: u16) {
        assert_eq!(
            self.status,
            status,
            "{}",
            String::from_utf8_lossy(&self.body)
        );
        self.assert_security_headers();
        assert_eq!(self.header("Cache-Control"), Some("no-store"));
        assert_eq!(self.header("Content-Type"), Some("application/json"));
    }
}

/// A receipt (receiving API §2) for `id`: an 8-character reference from the readable alphabet,
/// a base64url token of at least 128 bits, and a valid `received` feedback document.
fn assert_receipt(receipt: &Json, id: &str) {
    assert_eq!(Resp::str_at(receipt, "referral_id"), id);
    let reference = Resp::str_at(receipt, "reference");
    assert_eq!(reference.len(), 8, "{reference}");
    assert!(
        reference
            .chars()
            .all(|c| "ABCDEFGHJKLMNPRSTUVWXY23456789".contains(c)),
        "{reference}"
    );
    let token = Resp::str_at(receipt, "status_token");
    assert!(token.len() >= 22, "{token}");
    assert!(
        token
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'),
        "{token}"
    );
    let feedback = receipt.get("feedback").expect("feedback");
    assert!(validate_feedback(feedback, Lang::En).valid);
    assert_eq!(Resp::str_at(feedback, "status"), "received");
    assert_eq!(Resp::str_at(feedback, "referral_id"), id);
}

/// A copy of a document with one top-level member set.
fn with_member(doc: &[u8], key: &str, value: Json) -> Vec<u8> {
    let Json::Object(mut members) = parse(doc).unwrap() else {
        panic!("not an object")
    };
    match members.iter_mut().find(|(k, _)| k == key) {
        Some(member) => member.1 = value,
        None => members.push((key.to_owned(), value)),
    }
    serde_json::to_vec(&Json::Object(members)).unwrap()
}

#[test]
fn static_files_have_their_types_and_security_headers() {
    let demo = Demo::start("static");

    let index = demo.get("/");
    assert_eq!(index.status, 200);
    index.assert_security_headers();
    assert!(index
        .header("Content-Type")
        .unwrap()
        .starts_with("text/html"));
    assert_eq!(index.body, INDEX.as_bytes());
    assert_eq!(demo.get("/index.html").body, INDEX.as_bytes());
    assert_eq!(demo.get("/?lang=cy").body, INDEX.as_bytes());

    let js = demo.get("/app.js");
    assert_eq!(js.status, 200);
    assert_eq!(
        js.header("Content-Type"),
        Some("text/javascript; charset=utf-8")
    );
    js.assert_security_headers();

    let wasm = demo.get("/app.wasm");
    assert_eq!(wasm.status, 200);
    assert_eq!(wasm.header("Content-Type"), Some("application/wasm"));
    assert_eq!(wasm.body, WASM);

    let pkg = demo.get("/pkg/index.js");
    assert_eq!(pkg.status, 200);
    assert_eq!(pkg.body, b"export {};\n");

    let css = demo.get("/govuk/govuk-frontend.min.css");
    assert_eq!(css.status, 200);
    assert_eq!(css.header("Content-Type"), Some("text/css; charset=utf-8"));

    let font = demo.get("/assets/fonts/a.woff2");
    assert_eq!(font.status, 200);
    assert_eq!(font.header("Content-Type"), Some("font/woff2"));

    let missing = demo.get("/nope.js");
    assert_eq!(missing.status, 404);
    missing.assert_security_headers();
}

#[test]
fn head_is_get_without_a_body_and_other_methods_are_refused() {
    let demo = Demo::start("methods");
    let head = demo.request("HEAD", "/app.wasm", &[], b"");
    assert_eq!(head.status, 200);
    assert_eq!(head.header("Content-Type"), Some("application/wasm"));
    assert_eq!(head.header("Content-Length"), Some("8"));
    assert!(head.body.is_empty());
    head.assert_security_headers();

    let put = demo.request("PUT", "/index.html", &[], b"x");
    assert_eq!(put.status, 405);
    put.assert_security_headers();
    let delete = demo.request("DELETE", "/", &[], b"");
    assert_eq!(delete.status, 405);
}

#[test]
fn path_traversal_is_not_found() {
    let demo = Demo::start("traversal");
    for path in [
        "/../Cargo.toml",
        "/../secret.txt",
        "/pkg/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/..%2fsecret.txt",
        "/pkg/%2e%2e/%2e%2e/secret.txt",
        "/assets/../../secret.txt",
        "/..\\secret.txt",
        "/%5c..%5csecret.txt",
        "/%00",
        "/%zz",
    ] {
        let resp = demo.get(path);
        assert_eq!(resp.status, 404, "{path}");
        assert!(
            !String::from_utf8_lossy(&resp.body).contains("secret"),
            "{path}"
        );
        resp.assert_security_headers();
    }
}

#[test]
fn a_symlink_out_of_the_root_is_not_followed() {
    let demo = Demo::start("symlink");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(demo.dir.join("secret.txt"), demo.dir.join("www/link.txt"))
            .unwrap();
        assert_eq!(demo.get("/link.txt").status, 404);
    }
}

#[test]
fn a_valid_referral_is_stored_once_and_acknowledged() {
    let demo = Demo::start("valid");
    let body = example("valid/full-referral.json");
    let doc = parse(&body).unwrap();
    let id = doc.get("referral_id").and_then(Json::as_str).unwrap();

    let first = demo.post_json(&body);
    first.assert_api(201);
    let receipt = first.json();
    assert_receipt(&receipt, id);
    let feedback = receipt.get("feedback").unwrap().clone();
    let report = validate_feedback(&feedback, Lang::En);
    assert!(report.valid, "{:?}", report.errors);
    assert_eq!(Resp::str_at(&feedback, "status"), "received");
    assert_eq!(Resp::str_at(&feedback, "referral_id"), id);
    assert_eq!(Resp::str_at(&feedback, "schema_version"), "1.0");
    assert!(Resp::str_at(&feedback, "message").starts_with("Thank you."));
    let updated_at = Resp::str_at(&feedback, "updated_at");
    assert_eq!(updated_at.len(), 20, "{updated_at}");
    assert!(updated_at.ends_with('Z') && updated_at.as_bytes()[10] == b'T');

    let file = demo
        .store()
        .join(format!("{}.json", id.to_ascii_lowercase()));
    let stored = parse_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(stored, normalise(&doc));
    assert_eq!(demo.stored_files(), vec![format!("{id}.json")]);
    assert_eq!(demo.receipt_files(), vec![format!("{id}.receipt.json")]);

    // A retry after a lost response: acknowledged again with the same receipt, not stored
    // twice.
    let again = demo.post_json(&body);
    again.assert_api(200);
    assert_eq!(again.json(), receipt);
    assert_eq!(demo.stored_files(), vec![format!("{id}.json")]);

    // A second, different referral gets its own reference and token.
    let other = with_member(
        &body,
        "referral_id",
        Json::String("0b7e2c1a-5d3f-4e8a-9c6b-1f2e3d4c5b6a".into()),
    );
    let second = demo.post_json(&other);
    second.assert_api(201);
    let second = second.json();
    assert_receipt(&second, "0b7e2c1a-5d3f-4e8a-9c6b-1f2e3d4c5b6a");
    assert_ne!(
        Resp::str_at(&second, "reference"),
        Resp::str_at(&receipt, "reference")
    );
    assert_ne!(
        Resp::str_at(&second, "status_token"),
        Resp::str_at(&receipt, "status_token")
    );
    std::fs::remove_file(
        demo.store()
            .join("0b7e2c1a-5d3f-4e8a-9c6b-1f2e3d4c5b6a.json"),
    )
    .unwrap();
    std::fs::remove_file(
        demo.store()
            .join("0b7e2c1a-5d3f-4e8a-9c6b-1f2e3d4c5b6a.receipt.json"),
    )
    .unwrap();

    // Same id, different content: refused, and the stored referral is untouched.
    let before = std::fs::read(&file).unwrap();
    let changed = with_member(&body, "immediate_risk", Json::Bool(true));
    let conflict = demo.post_json(&changed);
    conflict.assert_api(409);
    assert_eq!(conflict.error_code(), "referral_id_in_use");
    assert!(!conflict.error_message().is_empty());
    assert_eq!(std::fs::read(&file).unwrap(), before);
    assert_eq!(demo.stored_files(), vec![format!("{id}.json")]);
}

#[test]
fn an_upper_case_id_is_stored_under_the_lower_case_name() {
    let demo = Demo::start("uppercase");
    let body = example("valid/minimal-referral.json");
    let id = parse(&body)
        .unwrap()
        .get("referral_id")
        .and_then(Json::as_str)
        .unwrap()
        .to_owned();
    let upper = with_member(&body, "referral_id", Json::String(id.to_ascii_uppercase()));
    let resp = demo.post_json(&upper);
    resp.assert_api(201);
    assert_receipt(&resp.json(), &id.to_ascii_uppercase());
    assert_eq!(
        demo.stored_files(),
        vec![format!("{}.json", id.to_ascii_lowercase())]
    );
}

#[test]
fn a_welsh_referral_is_acknowledged_in_welsh() {
    let demo = Demo::start("welsh-valid");
    let body = with_member(
        &example("valid/full-referral.json"),
        "language",
        Json::String("cy".into()),
    );
    let resp = demo.post_json(&body);
    resp.assert_api(201);
    let feedback = resp.json().get("feedback").unwrap().clone();
    assert!(validate_feedback(&feedback, Lang::Cy).valid);
    assert!(Resp::str_at(&feedback, "message").starts_with("Diolch."));
}

#[test]
fn an_invalid_referral_gets_the_report() {
    let demo = Demo::start("invalid");
    let resp = demo.post_json(&example("invalid/missing-postcode.json"));
    resp.assert_api(422);
    let report = resp.json();
    assert_eq!(report.get("valid"), Some(&Json::Bool(false)));
    assert!(matches!(report.get("warnings"), Some(Json::Array(_))));
    assert_eq!(
        resp.errors(),
        vec![(
            "/individual/address/postcode".to_owned(),
            "required".to_owned()
        )]
    );
    let Some(Json::Array(errors)) = report.get("errors") else {
        unreachable!()
    };
    let english = Resp::str_at(&errors[0], "message").to_owned();
    assert!(english.starts_with("Enter"), "{english}");
    assert!(demo.stored_files().is_empty());

    // The same document in Welsh: the same error, worded in Welsh.
    let welsh = with_member(
        &example("invalid/missing-postcode.json"),
        "language",
        Json::String("cy".into()),
    );
    let resp = demo.post_json(&welsh);
    resp.assert_api(422);
    let expected = prevent_referral::validate(&parse(&welsh).unwrap(), Lang::Cy);
    assert_eq!(
        resp.errors(),
        vec![(
            "/individual/address/postcode".to_owned(),
            "required".to_owned()
        )]
    );
    let report = resp.json();
    let Some(Json::Array(errors)) = report.get("errors") else {
        unreachable!()
    };
    let message = Resp::str_at(&errors[0], "message");
    assert_eq!(message, expected.errors[0].message);
    assert_ne!(message, english);
}

#[test]
fn a_repeated_member_name_is_reported() {
    let demo = Demo::start("duplicate");
    let text = String::from_utf8(example("valid/full-referral.json")).unwrap();
    let repeated = text.replacen(
        "\"immediate_risk\": false,",
        "\"immediate_risk\": false,\n  \"immediate_risk\": false,",
        1,
    );
    assert_ne!(repeated, text);
    let resp = demo.post_json(repeated.as_bytes());
    resp.assert_api(422);
    assert!(
        resp.errors().iter().any(|(_, code)| code == "duplicate"),
        "{:?}",
        resp.errors()
    );
    assert!(demo.stored_files().is_empty());
}

#[test]
fn bodies_that_are_not_json_referrals_are_refused() {
    let demo = Demo::start("refused");
    let valid = example("valid/full-referral.json");

    let not_json = demo.post_json(b"{\"schema_version\": ");
    not_json.assert_api(400);
    assert_eq!(not_json.error_code(), "not_json");
    assert!(not_json.error_message().starts_with("not valid JSON"));
    let not_utf8 = demo.post_json(b"\"\xff\"");
    not_utf8.assert_api(400);
    assert!(!not_utf8.error_message().is_empty());

    let plain = demo.request(
        "POST",
        "/api/referrals",
        &[("Content-Type", "text/plain")],
        &valid,
    );
    plain.assert_api(415);
    assert_eq!(plain.error_code(), "unsupported_media_type");
    assert!(!plain.error_message().is_empty());
    let none = demo.request("POST", "/api/referrals", &[], &valid);
    none.assert_api(415);

    // 1 MiB is the limit: one byte more is too large, whatever it holds.
    let mut big = vec![b' '; MIB + 1];
    big[..valid.len()].copy_from_slice(&valid);
    let too_large = demo.post_json(&big);
    too_large.assert_api(413);
    assert_eq!(too_large.error_code(), "too_large");
    assert!(!too_large.error_message().is_empty());
    // Exactly 1 MiB (white space after the document) is read and accepted.
    let at_limit = demo.post_json(&big[..MIB]);
    at_limit.assert_api(201);

    assert_eq!(demo.stored_files().len(), 1);
}

#[test]
fn the_endpoint_takes_only_post() {
    let demo = Demo::start("api-methods");
    for method in ["GET", "HEAD", "OPTIONS", "PUT", "DELETE"] {
        let resp = demo.request(method, "/api/referrals", &[], b"");
        assert_eq!(resp.status, 405, "{method}");
        resp.assert_security_headers();
        assert_eq!(resp.header("Cache-Control"), Some("no-store"), "{method}");
        assert_eq!(resp.header("Allow"), Some("POST"), "{method}");
        assert_eq!(resp.header("Access-Control-Allow-Origin"), None);
    }
    assert_eq!(demo.get("/api/other").status, 404);
}
