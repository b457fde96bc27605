//! Secrets: the key file, the subkeys derived from it, encryption of personal data at rest,
//! status tokens, team tokens and the keyed lookup hash of team members' names.
//!
//! One 32-byte master key lives in `<data>/key` (mode 0600, created on the first run of an
//! empty store from the OS random source, never in the database). HKDF-SHA256 derives one
//! subkey per purpose, so a status token can never be confused with a ciphertext key. Each
//! referral's values are sealed under a random data key of its own, which the store keeps
//! wrapped by the key-wrapping subkey; deleting the wrapped key (retention) makes every copy
//! of those values undecryptable. The store records [`Vault::key_check_value`], by which
//! `data::open` refuses any other key file.

use std::fs::{self, OpenOptions};
use std::io::{self, Read, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::Path;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

type HmacSha256 = Hmac<Sha256>;

/// Length of the master key in bytes.
pub const KEY_LEN: usize = 32;
/// Length of an XChaCha20-Poly1305 nonce.
const NONCE_LEN: usize = 24;

/// Fills `buf` from the operating system's random source.
pub fn random_bytes(buf: &mut [u8]) -> io::Result<()> {
    getrandom::fill(buf).map_err(|e| io::Error::other(format!("OS random source: {e}")))
}

/// Reads `<path>`, or creates it with 32 random bytes (mode 0600) when it does not exist.
///
/// The key is written whole to a temporary file, synced, then linked into place (which fails
/// if another process got there first) and the folder synced: a crash at any moment leaves
/// either no key file or a complete one, never an empty one. Stale temporary files of an
/// earlier crash are removed.
pub fn load_or_create_key(path: &Path) -> io::Result<[u8; KEY_LEN]> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("key")
        .to_owned();
    remove_stale_temporaries(dir, &name);
    for _ in 0..3 {
        match read_key(path) {
            Ok(key) => return Ok(key),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
        let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
        let mut key = [0u8; KEY_LEN];
        random_bytes(&mut key)?;
        let written = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&temp)
            .and_then(|mut file| {
                file.write_all(&key)?;
                file.sync_all()
            });
        let linked = written.and_then(|()| fs::hard_link(&temp, path));
        let _ = fs::remove_file(&temp);
        match linked {
            Ok(()) => {
                if let Ok(d) = fs::File::open(dir) {
                    d.sync_all()?;
                }
                return Ok(key);
            }
            // Another process created it meanwhile: read theirs.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    read_key(path)
}

/// Reads the key file `path`: `Ok(None)` when it does not exist, an error when it cannot be
/// read or does not hold exactly [`KEY_LEN`] bytes. Never creates one.
pub fn read_key_file(path: &Path) -> io::Result<Option<[u8; KEY_LEN]>> {
    match read_key(path) {
        Ok(key) => Ok(Some(key)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

fn read_key(path: &Path) -> io::Result<[u8; KEY_LEN]> {
    let mut file = fs::File::open(path)?;
    // Our own file: keep it readable by this user only, whatever happened to it.
    fs::set_permissions(path, fs::Permissions::from_mode(0o600))?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)?;
    bytes.try_into().map_err(|_| {
        io::Error::other(format!(
            "{} is not a key file (it must hold exactly {KEY_LEN} bytes)",
            path.display()
        ))
    })
}

/// Removes `.<name>.<pid>.tmp` files left by a crash during key creation.
fn remove_stale_temporaries(dir: &Path, name: &str) {
    let prefix = format!(".{name}.");
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file = entry.file_name();
        let Some(file) = file.to_str() else { continue };
        let Some(pid) = file
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(".tmp"))
        else {
            continue;
        };
        // Leave a temporary file of a process that is still running (it is about to link it).
        let alive = pid
            .parse::<u32>()
            .is_ok_and(|pid| Path::new(&format!("/proc/{pid}")).exists());
        if !alive || pid == std::process::id().to_string() {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// What a sealed value is, bound into its encryption as associated data: a value opens only
/// as what it was sealed as (the same record and column), so stored bytes cannot be moved to
/// another row or column unnoticed. The one place the associated-data bytes are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Aad<'a> {
    /// A referral's document (`referrals.document`).
    Document {
        /// The referral's id, lower case.
        referral_id: &'a str,
    },
    /// A referral's individual name (`referrals.individual_name`).
    IndividualName {
        /// The referral's id, lower case.
        referral_id: &'a str,
    },
    /// A feedback message (`feedback.message`), bound to its status and time too.
    Message {
        /// The referral's id, lower case.
        referral_id: &'a str,
        /// The feedback status code.
        status: &'a str,
        /// When the feedback was given (ms since the epoch).
        updated_at: i64,
    },
    /// A team member's name (`team_members.name`).
    MemberName {
        /// The keyed hash of the name ([`Vault::name_lookup`]).
        name_lookup: &'a [u8],
    },
    /// A referral's data key, wrapped by the key-wrapping subkey (`data_keys.wrapped`).
    DataKey {
        /// The referral's id, lower case.
        referral_id: &'a str,
    },
}

impl Aad<'_> {
    /// The associated-data bytes (as stored data was sealed with: never change them).
    pub fn bytes(&self) -> Vec<u8> {
        match self {
            Aad::Document { referral_id } => format!("referrals.document|{referral_id}"),
            Aad::IndividualName { referral_id } => {
                format!("referrals.individual_name|{referral_id}")
            }
            Aad::Message {
                referral_id,
                status,
                updated_at,
            } => format!("feedback.message|{referral_id}|{status}|{updated_at}"),
            Aad::MemberName { name_lookup } => {
                let hex: String = name_lookup.iter().map(|b| format!("{b:02x}")).collect();
                format!("team_members.name|{hex}")
            }
            Aad::DataKey { referral_id } => format!("data_keys.wrapped|{referral_id}"),
        }
        .into_bytes()
    }
}

/// The label whose MAC under the key-check subkey is the store's check value of its key.
const KEY_CHECK_LABEL: &[u8] = b"prevent-referral-server: the key this store was written with";

/// A key that seals and opens values: the master record key (team members' names, and the
/// referrals stored before per-referral data keys) or one referral's own data key.
#[derive(Clone)]
pub struct RecordKey {
    cipher: XChaCha20Poly1305,
}

impl RecordKey {
    fn from_bytes(key: &[u8; 32]) -> RecordKey {
        RecordKey {
            cipher: XChaCha20Poly1305::new(key.into()),
        }
    }

    /// Encrypts `plain` with a fresh random nonce, bound to what it is (`aad`).
    /// The result is `nonce || ciphertext || tag`.
    pub fn seal(&self, aad: Aad<'_>, plain: &[u8]) -> io::Result<Vec<u8>> {
        self.seal_bytes(&aad.bytes(), plain)
    }

    fn seal_bytes(&self, aad: &[u8], plain: &[u8]) -> io::Result<Vec<u8>> {
        let mut nonce = [0u8; NONCE_LEN];
        random_bytes(&mut nonce)?;
        let sealed = self
            .cipher
            .encrypt(XNonce::from_slice(&nonce), Payload { msg: plain, aad })
            .map_err(|_| io::Error::other("encryption failed"))?;
        let mut out = Vec::with_capacity(NONCE_LEN + sealed.len());
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        Ok(out)
    }

    /// Decrypts what [`RecordKey::seal`] made with the same `aad`.
    pub fn open(&self, aad: Aad<'_>, sealed: &[u8]) -> Result<Vec<u8>, OpenError> {
        let aad = aad.bytes();
        if sealed.len() < NONCE_LEN {
            return Err(OpenError);
        }
        let (nonce, body) = sealed.split_at(NONCE_LEN);
        self.cipher
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: body,
                    aad: &aad,
                },
            )
            .map_err(|_| OpenError)
    }

    /// Decrypts to text.
    pub fn open_text(&self, aad: Aad<'_>, sealed: &[u8]) -> Result<String, OpenError> {
        String::from_utf8(self.open(aad, sealed)?).map_err(|_| OpenError)
    }
}

/// The subkeys derived from the master key, and what is done with them.
pub struct Vault {
    record: RecordKey,
    wrapping: RecordKey,
    check_key: [u8; 32],
    status_key: [u8; 32],
    name_key: [u8; 32],
}

/// A sealed value could not be opened: wrong key, or the bytes were changed or moved.
#[derive(Debug)]
pub struct OpenError;

impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a stored value could not be decrypted (wrong key file, or altered data)")
    }
}

impl std::error::Error for OpenError {}

impl Vault {
    /// Derives the subkeys from the master key.
    pub fn new(master: &[u8; KEY_LEN]) -> Vault {
        let hk = Hkdf::<Sha256>::new(Some(b"prevent-referral-server"), master);
        let derive = |info: &[u8]| {
            let mut out = [0u8; 32];
            // 32 bytes is far below HKDF-SHA256's limit of 255 * 32.
            hk.expand(info, &mut out)
                .unwrap_or_else(|_| unreachable!("HKDF output length is valid"));
            out
        };
        Vault {
            record: RecordKey::from_bytes(&derive(b"v1 record encryption")),
            wrapping: RecordKey::from_bytes(&derive(b"v1 data key wrapping")),
            check_key: derive(b"v1 key check"),
            status_key: derive(b"v1 status token"),
            name_key: derive(b"v1 team member name lookup"),
        }
    }

    /// The check value of this key that the store records: HMAC-SHA256 of a fixed label
    /// under the key-check subkey. It tells whether a key file is the store's key without
    /// revealing anything of the key.
    pub fn key_check_value(&self) -> Vec<u8> {
        let mut mac = <HmacSha256 as Mac>::new_from_slice(&self.check_key)
            .unwrap_or_else(|_| unreachable!("HMAC takes any key length"));
        mac.update(KEY_CHECK_LABEL);
        mac.finalize().into_bytes().to_vec()
    }

    /// Whether `stored` is this key's check value (compared in constant time).
    pub fn matches_check_value(&self, stored: &[u8]) -> bool {
        bool::from(self.key_check_value().as_slice().ct_eq(stored))
    }

    /// A new random data key for the referral `referral_id`, and the key wrapped (sealed
    /// under the key-wrapping subkey, bound to the referral) as the store keeps it.
    pub fn new_data_key(&self, referral_id: &str) -> io::Result<(RecordKey, Vec<u8>)> {
        let mut key = [0u8; 32];
        random_bytes(&mut key)?;
        let wrapped = self.wrapping.seal(Aad::DataKey { referral_id }, &key)?;
        Ok((RecordKey::from_bytes(&key), wrapped))
    }

    /// The key a referral's values are sealed under: its own data key, unwrapped from
    /// `wrapped`, or — for a referral stored before data keys (`wrapped` is `None`) — the
    /// master record key.
    pub fn record_key(
        &self,
        referral_id: &str,
        wrapped: Option<&[u8]>,
    ) -> Result<RecordKey, OpenError> {
        let Some(wrapped) = wrapped else {
            return Ok(self.record.clone());
        };
        let key: [u8; 32] = self
            .wrapping
            .open(Aad::DataKey { referral_id }, wrapped)?
            .try_into()
            .map_err(|_| OpenError)?;
        Ok(RecordKey::from_bytes(&key))
    }

    /// Seals under the master record key (team members' names).
    pub fn seal(&self, aad: Aad<'_>, plain: &[u8]) -> io::Result<Vec<u8>> {
        self.record.seal(aad, plain)
    }

    /// Opens what [`Vault::seal`] made with the same `aad`.
    pub fn open(&self, aad: Aad<'_>, sealed: &[u8]) -> Result<Vec<u8>, OpenError> {
        self.record.open(aad, sealed)
    }

    /// Opens to text.
    pub fn open_text(&self, aad: Aad<'_>, sealed: &[u8]) -> Result<String, OpenError> {
        self.record.open_text(aad, sealed)
    }

    /// The referrer's status token for a referral: base64url(HMAC-SHA256(status key,
    /// lower-case referral_id)). Derived, so a retry gets the same token and nothing
    /// recoverable is stored.
    pub fn status_token(&self, referral_id: &str) -> String {
        URL_SAFE_NO_PAD.encode(self.status_mac(referral_id))
    }

    fn status_mac(&self, referral_id: &str) -> [u8; 32] {
        let mut mac = <HmacSha256 as Mac>::new_from_slice(&self.status_key)
            .unwrap_or_else(|_| unreachable!("HMAC takes any key length"));
        mac.update(referral_id.to_ascii_lowercase().as_bytes());
        mac.finalize().into_bytes().into()
    }

    /// Whether `token` is the status token of `referral_id`, compared in constant time.
    pub fn check_status_token(&self, referral_id: &str, token: &str) -> bool {
        let expected = self.status_mac(referral_id);
        // Decode into a fixed buffer so the work does not depend on the token given.
        let given = URL_SAFE_NO_PAD.decode(token.as_bytes()).unwrap_or_default();
        let mut padded = [0u8; 32];
        let len_ok = given.len() == 32;
        if len_ok {
            padded.copy_from_slice(&given);
        }
        bool::from(padded.ct_eq(&expected)) && len_ok
    }

    /// The keyed hash of a team member's name, by which `token revoke` finds the member
    /// without the name being stored in clear.
    pub fn name_lookup(&self, name: &str) -> Vec<u8> {
        let mut mac = <HmacSha256 as Mac>::new_from_slice(&self.name_key)
            .unwrap_or_else(|_| unreachable!("HMAC takes any key length"));
        mac.update(name.trim().as_bytes());
        mac.finalize().into_bytes().to_vec()
    }
}

/// A new secret bearer token: `prefix` + 32 random bytes in base64url (256 bits).
pub fn new_token(prefix: &str) -> io::Result<String> {
    let mut bytes = [0u8; 32];
    random_bytes(&mut bytes)?;
    Ok(format!("{prefix}{}", URL_SAFE_NO_PAD.encode(bytes)))
}

/// SHA-256 of a bearer token: the only form in which team tokens and sessions are stored.
pub fn token_hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vault() -> Vault {
        Vault::new(&[7u8; KEY_LEN])
    }

    #[test]
    fn sealed_values_open_only_with_their_aad() {
        let v = vault();
        let a = Aad::Document { referral_id: "a" };
        let sealed = v.seal(a, b"Jordan Ellis").unwrap();
        assert_eq!(v.open(a, &sealed).unwrap(), b"Jordan Ellis");
        assert!(v.open(Aad::Document { referral_id: "b" }, &sealed).is_err());
        assert!(v
            .open(Aad::IndividualName { referral_id: "a" }, &sealed)
            .is_err());
        let mut altered = sealed.clone();
        let last = altered.len() - 1;
        altered[last] ^= 1;
        assert!(v.open(a, &altered).is_err());
        assert!(v.open(a, &[1, 2, 3]).is_err());
    }

    #[test]
    fn values_sealed_with_the_former_literal_strings_still_open() {
        // The associated data that stored values were sealed with, as the call sites wrote
        // it before `Aad`: every kind must open with the typed value.
        let v = vault();
        let id = "c0a8012e-7d4b-4f6a-9e21-3b5c7d9f1a2b";
        let lookup = [0x0au8, 0xff, 0x00, 0x7b];
        let kinds = [
            (
                format!("referrals.document|{id}"),
                Aad::Document { referral_id: id },
            ),
            (
                format!("referrals.individual_name|{id}"),
                Aad::IndividualName { referral_id: id },
            ),
            (
                format!("feedback.message|{id}|received|1764072000000"),
                Aad::Message {
                    referral_id: id,
                    status: "received",
                    updated_at: 1_764_072_000_000,
                },
            ),
            (
                "team_members.name|0aff007b".to_owned(),
                Aad::MemberName {
                    name_lookup: &lookup,
                },
            ),
        ];
        for (literal, aad) in kinds {
            assert_eq!(aad.bytes(), literal.as_bytes());
            let sealed = v.record.seal_bytes(literal.as_bytes(), b"stored").unwrap();
            assert_eq!(v.open(aad, &sealed).unwrap(), b"stored", "{literal}");
        }
    }

    #[test]
    fn data_keys_open_only_for_their_referral_and_key_check_values_tell_keys_apart() {
        let v = vault();
        let (key, wrapped) = v.new_data_key("a").unwrap();
        let sealed = key
            .seal(Aad::Document { referral_id: "a" }, b"doc")
            .unwrap();
        let again = v.record_key("a", Some(&wrapped)).unwrap();
        assert_eq!(
            again
                .open(Aad::Document { referral_id: "a" }, &sealed)
                .unwrap(),
            b"doc"
        );
        assert!(v.record_key("b", Some(&wrapped)).is_err());
        assert!(v.open(Aad::Document { referral_id: "a" }, &sealed).is_err());
        let other = Vault::new(&[8u8; KEY_LEN]);
        assert!(other.record_key("a", Some(&wrapped)).is_err());
        assert!(v.matches_check_value(&v.key_check_value()));
        assert!(!other.matches_check_value(&v.key_check_value()));
        assert!(!v.matches_check_value(&[]));
    }

    #[test]
    fn every_seal_uses_a_fresh_nonce() {
        let v = vault();
        let x = Aad::Document { referral_id: "x" };
        let a = v.seal(x, b"same").unwrap();
        let b = v.seal(x, b"same").unwrap();
        assert_ne!(a[..NONCE_LEN], b[..NONCE_LEN]);
        assert_ne!(a, b);
    }

    #[test]
    fn status_tokens_ignore_id_case_and_reject_others() {
        let v = vault();
        let id = "C0A8012E-7D4B-4F6A-9E21-3B5C7D9F1A2B";
        let token = v.status_token(id);
        assert_eq!(token, v.status_token(&id.to_ascii_lowercase()));
        assert_eq!(token.len(), 43);
        assert!(v.check_status_token(&id.to_ascii_lowercase(), &token));
        assert!(!v.check_status_token("c0a8012e-7d4b-4f6a-9e21-3b5c7d9f1a2c", &token));
        assert!(!v.check_status_token(id, ""));
        assert!(!v.check_status_token(id, &token[..42]));
        let other = Vault::new(&[8u8; KEY_LEN]);
        assert!(!other.check_status_token(id, &token));
    }

    #[test]
    fn key_file_is_created_once_with_mode_0600() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("key");
        let first = load_or_create_key(&path).unwrap();
        let again = load_or_create_key(&path).unwrap();
        assert_eq!(first, again);
        assert_ne!(first, [0u8; KEY_LEN]);
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        fs::write(&path, b"short").unwrap();
        assert!(load_or_create_key(&path).is_err());
    }

    #[test]
    fn key_creation_leaves_no_temporary_file_and_clears_a_crashed_one() {
        let dir = tempfile::tempdir().unwrap();
        // What a crash between writing and linking leaves (pid 0 is never a user process).
        fs::write(dir.path().join(".key.0.tmp"), [1u8; 5]).unwrap();
        let key = load_or_create_key(&dir.path().join("key")).unwrap();
        let names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(names, vec!["key".to_owned()]);
        assert_eq!(fs::read(dir.path().join("key")).unwrap(), key);
    }
}
