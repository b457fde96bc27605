//! The command-line contract others rely on: the `listening on` line, graceful SIGTERM, the
//! `token` commands, `--database`, usage errors, and what the request log holds.

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_prevent-referral-server");

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(BIN).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn start(data: &str) -> (Child, String) {
    let mut child = Command::new(BIN)
        .args(["--addr", "127.0.0.1:0", "--data", data, "--rate-limit", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("first line: {line:?}"))
        .to_owned();
    (child, url)
}

/// A minimal HTTP/1.1 request over a fresh connection; returns status and body.
fn http(
    url: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, String) {
    use std::io::Write;
    let addr = url.strip_prefix("http://").unwrap();
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        request.push_str(&format!("{k}: {v}\r\n"));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes()).unwrap();
    stream.write_all(body).unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response[9..12].parse().unwrap();
    let body = response
        .split_once("\r\n\r\n")
        .map_or("", |(_, b)| b)
        .to_owned();
    (status, body)
}

#[test]
fn serves_prints_one_listening_line_logs_routes_not_data_and_stops_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let data = data.to_str().unwrap();
    let (_, out, _) = run(&["token", "create", "--data", data, "--name", "Pat Officer"]);
    let token = out.lines().last().unwrap().to_owned();
    let (mut child, url) = start(data);
    assert!(
        url.starts_with("http://127.0.0.1:") && !url.ends_with(":0"),
        "{url}"
    );

    let doc = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../schemas/examples/valid/full-referral.json"
    ))
    .unwrap();
    let (status, body) = http(
        &url,
        "POST",
        "/v1/referrals",
        &[("Content-Type", "application/json")],
        &doc,
    );
    assert_eq!(status, 201, "{body}");
    let receipt: serde_json::Value = serde_json::from_str(&body).unwrap();
    let id = receipt["referral_id"].as_str().unwrap();
    let status_token = receipt["status_token"].as_str().unwrap();
    let auth = format!("Bearer {status_token}");
    let (status, _) = http(
        &url,
        "GET",
        &format!("/v1/referrals/{id}/feedback?x=secret-query"),
        &[("Authorization", &auth)],
        b"",
    );
    assert_eq!(status, 200);
    let team = format!("Bearer {token}");
    let (status, _) = http(
        &url,
        "GET",
        "/v1/team/referrals",
        &[("Authorization", &team)],
        b"",
    );
    assert_eq!(status, 200);

    // SIGTERM: a graceful stop, exit status 0.
    unsafe {
        libc::kill(child.id() as i32, libc::SIGTERM);
    }
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
    let mut log = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut log)
        .unwrap();
    assert!(
        log.contains("route=\"/v1/referrals/{referral_id}/feedback\""),
        "{log}"
    );
    assert!(log.contains("status=201"), "{log}");
    for secret in [
        id,
        status_token,
        token.as_str(),
        "secret-query",
        "Ellis",
        "Pat Officer",
        receipt["reference"].as_str().unwrap(),
    ] {
        assert!(!log.contains(secret), "{secret:?} in the log:\n{log}");
    }
}

#[test]
fn token_commands_create_list_revoke_and_never_show_tokens_again() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("d");
    let data = data.to_str().unwrap();
    let (code, out, _) = run(&["token", "create", "--data", data, "--name", "Sam Analyst"]);
    assert_eq!(code, 0);
    let token = out.lines().last().unwrap();
    assert!(token.starts_with("prt_") && token.len() > 40, "{token}");
    let (code, _, err) = run(&["token", "create", "--data", data, "--name", "Sam Analyst"]);
    assert_eq!(code, 1, "a name is never reused: {err}");
    let (code, list, _) = run(&["token", "list", "--data", data]);
    assert_eq!(code, 0);
    assert!(
        list.contains("Sam Analyst") && list.contains("active"),
        "{list}"
    );
    assert!(!list.contains(token));
    let (code, _, _) = run(&["token", "revoke", "--data", data, "--name", "Sam Analyst"]);
    assert_eq!(code, 0);
    let (_, list, _) = run(&["token", "list", "--data", data]);
    assert!(list.contains("revoked 20"), "{list}");
    let (code, _, _) = run(&["token", "revoke", "--data", data, "--name", "Nobody"]);
    assert_eq!(code, 1);
}

#[test]
fn usage_errors_and_postgres_urls_exit_2_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("d");
    let data = data.to_str().unwrap();
    for args in [
        vec!["--addr", "not-an-address"],
        vec!["--no-such-option"],
        vec!["token", "create", "--data", data],
        vec!["token", "frobnicate"],
        vec!["--rate-limit", "-3"],
    ] {
        let (code, _, err) = run(&args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(!err.is_empty());
    }
    let (code, _, err) = run(&[
        "--data",
        data,
        "--database",
        "mysql://user:secret@db.example/referrals",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("not supported"), "{err}");
    assert!(
        !err.contains("secret"),
        "the URL's password is echoed: {err}"
    );
    // PostgreSQL that does not answer (nothing listens on port 1): a message, exit 1.
    for args in [
        vec![
            "--data",
            data,
            "--database",
            "postgres://u:secret@127.0.0.1:1/y",
        ],
        vec![
            "token",
            "list",
            "--data",
            data,
            "--database",
            "postgresql://u:secret@127.0.0.1:1/y",
        ],
    ] {
        let (code, _, err) = run(&args);
        assert_eq!(code, 1, "{args:?}: {err}");
        assert!(err.contains("opening the database"), "{err}");
        assert!(
            !err.contains("secret"),
            "the URL's password is echoed: {err}"
        );
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[test]
fn token_create_with_unwritable_output_fails_with_a_message_not_a_panic() {
    // `make demo` pipes the token into a file; a failed write must be an error, not a panic.
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("d");
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = Command::new(BIN)
        .args([
            "token",
            "create",
            "--data",
            data.to_str().unwrap(),
            "--name",
            "A",
        ])
        .stdout(Stdio::from(full))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("writing to standard output"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}
