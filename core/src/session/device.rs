//! The install's device id: a UUID created once and kept in the platform's vault.

use crate::error::Problem;
use crate::platform::SecretStore;

/// The device id's name in the [`SecretStore`].
pub const DEVICE_ID_NAME: &str = "hamrah.device.id.v1";

/// The install's device id (lowercase UUID), created on first use.
pub fn device_id(secrets: &dyn SecretStore) -> Result<String, Problem> {
    let vault = || Problem::of(&crate::store::StoreError::Secrets);
    if let Some(stored) = secrets.load(DEVICE_ID_NAME).map_err(|_| vault())?
        && let Ok(text) = String::from_utf8(stored.to_vec())
        && uuid::Uuid::parse_str(&text).is_ok()
    {
        return Ok(text);
    }
    let id = uuid::Uuid::new_v4().to_string();
    secrets
        .save(DEVICE_ID_NAME, id.as_bytes())
        .map_err(|_| vault())?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // a test fails loudly
    use super::*;
    use crate::platform::MemorySecretStore;

    #[test]
    fn the_id_is_kept() {
        let secrets = MemorySecretStore::default();
        let first = device_id(&secrets).unwrap();
        assert_eq!(first.len(), 36);
        assert_eq!(device_id(&secrets).unwrap(), first);
    }
}
