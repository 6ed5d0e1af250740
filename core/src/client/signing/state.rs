//! The install's signing state: its signer and profile, whether the bank
//! has its key enrolled, and the bank's clock offset; signs one request.

use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::{Arc, RwLock};

use super::{DynamicLink, SignedParts, canonical_request, new_nonce};
use crate::client::local_now;
use crate::platform::{DeviceSigner, PlatformError};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// Where the device runs, as the bank's `Platform`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DevicePlatform {
    /// An Android phone.
    Android,
    /// An iPhone.
    Ios,
    /// The desktop CLI.
    Desktop,
}

impl DevicePlatform {
    /// The contract's value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Android => "android",
            Self::Ios => "ios",
            Self::Desktop => "desktop",
        }
    }
}

/// How the device presents itself at enrollment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceProfile {
    /// Shown in the customer's device list (at most 64 characters).
    pub name: String,
    /// Where it runs.
    pub platform: DevicePlatform,
}

/// The three signature headers of one request.
pub(crate) struct SignatureHeaders {
    pub timestamp: String,
    pub nonce: String,
    pub signature: String,
}

/// The install's signing state: its signer, whether the bank has its key,
/// and the bank's clock offset.
#[derive(Default)]
pub(crate) struct Signing {
    signer: RwLock<Option<(Arc<dyn DeviceSigner>, DeviceProfile)>>,
    enrolled: AtomicBool,
    clock_offset: AtomicI64,
}

impl Signing {
    pub fn set_signer(&self, signer: Arc<dyn DeviceSigner>, profile: DeviceProfile) {
        if let Ok(mut slot) = self.signer.write() {
            *slot = Some((signer, profile));
        }
    }

    pub fn signer(&self) -> Option<(Arc<dyn DeviceSigner>, DeviceProfile)> {
        self.signer.read().ok().and_then(|s| s.clone())
    }

    pub fn set_enrolled(&self, enrolled: bool) {
        self.enrolled.store(enrolled, Ordering::Relaxed);
    }

    pub fn enrolled(&self) -> bool {
        self.enrolled.load(Ordering::Relaxed)
    }

    pub fn set_clock_offset(&self, seconds: i64) {
        self.clock_offset.store(seconds, Ordering::Relaxed);
    }

    /// Signs a request when `always` (enrollment) or once enrolled; `None`
    /// when it must go unsigned. A money-moving call passes its idempotency
    /// key and its link.
    pub fn sign(
        &self,
        always: bool,
        method: &str,
        path: &str,
        body: &[u8],
        idempotency_key: Option<&str>,
        link: Option<&DynamicLink>,
    ) -> Result<Option<SignatureHeaders>, PlatformError> {
        if !always && !self.enrolled() {
            return Ok(None);
        }
        let Some((signer, _)) = self.signer() else {
            return Ok(None);
        };
        let timestamp = local_now() + self.clock_offset.load(Ordering::Relaxed);
        let nonce = new_nonce();
        let canonical = canonical_request(&SignedParts {
            method,
            path_and_query: path,
            timestamp,
            nonce: &nonce,
            body,
            idempotency_key,
            link,
        });
        let signature = signer.sign(canonical.as_bytes())?;
        Ok(Some(SignatureHeaders {
            timestamp: timestamp.to_string(),
            nonce,
            signature: URL_SAFE_NO_PAD.encode(signature),
        }))
    }
}
