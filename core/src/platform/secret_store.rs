//! [`SecretStore`]: bytes by name in the platform's vault.

use zeroize::Zeroizing;

crate::coded_error! {
    kind = Device;
    /// Why a platform service failed.
    pub enum PlatformError {
        /// The vault could not be reached or refused the operation.
        Unavailable => (
            "platform.secret_store_unavailable",
            "دسترسی به انبار امن دستگاه ممکن نشد.",
            "The device's secure store is not available."
        ),
        /// The device has no signing key (not enrolled, or the key was deleted).
        KeyMissing => (
            "platform.device_key_missing",
            "کلید امضای این دستگاه وجود ندارد؛ دستگاه را دوباره ثبت کنید.",
            "This device has no signing key; enroll the device again."
        ),
        /// The local unlock (biometric, device PIN, passphrase) was refused or cancelled.
        UnlockRefused => (
            "platform.unlock_refused",
            "تأیید هویت روی دستگاه انجام نشد.",
            "The unlock on this device was refused or cancelled."
        ),
        /// The local unlock cannot be asked: the device has no screen lock
        /// (passcode, biometric) set up.
        UnlockUnavailable => (
            "platform.unlock_unavailable",
            "برای این کار، قفل صفحه دستگاه (رمز، اثر انگشت یا چهره) را روشن کنید.",
            "Turn on the device's screen lock (passcode, fingerprint or face) for this."
        ),
        /// A stored secret has the wrong size or shape.
        Corrupt => (
            "platform.secret_corrupt",
            "اطلاعات امن ذخیره‌شده آسیب دیده است.",
            "A stored secret is damaged."
        ),
    }
}

/// Secrets by name, kept by the platform: the Android Keystore-wrapped store,
/// the iOS Keychain, or the kernel keyring on the desktop.
///
/// Only keys, seeds and tokens go here; everything else lives in the sealed
/// local store, whose key is itself one of these secrets.
pub trait SecretStore: Send + Sync {
    /// The secret stored under `name`, if any. The bytes are wiped when dropped.
    fn load(&self, name: &str) -> Result<Option<Zeroizing<Vec<u8>>>, PlatformError>;
    /// Stores `secret` under `name`, replacing what was there.
    fn save(&self, name: &str, secret: &[u8]) -> Result<(), PlatformError>;
    /// Forgets the secret under `name`; forgetting a missing one is not an error.
    fn delete(&self, name: &str) -> Result<(), PlatformError>;
}
