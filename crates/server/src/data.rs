//! The data folder: created `0700` (an existing one is made `0700` at start), holding the key file `key` and (unless `--database` names
//! PostgreSQL) the SQLite database, both `0600`. The key never goes into the database.

use std::fs::{self, DirBuilder};
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::{Path, PathBuf};

use crate::crypto::{load_or_create_key, Vault};
use crate::store::postgres::PostgresStore;
use crate::store::sqlite::SqliteStore;
use crate::store::{Store, StoreError};

/// The key file's name in the data folder.
pub const KEY_FILE: &str = "key";

/// What `--database` names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Database {
    /// `<data>/referrals.db` (the default).
    Default,
    /// An SQLite file named by `sqlite://PATH` or `sqlite:PATH`.
    SqliteFile(PathBuf),
    /// A PostgreSQL database, `postgres://USER@HOST:PORT/DB` (or `postgresql://`).
    Postgres(String),
}

/// Reads `--database`: a PostgreSQL or SQLite URL, or an error for anything else.
pub fn parse_database(url: Option<&str>) -> Result<Database, String> {
    let Some(url) = url else {
        return Ok(Database::Default);
    };
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        return Ok(Database::Postgres(url.to_owned()));
    }
    if let Some(path) = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
    {
        if !path.is_empty() {
            return Ok(Database::SqliteFile(PathBuf::from(path)));
        }
    }
    // The URL is not echoed: it may hold a password.
    Err(
        "--database is not supported: give postgres://USER@HOST:PORT/DB or sqlite://PATH, or \
         leave it out to use the data folder"
            .to_owned(),
    )
}

/// Opens the data folder (creating it `0700`, or making an existing one `0700`), its key
/// and its store: SQLite in the data
/// folder (the default) or the file or PostgreSQL database `--database` names.
pub async fn open(dir: &Path, database: &Database) -> Result<(Box<dyn Store>, Vault), String> {
    restrict_umask();
    DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(|e| format!("creating the data folder {}: {e}", dir.display()))?;
    // An existing folder keeps the mode it had (0755 lets every local user list it).
    fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
        .map_err(|e| format!("making the data folder {} 0700: {e}", dir.display()))?;
    let key = load_or_create_key(&dir.join(KEY_FILE))
        .map_err(|e| format!("the key file {}: {e}", dir.join(KEY_FILE).display()))?;
    let store: Box<dyn Store> = match database {
        Database::Default => Box::new(SqliteStore::open(dir).await.map_err(opening)?),
        Database::SqliteFile(path) => {
            Box::new(SqliteStore::open_file(path).await.map_err(opening)?)
        }
        Database::Postgres(url) => Box::new(PostgresStore::open(url).await.map_err(opening)?),
    };
    Ok((store, Vault::new(&key)))
}

/// The error of a store that did not open.
fn opening(e: StoreError) -> String {
    format!("opening the database: {e}")
}

/// Files this process creates are its user's only (umask 077).
fn restrict_umask() {
    // SAFETY: umask only changes this process's file creation mask; it cannot fail.
    unsafe {
        libc::umask(0o077);
    }
}

/// The permission bits of a file (for tests and checks).
pub fn mode(path: &Path) -> Option<u32> {
    fs::metadata(path)
        .ok()
        .map(|m| m.permissions().mode() & 0o777)
}
