//! Looking at the server's data folder from outside: which files are there, which of them
//! are the SQLite database and its WAL, the key file, and anything else (a stray temporary
//! file, a leftover journal).

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

/// The first 16 bytes of every SQLite database file.
const SQLITE_HEADER: &[u8] = b"SQLite format 3\0";

/// One file of the data folder.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Path relative to the data folder.
    pub name: String,
    /// Full path.
    pub path: PathBuf,
    /// Permission bits (`mode & 0o7777`).
    pub mode: u32,
    /// Whether it is a folder.
    pub is_dir: bool,
}

/// Every file and folder under `data`, recursively, sorted by name.
pub fn entries(data: &Path) -> Vec<Entry> {
    let mut out = Vec::new();
    walk(data, data, &mut out);
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<Entry>) {
    let Ok(read) = std::fs::read_dir(dir) else {
        return;
    };
    for item in read.flatten() {
        let path = item.path();
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        let name = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .to_string_lossy()
            .into_owned();
        out.push(Entry {
            name,
            path: path.clone(),
            mode: meta.permissions().mode() & 0o7777,
            is_dir: meta.is_dir(),
        });
        if meta.is_dir() {
            walk(root, &path, out);
        }
    }
}

/// The names of the files that are SQLite databases (by their header).
pub fn databases(data: &Path) -> Vec<String> {
    entries(data)
        .into_iter()
        .filter(|e| !e.is_dir)
        .filter(|e| {
            std::fs::read(&e.path)
                .map(|b| b.starts_with(SQLITE_HEADER))
                .unwrap_or(false)
        })
        .map(|e| e.name)
        .collect()
}

/// Files that are neither the key file `key`, a SQLite database, nor a database's `-wal` or
/// `-shm` file: after a crash or a restart there must be none (no temporary copy of a
/// referral, no half-written key, no rollback journal).
pub fn stray_files(data: &Path) -> Vec<String> {
    let dbs = databases(data);
    entries(data)
        .into_iter()
        .filter(|e| {
            let n = e.name.as_str();
            let allowed = n == "key"
                || dbs
                    .iter()
                    .any(|db| n == db || n == format!("{db}-wal") || n == format!("{db}-shm"));
            !allowed
        })
        .map(|e| format!("{} (mode {:o})", e.name, e.mode))
        .collect()
}

/// Panics unless the folder holds exactly the key file and one database (with its WAL and
/// shared-memory files at most; none on PostgreSQL), every file `0600` and the folder itself closed to others.
pub fn assert_clean(data: &Path, when: &str) {
    let dbs = databases(data);
    // On PostgreSQL (`--database`) the folder holds the key file alone.
    let expected = usize::from(!super::server::on_postgres());
    assert_eq!(
        dbs.len(),
        expected,
        "{when}: expected {expected} SQLite database in {}, found {dbs:?} among {:?}",
        data.display(),
        names(data)
    );
    assert!(
        data.join("key").is_file(),
        "{when}: no key file in {} ({:?})",
        data.display(),
        names(data)
    );
    let stray = stray_files(data);
    assert!(
        stray.is_empty(),
        "{when}: stray files in the data folder: {stray:?}"
    );
    for e in entries(data) {
        if e.is_dir {
            assert_eq!(
                e.mode & 0o077,
                0,
                "{when}: folder {} is open to others (mode {:o})",
                e.name,
                e.mode
            );
        } else {
            assert_eq!(
                e.mode, 0o600,
                "{when}: file {} has mode {:o}, not 600",
                e.name, e.mode
            );
        }
    }
    let folder = std::fs::metadata(data)
        .map(|m| m.permissions().mode() & 0o7777)
        .unwrap_or(0);
    assert_eq!(
        folder & 0o077,
        0,
        "{when}: the data folder is open to others (mode {folder:o})"
    );
}

/// Names of everything in the folder, for messages.
pub fn names(data: &Path) -> Vec<String> {
    entries(data).into_iter().map(|e| e.name).collect()
}

/// Where `needle` occurs in the raw bytes of any file under `data`: `(file, offset)`.
pub fn find_bytes(data: &Path, needle: &[u8]) -> Vec<(String, usize)> {
    let mut hits = Vec::new();
    if needle.is_empty() {
        return hits;
    }
    for e in entries(data).into_iter().filter(|e| !e.is_dir) {
        let Ok(bytes) = std::fs::read(&e.path) else {
            continue;
        };
        if let Some(at) = bytes.windows(needle.len()).position(|w| w == needle) {
            hits.push((e.name.clone(), at));
        }
    }
    hits
}
