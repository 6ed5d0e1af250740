//! Device identity: the device key (Android Keystore / Secure Enclave) and
//! the local unlock (BiometricPrompt / Face ID) as foreign traits, their
//! adapters to the core's traits, and the devices the bank knows.

use std::sync::Arc;

use hamrah_core::client::Device;
use hamrah_core::client::signing::DevicePlatform as CorePlatform;
use hamrah_core::digits::to_persian_digits;
use hamrah_core::flows::display;
use hamrah_core::platform::{
    DeviceSigner as CoreSigner, LocalUnlock as CoreUnlock, PlatformError as CoreError,
    UnlockReason as CoreReason,
};

use crate::error::PlatformError;

/// The install's P-256 signing key, kept by the platform's secure hardware.
#[uniffi::export(foreign)]
pub trait DeviceSigner: Send + Sync {
    /// Creates the key if there is none; its public key, uncompressed SEC1 (65 bytes).
    fn create_key(&self) -> Result<Vec<u8>, PlatformError>;
    /// The public key (65 bytes), or null when there is no key.
    fn public_key(&self) -> Result<Option<Vec<u8>>, PlatformError>;
    /// ECDSA P-256 with SHA-256 over `message` (the signer hashes), ASN.1 DER;
    /// `KeyMissing` when there is no key.
    fn sign(&self, message: Vec<u8>) -> Result<Vec<u8>, PlatformError>;
    /// Deletes the key; a missing key is not an error.
    fn delete_key(&self) -> Result<(), PlatformError>;
    /// Whether the key lives in secure hardware.
    fn hardware_backed(&self) -> bool;
}

/// The reason shown by the unlock prompt.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct UnlockReason {
    /// The prompt's title, in Persian.
    pub title_fa: String,
    /// The prompt's title, in English.
    pub title_en: String,
}

/// The local gate before the device key signs a quick login. May block
/// while the person answers (the core calls it on a blocking thread).
#[uniffi::export(foreign)]
pub trait LocalUnlock: Send + Sync {
    /// Returns when unlocked; `UnlockRefused` when failed or cancelled.
    fn unlock(&self, reason: UnlockReason) -> Result<(), PlatformError>;
}

/// The phone's platform, sent to the bank at enrollment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum DevicePlatform {
    /// Android.
    Android,
    /// iOS.
    Ios,
    /// The desktop (QA).
    Desktop,
}

impl From<DevicePlatform> for CorePlatform {
    fn from(platform: DevicePlatform) -> Self {
        match platform {
            DevicePlatform::Android => Self::Android,
            DevicePlatform::Ios => Self::Ios,
            DevicePlatform::Desktop => Self::Desktop,
        }
    }
}

/// A device the bank knows for the customer.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DeviceInfo {
    /// The device's id.
    pub device_id: String,
    /// Its name, when given.
    pub name: Option<String>,
    /// `android`, `ios` or `desktop`.
    pub platform: Option<String>,
    /// `active` or `revoked`.
    pub state: String,
    /// Whether it has a device key (quick login, signed requests).
    pub enrolled: bool,
    /// Whether it is this phone.
    pub current: bool,
    /// Last seen, Jalali date and Tehran time.
    pub last_seen_at_jalali: Option<String>,
    /// How the device list names it (its name or kind; «همین دستگاه» for this one).
    pub label_fa: String,
    /// Last seen, in Persian digits.
    pub last_seen_fa: Option<String>,
    /// Whether the list offers to revoke it (another active device).
    pub revocable: bool,
}

impl From<Device> for DeviceInfo {
    fn from(d: Device) -> Self {
        Self {
            label_fa: display::device_label(d.name.as_deref(), d.platform.as_deref(), d.current),
            last_seen_fa: d.last_seen_at_jalali.as_deref().map(to_persian_digits),
            revocable: display::device_revocable(&d.state, d.current),
            device_id: d.device_id,
            name: d.name,
            platform: d.platform,
            state: d.state,
            enrolled: d.enrolled,
            current: d.current,
            last_seen_at_jalali: d.last_seen_at_jalali,
        }
    }
}

/// The app's [`DeviceSigner`] seen as the core's.
pub(crate) struct ForeignSigner(pub(crate) Arc<dyn DeviceSigner>);

impl CoreSigner for ForeignSigner {
    fn create_key(&self) -> Result<Vec<u8>, CoreError> {
        Ok(self.0.create_key()?)
    }

    fn public_key(&self) -> Result<Option<Vec<u8>>, CoreError> {
        Ok(self.0.public_key()?)
    }

    fn sign(&self, message: &[u8]) -> Result<Vec<u8>, CoreError> {
        Ok(self.0.sign(message.to_vec())?)
    }

    fn delete_key(&self) -> Result<(), CoreError> {
        Ok(self.0.delete_key()?)
    }

    fn hardware_backed(&self) -> bool {
        self.0.hardware_backed()
    }
}

/// The app's [`LocalUnlock`] seen as the core's.
pub(crate) struct ForeignUnlock(pub(crate) Arc<dyn LocalUnlock>);

impl CoreUnlock for ForeignUnlock {
    fn unlock(&self, reason: &CoreReason) -> Result<(), CoreError> {
        let reason = UnlockReason {
            title_fa: reason.title_fa.clone(),
            title_en: reason.title_en.clone(),
        };
        // A prompt that cannot be shown means the phone has no screen lock.
        self.0.unlock(reason).map_err(|error| match error {
            PlatformError::Unavailable => CoreError::UnlockUnavailable,
            other => other.into(),
        })
    }
}
