//! The smaller holes of issue 17 (receiving API v1 §7): a per-client connection cap, the team
//! shell behind its sign-in guard whatever the spelling of its path, the data folder made
//! `0700`, team sessions capped per member, and indicators that never drop a status.

use std::io::{self, Read, Write};
use std::net::{Ipv4Addr, TcpStream};
use std::os::unix::fs::PermissionsExt;
use std::time::{Duration, Instant};

use prevent_referral::receiving::API_LIMITS;

use crate::expect_created;
use crate::support::docs::Batch;
use crate::support::scratch::Scratch;
use crate::support::server::{raise_own_open_file_limit, repo, Options, Server};
use crate::support::{db, http};

/// The per-client connection cap (`API_LIMITS.max_connections_per_client`).
const CAP: usize = API_LIMITS.max_connections_per_client;
/// The live sessions one member may hold (`API_LIMITS.max_sessions_per_member`).
const SESSIONS: usize = API_LIMITS.max_sessions_per_member;

/// A client other than the test's usual 127.0.0.1.
const OTHER_CLIENT: Ipv4Addr = Ipv4Addr::new(127, 0, 0, 2);

/// Whether the server has closed `stream` (end of stream or reset), looking without waiting.
fn closed_now(mut stream: &TcpStream) -> bool {
    let _ = stream.set_nonblocking(true);
    let mut buf = [0u8; 64];
    let closed = match stream.read(&mut buf) {
        Ok(0) => true,
        Ok(_) => false,
        Err(e) => e.kind() != io::ErrorKind::WouldBlock,
    };
    let _ = stream.set_nonblocking(false);
    closed
}

/// Whether the server closes `stream` within `limit` (a refused connection is closed at once).
fn closed_within(mut stream: &TcpStream, limit: Duration) -> bool {
    let _ = stream.set_read_timeout(Some(limit));
    let mut buf = [0u8; 64];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => {}
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                return false
            }
            Err(_) => return true,
        }
    }
}

#[test]
fn one_address_holding_600_slow_sockets_is_capped_and_another_client_is_answered_meanwhile() {
    let own = raise_own_open_file_limit();
    assert!(
        own >= 1_000,
        "this test needs 1,000 open files; the limit is {own}"
    );
    let scratch = Scratch::new("per-client-cap");
    let mut server = Server::start(&scratch.join("data"), &Options::unlimited());

    // More than the cap plus 200, and more than the server's connections in all (512): one
    // address that could hold them all would keep every other client waiting.
    let slow = 600;
    let sockets: Vec<TcpStream> = (0..slow)
        .map(|i| {
            let mut s = http::connect_from(OTHER_CLIENT, server.addr)
                .unwrap_or_else(|e| panic!("connection {i} from {OTHER_CLIENT}: {e}"));
            // Headers never finished (a refused connection may already be closed).
            let _ = s.write_all(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            s
        })
        .collect();

    // Another client (127.0.0.1) is answered while the first address holds its sockets.
    let health = http::get(server.addr, "/healthz", None).expect("/healthz answers");
    assert_eq!(health.status, 200, "/healthz: {}", health.text());
    let held_when_answered = sockets.iter().take(CAP).filter(|s| !closed_now(s)).count();
    assert_eq!(
        held_when_answered,
        CAP,
        "/healthz from another client was answered only after the server had cut {} of the \
         first {CAP} slow connections of {OTHER_CLIENT}",
        CAP - held_when_answered
    );
    // The connections beyond the cap were closed at once.
    let refused = sockets
        .iter()
        .skip(CAP)
        .filter(|s| closed_within(s, Duration::from_secs(1)))
        .count();
    assert_eq!(
        refused,
        slow - CAP,
        "of {slow} connections from one address, {refused} were refused (cap {CAP})"
    );
    let still_held = sockets.iter().take(CAP).filter(|s| !closed_now(s)).count();
    assert_eq!(
        still_held, CAP,
        "the {CAP} connections within the cap are kept"
    );
    server.assert_running("with 600 slow connections from one address");

    // Once they are gone the address is served again.
    drop(sockets);
    let t = Instant::now();
    loop {
        match http::get_from(OTHER_CLIENT, server.addr, "/healthz") {
            Ok(r) if r.status == 200 => break,
            other => assert!(
                t.elapsed() < Duration::from_secs(30),
                "{OTHER_CLIENT} not served again after closing its connections: {other:?}"
            ),
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    eprintln!("per-client cap: {CAP} held, {refused} refused, another client answered meanwhile");
}

/// The server with the repository's pages, and a team member's token.
fn with_pages(name: &str) -> (Scratch, Server, String) {
    let scratch = Scratch::new(name);
    let www = repo().join("www");
    let mut options = Options::unlimited();
    options
        .args
        .extend(["--www".into(), www.display().to_string()]);
    let server = Server::start(&scratch.join("data"), &options);
    let token = server.team_token();
    (scratch, server, token)
}

/// Signs in with the bearer `token`: the session cookie (`name=value`).
fn sign_in(server: &Server, token: &str) -> String {
    let auth = format!("Bearer {token}");
    let r = http::request(
        server.addr,
        "POST",
        "/v1/team/session",
        &[("Authorization", &auth)],
        b"",
    )
    .expect("sign-in answers");
    assert_eq!(r.status, 201, "sign-in: {}", r.text());
    let set_cookie = r.header("set-cookie").expect("a session cookie");
    set_cookie
        .split(';')
        .next()
        .map(str::to_owned)
        .expect("name=value")
}

#[test]
fn every_spelling_of_a_team_page_passes_the_sign_in_guard_or_is_404_and_none_is_cached() {
    let (_scratch, server, token) = with_pages("team-shell");
    let shell = |r: &http::Response| r.text().contains("data-page");
    let spellings = [
        "/%74eam/",
        "/%74eam/audit/index.html",
        "/%74%65%61%6d/export/",
        "//team/audit/index.html",
        "//team/",
        "/team//",
        "/team//audit/",
        "/team/audit//index.html",
        "/team/./audit/",
        "/team/%2e/audit/",
        "/./team/",
        "/%2Fteam/",
        "/team%2Faudit%2Findex.html",
        "/team/audit/index.htm%6c",
        "/team/sign-in/../audit/",
        "/team/sign-in/%2e%2e/audit/",
        "/TEAM/",
        "/Team/audit/",
        "/team/audit/index.html;.js",
    ];
    let mut answers = Vec::new();
    for path in spellings {
        let r = http::request(server.addr, "GET", path, &[], b"").expect("an answer");
        answers.push(format!("{path} → {}", r.status));
        let guarded = r.status == 303
            && r.header("location")
                .is_some_and(|l| l.starts_with("/team/sign-in/"));
        assert!(
            guarded || r.status == 404,
            "{path} without a session: {} {:?}",
            r.status,
            r.header("location")
        );
        assert!(!shell(&r), "{path} without a session showed the team shell");
        assert_eq!(
            r.header("cache-control"),
            Some("no-store"),
            "{path}: every answer for a team page is never cached"
        );
    }
    // With a session: a canonical page is shown, every other spelling is 404; never cached.
    let cookie = sign_in(&server, &token);
    for path in spellings {
        let r = http::request(server.addr, "GET", path, &[("Cookie", &cookie)], b"")
            .expect("an answer");
        assert_eq!(r.status, 404, "{path} with a session");
        assert_eq!(r.header("cache-control"), Some("no-store"), "{path}");
    }
    for path in [
        "/team/",
        "/team/audit/",
        "/team/audit/index.html",
        "/team/sign-in/",
        "/team/team.js",
        "/team/team.css",
    ] {
        let r = http::request(server.addr, "GET", path, &[("Cookie", &cookie)], b"")
            .expect("an answer");
        assert_eq!(r.status, 200, "{path} with a session");
        assert_eq!(
            r.header("cache-control"),
            Some("no-store"),
            "{path}: the team shell is never cached"
        );
    }
    eprintln!("team shell spellings: {}", answers.join(", "));
}

#[test]
fn an_existing_0755_data_folder_is_made_0700_at_start() {
    let scratch = Scratch::new("data-0755");
    let data = scratch.join("data");
    std::fs::create_dir(&data).expect("create the data folder");
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let server = Server::start(&data, &Options::unlimited());
    let mode = |p: &std::path::Path| {
        std::fs::metadata(p)
            .map(|m| m.permissions().mode() & 0o777)
            .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
    };
    assert_eq!(mode(&data), 0o700, "the data folder's mode after start");
    assert_eq!(mode(&data.join("key")), 0o600, "the key file's mode");
    drop(server);
}

#[test]
fn fifty_sign_ins_by_one_member_leave_at_most_the_cap_of_live_sessions_the_oldest_ended() {
    let (_scratch, server, token) = with_pages("sessions-cap");
    let cookies: Vec<String> = (0..50).map(|_| sign_in(&server, &token)).collect();
    let live = db::scalar(&server.data, "SELECT COUNT(*) FROM sessions");
    assert!(
        live <= SESSIONS as i64,
        "after 50 sign-ins by one member, {live} sessions are stored (cap {SESSIONS})"
    );
    let works = |cookie: &str| {
        http::request(
            server.addr,
            "GET",
            "/v1/team/referrals",
            &[("Cookie", cookie)],
            b"",
        )
        .expect("an answer")
        .status
    };
    assert_eq!(works(&cookies[0]), 401, "the oldest session has ended");
    assert_eq!(works(&cookies[49]), 200, "the newest session works");
    assert_eq!(
        works(&cookies[50 - SESSIONS]),
        200,
        "the newest {SESSIONS} sessions work"
    );
    eprintln!("sessions after 50 sign-ins: {live}");
}

#[test]
fn a_status_the_server_does_not_know_is_counted_so_the_statuses_sum_to_the_total() {
    let scratch = Scratch::new("unknown-status");
    let server = Server::start(&scratch.join("data"), &Options::unlimited());
    let token = server.team_token();
    let batch = Batch::new();
    for n in 0..3 {
        expect_created(server.addr, &batch.body(n), "a referral");
    }
    // A status a newer server (or a hand edit) left in the store.
    db::execute(
        &server.data,
        "UPDATE referrals SET status = 'passed_to_a_newer_panel' \
         WHERE seq = (SELECT MIN(seq) FROM referrals)",
    );
    for _ in 0..2 {
        let r = http::get(server.addr, "/v1/team/indicators", Some(&token)).expect("an answer");
        assert_eq!(r.status, 200, "indicators: {}", r.text());
        let v = r.json();
        let total = v["total"].as_i64().expect("total");
        let by_status: i64 = v["by_status"]
            .as_object()
            .expect("by_status")
            .values()
            .filter_map(|n| n.as_i64())
            .sum();
        assert_eq!(
            (total, by_status),
            (3, 3),
            "total and the sum of by_status: {}",
            v["by_status"]
        );
    }
    let log = server.log_text();
    let warnings = log
        .lines()
        .filter(|l| l.contains("status this server does not know"))
        .count();
    assert_eq!(
        warnings, 1,
        "the unknown status is logged once; log:\n{log}"
    );
    assert!(
        !log.contains("passed_to_a_newer_panel"),
        "the stored value is not logged"
    );
}
