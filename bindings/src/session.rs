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

    /// Activation, step 1: national ID, mobile, Jalali birth date, a card of
    /// this bank and its expiry (`YYMM`); an SMS code is sent.
    pub async fn start_activation(
        &self,
        national_id: String,
        mobile: String,
        birth_date: String,
        pan: String,
        expiry: String,
    ) -> Result<SessionState, HamrahError> {
        call!(self, s => s.start_activation(&national_id, &mobile, &birth_date, &pan, &expiry).await)
    }

    /// Activation, step 2: the SMS code.
    pub async fn verify_activation(&self, code: String) -> Result<SessionState, HamrahError> {
        call!(self, s => s.verify_activation(&code).await)
    }

    /// Activation, step 3: username and password; the customer is logged in.
    pub async fn choose_credentials(
        &self,
        username: String,
        password: String,
    ) -> Result<SessionState, HamrahError> {
        call!(self, s => s.choose_credentials(&username, &password).await)
    }

    /// Login with username and password.
    pub async fn login(
        &self,
        username: String,
        password: String,
    ) -> Result<SessionState, HamrahError> {
        call!(self, s => s.login(&username, &password).await)
    }

    /// Login from a new device: the SMS code.
    pub async fn verify_login(&self, code: String) -> Result<SessionState, HamrahError> {
        call!(self, s => s.verify_login(&code).await)
    }

    /// Changes the password (also the forced change).
    pub async fn change_password(
        &self,
        current: String,
        new: String,
    ) -> Result<SessionState, HamrahError> {
        call!(self, s => s.change_password(&current, &new).await)
    }

    /// Logs out (the token is forgotten even when the bank cannot be reached).
    pub async fn logout(&self) -> Result<SessionState, HamrahError> {
        call!(self, s => Ok::<_, HamrahError>(s.logout().await))
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

    /// Revokes a device; revoking this one logs out and deletes its key.
    pub async fn revoke_device(&self, device_id: String) -> Result<SessionState, HamrahError> {
        call!(self, s => s.revoke_device(&device_id).await)
    }
}
