//! The SMS channel's two HTTPS calls: `sms_key_agree` (bearer, right after
//! enrollment) and `sms_inbound` (no bearer: the desktop's stand-in for the
//! operator link; a phone sends real SMS instead).

use serde::Deserialize;
use serde_json::{Value, json};

use super::{Api, Auth};
use crate::channel::{ChannelError, Method};

/// The bank's half of an SMS key agreement (the contract's `SmsKey`).
#[derive(Debug, Clone, Deserialize)]
pub struct SmsKeyAnswer {
    /// The id every frame under the key carries.
    pub key_id: u16,
    /// The bank's ephemeral P-256 key, SEC1 uncompressed, base64url.
    pub server_public_key: String,
    /// HKDF salt, base64url.
    pub salt: String,
    /// The number to send frames to.
    pub bank_number: String,
    /// The data-SMS port.
    pub data_port: u16,
}

/// The gateway's answer to one inbound SMS (the contract's `SmsInboundResult`).
#[derive(Debug, Clone, Deserialize)]
pub struct SmsInboundAnswer {
    /// `ok`, or the refusal's code.
    pub result_code: String,
    /// The reply SMS.
    pub reply: SmsReplyBody,
}

/// One reply SMS (the contract's `SmsReply`).
#[derive(Debug, Clone, Deserialize)]
pub struct SmsReplyBody {
    /// `binary` (base64 body), `gsm7` or `text`.
    pub encoding: String,
    /// The body.
    pub body: String,
    /// Segments it takes.
    pub segments: u32,
}

impl Api {
    /// `sms_key_agree`: sends the device's fresh ECDH public key.
    pub async fn sms_key_agree(
        &self,
        device_public_key: &str,
    ) -> Result<SmsKeyAnswer, ChannelError> {
        let body = json!({ "device_public_key": device_public_key });
        self.call(
            Method::POST,
            "/v1/devices/current/sms-key",
            Some(&body),
            Auth::Bearer,
        )
        .await
    }

    /// `sms_inbound`: hands one SMS to the bank's gateway as the operator would.
    pub async fn sms_inbound(
        &self,
        from_mobile: &str,
        encoding: &str,
        frame: &str,
    ) -> Result<SmsInboundAnswer, ChannelError> {
        let body: Value =
            json!({ "from_mobile": from_mobile, "encoding": encoding, "frame": frame });
        self.call(Method::POST, "/v1/sms/inbound", Some(&body), Auth::None)
            .await
    }
}
