//! [`KeyringSecretStore`]: the desktop's [`SecretStore`] on the Linux kernel
//! keyring (keyutils), through the `keyring` crate. It needs no desktop
//! session or D-Bus, so it works headless (CI, QA machines).

use keyring::Entry;
use zeroize::Zeroizing;

use super::{PlatformError, SecretStore};

/// Secrets in the kernel keyring, under one service name.
#[derive(Debug, Clone)]
pub struct KeyringSecretStore {
    service: String,
}

impl KeyringSecretStore {
    /// A store whose entries are named `service` / secret name. Use one service
    /// per profile so profiles never see each other's secrets.
    pub fn new(service: impl Into<String>) -> Self {
        Self {
            service: service.into(),
        }
    }

    fn entry(&self, name: &str) -> Result<Entry, PlatformError> {
        Entry::new(&self.service, name).map_err(|_| PlatformError::Unavailable)
    }
}

impl SecretStore for KeyringSecretStore {
    fn load(&self, name: &str) -> Result<Option<Zeroizing<Vec<u8>>>, PlatformError> {
        match self.entry(name)?.get_secret() {
            Ok(secret) => Ok(Some(Zeroizing::new(secret))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(_) => Err(PlatformError::Unavailable),
        }
    }

    fn save(&self, name: &str, secret: &[u8]) -> Result<(), PlatformError> {
        // In a process without a session keyring, the first entry captures
        // the keyring before linking the persistent one creates the session
        // keyring, and its write fails; a fresh entry then sees the new one.
        if self.entry(name)?.set_secret(secret).is_ok() {
            return Ok(());
        }
        self.entry(name)?
            .set_secret(secret)
            .map_err(|_| PlatformError::Unavailable)
    }

    fn delete(&self, name: &str) -> Result<(), PlatformError> {
        match self.entry(name)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(_) => Err(PlatformError::Unavailable),
        }
    }
}
