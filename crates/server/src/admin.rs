//! `token create | revoke | list`: the administrator's commands for team tokens. Tokens are
//! printed once and stored only as SHA-256 hashes; names are stored encrypted, with a keyed
//! hash for lookup.

use crate::clock::{now_ms, rfc3339};
use crate::crypto::{new_token, token_hash, Aad, Vault};
use crate::store::Store;

/// The most characters in a team member's name.
pub const MAX_NAME: usize = prevent_referral::receiving::API_LIMITS.member_name_max;

fn check_name(name: &str) -> Result<&str, String> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > MAX_NAME || name.chars().any(char::is_control) {
        return Err(format!(
            "--name must be 1 to {MAX_NAME} characters on one line"
        ));
    }
    Ok(name)
}

/// Creates a member and returns the new token.
pub async fn create(store: &dyn Store, vault: &Vault, name: &str) -> Result<String, String> {
    let name = check_name(name)?;
    let lookup = vault.name_lookup(name);
    let sealed = vault
        .seal(
            Aad::MemberName {
                name_lookup: &lookup,
            },
            name.as_bytes(),
        )
        .map_err(|e| e.to_string())?;
    let token = new_token("prt_").map_err(|e| e.to_string())?;
    let added = store
        .add_member(&sealed, &lookup, &token_hash(&token), now_ms())
        .await
        .map_err(|e| e.to_string())?;
    if added {
        Ok(token)
    } else {
        Err(format!(
            "a team member named {name:?} exists already (names are never reused; choose another)"
        ))
    }
}

/// Revokes a member's token.
pub async fn revoke(store: &dyn Store, vault: &Vault, name: &str) -> Result<(), String> {
    let name = check_name(name)?;
    let done = store
        .revoke_member(&vault.name_lookup(name), now_ms())
        .await
        .map_err(|e| e.to_string())?;
    if done {
        Ok(())
    } else {
        Err(format!(
            "no team member named {name:?} with an active token"
        ))
    }
}

/// One line per member: name, created, revoked (never the token).
pub async fn list(store: &dyn Store, vault: &Vault) -> Result<Vec<String>, String> {
    let members = store.members().await.map_err(|e| e.to_string())?;
    Ok(members
        .iter()
        .map(|m| {
            let name = vault
                .open_text(
                    Aad::MemberName {
                        name_lookup: &m.name_lookup,
                    },
                    &m.name,
                )
                .unwrap_or_else(|_| "(name cannot be decrypted with this key)".to_owned());
            let revoked = m
                .revoked_at
                .map_or("active".to_owned(), |t| format!("revoked {}", rfc3339(t)));
            format!("{name}\tcreated {}\t{revoked}", rfc3339(m.created_at))
        })
        .collect())
}
