//! The platform services the apps implement (Android Keystore, iOS Keychain,
//! or a desktop stand-in in tests), as foreign traits, and their adapters to
//! the core's traits.

use std::sync::Arc;

use hamrah_core::platform::PlatformError as CoreError;
use zeroize::Zeroizing;

use crate::error::PlatformError;

/// Secrets by name in the platform's vault (the Keystore-wrapped store on
/// Android, the Keychain on iOS). Only keys, seeds and tokens go here.
#[uniffi::export(foreign)]
pub trait SecretStore: Send + Sync {
    /// The secret under `name`, or null when there is none.
    fn load(&self, name: String) -> Result<Option<Vec<u8>>, PlatformError>;
    /// Stores `secret` under `name`, replacing what was there.
    fn save(&self, name: String, secret: Vec<u8>) -> Result<(), PlatformError>;
    /// Forgets the secret under `name`; a missing one is not an error.
    fn delete(&self, name: String) -> Result<(), PlatformError>;
}

/// The app's [`SecretStore`] seen as the core's.
pub(crate) struct ForeignSecretStore(pub(crate) Arc<dyn SecretStore>);

impl hamrah_core::platform::SecretStore for ForeignSecretStore {
    fn load(&self, name: &str) -> Result<Option<Zeroizing<Vec<u8>>>, CoreError> {
        Ok(self.0.load(name.to_owned())?.map(Zeroizing::new))
    }

    fn save(&self, name: &str, secret: &[u8]) -> Result<(), CoreError> {
        Ok(self.0.save(name.to_owned(), secret.to_vec())?)
    }

    fn delete(&self, name: &str) -> Result<(), CoreError> {
        Ok(self.0.delete(name.to_owned())?)
    }
}
