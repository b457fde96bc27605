//! The data folder: created `0700` (an existing one is made `0700` at start), holding the key file `key` and (unless `--database` names
//! PostgreSQL) the SQLite database, both `0600`. The key never goes into the database.

use std::fs::{self, DirBuilder};
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::{Path, PathBuf};

use crate::crypto::{load_or_create_key, read_key_file, Aad, Vault, KEY_LEN};
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
///
/// The key must be the one the store was written with (spec §7): a store records the check
/// value of its key ([`Vault::key_check_value`]); a key file that is missing, damaged or
/// different is refused, and a key is created only for a store that holds nothing. A store
/// from before check values is accepted when it holds nothing, or when the key file opens a
/// value it holds; its check value is then recorded.
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
    let key_path = dir.join(KEY_FILE);
    let key = read_key_file(&key_path).map_err(|e| {
        format!(
            "the key file {}: {e}. {RESTORE}. Not starting.",
            key_path.display()
        )
    })?;
    let store: Box<dyn Store> = match database {
        Database::Default => Box::new(SqliteStore::open(dir).await.map_err(opening)?),
        Database::SqliteFile(path) => {
            Box::new(SqliteStore::open_file(path).await.map_err(opening)?)
        }
        Database::Postgres(url) => Box::new(PostgresStore::open(url).await.map_err(opening)?),
    };
    match unlock(store.as_ref(), &key_path, key).await {
        Ok(vault) => Ok((store, vault)),
        Err(e) => {
            store.close().await;
            Err(e)
        }
    }
}

/// What to do about a key file that is refused.
const RESTORE: &str = "Restore the key file this database was written with from your backup \
    of it (see docs/deployment.md, \"The key file\"); do not create a new one: a new key \
    cannot read anything stored";

/// Why the key file is refused for this store.
enum Refusal {
    /// No key file, but the store was written with a key.
    Missing,
    /// The key file is not the one the store records the check value of.
    Different,
    /// The store (from before check values) holds a value the key file does not open.
    DoesNotOpen,
}

impl Refusal {
    fn message(&self, key_path: &Path) -> String {
        let path = key_path.display();
        let what = match self {
            Refusal::Missing => format!(
                "the key file {path} is missing, but the database holds data written with a key"
            ),
            Refusal::Different => format!(
                "the key file {path} is not the key this database was written with (the \
                 database's check value of its key does not match): it was replaced or damaged"
            ),
            Refusal::DoesNotOpen => format!(
                "the key file {path} does not decrypt the data stored in the database: it is \
                 not the key the database was written with, or it was damaged"
            ),
        };
        format!("{what}. {RESTORE}. Not starting.")
    }
}

/// The vault of the key the store was written with, or the refusal (see [`open`]).
async fn unlock(
    store: &dyn Store,
    key_path: &Path,
    key: Option<[u8; KEY_LEN]>,
) -> Result<Vault, String> {
    let refuse = |r: Refusal| r.message(key_path);
    let vault = match (store.key_check_value().await.map_err(opening)?, key) {
        (Some(check), Some(key)) => {
            let vault = Vault::new(&key);
            return if vault.matches_check_value(&check) {
                Ok(vault)
            } else {
                Err(refuse(Refusal::Different))
            };
        }
        (Some(_), None) => return Err(refuse(Refusal::Missing)),
        (None, key) if store.holds_data().await.map_err(opening)? => {
            let vault = Vault::new(&key.ok_or_else(|| refuse(Refusal::Missing))?);
            if !opens_a_stored_value(store, &vault).await? {
                return Err(refuse(Refusal::DoesNotOpen));
            }
            vault
        }
        (None, Some(key)) => Vault::new(&key),
        (None, None) => Vault::new(
            &load_or_create_key(key_path)
                .map_err(|e| format!("creating the key file {}: {e}", key_path.display()))?,
        ),
    };
    // Another instance sharing the store may have recorded its key first.
    let recorded = store
        .record_key_check_value(&vault.key_check_value())
        .await
        .map_err(opening)?;
    if vault.matches_check_value(&recorded) {
        Ok(vault)
    } else {
        Err(refuse(Refusal::Different))
    }
}

/// Whether `vault` opens a sealed value of a store written before check values: a team
/// member's name, or else the first referral's data key, document or name still held.
/// `true` when nothing sealed is left to try (every referral purged, no member).
async fn opens_a_stored_value(store: &dyn Store, vault: &Vault) -> Result<bool, String> {
    if let Some(m) = store.members().await.map_err(opening)?.first() {
        let aad = Aad::MemberName {
            name_lookup: &m.name_lookup,
        };
        return Ok(vault.open(aad, &m.name).is_ok());
    }
    let mut after = 0;
    loop {
        let page = store.referrals_after(after, 100).await.map_err(opening)?;
        let Some(last) = page.last() else {
            return Ok(true);
        };
        after = last.seq;
        for row in &page {
            let id = row.referral_id.as_str();
            if row.data_key.is_none() && row.document.is_none() && row.individual_name.is_none() {
                continue;
            }
            let Ok(key) = vault.record_key(id, row.data_key.as_deref()) else {
                return Ok(false);
            };
            if let Some(doc) = &row.document {
                return Ok(key.open(Aad::Document { referral_id: id }, doc).is_ok());
            }
            if let Some(name) = &row.individual_name {
                return Ok(key
                    .open(Aad::IndividualName { referral_id: id }, name)
                    .is_ok());
            }
            return Ok(true);
        }
    }
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
