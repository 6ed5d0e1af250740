//! The device's identity in the session: enrollment of the device key after
//! an SMS-confirmed login or an activation, quick login (mobile e-signature)
//! behind the local unlock, the device list and revocation.

use std::sync::Arc;

use super::{Session, SessionState};
use crate::channel::ChannelError;
use crate::client::Device;
use crate::error::Problem;
use crate::platform::{LocalUnlock, PlatformError, UnlockReason};

impl Session {
    /// Enrolls this device's key with the bank (a fresh key, signed with
    /// itself); from then on every request is signed. Needs a session whose
    /// device was just confirmed by SMS code or activation.
    /// An enrolled device is refused here, before its key is touched.
    pub async fn enroll_device(&self) -> Result<Device, Problem> {
        if self.api.device_enrolled() {
            return Err(Problem::new(
                "device.already_enrolled",
                "این دستگاه پیش‌تر ثبت شده است؛ ابتدا آن را لغو کنید.",
                "This device is already enrolled; revoke it first.",
            ));
        }
        self.api.device_enroll().await.map_err(|e| self.refused(e))
    }

    /// After an SMS-confirmed login or an activation: enrolls the device when
    /// a signer was given and the bank has no key for it yet. A failure
    /// leaves the customer logged in, unenrolled (logged by code only).
    pub(super) async fn enroll_if_new(&self, state: &SessionState) {
        if !matches!(state, SessionState::Active { .. })
            || !self.api.has_device_signer()
            || self.api.device_enrolled()
        {
            return;
        }
        if let Err(error) = self.api.device_enroll().await {
            tracing::warn!(code = %crate::Coded::code(&error), "device enrollment failed");
        }
    }

    /// Quick login on an enrolled device, without the password: `unlock`
    /// (biometric or device PIN on phones, the passphrase on the desktop)
    /// must pass first; then the device key signs a fresh bank challenge.
    pub async fn quick_login(&self, unlock: Arc<dyn LocalUnlock>) -> Result<SessionState, Problem> {
        let gate = tokio::task::spawn_blocking(move || unlock.unlock(&UnlockReason::quick_login()))
            .await
            .map_err(|_| Problem::of(&PlatformError::Unavailable))?;
        gate.map_err(|e| Problem::of(&e))?;
        let challenge = self
            .api
            .quick_login_challenge()
            .await
            .map_err(|e| self.refused(e))?;
        let reply = self
            .api
            .quick_login(&challenge)
            .await
            .map_err(|e| self.refused(e))?;
        Ok(self.after_login(reply))
    }

    /// The customer's devices, most recently seen first.
    pub async fn devices(&self) -> Result<Vec<Device>, Problem> {
        self.api.device_list().await.map_err(|e| self.refused(e))
    }

    /// Revokes a device; revoking this one logs out and deletes its key.
    pub async fn revoke_device(&self, device_id: &str) -> Result<SessionState, Problem> {
        self.api
            .device_revoke(device_id)
            .await
            .map_err(|e: ChannelError| self.refused(e))?;
        if device_id == self.api.device_id() {
            return Ok(self.set(SessionState::LoggedOut));
        }
        Ok(self.state())
    }
}
