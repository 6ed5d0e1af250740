//! Activation, login, session and password calls.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Value, json};

use super::{Api, Auth};
use crate::channel::{ChannelError, Method};

/// `ActivationStarted` / `LoginOtpRequired`: an SMS code was sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeSent {
    /// The activation's id (activation only).
    #[serde(default)]
    pub activation_id: Option<String>,
    /// The login challenge's id (login only).
    #[serde(default)]
    pub challenge_id: Option<String>,
    /// Where the code went, masked.
    pub sent_to_mobile_masked: String,
    /// Seconds the code stays valid.
    pub seconds_left: u64,
    /// Digits of the code.
    pub digits: u32,
}

/// The contract's `Session` (without the token, which the [`Api`] keeps).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    /// `full` or `password_change`.
    pub scope: String,
    /// Who is logged in.
    pub customer: CustomerSummary,
    /// Idle timeout in seconds.
    pub idle_timeout_seconds: u64,
    /// Idle deadline (bank time).
    pub idle_expires_at: String,
    /// Absolute end (bank time).
    pub expires_at: String,
    /// When the password expires.
    pub password_expires_at: String,
}

/// The logged-in customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerSummary {
    /// Name in Persian.
    pub full_name_fa: String,
    /// Mobile, masked.
    pub mobile_masked: String,
}

/// The contract's `Session` with the token and the device's standing beside
/// its fields. Read as one JSON object, then as each part: serde's `flatten`
/// (like its internally tagged enums) buffers the object through its generic
/// content type, a second deserializer for every type in it.
pub(super) struct WithToken {
    token: Option<String>,
    device: Option<SessionDevice>,
    info: SessionInfo,
}

impl<'de> Deserialize<'de> for WithToken {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Beside {
            #[serde(default)]
            token: Option<String>,
            #[serde(default)]
            device: Option<SessionDevice>,
        }
        let json = Value::deserialize(deserializer)?;
        let beside: Beside = serde_json::from_value(json.clone()).map_err(D::Error::custom)?;
        let info = serde_json::from_value(json).map_err(D::Error::custom)?;
        Ok(Self {
            token: beside.token,
            device: beside.device,
            info,
        })
    }
}

/// What a login answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoginReply {
    /// Logged in (the token is now held by the [`Api`]).
    Authenticated(SessionInfo),
    /// A new device: an SMS code was sent.
    OtpRequired(CodeSent),
    /// Only a password change is allowed; `reason` is `expired` or `initial`.
    PasswordExpired {
        /// `expired` or `initial`.
        reason: String,
        /// The restricted session.
        session: SessionInfo,
    },
}

/// The contract's `SessionDevice`: whether the bank has this device's key.
#[derive(Deserialize)]
struct SessionDevice {
    enrolled: bool,
}

/// The contract's `LoginResult`, tagged by its `state` field. Read as one JSON
/// object, its `state` first, then the variant (as with [`WithToken`], without
/// serde's buffering of internally tagged enums).
pub(super) enum RawLogin {
    Authenticated { session: WithToken },
    OtpRequired(CodeSent),
    PasswordExpired { reason: String, session: WithToken },
}

impl<'de> Deserialize<'de> for RawLogin {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(rename_all = "snake_case")]
        enum State {
            Authenticated,
            OtpRequired,
            PasswordExpired,
        }
        #[derive(Deserialize)]
        struct Tag {
            state: State,
        }
        #[derive(Deserialize)]
        struct Authenticated {
            session: WithToken,
        }
        #[derive(Deserialize)]
        struct PasswordExpired {
            reason: String,
            session: WithToken,
        }
        let json = Value::deserialize(deserializer)?;
        let tag: Tag = serde_json::from_value(json.clone()).map_err(D::Error::custom)?;
        let raw = match tag.state {
            State::Authenticated => serde_json::from_value(json)
                .map(|a: Authenticated| Self::Authenticated { session: a.session }),
            State::OtpRequired => serde_json::from_value(json).map(Self::OtpRequired),
            State::PasswordExpired => {
                serde_json::from_value(json).map(|p: PasswordExpired| Self::PasswordExpired {
                    reason: p.reason,
                    session: p.session,
                })
            }
        };
        raw.map_err(D::Error::custom)
    }
}

impl Api {
    fn keep(&self, session: WithToken) -> SessionInfo {
        if let Some(token) = session.token {
            self.set_token(Some(token));
        }
        if let Some(device) = session.device {
            self.note_enrolled(device.enrolled);
        }
        session.info
    }

    pub(super) fn login_reply(&self, raw: RawLogin) -> LoginReply {
        match raw {
            RawLogin::Authenticated { session } => LoginReply::Authenticated(self.keep(session)),
            RawLogin::OtpRequired(sent) => LoginReply::OtpRequired(sent),
            RawLogin::PasswordExpired { reason, session } => LoginReply::PasswordExpired {
                reason,
                session: self.keep(session),
            },
        }
    }

    /// `activation_start`: identity and a card of this bank; an SMS code is sent.
    pub async fn activation_start(
        &self,
        national_id: &str,
        mobile: &str,
        birth_date: &str,
        pan: &str,
        expiry: &str,
    ) -> Result<CodeSent, ChannelError> {
        let body = json!({"national_id": national_id, "mobile": mobile,
            "birth_date": birth_date, "pan": pan, "expiry": expiry});
        self.call(Method::POST, "/v1/activations", Some(&body), Auth::None)
            .await
    }

    /// `activation_verify`: the SMS code.
    pub async fn activation_verify(
        &self,
        activation_id: &str,
        code: &str,
    ) -> Result<(), ChannelError> {
        let path = format!("/v1/activations/{activation_id}/verify");
        let body = json!({"code": code});
        self.call_raw(Method::POST, &path, Some(&body), None, Auth::None)
            .await
            .map(|_| ())
    }

    /// `activation_credentials_set`: username and password; logs in.
    pub async fn activation_credentials(
        &self,
        activation_id: &str,
        username: &str,
        password: &str,
    ) -> Result<SessionInfo, ChannelError> {
        #[derive(Deserialize)]
        struct Completed {
            session: WithToken,
        }
        let path = format!("/v1/activations/{activation_id}/credentials");
        let body = json!({"username": username, "password": password, "platform": "desktop"});
        let done: Completed = self
            .call(Method::POST, &path, Some(&body), Auth::None)
            .await?;
        Ok(self.keep(done.session))
    }

    /// `session_create`: username and password.
    pub async fn login(&self, username: &str, password: &str) -> Result<LoginReply, ChannelError> {
        let body = json!({"username": username, "password": password, "platform": "desktop"});
        let raw = self
            .call(Method::POST, "/v1/sessions", Some(&body), Auth::None)
            .await?;
        Ok(self.login_reply(raw))
    }

    /// `session_otp_verify`: the SMS code of a new device's login.
    pub async fn login_verify(
        &self,
        challenge_id: &str,
        code: &str,
    ) -> Result<LoginReply, ChannelError> {
        let path = format!("/v1/sessions/challenges/{challenge_id}/verify");
        let body = json!({"code": code});
        let raw = self
            .call(Method::POST, &path, Some(&body), Auth::None)
            .await?;
        Ok(self.login_reply(raw))
    }

    /// `session_get` (not activity).
    pub async fn session_get(&self) -> Result<SessionInfo, ChannelError> {
        self.call(Method::GET, "/v1/sessions/current", None, Auth::Passive)
            .await
    }

    /// `session_update`: the customer's idle timeout.
    pub async fn session_update(
        &self,
        idle_timeout_seconds: u64,
    ) -> Result<SessionInfo, ChannelError> {
        let body = json!({"idle_timeout_seconds": idle_timeout_seconds});
        self.call(
            Method::PATCH,
            "/v1/sessions/current",
            Some(&body),
            Auth::Bearer,
        )
        .await
    }

    /// `session_delete`: logs out and forgets the token.
    pub async fn logout(&self) -> Result<(), ChannelError> {
        let result = self
            .call_raw(
                Method::DELETE,
                "/v1/sessions/current",
                None,
                None,
                Auth::Passive,
            )
            .await;
        self.set_token(None);
        result.map(|_| ())
    }

    /// `password_change`: a fresh full session replaces the current one.
    pub async fn password_change(
        &self,
        current: &str,
        new: &str,
    ) -> Result<SessionInfo, ChannelError> {
        let body = json!({"current_password": current, "new_password": new});
        let session: WithToken = self
            .call(Method::PUT, "/v1/me/password", Some(&body), Auth::Bearer)
            .await?;
        Ok(self.keep(session))
    }
}
