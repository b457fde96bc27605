//! A store that cannot be written: spec §2 "store unavailable → 503 `unavailable`; nothing
//! acknowledged", and the service resumes when the store returns.
//!
//! The tests run as root (in CI too), and root ignores file permissions, so a read-only file
//! or `chmod` proves nothing. Two methods that hold for root, one test each:
//! - **full disk**: the data folder lives on its own small `tmpfs` (mounted by the test:
//!   `mount -t tmpfs -o size=8m`), filled to the last byte with a filler file. The server then
//!   gets `ENOSPC` (SQLite: `SQLITE_FULL`) for every write that needs new space. Deleting the
//!   filler is the store coming back. If the mount is refused (no `CAP_SYS_ADMIN`), that test
//!   fails with the reason: it never passes without having proved anything.
//! - **file-size limit**: the server is started ignoring SIGXFSZ, and the test lowers its
//!   `RLIMIT_FSIZE` from outside (prlimit(2)) to the size its files have now: every write that
//!   would make a file larger fails with `EFBIG`. Raising the limit again is the store coming
//!   back. Needs no privilege beyond owning the process.
//! - **PostgreSQL stopped** (on the PostgreSQL pass): the server's database lives on a
//!   cluster of the test's own (`scripts/pg-cluster.sh`), stopped with `pg_ctl stop -m
//!   immediate` (as a crash would) and started again; the server is not restarted.
//!   The first two are SQLite's (on PostgreSQL the data folder holds the key alone).
//!
//! SQLite reuses WAL space that is already allocated, so a write may still succeed on a full
//! disk; every referral that is acknowledged then must really be stored. The test sends
//! large referrals (each ~200 KB, sent in the `extensions` that are stored as sent) until the
//! store has to grow, and requires that at least one was refused with 503.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::support::data_folder;
use crate::support::docs::{normalised, Batch};
use crate::support::http;
use crate::support::scratch::Scratch;
use crate::support::server::{on_postgres, Options, Server};
use crate::{created_within, expect_created};

/// Bytes of padding per referral in the full-disk phase.
const PAD: usize = 200 * 1024;

/// A `tmpfs` mounted for the test's lifetime, unmounted (lazily) when dropped.
struct SmallDisk {
    mount_point: PathBuf,
}

impl SmallDisk {
    fn mount(at: &Path, size: &str) -> SmallDisk {
        std::fs::create_dir_all(at).expect("mount point");
        let out = Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={size},mode=0700"),
                "tmpfs",
            ])
            .arg(at)
            .output()
            .unwrap_or_else(|e| panic!("cannot run mount: {e}"));
        assert!(
            out.status.success(),
            "this test needs to mount a small tmpfs to fill its disk (root with CAP_SYS_ADMIN); \
             `mount -t tmpfs` said: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        SmallDisk {
            mount_point: at.to_path_buf(),
        }
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        if std::env::var_os("PREVENT_REFERRAL_KEEP_SCRATCH").is_some() {
            eprintln!("kept mounted: {}", self.mount_point.display());
            return;
        }
        let _ = Command::new("umount")
            .arg("-l")
            .arg(&self.mount_point)
            .status();
    }
}

/// Writes zeros to `path` until the file system is full; returns the bytes written.
fn fill(path: &Path) -> u64 {
    let mut file = std::fs::File::create(path).expect("filler file");
    let block = vec![0u8; 64 * 1024];
    let mut written = 0u64;
    let mut size = block.len();
    while size > 0 {
        match file.write(&block[..size]) {
            Ok(0) => break,
            Ok(k) => written += k as u64,
            Err(e) if e.raw_os_error() == Some(libc::ENOSPC) => size /= 2,
            Err(e) => panic!("filling the disk: {e}"),
        }
    }
    let _ = file.sync_all();
    written
}

/// What a test does to the store: take its room away, and give it back.
trait Outage {
    fn begin(&mut self, server: &Server);
    fn end(&mut self, server: &Server);
}

/// Sends referrals while `outage` holds, then after it ends; checks that every 201 is stored
/// whole, at least one write was refused with 503, nothing refused was stored, and the
/// service answers 201 again. Returns (acknowledged during, refused) counts.
fn run_outage(server: &mut Server, outage: &mut dyn Outage, what: &str) -> (usize, usize) {
    let token = server.team_token();
    let batch = Batch::new();
    expect_created(server.addr, &batch.padded_body(0, PAD), "before the outage");

    outage.begin(server);
    // Send until the store has to grow. Each answer is 201 (then it must really be stored:
    // checked below) or 503 `unavailable`.
    let mut acknowledged = vec![0u64];
    let mut refused = Vec::new();
    for n in 1..=40u64 {
        let r = http::post_referral(server.addr, &batch.padded_body(n, PAD))
            .unwrap_or_else(|e| panic!("{what}: referral {n} got no answer: {e}"));
        match r.status {
            201 => acknowledged.push(n),
            503 => {
                assert_eq!(
                    r.error_code().as_deref(),
                    Some("unavailable"),
                    "{what}: 503 body: {}",
                    r.text()
                );
                refused.push(n);
                if refused.len() >= 3 {
                    break;
                }
            }
            other => panic!("{what}: referral {n}: {other} {}", r.text()),
        }
        server.assert_running(what);
    }
    assert!(
        !refused.is_empty(),
        "{what}: no write was refused ({} acknowledged): the test proved nothing",
        acknowledged.len()
    );
    // Spec §5: /healthz is 503 while the store cannot take a write.
    let health = http::get(server.addr, "/healthz", None).expect("/healthz answers");
    assert_eq!(
        health.status,
        503,
        "{what}: /healthz while writes are refused: {}",
        health.text()
    );
    eprintln!(
        "{what}: {} acknowledged during the outage, {} refused with 503; /healthz {}",
        acknowledged.len() - 1,
        refused.len(),
        health.status
    );
    server.assert_running("after 503s");

    // The store returns.
    outage.end(server);
    created_within(server.addr, &batch, 1_000, Duration::from_secs(10));

    // Every acknowledged referral is stored whole; a refused one was not half-stored: sent
    // again now, it is new (201).
    let exported = server.export(&token);
    for n in &acknowledged {
        let id = batch.referral_id(*n);
        let record = exported
            .iter()
            .find(|r| r["document"]["referral_id"] == id)
            .unwrap_or_else(|| {
                let ids: Vec<String> = exported
                    .iter()
                    .map(|r| r["document"]["referral_id"].to_string())
                    .collect();
                panic!(
                    "{what}: referral {n} ({id}) got 201 but is not stored; \
                     acknowledged {acknowledged:?}, refused {refused:?}; stored: {ids:?}"
                )
            });
        assert_eq!(record["document"], normalised(&batch.padded_body(*n, PAD)));
    }
    for n in &refused {
        let id = batch.referral_id(*n);
        assert!(
            !exported.iter().any(|r| r["document"]["referral_id"] == id),
            "{what}: referral {n} got 503 but was stored"
        );
        expect_created(
            server.addr,
            &batch.padded_body(*n, PAD),
            "a refused referral sent again after the store returned",
        );
    }
    let health = http::get(server.addr, "/healthz", None).expect("/healthz answers");
    assert_eq!(
        health.status, 200,
        "{what}: /healthz after the store returned"
    );
    (acknowledged.len() - 1, refused.len())
}

/// Full disk: a filler file takes the tmpfs's last byte; removing it gives the room back.
struct FillDisk {
    filler: PathBuf,
}

impl Outage for FillDisk {
    fn begin(&mut self, _: &Server) {
        assert!(fill(&self.filler) > 0, "the filler took no space");
    }
    fn end(&mut self, _: &Server) {
        std::fs::remove_file(&self.filler).expect("remove the filler");
    }
}

/// File-size limit: no file of the server may grow beyond its largest file's size now.
struct FileSizeLimit;

impl Outage for FileSizeLimit {
    fn begin(&mut self, server: &Server) {
        let largest = data_folder::entries(&server.data)
            .iter()
            .filter_map(|e| std::fs::metadata(&e.path).ok())
            .map(|m| m.len())
            .max()
            .unwrap_or(0);
        server.limit_file_size(Some(largest));
    }
    fn end(&mut self, server: &Server) {
        server.limit_file_size(None);
    }
}

#[test]
fn a_full_disk_gets_503_unavailable_acknowledges_nothing_and_the_service_resumes_after() {
    if on_postgres() {
        eprintln!("SQLite only (on PostgreSQL the data folder holds the key alone): see postgresql_stopped_…");
        return;
    }
    let scratch = Scratch::new("full-disk");
    // Declared before the server, so the server is dropped (killed) before the unmount.
    let disk = SmallDisk::mount(&scratch.join("disk"), "8m");
    let mut server = Server::start(&disk.mount_point.join("data"), &Options::unlimited());
    let mut outage = FillDisk {
        filler: disk.mount_point.join("filler"),
    };
    run_outage(&mut server, &mut outage, "full disk");
    server.kill_9();
    drop(server);
    drop(disk);
}

#[test]
fn a_file_size_limit_gets_503_unavailable_acknowledges_nothing_and_the_service_resumes_after() {
    if on_postgres() {
        eprintln!("SQLite only (on PostgreSQL the data folder holds the key alone): see postgresql_stopped_…");
        return;
    }
    let scratch = Scratch::new("file-size-limit");
    let mut server = Server::start(
        &scratch.join("data"),
        &Options {
            ignore_sigxfsz: true,
            ..Options::unlimited()
        },
    );
    run_outage(&mut server, &mut FileSizeLimit, "file-size limit");
}

/// A PostgreSQL cluster of this test's own (the shared one serves the other tests), stopped
/// and started again by the test.
struct OwnCluster {
    script: PathBuf,
    dir: PathBuf,
    port: u16,
}

impl OwnCluster {
    fn start(dir: &Path) -> OwnCluster {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port");
        let cluster = OwnCluster {
            script: crate::support::server::repo().join("scripts/pg-cluster.sh"),
            dir: dir.to_path_buf(),
            port,
        };
        cluster.run("start");
        cluster
    }

    fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    fn run(&self, what: &str) {
        let out = Command::new(&self.script)
            .arg(what)
            .arg(&self.dir)
            .arg(self.port.to_string())
            .env("PG_STOP_MODE", "immediate")
            .output()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", self.script.display()));
        assert!(
            out.status.success(),
            "pg-cluster.sh {what}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

impl Drop for OwnCluster {
    fn drop(&mut self) {
        self.run("stop");
    }
}

struct StopPostgres<'a>(&'a OwnCluster);

impl Outage for StopPostgres<'_> {
    fn begin(&mut self, _: &Server) {
        self.0.run("stop");
    }
    fn end(&mut self, _: &Server) {
        self.0.run("start");
    }
}

#[test]
fn postgresql_stopped_gets_503_unavailable_acknowledges_nothing_and_the_service_resumes_without_a_restart(
) {
    if !on_postgres() {
        eprintln!("PostgreSQL pass only (PREVENT_REFERRAL_TEST_DATABASE)");
        return;
    }
    let scratch = Scratch::new("postgres-stopped");
    let cluster = OwnCluster::start(&scratch.join("cluster"));
    let url = crate::support::pg::create_database(&cluster.url());
    let mut options = Options::unlimited();
    options.args.extend(["--database".to_owned(), url]);
    let mut server = Server::start(&scratch.join("data"), &options);
    let pid = server.pid();
    let (_, refused) = run_outage(
        &mut server,
        &mut StopPostgres(&cluster),
        "PostgreSQL stopped",
    );
    assert!(refused > 0);
    assert_eq!(server.pid(), pid, "the same process throughout");
    server.assert_running("after PostgreSQL returned");
}
