//! Where the SMS key lives: only in the [`SecretStore`], together with the
//! ceiling of reserved uplink counters, so that a counter is never reused,
//! even when the local store is restored from an older backup:
//!
//! - a counter is used only below the ceiling in the SecretStore; the
//!   ceiling is raised (by [`RESERVE_BLOCK`]) in the SecretStore *before* a
//!   counter at or above it is used;
//! - the local store mirrors the ceiling; a store whose ceiling differs from
//!   the SecretStore's is older than it, and the next counter jumps to the
//!   SecretStore's ceiling (skipped counters cost nothing);
//! - a reinstall loses the key (the SecretStore entry is device-bound and
//!   not backed up): a new key is agreed and its counters start at 0.

use zeroize::Zeroizing;

use super::{SmsError, SmsKey};
use crate::platform::SecretStore;
use crate::store::Store;

/// The SecretStore name of the SMS key: key id (2) || key (32) || ceiling (4).
pub const SMS_KEY_NAME: &str = "hamrah.sms.key.v1";

/// Counters reserved at a time.
pub const RESERVE_BLOCK: u32 = 16;

fn secrets_error(_: crate::platform::PlatformError) -> SmsError {
    SmsError::KeyMissing
}

/// The key and its reserved ceiling, if one was agreed.
pub fn load(secrets: &dyn SecretStore) -> Result<Option<(SmsKey, u32)>, SmsError> {
    let Some(bytes) = secrets.load(SMS_KEY_NAME).map_err(secrets_error)? else {
        return Ok(None);
    };
    let (Some(id), Some(key), Some(ceiling)) = (
        bytes.get(..2),
        bytes.get(2..34),
        bytes.get(34..38).and_then(|c| <[u8; 4]>::try_from(c).ok()),
    ) else {
        return Err(SmsError::KeyStale);
    };
    if bytes.len() != 38 {
        return Err(SmsError::KeyStale);
    }
    let key = SmsKey::from_bytes(u16::from_be_bytes([id[0], id[1]]), key)?;
    Ok(Some((key, u32::from_be_bytes(ceiling))))
}

fn save(secrets: &dyn SecretStore, key: &SmsKey, ceiling: u32) -> Result<(), SmsError> {
    let mut bytes = Zeroizing::new(Vec::with_capacity(38));
    bytes.extend_from_slice(&key.key_id().to_be_bytes());
    bytes.extend_from_slice(key.bytes());
    bytes.extend_from_slice(&ceiling.to_be_bytes());
    secrets.save(SMS_KEY_NAME, &bytes).map_err(secrets_error)
}

/// Keeps a newly agreed key (replacing the previous one) with its counters at 0.
pub fn install(
    secrets: &dyn SecretStore,
    store: &Store,
    key: &SmsKey,
    now: i64,
) -> Result<(), SmsError> {
    save(secrets, key, 0)?;
    store
        .sms_key_installed(key.key_id(), 0, now)
        .map_err(|_| SmsError::KeyStale)
}

/// Reserves the next uplink counter of the current key (see the module docs).
pub fn reserve_uplink(secrets: &dyn SecretStore, store: &Store) -> Result<(SmsKey, u32), SmsError> {
    let (key, vault_ceiling) = load(secrets)?.ok_or(SmsError::KeyMissing)?;
    let row = store
        .sms_uplink(key.key_id())
        .map_err(|_| SmsError::KeyStale)?
        .ok_or(SmsError::KeyStale)?;
    let next = if row.ceiling == vault_ceiling {
        row.next_up
    } else {
        row.next_up.max(vault_ceiling)
    };
    if next == u32::MAX {
        return Err(SmsError::CounterExhausted);
    }
    let mut ceiling = vault_ceiling;
    if next >= ceiling {
        ceiling = next.saturating_add(RESERVE_BLOCK);
        save(secrets, &key, ceiling)?;
    }
    store
        .sms_use_uplink(key.key_id(), next, ceiling)
        .map_err(|_| SmsError::KeyStale)?;
    Ok((key, next))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly
    use super::*;
    use crate::platform::MemorySecretStore;

    #[test]
    fn counters_never_go_back_even_when_the_store_is_restored() {
        let dir = tempfile::tempdir().unwrap();
        let secrets = MemorySecretStore::new();
        let key = SmsKey::from_bytes(4, &[1; 32]).unwrap();
        let backup = dir.path().join("backup.sqlite3");
        {
            let store = Store::open(&dir.path().join("s.sqlite3"), &secrets).unwrap();
            install(&secrets, &store, &key, 0).unwrap();
            for suffix in ["", "-wal"] {
                let from = dir.path().join(format!("s.sqlite3{suffix}"));
                if from.exists() {
                    std::fs::copy(from, dir.path().join(format!("backup.sqlite3{suffix}")))
                        .unwrap();
                }
            }
            let used: Vec<u32> = (0..3)
                .map(|_| reserve_uplink(&secrets, &store).unwrap().1)
                .collect();
            assert_eq!(used, vec![0, 1, 2]);
        }
        // The store comes back from the backup taken before those three.
        let restored = Store::open(&backup, &secrets).unwrap();
        let (_, next) = reserve_uplink(&secrets, &restored).unwrap();
        assert!(next >= 3, "a counter was reused: {next}");
        assert_eq!(load(&secrets).unwrap().unwrap().0.key_id(), 4);
    }

    #[test]
    fn no_key_and_missing_counters_are_typed() {
        let dir = tempfile::tempdir().unwrap();
        let secrets = MemorySecretStore::new();
        let store = Store::open(&dir.path().join("s.sqlite3"), &secrets).unwrap();
        assert_eq!(
            reserve_uplink(&secrets, &store).err(),
            Some(SmsError::KeyMissing)
        );
        save(&secrets, &SmsKey::from_bytes(9, &[2; 32]).unwrap(), 0).unwrap();
        assert_eq!(
            reserve_uplink(&secrets, &store).err(),
            Some(SmsError::KeyStale)
        );
    }
}
