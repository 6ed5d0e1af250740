//! [`MemorySecretStore`]: secrets in process memory, for tests and tools that
//! must leave nothing behind.

use std::collections::HashMap;
use std::sync::Mutex;

use zeroize::Zeroizing;

use super::{PlatformError, SecretStore};

/// A [`SecretStore`] in memory; everything is wiped when it is dropped.
#[derive(Default)]
pub struct MemorySecretStore {
    secrets: Mutex<HashMap<String, Zeroizing<Vec<u8>>>>,
}

impl MemorySecretStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }
}

impl SecretStore for MemorySecretStore {
    fn load(&self, name: &str) -> Result<Option<Zeroizing<Vec<u8>>>, PlatformError> {
        let secrets = self
            .secrets
            .lock()
            .map_err(|_| PlatformError::Unavailable)?;
        Ok(secrets.get(name).cloned())
    }

    fn save(&self, name: &str, secret: &[u8]) -> Result<(), PlatformError> {
        let mut secrets = self
            .secrets
            .lock()
            .map_err(|_| PlatformError::Unavailable)?;
        secrets.insert(name.to_owned(), Zeroizing::new(secret.to_vec()));
        Ok(())
    }

    fn delete(&self, name: &str) -> Result<(), PlatformError> {
        let mut secrets = self
            .secrets
            .lock()
            .map_err(|_| PlatformError::Unavailable)?;
        secrets.remove(name);
        Ok(())
    }
}
