//! `prevent-referral-demo`: serves the demo form and acts as a police Prevent team's
//! receiving endpoint (`POST /api/referrals`). A thin shell over the library, for a demo on
//! this machine only: it binds a loopback address and nothing else.
//!
//! Routes:
//! - `GET /` → `<www>/index.html`; `GET /pkg/…` → `<pkg>/…`; `GET /govuk/…` → `<govuk>/…`;
//!   `GET /assets/…` → `<govuk>/assets/…`; any other `GET /x` → `<www>/x` (`HEAD` likewise).
//! - `POST /api/referrals` → validate, normalise, store `<store>/<referral_id>.json`, and
//!   answer with a receipt `{reference, referral_id, status_token, feedback}` (receiving API
//!   §2: 201, or 200 for a retry; 409 `referral_id_in_use`); or the report (422) or
//!   `{"error": {"code", "message"}}`.

use std::fs::{self, File};
use std::io::{self, Cursor, Read, Write};
use std::net::{SocketAddr, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use prevent_referral::{normalise, parse, validate, Json, Lang};
use tiny_http::{Header, Method, Request, Response, Server, StatusCode};

/// The largest request body accepted (1 MiB).
const MAX_BODY: usize = 1024 * 1024;
/// Threads taking requests from the server.
const WORKERS: usize = 4;

const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
img-src 'self'; font-src 'self'; connect-src 'self'; form-action 'self'; \
frame-ancestors 'none'; base-uri 'none'";

const USAGE: &str = "usage: prevent-referral-demo [--addr 127.0.0.1:8080] [--www www] [--pkg pkg] \
[--govuk tools/node_modules/govuk-frontend/dist/govuk] [--store received]";

struct Config {
    addr: String,
    www: PathBuf,
    pkg: PathBuf,
    govuk: PathBuf,
    store: PathBuf,
}

/// The server's state shared by the workers.
struct State {
    config: Config,
    /// Held while checking and writing the store, so two requests for the same id cannot
    /// both decide the file is new.
    store_lock: Mutex<()>,
    /// Makes temporary file names unique within this process.
    temp_counter: AtomicU64,
}

/// What a handler answers, before it becomes a `tiny_http::Response`.
struct Reply {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Body,
}

enum Body {
    Bytes(Vec<u8>),
    File(File, usize),
}

impl Reply {
    fn json(status: u16, body: String) -> Reply {
        Reply {
            status,
            headers: vec![
                ("Content-Type", "application/json".to_owned()),
                ("Cache-Control", "no-store".to_owned()),
            ],
            body: Body::Bytes(body.into_bytes()),
        }
    }

    /// `{"error": {"code", "message"}}` (receiving API §1).
    fn error(status: u16, code: &str, message: &str) -> Reply {
        let body = serde_json::json!({ "error": { "code": code, "message": message } }).to_string();
        Reply::json(status, body)
    }

    fn not_found() -> Reply {
        Reply {
            status: 404,
            headers: vec![("Content-Type", "text/plain; charset=utf-8".to_owned())],
            body: Body::Bytes(b"Not found\n".to_vec()),
        }
    }

    fn with_header(mut self, name: &'static str, value: &str) -> Reply {
        self.headers.push((name, value.to_owned()));
        self
    }
}

/// A listener whose accepted connections send small responses at once (TCP_NODELAY is
/// inherited on Linux): without it, Nagle's algorithm and delayed ACKs hold some responses
/// for ~40 ms, and a page of ES modules loads one stall after another.
fn listen(
    addr: std::net::SocketAddr,
) -> Result<std::net::TcpListener, Box<dyn std::error::Error + Send + Sync>> {
    use socket2::{Domain, Socket, Type};
    let socket = Socket::new(Domain::for_address(addr), Type::STREAM, None)?;
    socket.set_reuse_address(true)?;
    socket.set_tcp_nodelay(true)?;
    socket.bind(&addr.into())?;
    socket.listen(128)?;
    Ok(socket.into())
}

fn main() -> ExitCode {
    let config = match parse_args(std::env::args().skip(1)) {
        Ok(Some(config)) => config,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(msg) => {
            eprintln!("prevent-referral-demo: {msg}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let addr = match loopback_addr(&config.addr) {
        Ok(addr) => addr,
        Err(msg) => {
            eprintln!("prevent-referral-demo: {msg}");
            return ExitCode::from(2);
        }
    };
    let server = match listen(addr).and_then(|l| Server::from_listener(l, None)) {
        Ok(server) => Arc::new(server),
        Err(e) => {
            eprintln!("prevent-referral-demo: cannot listen on {addr}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let Some(bound) = server.server_addr().to_ip() else {
        eprintln!("prevent-referral-demo: not listening on an IP address");
        return ExitCode::FAILURE;
    };
    let mut out = io::stdout().lock();
    if writeln!(out, "listening on http://{bound}")
        .and_then(|()| out.flush())
        .is_err()
    {
        eprintln!("prevent-referral-demo: cannot write to standard output");
    }
    drop(out);

    let state = Arc::new(State {
        config,
        store_lock: Mutex::new(()),
        temp_counter: AtomicU64::new(0),
    });
    let mut workers = Vec::new();
    for _ in 0..WORKERS {
        let server = Arc::clone(&server);
        let state = Arc::clone(&state);
        workers.push(std::thread::spawn(move || loop {
            match server.recv() {
                Ok(request) => serve(request, &state),
                Err(e) => {
                    // tiny_http's accept loop has stopped: the server cannot go on.
                    eprintln!("prevent-referral-demo: {e}");
                    std::process::exit(1);
                }
            }
        }));
    }
    for worker in workers {
        let _ = worker.join();
    }
    ExitCode::FAILURE
}

/// `Ok(None)` for `--help`.
fn parse_args(args: impl Iterator<Item = String>) -> Result<Option<Config>, String> {
    let mut config = Config {
        addr: "127.0.0.1:8080".to_owned(),
        www: PathBuf::from("www"),
        pkg: PathBuf::from("pkg"),
        govuk: PathBuf::from("tools/node_modules/govuk-frontend/dist/govuk"),
        store: PathBuf::from("received"),
    };
    let mut args = args.peekable();
    while let Some(arg) = args.next() {
        if arg == "-h" || arg == "--help" {
            return Ok(None);
        }
        let (name, inline) = match arg.split_once('=') {
            Some((name, value)) if name.starts_with("--") => (name.to_owned(), Some(value.into())),
            _ => (arg.clone(), None),
        };
        let value = match inline {
            Some(value) => value,
            None if matches!(
                name.as_str(),
                "--addr" | "--www" | "--pkg" | "--govuk" | "--store"
            ) =>
            {
                args.next().ok_or_else(|| format!("{name} needs a value"))?
            }
            None => return Err(format!("unexpected argument '{arg}'")),
        };
        match name.as_str() {
            "--addr" => config.addr = value,
            "--www" => config.www = PathBuf::from(value),
            "--pkg" => config.pkg = PathBuf::from(value),
            "--govuk" => config.govuk = PathBuf::from(value),
            "--store" => config.store = PathBuf::from(value),
            _ => return Err(format!("unexpected argument '{arg}'")),
        }
    }
    Ok(Some(config))
}

/// The address to bind: it must resolve to a loopback address (this is a demo server).
fn loopback_addr(addr: &str) -> Result<SocketAddr, String> {
    let addrs = addr
        .to_socket_addrs()
        .map_err(|e| format!("--addr {addr}: {e}"))?;
    let mut found = None;
    for a in addrs {
        if !a.ip().is_loopback() {
            return Err(format!(
                "--addr {addr}: only a loopback address (127.0.0.1 or [::1]) may be used"
            ));
        }
        found.get_or_insert(a);
    }
    found.ok_or_else(|| format!("--addr {addr}: no address"))
}

fn serve(mut request: Request, state: &State) {
    let method = request.method().clone();
    let url = request.url().to_owned();
    let reply = route(&mut request, &method, &url, state);
    let status = reply.status;
    let result = request.respond(into_response(reply));
    let shown = printable(&url);
    match result {
        Ok(()) => eprintln!("{method} {shown} {status}"),
        Err(e) => eprintln!("{method} {shown} {status} (not sent: {e})"),
    }
}

fn into_response(reply: Reply) -> Response<Box<dyn Read + Send>> {
    let (reader, length): (Box<dyn Read + Send>, usize) = match reply.body {
        Body::Bytes(bytes) => {
            let len = bytes.len();
            (Box::new(Cursor::new(bytes)), len)
        }
        Body::File(file, len) => (Box::new(file), len),
    };
    let mut headers = Vec::new();
    let common = [
        ("Content-Security-Policy", CSP),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
    ];
    for (name, value) in common
        .iter()
        .map(|&(n, v)| (n, v))
        .chain(reply.headers.iter().map(|(n, v)| (*n, v.as_str())))
    {
        if let Ok(header) = Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            headers.push(header);
        }
    }
    // The length is always known: send it, never chunks (so HEAD shows it too).
    Response::new(
        StatusCode(reply.status),
        headers,
        reader,
        Some(length),
        None,
    )
    .with_chunked_threshold(usize::MAX)
}

/// The URL as it may appear in the log: no control characters, bounded length.
fn printable(url: &str) -> String {
    url.chars()
        .take(300)
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}

fn route(request: &mut Request, method: &Method, url: &str, state: &State) -> Reply {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let Some(segments) = decode_segments(path) else {
        return Reply::not_found();
    };
    let segs: Vec<&str> = segments.iter().map(String::as_str).collect();
    match segs.as_slice() {
        ["api", "referrals"] => {
            if *method == Method::Post {
                receive(request, state)
            } else {
                Reply::error(405, "method_not_allowed", "use POST to send a referral")
                    .with_header("Allow", "POST")
            }
        }
        ["api", ..] => Reply::error(404, "not_found", "no such endpoint"),
        _ => {
            if !matches!(method, Method::Get | Method::Head) {
                return Reply {
                    status: 405,
                    headers: vec![
                        ("Content-Type", "text/plain; charset=utf-8".to_owned()),
                        ("Allow", "GET, HEAD".to_owned()),
                    ],
                    body: Body::Bytes(b"Method not allowed\n".to_vec()),
                };
            }
            let config = &state.config;
            let (root, rest): (PathBuf, &[&str]) = match segs.as_slice() {
                [] => (config.www.clone(), &["index.html"][..]),
                ["pkg", rest @ ..] => (config.pkg.clone(), rest),
                ["govuk", rest @ ..] => (config.govuk.clone(), rest),
                ["assets", rest @ ..] => (config.govuk.join("assets"), rest),
                rest => (config.www.clone(), rest),
            };
            static_file(&root, rest)
        }
    }
}

/// The path's segments, percent-decoded; `None` when it cannot name a file safely: a `..`
/// segment (also when encoded), bad percent-encoding, not UTF-8, a NUL or a backslash.
/// Empty and `.` segments are dropped.
fn decode_segments(path: &str) -> Option<Vec<String>> {
    let bytes = path.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hi = bytes.get(i + 1).and_then(|&c| (c as char).to_digit(16))?;
            let lo = bytes.get(i + 2).and_then(|&c| (c as char).to_digit(16))?;
            decoded.push((hi * 16 + lo) as u8);
            i += 3;
        } else {
            decoded.push(b);
            i += 1;
        }
    }
    let text = String::from_utf8(decoded).ok()?;
    if !text.starts_with('/') || text.contains(['\0', '\\']) {
        return None;
    }
    let mut segments = Vec::new();
    for seg in text.split('/') {
        match seg {
            ".." => return None,
            "" | "." => {}
            s => segments.push(s.to_owned()),
        }
    }
    Some(segments)
}

fn static_file(root: &Path, rest: &[&str]) -> Reply {
    let Ok(root) = root.canonicalize() else {
        return Reply::not_found();
    };
    let mut path = root.clone();
    path.extend(rest);
    let Ok(mut path) = path.canonicalize() else {
        return Reply::not_found();
    };
    if path.is_dir() {
        path = path.join("index.html");
        match path.canonicalize() {
            Ok(p) => path = p,
            Err(_) => return Reply::not_found(),
        }
    }
    if !path.starts_with(&root) || !path.is_file() {
        return Reply::not_found();
    }
    let file = match File::open(&path) {
        Ok(file) => file,
        Err(_) => return Reply::not_found(),
    };
    let len = match file.metadata() {
        Ok(meta) => match usize::try_from(meta.len()) {
            Ok(len) => len,
            Err(_) => return Reply::not_found(),
        },
        Err(_) => return Reply::not_found(),
    };
    Reply {
        status: 200,
        headers: vec![
            ("Content-Type", content_type(&path).to_owned()),
            ("Cache-Control", "no-cache".to_owned()),
        ],
        body: Body::File(file, len),
    }
}

fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("html" | "htm") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("json" | "map") => "application/json",
        Some("wasm") => "application/wasm",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("woff") => "font/woff",
        Some("woff2") => "font/woff2",
        Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// `POST /api/referrals`.
fn receive(request: &mut Request, state: &State) -> Reply {
    let is_json = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Content-Type"))
        .map(|h| {
            let value = h.value.as_str();
            let media = value.split(';').next().unwrap_or("").trim();
            media.eq_ignore_ascii_case("application/json")
        })
        .unwrap_or(false);
    if !is_json {
        return Reply::error(
            415,
            "unsupported_media_type",
            "send the referral as Content-Type: application/json",
        );
    }
    let too_large = || Reply::error(413, "too_large", "the referral is larger than 1 MiB");
    if request.body_length().is_some_and(|n| n > MAX_BODY) {
        return too_large();
    }
    let mut body = Vec::new();
    if let Err(e) = request
        .as_reader()
        .take(MAX_BODY as u64 + 1)
        .read_to_end(&mut body)
    {
        return Reply::error(
            400,
            "bad_request",
            &format!("could not read the request body: {e}"),
        );
    }
    if body.len() > MAX_BODY {
        return too_large();
    }
    let doc = match parse(&body) {
        Ok(doc) => doc,
        Err(e) => return Reply::error(400, "not_json", &e.to_string()),
    };
    let lang = match doc.get("language").and_then(Json::as_str) {
        Some("cy") => Lang::Cy,
        _ => Lang::En,
    };
    let report = validate(&doc, lang);
    if !report.valid {
        return match serde_json::to_string(&report) {
            Ok(text) => Reply::json(422, text),
            Err(_) => Reply::error(500, "internal", "could not write the report"),
        };
    }
    let Some(id) = doc.get("referral_id").and_then(Json::as_str) else {
        return Reply::error(500, "internal", "a valid referral without a referral_id");
    };
    let receipt = match store(state, id, &normalise(&doc), lang) {
        Ok((Stored::New, receipt)) => (201, receipt),
        Ok((Stored::Same, receipt)) => (200, receipt),
        Ok((Stored::Conflict, _)) => {
            return Reply::error(
                409,
                "referral_id_in_use",
                "a different referral with this referral_id has already been received",
            )
        }
        Err(e) => {
            eprintln!("prevent-referral-demo: storing referral {id}: {e}");
            return Reply::error(
                500,
                "unavailable",
                "the referral could not be stored; try again",
            );
        }
    };
    match serde_json::to_string(&receipt.1) {
        Ok(text) => Reply::json(receipt.0, text),
        Err(_) => Reply::error(500, "internal", "could not write the receipt"),
    }
}

enum Stored {
    New,
    Same,
    Conflict,
}

/// Writes `<store>/<id>.json` (pretty-printed, lower-case id) and its receipt
/// `<store>/<id>.receipt.json` through temporary files and renames, unless the referral exists
/// already. Returns the receipt (the first one again for a retry; `Json::Null` for a conflict).
fn store(state: &State, id: &str, normal: &Json, lang: Lang) -> io::Result<(Stored, Json)> {
    let lower = id.to_ascii_lowercase();
    // A valid referral_id is a UUID; refuse anything else as a file name all the same.
    if lower.is_empty() || !lower.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-') {
        return Err(io::Error::other("referral_id is not a UUID"));
    }
    let mut text = serde_json::to_string_pretty(normal).map_err(io::Error::other)?;
    text.push('\n');
    let dir = &state.config.store;
    let target = dir.join(format!("{lower}.json"));
    let receipt_file = dir.join(format!("{lower}.receipt.json"));

    // A poisoned lock only means another request panicked; the files are still whole.
    let _guard = state.store_lock.lock().unwrap_or_else(|e| e.into_inner());
    match fs::read(&target) {
        Ok(existing) if existing == text.as_bytes() => {
            let receipt = fs::read(&receipt_file)?;
            let receipt = prevent_referral::parse(&receipt).map_err(io::Error::other)?;
            return Ok((Stored::Same, receipt));
        }
        Ok(_) => return Ok((Stored::Conflict, Json::Null)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    fs::create_dir_all(dir)?;
    let reference = loop {
        let candidate = reference(&random_bytes::<8>()?);
        if !reference_in_use(dir, &candidate)? {
            break candidate;
        }
    };
    let text_of = |s: &str| Json::String(s.to_owned());
    let receipt = Json::Object(vec![
        ("reference".to_owned(), text_of(&reference)),
        ("referral_id".to_owned(), text_of(id)),
        (
            "status_token".to_owned(),
            text_of(&base64url(&random_bytes::<32>()?)),
        ),
        ("feedback".to_owned(), feedback(id, lang, unix_now())),
    ]);
    let receipt_text = serde_json::to_string_pretty(&receipt).map_err(io::Error::other)?;
    // The receipt first: a referral file is only ever there with its receipt.
    write_new(state, &receipt_file, receipt_text.as_bytes())?;
    write_new(state, &target, text.as_bytes())?;
    // Make the renames themselves durable; not every platform can sync a folder.
    if let Ok(folder) = File::open(dir) {
        let _ = folder.sync_all();
    }
    Ok((Stored::New, receipt))
}

/// Writes `path` whole through a temporary file in the same folder and a rename.
fn write_new(state: &State, path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let n = state.temp_counter.fetch_add(1, Ordering::Relaxed);
    let temp = dir.join(format!(".{name}.{}.{n}.tmp", std::process::id()));
    let written = File::create_new(&temp).and_then(|mut file| {
        file.write_all(bytes)?;
        file.sync_all()
    });
    if let Err(e) = written.and_then(|()| fs::rename(&temp, path)) {
        let _ = fs::remove_file(&temp);
        return Err(e);
    }
    Ok(())
}

/// The characters of a reference (receiving API §2): capitals without I, O, Q, Z; digits 2–9.
const REFERENCE_ALPHABET: &[u8] = b"ABCDEFGHJKLMNPRSTUVWXY23456789";

/// An 8-character reference from 8 random bytes (the slight modulo bias is harmless here).
fn reference(random: &[u8; 8]) -> String {
    random
        .iter()
        .map(|&b| REFERENCE_ALPHABET[usize::from(b) % REFERENCE_ALPHABET.len()] as char)
        .collect()
}

/// Whether a stored receipt already has this reference.
fn reference_in_use(dir: &Path, reference: &str) -> io::Result<bool> {
    let needle = format!("\"reference\": \"{reference}\"");
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.to_string_lossy().ends_with(".receipt.json")
            && fs::read_to_string(&path)?.contains(&needle)
        {
            return Ok(true);
        }
    }
    Ok(false)
}

/// `N` bytes from the operating system's random source.
fn random_bytes<const N: usize>() -> io::Result<[u8; N]> {
    let mut bytes = [0u8; N];
    File::open("/dev/urandom")?.read_exact(&mut bytes)?;
    Ok(bytes)
}

/// Base64url without padding (RFC 4648 §5).
fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len() * 4 / 3 + 3);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

/// The feedback document (spec §9) that acknowledges a referral.
fn feedback(referral_id: &str, lang: Lang, unix_seconds: u64) -> Json {
    let message = match lang {
        Lang::Cy => "Diolch. Mae tîm Prevent wedi cael eich atgyfeiriad.",
        _ => "Thank you. Your referral has been received by the Prevent team.",
    };
    let text = |s: &str| Json::String(s.to_owned());
    Json::Object(vec![
        ("schema_version".to_owned(), text("1.0")),
        ("referral_id".to_owned(), text(referral_id)),
        ("status".to_owned(), text("received")),
        ("updated_at".to_owned(), text(&rfc3339_utc(unix_seconds))),
        ("message".to_owned(), text(message)),
    ])
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// Seconds since 1970-01-01T00:00:00Z as RFC 3339 in UTC, like `2026-11-25T12:30:05Z`.
fn rfc3339_utc(unix_seconds: u64) -> String {
    let days = unix_seconds / 86_400;
    let secs = unix_seconds % 86_400;
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's
/// `civil_from_days`, for days on or after the epoch).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z % 146_097; // [0, 146096]
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    let mp = (5 * doy + 2) / 153; // [0, 11], March first
    let d = doy - (153 * mp + 2) / 5 + 1; // [1, 31]
    let m = if mp < 10 { mp + 3 } else { mp - 9 }; // [1, 12]
    let y = yoe + era * 400 + u64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use prevent_referral::validate_feedback;

    #[test]
    fn dates() {
        assert_eq!(rfc3339_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339_utc(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339_utc(1_709_251_199), "2024-02-29T23:59:59Z");
        assert_eq!(rfc3339_utc(1_795_609_805), "2026-11-25T12:30:05Z");
        assert_eq!(rfc3339_utc(4_102_444_800), "2100-01-01T00:00:00Z");
        assert_eq!(rfc3339_utc(4_107_542_399), "2100-02-28T23:59:59Z");
        assert_eq!(rfc3339_utc(4_107_542_400), "2100-03-01T00:00:00Z");
    }

    #[test]
    fn feedback_is_valid_in_both_languages() {
        for lang in [Lang::En, Lang::Cy] {
            let doc = feedback("c0a8012e-7d4b-4f6a-9e21-3b5c7d9f1a2b", lang, 1_795_609_805);
            let report = validate_feedback(&doc, lang);
            assert!(report.valid, "{lang:?}: {:?}", report.errors);
        }
    }

    #[test]
    fn references_and_tokens() {
        assert_eq!(reference(&[0; 8]), "AAAAAAAA");
        assert_eq!(reference(&[29, 30, 255, 8, 13, 21, 22, 100]), "9ASJPY2L");
        assert_eq!(base64url(b""), "");
        assert_eq!(base64url(b"f"), "Zg");
        assert_eq!(base64url(b"fo"), "Zm8");
        assert_eq!(base64url(b"foo"), "Zm9v");
        assert_eq!(base64url(&[0xfb, 0xff, 0xbf]), "-_-_");
        assert_eq!(base64url(&[0u8; 32]).len(), 43);
    }

    #[test]
    fn paths() {
        assert_eq!(decode_segments("/"), Some(vec![]));
        assert_eq!(
            decode_segments("/pkg//a%20b.js"),
            Some(vec!["pkg".into(), "a b.js".into()])
        );
        for bad in [
            "/../x",
            "/%2e%2e/x",
            "/%2E%2E%2Fx",
            "/a/..",
            "/%zz",
            "/%",
            "/a%00",
            "/a%5c..",
            "/%ff",
            "x",
        ] {
            assert_eq!(decode_segments(bad), None, "{bad}");
        }
    }

    #[test]
    fn only_loopback() {
        assert!(loopback_addr("127.0.0.1:0").is_ok());
        assert!(loopback_addr("[::1]:0").is_ok());
        assert!(loopback_addr("0.0.0.0:8080").is_err());
        assert!(loopback_addr("192.0.2.1:8080").is_err());
    }
}
