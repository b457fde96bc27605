//! A store that cannot be written: spec §2 "store unavailable → 503 `unavailable`; nothing
//! acknowledged", and the service resumes when the store returns.
//!
//! Method: the tests run as root (in CI too), and root ignores file permissions, so a
//! read-only file or `chmod` proves nothing. Instead the data folder lives on its own small
//! `tmpfs` (mounted by the test: `mount -t tmpfs -o size=8m`), and the test fills that file
//! system to the last byte with a filler file. The server then gets `ENOSPC` (SQLite:
//! `SQLITE_FULL`) for every write that needs new space — exactly a full disk. Deleting the
//! filler is the store coming back. If the mount is refused (no `CAP_SYS_ADMIN`), the test
//! fails with that reason: it never passes without having proved anything.
//!
//! SQLite reuses WAL space that is already allocated, so a write may still succeed on a full
//! disk; every referral that is acknowledged then must really be stored. The test sends
//! large referrals (each ~200 KB, sent in the `extensions` that are stored as sent) until the
//! store has to grow, and requires that at least one was refused with 503.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::support::docs::{normalised, Batch};
use crate::support::http;
use crate::support::scratch::Scratch;
use crate::support::server::{Options, Server};
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

#[test]
fn a_full_disk_gets_503_unavailable_acknowledges_nothing_and_the_service_resumes_after() {
    let scratch = Scratch::new("full-disk");
    // Declared before the server, so the server is dropped (killed) before the unmount.
    let disk = SmallDisk::mount(&scratch.join("disk"), "8m");
    let data = disk.mount_point.join("data");
    let mut server = Server::start(&data, &Options::unlimited());
    let token = server.team_token();
    let batch = Batch::new();
    expect_created(
        server.addr,
        &batch.padded_body(0, PAD),
        "before the disk is full",
    );

    let filler = disk.mount_point.join("filler");
    let filled = fill(&filler);
    assert!(filled > 0, "the filler took no space");

    // Send until the store has to grow. Each answer is 201 (then it must really be stored:
    // checked below) or 503 `unavailable`.
    let mut acknowledged = vec![0u64];
    let mut refused = Vec::new();
    for n in 1..=40u64 {
        let r = http::post_referral(server.addr, &batch.padded_body(n, PAD))
            .unwrap_or_else(|e| panic!("referral {n} on a full disk got no answer: {e}"));
        match r.status {
            201 => acknowledged.push(n),
            503 => {
                assert_eq!(
                    r.error_code().as_deref(),
                    Some("unavailable"),
                    "503 body: {}",
                    r.text()
                );
                refused.push(n);
                if refused.len() >= 3 {
                    break;
                }
            }
            other => panic!("referral {n} on a full disk: {other} {}", r.text()),
        }
        server.assert_running("on a full disk");
    }
    assert!(
        !refused.is_empty(),
        "no write was refused on a full disk ({} acknowledged): the test proved nothing",
        acknowledged.len()
    );
    let health = http::get(server.addr, "/healthz", None).expect("/healthz answers");
    eprintln!(
        "full disk: {} acknowledged before the store was full, {} refused with 503; /healthz {}",
        acknowledged.len(),
        refused.len(),
        health.status
    );
    server.assert_running("after 503s");

    // The store returns.
    std::fs::remove_file(&filler).expect("remove the filler");
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
                    "referral {n} ({id}) got 201 on a full disk but is not stored; \
                     acknowledged {acknowledged:?}, refused {refused:?}; stored: {ids:?}"
                )
            });
        assert_eq!(record["document"], normalised(&batch.padded_body(*n, PAD)));
    }
    for n in &refused {
        let id = batch.referral_id(*n);
        assert!(
            !exported.iter().any(|r| r["document"]["referral_id"] == id),
            "referral {n} got 503 but was stored"
        );
        expect_created(
            server.addr,
            &batch.padded_body(*n, PAD),
            "a refused referral sent again after the disk has room",
        );
    }
    let health = http::get(server.addr, "/healthz", None).expect("/healthz answers");
    assert_eq!(health.status, 200, "/healthz after the store returned");

    // Kill before the disk is unmounted (drop order: server, then disk).
    server.kill_9();
    drop(server);
    drop(disk);
}
