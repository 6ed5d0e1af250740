//! [`SessionClient`]: activation, login, password change, logout, and the
//! session's state (including the idle-timeout warning and expiry) for observers.

use std::sync::Arc;

use hamrah_core::session::SessionState as Core;

use crate::device::{DeviceInfo, ForeignUnlock, LocalUnlock};
use crate::error::HamrahError;
use crate::install::Install;
use crate::observe::ObservationHandle;
use crate::runtime::run;

/// Where the customer's session stands; every login screen renders one.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
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
    /// Activation: choose username and password.
    ChooseCredentials,
    /// Login from a new device: the SMS code was sent.
    LoginCodeSent {
        /// Masked mobile the code went to.
        sent_to_mobile_masked: String,
        /// Validity of the code.
        seconds_left: u64,
    },
    /// Only a password change is allowed (`expired` or `initial`).
    PasswordChangeRequired {
        /// `expired` or `initial`.
        reason: String,
    },
    /// Logged in.
    Active {
        /// The customer's name.
        customer: String,
    },
    /// Logged in but idle: the bank ends the session in `seconds_left`.
    Expiring {
        /// The customer's name.
        customer: String,
        /// Seconds until the bank ends the session.
        seconds_left: u64,
    },
    /// The session ended without a logout: log in again.
    Expired {
        /// Why (`session.idle_timeout`, ...).
        code: String,
    },
    /// Too many failures: login is refused for a while.
    Locked {
        /// Seconds until the lock ends.
        retry_after_seconds: u64,
    },
}

impl From<Core> for SessionState {
    fn from(state: Core) -> Self {
        match state {
            Core::LoggedOut => Self::LoggedOut,
            Core::ActivationCodeSent {
                sent_to_mobile_masked,
                seconds_left,
            } => Self::ActivationCodeSent {
                sent_to_mobile_masked,
                seconds_left,
            },
            Core::ChooseCredentials => Self::ChooseCredentials,
            Core::LoginCodeSent {
                sent_to_mobile_masked,
                seconds_left,
            } => Self::LoginCodeSent {
                sent_to_mobile_masked,
                seconds_left,
            },
            Core::PasswordChangeRequired { reason } => Self::PasswordChangeRequired { reason },
            Core::Active { customer } => Self::Active { customer },
            Core::Expiring {
                customer,
                seconds_left,
            } => Self::Expiring {
                customer,
                seconds_left,
            },
            Core::Expired { code } => Self::Expired { code },
            Core::Locked {
                retry_after_seconds,
            } => Self::Locked {
                retry_after_seconds,
            },
        }
    }
}

impl From<SessionState> for Core {
    fn from(state: SessionState) -> Self {
        use SessionState as S;
        match state {
            S::LoggedOut => Self::LoggedOut,
            S::ActivationCodeSent {
                sent_to_mobile_masked,
                seconds_left,
            } => Self::ActivationCodeSent {
                sent_to_mobile_masked,
                seconds_left,
            },
            S::ChooseCredentials => Self::ChooseCredentials,
            S::LoginCodeSent {
                sent_to_mobile_masked,
                seconds_left,
            } => Self::LoginCodeSent {
                sent_to_mobile_masked,
                seconds_left,
            },
            S::PasswordChangeRequired { reason } => Self::PasswordChangeRequired { reason },
            S::Active { customer } => Self::Active { customer },
            S::Expiring {
                customer,
                seconds_left,
            } => Self::Expiring {
                customer,
                seconds_left,
            },
            S::Expired { code } => Self::Expired { code },
            S::Locked {
                retry_after_seconds,
            } => Self::Locked {
                retry_after_seconds,
            },
        }
    }
}

/// A line about the session for the customer.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SessionNotice {
    /// The text, in Persian (numbers in Persian digits).
    pub text_fa: String,
    /// It warns (the session ends, login refused, password to change): the
    /// error colour, announced by screen readers.
    pub warning: bool,
}

/// What a screen says about `state`, if anything (the core's words).
#[uniffi::export]
pub fn session_notice(state: SessionState) -> Option<SessionNotice> {
    Core::from(state).notice().map(|n| SessionNotice {
        text_fa: n.text_fa,
        warning: n.warning,
    })
}

/// One input of the customer on the login screens (one export for all of
/// them keeps the phones' library small: each export costs kilobytes).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum SessionInput {
    /// Activation, step 1: national ID, mobile, Jalali birth date, a card of
    /// this bank and its expiry (`YYMM`); an SMS code is sent.
    StartActivation {
        /// National ID, as typed.
        national_id: String,
        /// Mobile, as typed.
        mobile: String,
        /// Jalali birth date (`1375/02/20`, any digits).
        birth_date: String,
        /// A card of this bank.
        pan: String,
        /// Its expiry, `YYMM`.
        expiry: String,
    },
    /// Activation, step 2: the SMS code.
    VerifyActivation {
        /// The code.
        code: String,
    },
    /// Activation, step 3: username and password; the customer is logged in.
    ChooseCredentials {
        /// Username.
        username: String,
        /// Password.
        password: String,
    },
    /// Login with username and password.
    Login {
        /// Username.
        username: String,
        /// Password.
        password: String,
    },
    /// Login from a new device: the SMS code.
    VerifyLogin {
        /// The code.
        code: String,
    },
    /// Changes the password (also the forced change).
    ChangePassword {
        /// The current password.
        current: String,
        /// The new one.
        new: String,
    },
    /// Logs out (the token is forgotten even when the bank cannot be reached).
    Logout,
    /// Revokes a device; revoking this one logs out and deletes its key.
    RevokeDevice {
        /// The device.
        device_id: String,
    },
}

/// Receives every change of the session's state (the idle warning's
/// countdown and the expiry included).
#[uniffi::export(foreign)]
pub trait SessionObserver: Send + Sync {
    /// The new state.
    fn on_state(&self, state: SessionState);
}

/// The session of the install.
#[derive(uniffi::Object)]
pub struct SessionClient {
    install: Arc<Install>,
}

impl SessionClient {
    pub(crate) fn new(install: Arc<Install>) -> Arc<Self> {
        Arc::new(Self { install })
    }
}

/// Runs one session call on the library's runtime.
macro_rules! call {
    ($self:ident, $session:ident => $body:expr) => {{
        let install = Arc::clone(&$self.install);
        run(async move {
            let $session = &install.session;
            Ok(SessionState::from($body?))
        })
        .await
    }};
}

#[uniffi::export]
impl SessionClient {
    /// The current state.
    pub fn state(&self) -> SessionState {
        self.install.session.state().into()
    }

    /// Calls `observer` with the current state, then with every change.
    pub fn observe(
        &self,
        observer: Arc<dyn SessionObserver>,
    ) -> Result<Arc<ObservationHandle>, HamrahError> {
        let mut states = self.install.session.watch();
        ObservationHandle::spawn(async move {
            loop {
                let state = states.borrow_and_update().clone();
                observer.on_state(state.into());
                if states.changed().await.is_err() {
                    return;
                }
            }
        })
    }

    /// One input of the customer (see [`SessionInput`]); returns the new state.
    pub async fn step(&self, input: SessionInput) -> Result<SessionState, HamrahError> {
        use SessionInput as I;
        call!(self, s => match input {
            I::StartActivation {
                national_id,
                mobile,
                birth_date,
                pan,
                expiry,
            } => s.start_activation(&national_id, &mobile, &birth_date, &pan, &expiry).await,
            I::VerifyActivation { code } => s.verify_activation(&code).await,
            I::ChooseCredentials { username, password } => {
                s.choose_credentials(&username, &password).await
            }
            I::Login { username, password } => s.login(&username, &password).await,
            I::VerifyLogin { code } => s.verify_login(&code).await,
            I::ChangePassword { current, new } => s.change_password(&current, &new).await,
            I::Logout => Ok::<_, hamrah_core::Problem>(s.logout().await),
            I::RevokeDevice { device_id } => s.revoke_device(&device_id).await,
        })
    }

    /// Quick login on an enrolled device: `unlock` asks the person holding
    /// the phone (biometric), then the device key signs the bank's challenge.
    pub async fn quick_login(
        &self,
        unlock: Arc<dyn LocalUnlock>,
    ) -> Result<SessionState, HamrahError> {
        call!(self, s => s.quick_login(Arc::new(ForeignUnlock(unlock))).await)
    }

    /// Whether this phone's key is enrolled at the bank (quick login possible).
    pub fn device_enrolled(&self) -> bool {
        self.install.ctx.api.device_enrolled()
    }

    /// Enrolls this phone's key now (a login with an SMS code does it too).
    pub async fn enroll_device(&self) -> Result<DeviceInfo, HamrahError> {
        let install = Arc::clone(&self.install);
        run(async move { Ok(install.session.enroll_device().await?.into()) }).await
    }

    /// The customer's devices.
    pub async fn devices(&self) -> Result<Vec<DeviceInfo>, HamrahError> {
        let install = Arc::clone(&self.install);
        run(async move {
            let devices = install.session.devices().await?;
            Ok(devices.into_iter().map(Into::into).collect())
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_state_goes_back_to_the_core_unchanged_for_its_notice() {
        let state = SessionState::LoginCodeSent {
            sent_to_mobile_masked: "0912***4567".into(),
            seconds_left: 120,
        };
        assert_eq!(SessionState::from(Core::from(state.clone())), state);
        let notice = session_notice(SessionState::Expiring {
            customer: "سارا".into(),
            seconds_left: 45,
        });
        assert!(
            notice
                .as_ref()
                .is_some_and(|n| n.warning && n.text_fa.contains("۴۵"))
        );
        assert_eq!(session_notice(SessionState::LoggedOut), None);
    }
}
