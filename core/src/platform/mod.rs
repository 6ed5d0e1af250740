//! The services a phone's platform provides, as traits the shells implement
//! (Kotlin on Android, Swift on iOS) and the desktop implements for the CLI and tests.

mod memory;
mod secret_store;

#[cfg(feature = "desktop")]
mod keyring_store;

#[cfg(feature = "desktop")]
pub use keyring_store::KeyringSecretStore;
pub use memory::MemorySecretStore;
pub use secret_store::{PlatformError, SecretStore};
