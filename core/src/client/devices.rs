//! Device identity calls: enrollment of the device key, the device list,
//! revocation, and quick login (a signed server challenge, no password).

use std::sync::Arc;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::config::{BankConfig, local_now};
use super::signing::{DeviceProfile, quick_login_message};
use super::{Api, Auth, LoginReply, RawLogin};
use crate::channel::{ChannelError, Method, Reply};
use crate::platform::DeviceSigner;

/// One of the customer's devices (the contract's `Device`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Device {
    /// The install's id.
    pub device_id: String,
    /// As the app named it.
    #[serde(default)]
    pub name: Option<String>,
    /// `android`, `ios` or `desktop`.
    #[serde(default)]
    pub platform: Option<String>,
    /// `active` or `revoked`.
    pub state: String,
    /// Whether a signing key is enrolled.
    pub enrolled: bool,
    /// Whether it is this install.
    pub current: bool,
    /// Lowercase hex SHA-256 of the enrolled public key.
    #[serde(default)]
    pub key_fingerprint: Option<String>,
    /// Last use (bank time).
    pub last_seen_at: String,
    /// Last use, Jalali and Tehran time.
    #[serde(default)]
    pub last_seen_at_jalali: Option<String>,
}

/// A quick-login challenge to sign (`QuickLoginChallenge`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct QuickLoginChallenge {
    /// Its id.
    pub challenge_id: String,
    /// 32 random bytes, base64url.
    pub challenge: String,
    /// Its deadline (bank time).
    pub expires_at: String,
}

#[derive(Deserialize)]
struct DeviceList {
    items: Vec<Device>,
}

impl Api {
    /// Gives the install's signing key: once the bank has it enrolled, every
    /// bearer request is signed with it.
    pub fn set_device_signer(&self, signer: Arc<dyn DeviceSigner>, profile: DeviceProfile) {
        self.inner.signing.set_signer(signer, profile);
    }

    /// Whether the bank said this device's key is enrolled (so requests are signed).
    pub fn device_enrolled(&self) -> bool {
        self.inner.signing.enrolled()
    }

    /// Whether a signer was given.
    pub fn has_device_signer(&self) -> bool {
        self.inner.signing.signer().is_some()
    }

    pub(super) fn note_enrolled(&self, enrolled: bool) {
        self.inner.signing.set_enrolled(enrolled);
    }

    /// `device_enroll`: a fresh key is created (an old one is deleted: the
    /// bank forgets a key when it revokes a device) and its public half
    /// registered, in a request signed with it (proof of possession). Never
    /// call it on an enrolled device: its key would be replaced locally only
    /// ([`crate::session::Session::enroll_device`] refuses that case).
    pub async fn device_enroll(&self) -> Result<Device, ChannelError> {
        let (signer, profile) = self.inner.signing.signer().ok_or(ChannelError::Device(
            crate::platform::PlatformError::KeyMissing,
        ))?;
        signer.delete_key().map_err(ChannelError::Device)?;
        let public = signer.create_key().map_err(ChannelError::Device)?;
        let body = json!({
            "public_key": URL_SAFE_NO_PAD.encode(public),
            "algorithm": "ES256",
            "name": profile.name,
            "platform": profile.platform.as_str(),
            "hardware_backed": signer.hardware_backed(),
        });
        let device: Device = self
            .call(Method::POST, "/v1/devices", Some(&body), Auth::Enroll)
            .await?;
        self.note_enrolled(device.enrolled);
        Ok(device)
    }

    /// `device_list`: the customer's known devices, most recently seen first.
    pub async fn device_list(&self) -> Result<Vec<Device>, ChannelError> {
        let list: DeviceList = self
            .call(Method::GET, "/v1/devices", None, Auth::Bearer)
            .await?;
        Ok(list.items)
    }

    /// `device_revoke`. Revoking this install also ends its session: the
    /// token is forgotten and the key deleted.
    pub async fn device_revoke(&self, device_id: &str) -> Result<(), ChannelError> {
        let path = format!("/v1/devices/{device_id}");
        self.call_raw(Method::DELETE, &path, None, None, Auth::Bearer)
            .await?;
        if device_id == self.device_id() {
            self.set_token(None);
            self.note_enrolled(false);
            if let Some((signer, _)) = self.inner.signing.signer() {
                signer.delete_key().map_err(ChannelError::Device)?;
            }
        }
        Ok(())
    }

    /// `quick_login_challenge_create`: a fresh challenge for this enrolled device.
    pub async fn quick_login_challenge(&self) -> Result<QuickLoginChallenge, ChannelError> {
        self.call(
            Method::POST,
            "/v1/sessions/quick-challenges",
            None,
            Auth::None,
        )
        .await
    }

    /// `quick_login_create`: signs the challenge with the device key and logs in.
    pub async fn quick_login(
        &self,
        challenge: &QuickLoginChallenge,
    ) -> Result<LoginReply, ChannelError> {
        let (signer, _) = self.inner.signing.signer().ok_or(ChannelError::Device(
            crate::platform::PlatformError::KeyMissing,
        ))?;
        let message = quick_login_message(
            &challenge.challenge_id,
            &challenge.challenge,
            self.device_id(),
        );
        let signature = signer
            .sign(message.as_bytes())
            .map_err(ChannelError::Device)?;
        let body = json!({
            "challenge_id": challenge.challenge_id,
            "signature": URL_SAFE_NO_PAD.encode(signature),
        });
        let raw: RawLogin = self
            .call(Method::POST, "/v1/sessions/quick", Some(&body), Auth::None)
            .await?;
        Ok(self.login_reply(raw))
    }

    /// Whether a signed request was refused for its timestamp.
    pub(super) fn needs_clock_resync(&self, result: &Result<Reply, ChannelError>) -> bool {
        matches!(result, Err(ChannelError::Bank(e)) if e.code == "signature.stale_timestamp")
    }

    /// Re-reads the bank's clock (`server_time` of `config_get`).
    pub(super) async fn resync_clock(&self) {
        let reply = self
            .inner
            .bank
            .send(Method::GET, "/v1/config", &[], None)
            .await;
        if let Ok(config) = reply.and_then(|r| {
            serde_json::from_value::<BankConfig>(r.json).map_err(|_| ChannelError::Protocol)
        }) {
            self.note_clock(&config);
        }
    }

    /// Keeps the bank's clock offset from a fresh config.
    pub(super) fn note_clock(&self, config: &BankConfig) {
        self.inner
            .signing
            .set_clock_offset(config.clock_offset_seconds(local_now()));
    }
}
