//! [`TokenClient`]: the soft token of the customer's cards. The seed never
//! crosses the boundary: activation, codes and deactivation run in the core,
//! the app gets codes and countdowns.

use std::sync::Arc;
use std::time::Duration;

use hamrah_core::flows::soft_token::{self, SoftTokenActivation};
use hamrah_core::token::bank_time;
use tokio::sync::Mutex;

use crate::error::HamrahError;
use crate::install::Install;
use crate::observe::{CountdownObserver, ObservationHandle, countdown};
use crate::runtime::run;

/// A code of the soft token and how long it stays valid.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TokenCode {
    /// The code.
    pub code: String,
    /// Seconds until the next code.
    pub seconds_left: u64,
}

/// Receives the token's current code once a second.
#[uniffi::export(foreign)]
pub trait TokenCodeObserver: Send + Sync {
    /// The code now and its seconds left.
    fn on_code(&self, code: TokenCode);
}

/// The soft tokens this phone holds.
#[derive(uniffi::Object)]
pub struct TokenClient {
    install: Arc<Install>,
}

impl TokenClient {
    pub(crate) fn new(install: Arc<Install>) -> Arc<Self> {
        Arc::new(Self { install })
    }

    fn code_now(install: &Install, card_id: &str) -> Result<TokenCode, HamrahError> {
        let vault = install
            .ctx
            .soft_tokens
            .as_ref()
            .ok_or_else(|| HamrahError::internal("token.vault_unavailable"))?;
        let token = vault.get(card_id).map_err(|e| HamrahError::of(&e))?;
        let now = bank_time(install.ctx.clock_offset).map_err(|e| HamrahError::of(&e))?;
        let code = token.code_at(now);
        Ok(TokenCode {
            code: code.code,
            seconds_left: code.seconds_left,
        })
    }
}

#[uniffi::export]
impl TokenClient {
    /// Starts activating `card_id`'s token: an SMS code goes to the customer.
    pub async fn activate(&self, card_id: String) -> Result<Arc<TokenActivation>, HamrahError> {
        let install = Arc::clone(&self.install);
        run(async move {
            let activation = SoftTokenActivation::start(&install.ctx, &card_id).await?;
            Ok(Arc::new(TokenActivation {
                activation: Mutex::new(activation),
            }))
        })
        .await
    }

    /// The cards whose token this phone holds.
    pub fn cards(&self) -> Result<Vec<String>, HamrahError> {
        match &self.install.ctx.soft_tokens {
            Some(vault) => vault.cards().map_err(|e| HamrahError::of(&e)),
            None => Ok(Vec::new()),
        }
    }

    /// The card's code now (the bank's clock), made offline.
    pub fn code(&self, card_id: String) -> Result<TokenCode, HamrahError> {
        Self::code_now(&self.install, &card_id)
    }

    /// Calls `observer` with the card's code now, then once a second.
    pub fn observe_code(
        &self,
        card_id: String,
        observer: Arc<dyn TokenCodeObserver>,
    ) -> Result<Arc<ObservationHandle>, HamrahError> {
        let install = Arc::clone(&self.install);
        ObservationHandle::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(1));
            loop {
                tick.tick().await;
                match Self::code_now(&install, &card_id) {
                    Ok(code) => observer.on_code(code),
                    Err(_) => return,
                }
            }
        })
    }

    /// Ends the card's token at the bank, then on this phone.
    pub async fn deactivate(&self, card_id: String) -> Result<(), HamrahError> {
        let install = Arc::clone(&self.install);
        run(async move { Ok(soft_token::deactivate(&install.ctx, &card_id).await?) }).await
    }
}

/// One activation waiting for its SMS code.
#[derive(uniffi::Object)]
pub struct TokenActivation {
    activation: Mutex<SoftTokenActivation>,
}

#[uniffi::export]
impl TokenActivation {
    /// Where the code went, masked.
    pub async fn sent_to_mobile_masked(&self) -> String {
        self.activation
            .lock()
            .await
            .started()
            .sent_to_mobile_masked
            .clone()
    }

    /// Ticks `observer` with the SMS code's validity until it runs out.
    pub fn observe_countdown(
        self: Arc<Self>,
        observer: Arc<dyn CountdownObserver>,
    ) -> Result<Arc<ObservationHandle>, HamrahError> {
        countdown(observer, move || {
            self.activation.try_lock().ok().map(|a| a.seconds_left())
        })
    }

    /// Confirms with the SMS code; the seed goes to the vault. A wrong code
    /// keeps the activation open for another try.
    pub async fn confirm(self: Arc<Self>, code: String) -> Result<(), HamrahError> {
        run(async move {
            self.activation.lock().await.confirm(&code).await?;
            Ok(())
        })
        .await
    }
}
