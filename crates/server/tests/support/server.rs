//! `prevent-referral-server` as a child process: started with a data folder and arguments,
//! its `listening on http://IP:PORT` line read, its log kept in a file outside the data
//! folder, stopped with SIGTERM or SIGKILL, and killed when dropped. With
//! `PREVENT_REFERRAL_TEST_DATABASE` set, each data folder gets a fresh PostgreSQL database
//! of its own (the same one again when the server restarts on that folder), passed with
//! `--database`.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{mpsc, Mutex};
use std::time::{Duration, Instant};

use super::http;
use super::scratch::Scratch;

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_prevent-referral-server");

/// How long a start may take before the test calls it a failure.
const START_TIMEOUT: Duration = Duration::from_secs(60);

/// The repository's root folder.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The PostgreSQL database of each data folder started in this test process.
static DATABASES: Mutex<Vec<(PathBuf, String)>> = Mutex::new(Vec::new());

/// `--database URL` for the data folder `data` when the tests run on PostgreSQL (a new
/// database the first time, the same one after), else nothing.
pub fn database_args(data: &Path) -> Vec<String> {
    let Some(admin) = super::pg::admin_url() else {
        return Vec::new();
    };
    let mut known = DATABASES.lock().unwrap_or_else(|e| e.into_inner());
    let url = match known.iter().find(|(d, _)| d == data) {
        Some((_, url)) => url.clone(),
        None => {
            let url = super::pg::create_database(&admin);
            known.push((data.to_path_buf(), url.clone()));
            url
        }
    };
    vec!["--database".into(), url]
}

/// Whether the tests run on PostgreSQL.
pub fn on_postgres() -> bool {
    super::pg::admin_url().is_some()
}

/// How to start the server.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Arguments after `--addr 127.0.0.1:0 --data DIR`.
    pub args: Vec<String>,
    /// Lower the process's open-file limit (soft and hard) to this, before `exec`.
    pub max_open_files: Option<u64>,
    /// Ignore SIGXFSZ (inherited across `exec`), so that a write beyond a file-size limit
    /// set later with [`Server::limit_file_size`] fails with `EFBIG` instead of killing it.
    pub ignore_sigxfsz: bool,
}

impl Options {
    /// The usual options for a test that is not about rate limiting: `--rate-limit 0`.
    pub fn unlimited() -> Options {
        Options {
            args: vec!["--rate-limit".into(), "0".into()],
            max_open_files: None,
            ignore_sigxfsz: false,
        }
    }

    /// For a test that plays more clients at once than one address may hold connections
    /// (every test client is 127.0.0.1): [`Options::unlimited`] and
    /// `--max-connections-per-client 0`.
    pub fn many_clients() -> Options {
        let mut options = Options::unlimited();
        options
            .args
            .extend(["--max-connections-per-client".into(), "0".into()]);
        options
    }
}

/// A running server.
pub struct Server {
    child: Child,
    /// Where it listens.
    pub addr: SocketAddr,
    /// Its data folder.
    pub data: PathBuf,
    /// `--database URL` when it was given one.
    pub db_args: Vec<String>,
    log: PathBuf,
    _logs: Scratch,
}

impl Server {
    /// Starts the binary on 127.0.0.1 (port chosen by the system) with `data` as its data
    /// folder, and waits for its `listening on` line.
    pub fn start(data: &Path, options: &Options) -> Server {
        let logs = Scratch::new("server-log");
        let log = logs.join("stderr.log");
        let stderr = File::create(&log).expect("log file");
        let db_args = if options.args.iter().any(|a| a == "--database") {
            let at = options.args.iter().position(|a| a == "--database");
            at.map(|i| options.args[i..=i + 1].to_vec())
                .unwrap_or_default()
        } else {
            database_args(data)
        };
        let mut command = Command::new(BIN);
        command
            .arg("--addr")
            .arg("127.0.0.1:0")
            .arg("--data")
            .arg(data)
            .args(if options.args.iter().any(|a| a == "--database") {
                &[][..]
            } else {
                &db_args[..]
            })
            .args(&options.args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::from(stderr));
        if options.ignore_sigxfsz {
            // SAFETY: signal(2) is async-signal-safe; SIG_IGN survives exec.
            unsafe {
                command.pre_exec(|| {
                    if libc::signal(libc::SIGXFSZ, libc::SIG_IGN) == libc::SIG_ERR {
                        return Err(std::io::Error::last_os_error());
                    }
                    Ok(())
                });
            }
        }
        if let Some(limit) = options.max_open_files {
            // SAFETY: only async-signal-safe calls (setrlimit) between fork and exec.
            unsafe {
                command.pre_exec(move || {
                    let lim = libc::rlimit {
                        rlim_cur: limit as libc::rlim_t,
                        rlim_max: limit as libc::rlim_t,
                    };
                    if libc::setrlimit(libc::RLIMIT_NOFILE, &lim) != 0 {
                        return Err(std::io::Error::last_os_error());
                    }
                    Ok(())
                });
            }
        }
        let mut child = command
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {BIN}: {e}"));
        let stdout = child.stdout.take().expect("piped stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut lines = BufReader::new(stdout).lines();
            if let Some(Ok(first)) = lines.next() {
                let _ = tx.send(first);
            }
            // Keep draining so the server never blocks on a full pipe.
            for _ in lines {}
        });
        let first = match rx.recv_timeout(START_TIMEOUT) {
            Ok(line) => line,
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                panic!(
                    "{BIN} printed no `listening on` line; its log:\n{}",
                    std::fs::read_to_string(&log).unwrap_or_default()
                );
            }
        };
        let addr: SocketAddr = first
            .strip_prefix("listening on http://")
            .and_then(|a| a.trim().parse().ok())
            .unwrap_or_else(|| panic!("unexpected first line {first:?}"));
        Server {
            child,
            addr,
            data: data.to_path_buf(),
            db_args,
            log,
            _logs: logs,
        }
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Whether the process is still running (false once it exited, for whatever reason).
    pub fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// Panics with the log unless the process is still running.
    pub fn assert_running(&mut self, when: &str) {
        if let Ok(Some(status)) = self.child.try_wait() {
            panic!(
                "the server exited ({status}) {when}; its log:\n{}",
                self.log_text()
            );
        }
    }

    /// Sets the server's file-size limit (`RLIMIT_FSIZE`, soft; `None` = unlimited) from
    /// outside with prlimit(2): no file of the process may then grow beyond `bytes`.
    pub fn limit_file_size(&self, bytes: Option<u64>) {
        let mut old = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        let pid = self.child.id() as libc::pid_t;
        // SAFETY: prlimit(2) with valid pointers, on our own child.
        unsafe {
            let got = libc::prlimit(pid, libc::RLIMIT_FSIZE, std::ptr::null(), &mut old);
            assert_eq!(got, 0, "prlimit: {}", std::io::Error::last_os_error());
            let new = libc::rlimit {
                rlim_cur: bytes.map_or(old.rlim_max, |b| b as libc::rlim_t),
                rlim_max: old.rlim_max,
            };
            let set = libc::prlimit(pid, libc::RLIMIT_FSIZE, &new, std::ptr::null_mut());
            assert_eq!(set, 0, "prlimit: {}", std::io::Error::last_os_error());
        }
    }

    /// A figure of `/proc/PID/status` in KiB (`VmRSS`, `VmHWM`…); 0 when unreadable.
    pub fn memory_kib(&self, field: &str) -> u64 {
        std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .ok()
            .and_then(|s| {
                s.lines()
                    .find(|l| l.strip_prefix(field).is_some_and(|r| r.starts_with(':')))
                    .and_then(|l| l.split_whitespace().nth(1))
                    .and_then(|kb| kb.parse::<u64>().ok())
            })
            .unwrap_or(0)
    }

    /// Resets the process's peak resident memory (`VmHWM`) to its current size (writes `5`
    /// to `/proc/PID/clear_refs`); returns whether the kernel allowed it.
    pub fn reset_peak_memory(&self) -> bool {
        std::fs::write(format!("/proc/{}/clear_refs", self.child.id()), "5").is_ok()
    }

    /// What the server wrote to standard error so far.
    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// `kill -9`: the process dies at once, with no chance to flush or clean up.
    pub fn kill_9(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// SIGTERM, then waits (up to 20 s) for the exit status.
    pub fn terminate(&mut self) -> ExitStatus {
        // SAFETY: plain kill(2) on our own child's pid.
        unsafe {
            libc::kill(self.child.id() as libc::pid_t, libc::SIGTERM);
        }
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status;
            }
            if Instant::now() > deadline {
                self.kill_9();
                panic!("the server did not exit within 20 s of SIGTERM");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// A team token made with `prevent-referral-server token create` on this data folder.
    pub fn team_token(&self) -> String {
        team_token_with(&self.data, &self.db_args, "Reliability Tester")
    }

    /// Every stored referral, through `GET /v1/team/export?format=jsonl`: one
    /// `{reference, received_at, status, document}` per line.
    pub fn export(&self, token: &str) -> Vec<serde_json::Value> {
        let r = http::get(self.addr, "/v1/team/export?format=jsonl", Some(token))
            .expect("export answers");
        assert_eq!(r.status, 200, "export: {}", r.text());
        r.text()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                serde_json::from_str(l)
                    .unwrap_or_else(|e| panic!("export line is not JSON ({e}): {l:?}"))
            })
            .collect()
    }

    /// Waits until a normal request (`GET /healthz`) gets 200 again, up to `limit`;
    /// returns how long that took.
    pub fn wait_healthy(&mut self, limit: Duration) -> Duration {
        let t = Instant::now();
        loop {
            if let Ok(r) = http::get(self.addr, "/healthz", None) {
                if r.status == 200 {
                    return t.elapsed();
                }
            }
            self.assert_running("while waiting for /healthz");
            assert!(
                t.elapsed() < limit,
                "/healthz not 200 within {limit:?}; log:\n{}",
                self.log_text()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The `--database` URL the data folder `data` was given, when on PostgreSQL.
pub fn database_url(data: &Path) -> Option<String> {
    database_args(data).pop()
}

/// `prevent-referral-server token create --data DIR --name NAME`: the token is the last line
/// of standard output.
pub fn team_token(data: &Path) -> String {
    team_token_with(data, &database_args(data), "Reliability Tester")
}

/// `token create` with these `--database` arguments and name.
pub fn team_token_with(data: &Path, db_args: &[String], name: &str) -> String {
    let out = Command::new(BIN)
        .args(["token", "create", "--data"])
        .arg(data)
        .args(db_args)
        .args(["--name", name])
        .output()
        .unwrap_or_else(|e| panic!("cannot run token create: {e}"));
    assert!(
        out.status.success(),
        "token create failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    stdout
        .lines()
        .rfind(|l| !l.trim().is_empty())
        .map(|l| l.trim().to_owned())
        .unwrap_or_else(|| panic!("token create printed nothing"))
}

/// Raises this (test) process's own open-file limit to its hard limit, so a test can hold
/// a thousand client connections; returns the new soft limit.
pub fn raise_own_open_file_limit() -> u64 {
    let mut lim = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit/setrlimit on our own process with a valid pointer.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) == 0 {
            lim.rlim_cur = lim.rlim_max;
            libc::setrlimit(libc::RLIMIT_NOFILE, &lim);
            libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim);
        }
    }
    lim.rlim_cur
}
