//! The services a phone's platform provides, as traits the shells implement
//! (Kotlin on Android, Swift on iOS) and the desktop implements for the CLI and tests.

mod device_signer;
mod local_unlock;
mod memory;
mod secret_store;

#[cfg(feature = "desktop")]
mod keyring_store;

pub use device_signer::{DEVICE_KEY_NAME, DeviceSigner, PUBLIC_KEY_LEN, SoftwareDeviceSigner};
#[cfg(feature = "desktop")]
pub use keyring_store::KeyringSecretStore;
#[cfg(feature = "desktop")]
pub use local_unlock::PassphraseUnlock;
pub use local_unlock::{LocalUnlock, UnlockReason};
pub use memory::MemorySecretStore;
pub use secret_store::{PlatformError, SecretStore};
