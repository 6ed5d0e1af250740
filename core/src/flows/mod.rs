//! Journeys as state machines: each state is what one screen renders, is
//! serde so it survives a restart ([`crate::store::Store::save_flow`]), and
//! changes only through the customer's input. The shells decide nothing.

pub mod account_transfer;
pub mod accounts;
pub mod bill_payment;
pub mod card_transfer;
pub mod cheques;
pub mod display;
pub mod history;
pub mod info;
pub(crate) mod journey;
pub mod loan_payment;
pub mod loans;
pub mod notices;
pub mod other_cards;
pub mod sheba_transfer;
pub mod sms_pin;
pub mod soft_token;
pub mod topup;

use std::sync::Arc;

pub use crate::error::Problem;
pub use journey::{FLOW_MAX_AGE_SECONDS, Journey, JourneyState, prune_saved};

use crate::client::{Api, BankConfig, local_now};
use crate::store::Store;

/// What every flow needs: the bank, the local store and the bank's numbers.
#[derive(Clone)]
pub struct Context {
    /// The bank's API (with the session's token).
    pub api: Api,
    /// The local store (journal of operations, saved flows).
    pub store: Arc<Store>,
    /// The bank's numbers.
    pub config: BankConfig,
    /// The bank's clock minus this phone's, in seconds.
    pub clock_offset: i64,
    /// The soft tokens held on this phone, when the shell gave a vault.
    pub soft_tokens: Option<crate::token::SoftTokenVault>,
}

impl std::fmt::Debug for Context {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Context")
            .field("clock_offset", &self.clock_offset)
            .finish_non_exhaustive()
    }
}

impl Context {
    /// Reads the bank's config (falling back to the defaults while offline)
    /// and measures the clock offset.
    pub async fn connect(api: Api, store: Arc<Store>) -> Self {
        let config = match api.config().await {
            Ok(config) => config,
            Err(error) => {
                tracing::warn!(code = %crate::Coded::code(&error), "config unavailable; offline defaults");
                BankConfig::default()
            }
        };
        let clock_offset = config.clock_offset_seconds(local_now());
        Self {
            api,
            store,
            config,
            clock_offset,
            soft_tokens: None,
        }
    }

    /// The same context with the phone's soft tokens (kept in `vault`).
    pub fn with_soft_tokens(mut self, vault: crate::token::SoftTokenVault) -> Self {
        self.soft_tokens = Some(vault);
        self
    }

    /// The bank's clock now, Unix seconds.
    pub fn bank_now(&self) -> i64 {
        local_now() + self.clock_offset
    }
}
