//! The device-identity steps of the demo: enrollment of the phone's signing
//! key (after the SMS-confirmed activation; from then on every request is
//! signed), and quick login with that key behind the local unlock (the
//! desktop's passphrase standing in for the phone's biometric prompt).

use std::sync::Arc;

use hamrah_core::client::signing::{DevicePlatform, DeviceProfile};
use hamrah_core::flows::Problem;
use hamrah_core::platform::{
    MemorySecretStore, PassphraseUnlock, SecretStore, SoftwareDeviceSigner,
};
use hamrah_core::session::SessionState;
use zeroize::Zeroizing;

use super::Walk;
use super::bank::demo_problem;
use super::receipt::Receipt;
use super::steps::unexpected;

/// The desktop unlock's passphrase (never printed).
const PASSPHRASE: &str = "Anar-Yalda-1405";

impl Walk {
    /// Enrolls Maryam's phone: a P-256 key in the phone's vault, its public
    /// half registered with the bank in a request signed by it.
    pub async fn enrollment(&mut self) -> Result<Receipt, Problem> {
        self.secrets.push(PASSPHRASE.to_owned());
        let vault: Arc<dyn SecretStore> = Arc::new(MemorySecretStore::new());
        let api = &self.maryam.ctx.api;
        api.set_device_signer(
            Arc::new(SoftwareDeviceSigner::new(Arc::clone(&vault))),
            DeviceProfile {
                name: "Maryam's phone (demo)".to_owned(),
                platform: DevicePlatform::Desktop,
            },
        );
        let device = self.maryam.session.enroll_device().await?;
        let gate = PassphraseUnlock::new(vault, |_| Some(Zeroizing::new(PASSPHRASE.to_owned())));
        gate.set_passphrase(PASSPHRASE)
            .map_err(|e| Problem::of(&e))?;
        self.maryam_unlock = Some(Arc::new(gate));
        let fingerprint = device.key_fingerprint.unwrap_or_default();
        let short = fingerprint.get(..16).unwrap_or_default();
        let mut r = Receipt::new();
        r.field("device_id", "شناسه دستگاه", "Device id", &device.device_id)
            .field("key", "کلید", "Key", "P-256 ECDSA (ES256)")
            .field(
                "key_fingerprint",
                "اثر انگشت کلید",
                "Key fingerprint",
                short,
            )
            .field(
                "signed_requests",
                "درخواست‌ها",
                "Requests",
                "از این پس امضاشده / signed from now on",
            )
            .put("enrolled", device.enrolled.into());
        Ok(r)
    }

    /// Logs out, then in again without the password: the passphrase opens
    /// the gate and the device key signs the bank's challenge.
    pub async fn quick_login(&mut self) -> Result<Receipt, Problem> {
        let gate = self
            .maryam_unlock
            .clone()
            .ok_or_else(|| demo_problem("no enrolled device"))?;
        let session = &self.maryam.session;
        session.logout().await;
        let state = session.quick_login(gate).await?;
        let SessionState::Active { customer } = state else {
            return Err(unexpected(&state));
        };
        let devices = session.devices().await?;
        let enrolled = devices.iter().filter(|d| d.enrolled).count();
        let mut r = Receipt::new();
        r.field("customer", "مشتری", "Customer", &customer)
            .field(
                "method",
                "روش",
                "Method",
                "امضای دستگاه، بدون رمز عبور / device signature, no password",
            )
            .field(
                "unlock",
                "قفل محلی",
                "Local unlock",
                "عبارت عبور (رایانه) / passphrase (desktop)",
            )
            .put("enrolled_devices", enrolled.into());
        Ok(r)
    }
}
