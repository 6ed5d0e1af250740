//! The customer's session: activation, login (SMS code on a new device),
//! logout, password change (also forced), the locked state, and the bank's
//! inactivity timeout mirrored as a state the UI observes.

mod device;
mod identity;
mod idle;
mod notice;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Serialize};
use tokio::sync::watch;
use tokio::task::JoinHandle;

pub use device::{DEVICE_ID_NAME, device_id};
pub use idle::{IdlePhase, idle_phase, warning_seconds};
pub use notice::SessionNotice;

use crate::calendar::JalaliDate;
use crate::channel::ChannelError;
use crate::client::{Api, LoginReply, SessionInfo};
use crate::error::Problem;
use crate::ids::{CardNumber, MobileNumber, NationalId};

/// Where the customer's session stands; every screen of login renders one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum SessionState {
    /// Nobody is logged in.
    LoggedOut,
    /// Activation: the SMS code was sent.
    ActivationCodeSent {
        /// Masked mobile the code went to.
        sent_to_mobile_masked: String,
        /// Validity of the code.
        seconds_left: u64,
    },
    /// Activation: the code was right; choose username and password.
    ChooseCredentials,
    /// Login from a new device: the SMS code was sent.
    LoginCodeSent {
        /// Masked mobile the code went to.
        sent_to_mobile_masked: String,
        /// Validity of the code.
        seconds_left: u64,
    },
    /// Only a password change is allowed (`expired`, or `initial` for branch credentials).
    PasswordChangeRequired {
        /// `expired` or `initial`.
        reason: String,
    },
    /// Logged in.
    Active {
        /// The customer's name.
        customer: String,
    },
    /// Logged in, but idle: the bank ends the session in `seconds_left`.
    Expiring {
        /// The customer's name.
        customer: String,
        /// Seconds until the bank ends the session.
        seconds_left: u64,
    },
    /// The session ended without a logout (`session.idle_timeout`, ...): log in again.
    Expired {
        /// Why.
        code: String,
    },
    /// Too many failures: login is refused for a while.
    Locked {
        /// Seconds until the lock ends.
        retry_after_seconds: u64,
    },
}

impl SessionState {
    /// Whether a token is in use (full or restricted).
    pub fn is_signed_in(&self) -> bool {
        matches!(
            self,
            Self::Active { .. } | Self::Expiring { .. } | Self::PasswordChangeRequired { .. }
        )
    }
}

/// The session of one install, observable through [`Session::watch`].
pub struct Session {
    api: Api,
    state: Arc<watch::Sender<SessionState>>,
    timeout: Arc<AtomicU64>,
    activation_id: std::sync::Mutex<Option<String>>,
    challenge_id: std::sync::Mutex<Option<String>>,
    monitor: JoinHandle<()>,
}

impl Drop for Session {
    fn drop(&mut self) {
        self.monitor.abort();
    }
}

impl Session {
    /// A logged-out session over `api`; must be created inside a tokio runtime
    /// (it starts the idle-timeout mirror).
    pub fn new(api: Api, idle_timeout_seconds: u64) -> Self {
        let state = Arc::new(watch::channel(SessionState::LoggedOut).0);
        let timeout = Arc::new(AtomicU64::new(idle_timeout_seconds));
        let monitor = tokio::spawn(idle::monitor(
            api.clone(),
            Arc::clone(&state),
            Arc::clone(&timeout),
        ));
        Self {
            api,
            state,
            timeout,
            activation_id: std::sync::Mutex::new(None),
            challenge_id: std::sync::Mutex::new(None),
            monitor,
        }
    }

    /// The current state.
    pub fn state(&self) -> SessionState {
        self.state.borrow().clone()
    }

    /// Observes the state (the UI re-renders on each change).
    pub fn watch(&self) -> watch::Receiver<SessionState> {
        self.state.subscribe()
    }

    /// The API this session authenticates.
    pub fn api(&self) -> &Api {
        &self.api
    }

    fn set(&self, state: SessionState) -> SessionState {
        // The variant's name only: the states hold the customer's name.
        let shown = format!("{state:?}");
        let step = shown.split([' ', '{']).next().unwrap_or_default();
        tracing::info!(state = step, "session");
        self.state.send_replace(state.clone());
        state
    }

    /// Maps a refusal; a lock becomes the [`SessionState::Locked`] state.
    fn refused(&self, error: ChannelError) -> Problem {
        if let ChannelError::Bank(bank) = &error
            && bank.code == "auth.user_locked"
        {
            self.set(SessionState::Locked {
                retry_after_seconds: bank.retry_after_seconds.unwrap_or(0),
            });
        }
        Problem::from(error)
    }

    fn signed_in(&self, info: &SessionInfo) -> SessionState {
        self.timeout
            .store(info.idle_timeout_seconds, Ordering::Relaxed);
        if info.scope == "password_change" {
            return self.set(SessionState::PasswordChangeRequired {
                reason: "expired".to_owned(),
            });
        }
        self.set(SessionState::Active {
            customer: info.customer.full_name_fa.clone(),
        })
    }

    /// Activation, step 1: identity and a card of this bank, checked locally first.
    pub async fn start_activation(
        &self,
        national_id: &str,
        mobile: &str,
        birth_date: &str,
        pan: &str,
        expiry: &str,
    ) -> Result<SessionState, Problem> {
        let id: NationalId = national_id
            .parse()
            .map_err(|e| Problem::of(&e).at("national_id"))?;
        let mobile: MobileNumber = mobile.parse().map_err(|e| Problem::of(&e).at("mobile"))?;
        let birth: JalaliDate = birth_date
            .parse()
            .map_err(|e| Problem::of(&e).at("birth_date"))?;
        let pan: CardNumber = pan.parse().map_err(|e| Problem::of(&e).at("pan"))?;
        let birth = format!(
            "{:04}/{:02}/{:02}",
            birth.year(),
            birth.month(),
            birth.day()
        );
        let sent = self
            .api
            .activation_start(id.as_str(), mobile.as_str(), &birth, pan.as_str(), expiry)
            .await
            .map_err(|e| self.refused(e))?;
        if let Ok(mut slot) = self.activation_id.lock() {
            *slot = sent.activation_id.clone();
        }
        Ok(self.set(SessionState::ActivationCodeSent {
            sent_to_mobile_masked: sent.sent_to_mobile_masked,
            seconds_left: sent.seconds_left,
        }))
    }

    fn activation(&self) -> Result<String, Problem> {
        self.activation_id
            .lock()
            .ok()
            .and_then(|id| id.clone())
            .ok_or_else(|| {
                Problem::new(
                    "activation.not_found",
                    "فعال‌سازی یافت نشد.",
                    "No activation is in progress.",
                )
            })
    }

    /// Activation, step 2: the SMS code.
    pub async fn verify_activation(&self, code: &str) -> Result<SessionState, Problem> {
        let id = self.activation()?;
        self.api
            .activation_verify(&id, code)
            .await
            .map_err(|e| self.refused(e))?;
        Ok(self.set(SessionState::ChooseCredentials))
    }

    /// Activation, step 3: username and password; the customer is logged in.
    pub async fn choose_credentials(
        &self,
        username: &str,
        password: &str,
    ) -> Result<SessionState, Problem> {
        let id = self.activation()?;
        let info = self
            .api
            .activation_credentials(&id, username, password)
            .await
            .map_err(|e| self.refused(e))?;
        let state = self.signed_in(&info);
        self.enroll_if_new(&state).await;
        Ok(state)
    }

    /// Login with username and password.
    pub async fn login(&self, username: &str, password: &str) -> Result<SessionState, Problem> {
        let reply = self
            .api
            .login(username, password)
            .await
            .map_err(|e| self.refused(e))?;
        Ok(self.after_login(reply))
    }

    /// Login from a new device: the SMS code.
    pub async fn verify_login(&self, code: &str) -> Result<SessionState, Problem> {
        let challenge = self
            .challenge_id
            .lock()
            .ok()
            .and_then(|c| c.clone())
            .ok_or_else(|| {
                Problem::new(
                    "auth.challenge_not_found",
                    "ابتدا وارد شوید.",
                    "Log in first.",
                )
            })?;
        let reply = self
            .api
            .login_verify(&challenge, code)
            .await
            .map_err(|e| self.refused(e))?;
        let state = self.after_login(reply);
        self.enroll_if_new(&state).await;
        Ok(state)
    }

    fn after_login(&self, reply: LoginReply) -> SessionState {
        match reply {
            LoginReply::Authenticated(info) => self.signed_in(&info),
            LoginReply::OtpRequired(sent) => {
                if let Ok(mut slot) = self.challenge_id.lock() {
                    *slot = sent.challenge_id.clone();
                }
                self.set(SessionState::LoginCodeSent {
                    sent_to_mobile_masked: sent.sent_to_mobile_masked,
                    seconds_left: sent.seconds_left,
                })
            }
            LoginReply::PasswordExpired { reason, .. } => {
                self.set(SessionState::PasswordChangeRequired { reason })
            }
        }
    }

    /// Changes the password (also the forced change); a fresh full session follows.
    pub async fn change_password(&self, current: &str, new: &str) -> Result<SessionState, Problem> {
        let info = self
            .api
            .password_change(current, new)
            .await
            .map_err(|e| self.refused(e))?;
        Ok(self.signed_in(&info))
    }

    /// Logs out (the token is forgotten even when the bank cannot be reached).
    pub async fn logout(&self) -> SessionState {
        if let Err(error) = self.api.logout().await {
            tracing::warn!(code = %crate::Coded::code(&error), "logout not confirmed by the bank");
        }
        self.set(SessionState::LoggedOut)
    }
}
