//! A deliberately small HTTP/1.1 client over `std::net::TcpStream`: the tests need to send
//! things no well-behaved client library would (absurd `Content-Length`, unfinished headers,
//! 2 MB header lines), and to see exactly what comes back, byte for byte.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

/// How long a test waits for any single answer before calling the server hung.
pub const ANSWER_TIMEOUT: Duration = Duration::from_secs(30);

/// A response as read from the wire.
#[derive(Debug, Clone)]
pub struct Response {
    /// Status code.
    pub status: u16,
    /// Header names (lower case) and values, in order.
    pub headers: Vec<(String, String)>,
    /// The body, de-chunked.
    pub body: Vec<u8>,
}

impl Response {
    /// The first header of that name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        header_in(&self.headers, name)
    }

    /// The body as (lossy) text, for messages.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body as JSON; panics with the status and body when it is not JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "response {} is not JSON ({e}): {:?}",
                self.status,
                self.text()
            )
        })
    }

    /// `error.code` of a spec error body (`{"error": {"code", "message"}}`), if it is one.
    pub fn error_code(&self) -> Option<String> {
        let v: serde_json::Value = serde_json::from_slice(&self.body).ok()?;
        Some(v.get("error")?.get("code")?.as_str()?.to_owned())
    }
}

/// Connects with the test's time-outs set.
pub fn connect(addr: SocketAddr) -> io::Result<TcpStream> {
    connect_within(addr, ANSWER_TIMEOUT)
}

/// Connects, with `timeout` for the connection and for every later read and write.
pub fn connect_within(addr: SocketAddr, timeout: Duration) -> io::Result<TcpStream> {
    let stream = TcpStream::connect_timeout(&addr, timeout)?;
    stream.set_read_timeout(Some(timeout))?;
    stream.set_write_timeout(Some(timeout))?;
    stream.set_nodelay(true)?;
    Ok(stream)
}

/// Builds the bytes of a request. `Host`, `Content-Length` (when there is a body or the method
/// is POST) and `Connection` are added; `headers` are sent as given.
pub fn build_request(
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
    keep_alive: bool,
) -> Vec<u8> {
    let mut out = format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    for (k, v) in headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    if !body.is_empty() || method == "POST" {
        out.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    out.push_str(if keep_alive {
        "Connection: keep-alive\r\n\r\n"
    } else {
        "Connection: close\r\n\r\n"
    });
    let mut bytes = out.into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

/// The first header of that name (case-insensitive).
fn header_in<'h>(headers: &'h [(String, String)], name: &str) -> Option<&'h str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// Reads one chunk of a chunked body; `None` after the last (its trailers read too).
fn read_chunk(reader: &mut impl BufRead) -> io::Result<Option<Vec<u8>>> {
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let size_text = line.trim().split(';').next().unwrap_or("");
    let size = usize::from_str_radix(size_text, 16)
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, format!("chunk size {line:?}")))?;
    if size == 0 {
        loop {
            line.clear();
            if reader.read_line(&mut line)? == 0 || line.trim().is_empty() {
                return Ok(None);
            }
        }
    }
    let mut piece = vec![0; size];
    reader.read_exact(&mut piece)?;
    line.clear();
    reader.read_line(&mut line)?;
    Ok(Some(piece))
}

/// Reads a response's status line and headers (names in lower case).
fn read_head(reader: &mut impl BufRead) -> io::Result<(u16, Vec<(String, String)>)> {
    let mut line = String::new();
    if reader.read_line(&mut line)? == 0 {
        return Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "connection closed before a status line",
        ));
    }
    let status = line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse::<u16>().ok())
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, format!("status {line:?}")))?;
    let mut headers = Vec::new();
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "connection closed inside the headers",
            ));
        }
        let l = line.trim_end_matches(['\r', '\n']);
        if l.is_empty() {
            break;
        }
        if let Some((k, v)) = l.split_once(':') {
            headers.push((k.trim().to_ascii_lowercase(), v.trim().to_owned()));
        }
    }
    Ok((status, headers))
}

/// A response whose body is read piece by piece as it arrives (a long export read slowly,
/// or counted without being kept).
pub struct Streamed {
    /// Status code.
    pub status: u16,
    /// Header names (lower case) and values, in order.
    pub headers: Vec<(String, String)>,
    reader: BufReader<TcpStream>,
    chunked: bool,
    /// Bytes left by `Content-Length`; `None` for chunked or read-to-the-end bodies.
    left: Option<usize>,
    done: bool,
}

impl Streamed {
    /// The first header of that name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        header_in(&self.headers, name)
    }

    /// The next piece of the body (a chunk, or up to 64 KiB), or `None` at its end.
    pub fn next_piece(&mut self) -> io::Result<Option<Vec<u8>>> {
        if self.done {
            return Ok(None);
        }
        if self.chunked {
            let piece = read_chunk(&mut self.reader)?;
            self.done = piece.is_none();
            return Ok(piece);
        }
        let want = self.left.map_or(64 << 10, |left| left.min(64 << 10));
        if want == 0 {
            self.done = true;
            return Ok(None);
        }
        let mut piece = vec![0; want];
        let n = self.reader.read(&mut piece)?;
        if n == 0 {
            self.done = true;
            return Ok(None);
        }
        piece.truncate(n);
        if let Some(left) = &mut self.left {
            *left -= n;
        }
        Ok(Some(piece))
    }

    /// Reads the rest of the body without keeping it; returns its bytes and line ends.
    pub fn count_rest(&mut self) -> io::Result<(u64, u64)> {
        let (mut bytes, mut lines) = (0, 0);
        while let Some(piece) = self.next_piece()? {
            bytes += piece.len() as u64;
            lines += piece.iter().filter(|&&b| b == b'\n').count() as u64;
        }
        Ok((bytes, lines))
    }
}

/// `GET path` (with a bearer token when given), returning once the status line and headers
/// are in; the body is read with [`Streamed::next_piece`].
pub fn get_streamed(addr: SocketAddr, path: &str, bearer: Option<&str>) -> io::Result<Streamed> {
    let auth = bearer.map(|t| format!("Bearer {t}"));
    let headers: Vec<(&str, &str)> = auth
        .as_deref()
        .map(|a| vec![("Authorization", a)])
        .unwrap_or_default();
    let mut stream = connect(addr)?;
    stream.write_all(&build_request("GET", path, &headers, b"", false))?;
    let mut reader = BufReader::new(stream);
    let (status, headers) = read_head(&mut reader)?;
    let find = |name: &str| header_in(&headers, name).map(str::to_ascii_lowercase);
    let chunked = find("transfer-encoding").is_some_and(|v| v.contains("chunked"));
    let left = if chunked {
        None
    } else {
        find("content-length").and_then(|v| v.parse().ok())
    };
    Ok(Streamed {
        status,
        headers,
        reader,
        chunked,
        left,
        done: false,
    })
}

/// Reads one response from `reader` (status line, headers, then a body framed by
/// `Content-Length`, chunked encoding, or the end of the stream).
pub fn read_response(reader: &mut impl BufRead, method: &str) -> io::Result<Response> {
    let (status, headers) = read_head(reader)?;
    let mut response = Response {
        status,
        headers,
        body: Vec::new(),
    };
    if method == "HEAD" || status == 204 || status == 304 || (100..200).contains(&status) {
        return Ok(response);
    }
    let chunked = response
        .header("transfer-encoding")
        .is_some_and(|v| v.to_ascii_lowercase().contains("chunked"));
    if chunked {
        while let Some(piece) = read_chunk(reader)? {
            response.body.extend_from_slice(&piece);
        }
    } else if let Some(len) = response.header("content-length") {
        let len: usize = len
            .parse()
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "content-length"))?;
        response.body.resize(len, 0);
        reader.read_exact(&mut response.body)?;
    } else {
        reader.read_to_end(&mut response.body)?;
    }
    Ok(response)
}

/// Sends `raw` on a new connection and reads one response.
pub fn send_raw(addr: SocketAddr, raw: &[u8]) -> io::Result<Response> {
    send_raw_within(addr, raw, ANSWER_TIMEOUT)
}

/// Like [`send_raw`], giving up on each step after `timeout`.
pub fn send_raw_within(addr: SocketAddr, raw: &[u8], timeout: Duration) -> io::Result<Response> {
    let mut stream = connect_within(addr, timeout)?;
    stream.write_all(raw)?;
    let method = std::str::from_utf8(&raw[..raw.len().min(8)])
        .ok()
        .and_then(|s| s.split(' ').next())
        .unwrap_or("GET")
        .to_owned();
    read_response(&mut BufReader::new(stream), &method)
}

/// One request on a new connection (`Connection: close`).
pub fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> io::Result<Response> {
    send_raw(addr, &build_request(method, path, headers, body, false))
}

/// `POST /v1/referrals` with a JSON body.
pub fn post_referral(addr: SocketAddr, body: &[u8]) -> io::Result<Response> {
    request(
        addr,
        "POST",
        "/v1/referrals",
        &[("Content-Type", "application/json")],
        body,
    )
}

/// `POST /v1/referrals`, giving up on each step after `timeout`.
pub fn post_referral_within(
    addr: SocketAddr,
    body: &[u8],
    timeout: Duration,
) -> io::Result<Response> {
    let raw = build_request(
        "POST",
        "/v1/referrals",
        &[("Content-Type", "application/json")],
        body,
        false,
    );
    send_raw_within(addr, &raw, timeout)
}

/// `POST /v1/team/referrals/{referral_id}/feedback` with the team token and a JSON body.
pub fn team_feedback(
    addr: SocketAddr,
    token: &str,
    referral_id: &str,
    body: &serde_json::Value,
) -> io::Result<Response> {
    let auth = format!("Bearer {token}");
    request(
        addr,
        "POST",
        &format!("/v1/team/referrals/{referral_id}/feedback"),
        &[
            ("Content-Type", "application/json"),
            ("Authorization", &auth),
        ],
        body.to_string().as_bytes(),
    )
}

/// `GET path`, with a bearer token when given.
pub fn get(addr: SocketAddr, path: &str, bearer: Option<&str>) -> io::Result<Response> {
    match bearer {
        Some(token) => {
            let auth = format!("Bearer {token}");
            request(addr, "GET", path, &[("Authorization", &auth)], b"")
        }
        None => request(addr, "GET", path, &[], b""),
    }
}

/// A kept-alive connection for many requests in a row (the benchmark's clients).
pub struct Conn {
    addr: SocketAddr,
    reader: Option<BufReader<TcpStream>>,
}

impl Conn {
    /// A connection to `addr`, opened at the first request.
    pub fn new(addr: SocketAddr) -> Conn {
        Conn { addr, reader: None }
    }

    /// Sends one request and reads its response, reconnecting once if the server had
    /// closed the kept-alive connection.
    pub fn round_trip(&mut self, method: &str, raw: &[u8]) -> io::Result<Response> {
        for attempt in 0..2 {
            if self.reader.is_none() {
                self.reader = Some(BufReader::new(connect(self.addr)?));
            }
            let Some(reader) = self.reader.as_mut() else {
                continue;
            };
            let sent = reader.get_mut().write_all(raw);
            let result = sent.and_then(|()| read_response(reader, method));
            match result {
                Ok(r) => {
                    if r.header("connection")
                        .is_some_and(|v| v.eq_ignore_ascii_case("close"))
                    {
                        self.reader = None;
                    }
                    return Ok(r);
                }
                Err(e) if attempt == 0 => {
                    let _ = e;
                    self.reader = None;
                }
                Err(e) => return Err(e),
            }
        }
        Err(io::Error::other("unreachable"))
    }
}

/// Connects from the source address `source` (any of 127/8 on Linux reaches the loopback
/// server), so that a test can be two clients at once; with the test's time-outs set.
pub fn connect_from(source: std::net::Ipv4Addr, addr: SocketAddr) -> io::Result<TcpStream> {
    use std::os::fd::FromRawFd;
    let SocketAddr::V4(v4) = addr else {
        return Err(io::Error::other("IPv4 only"));
    };
    let sockaddr = |ip: std::net::Ipv4Addr, port: u16| libc::sockaddr_in {
        sin_family: libc::AF_INET as libc::sa_family_t,
        sin_port: port.to_be(),
        sin_addr: libc::in_addr {
            s_addr: u32::from_ne_bytes(ip.octets()),
        },
        sin_zero: [0; 8],
    };
    let len = std::mem::size_of::<libc::sockaddr_in>() as libc::socklen_t;
    // SAFETY: plain socket calls on a descriptor we own; TcpStream takes ownership at once.
    let stream = unsafe {
        let fd = libc::socket(libc::AF_INET, libc::SOCK_STREAM | libc::SOCK_CLOEXEC, 0);
        if fd < 0 {
            return Err(io::Error::last_os_error());
        }
        let stream = TcpStream::from_raw_fd(fd);
        let local = sockaddr(source, 0);
        if libc::bind(fd, (&local as *const libc::sockaddr_in).cast(), len) != 0 {
            return Err(io::Error::last_os_error());
        }
        let remote = sockaddr(*v4.ip(), v4.port());
        if libc::connect(fd, (&remote as *const libc::sockaddr_in).cast(), len) != 0 {
            return Err(io::Error::last_os_error());
        }
        stream
    };
    stream.set_read_timeout(Some(ANSWER_TIMEOUT))?;
    stream.set_write_timeout(Some(ANSWER_TIMEOUT))?;
    stream.set_nodelay(true)?;
    Ok(stream)
}

/// `GET path` on a new connection from the source address `source`.
pub fn get_from(source: std::net::Ipv4Addr, addr: SocketAddr, path: &str) -> io::Result<Response> {
    let mut stream = connect_from(source, addr)?;
    stream.write_all(&build_request("GET", path, &[], b"", false))?;
    read_response(&mut BufReader::new(stream), "GET")
}
