//! [`AccountTransfers`] hands out transfers to accounts of this bank
//! ([`AccountTransferFlow`]), each a thin wrapper over the core's `AccountTransfer`.

use std::sync::Arc;

use hamrah_core::flows::account_transfer::AccountTransfer;

use crate::account_transfer_types::AccountTransferState;
use crate::error::HamrahError;
use crate::install::Install;
use crate::journey::{Journey, step};
use crate::observe::{CountdownObserver, ObservationHandle, countdown};
use crate::runtime::run;

/// Receives every state of a transfer to an account.
#[uniffi::export(foreign)]
pub trait AccountTransferObserver: Send + Sync {
    /// The new state to render.
    fn on_state(&self, state: AccountTransferState);
}

/// Starts and reopens transfers to accounts of this bank.
#[derive(uniffi::Object)]
pub struct AccountTransfers {
    install: Arc<Install>,
}

impl AccountTransfers {
    pub(crate) fn new(install: Arc<Install>) -> Arc<Self> {
        Arc::new(Self { install })
    }
}

fn wrap(flow: AccountTransfer) -> Arc<AccountTransferFlow> {
    let state = flow.state().into();
    let flow_id = flow.flow_id().to_owned();
    Arc::new(AccountTransferFlow {
        flow_id,
        journey: Journey::new(flow, state),
    })
}

#[uniffi::export]
impl AccountTransfers {
    /// A new transfer, at the choice of the source account.
    pub async fn start(&self) -> Result<Arc<AccountTransferFlow>, HamrahError> {
        let ctx = self.install.ctx.clone();
        run(async move { Ok(wrap(AccountTransfer::start(ctx).await?)) }).await
    }

    /// Reopens a saved transfer (after a restart); a pending one learns its outcome.
    pub async fn restore(
        &self,
        flow_id: String,
    ) -> Result<Option<Arc<AccountTransferFlow>>, HamrahError> {
        let ctx = self.install.ctx.clone();
        run(async move { Ok(AccountTransfer::restore(ctx, &flow_id)?.map(wrap)) }).await
    }
}

/// One transfer to an account of this bank; every input returns the new state to render.
#[derive(uniffi::Object)]
pub struct AccountTransferFlow {
    flow_id: String,
    journey: Arc<Journey<AccountTransfer, AccountTransferState>>,
}

#[uniffi::export]
impl AccountTransferFlow {
    /// The saved journey's id.
    pub fn flow_id(&self) -> String {
        self.flow_id.clone()
    }

    /// The latest state.
    pub fn state(&self) -> Result<AccountTransferState, HamrahError> {
        self.journey.current()
    }

    /// Calls `observer` with the current state, then with every new one.
    pub fn observe(
        &self,
        observer: Arc<dyn AccountTransferObserver>,
    ) -> Result<Arc<ObservationHandle>, HamrahError> {
        self.journey.observe(move |state| observer.on_state(state))
    }

    /// Ticks `observer` with the SMS dynamic PIN's validity until it runs out.
    pub fn observe_pin_countdown(
        &self,
        observer: Arc<dyn CountdownObserver>,
    ) -> Result<Arc<ObservationHandle>, HamrahError> {
        let journey = Arc::clone(&self.journey);
        countdown(observer, move || {
            journey.peek(AccountTransfer::pin_seconds_left)
        })
    }

    /// Picks the source account.
    pub async fn choose_source(
        &self,
        account_id: String,
    ) -> Result<AccountTransferState, HamrahError> {
        step!(self, flow => flow.choose_source(&account_id))
    }

    /// The destination account number as typed; then the holder inquiry.
    pub async fn enter_destination(
        &self,
        account_number: String,
    ) -> Result<AccountTransferState, HamrahError> {
        step!(self, flow => flow.enter_destination(&account_number).await)
    }

    /// Confirms (or rejects) the holder.
    pub async fn confirm_holder(
        &self,
        confirmed: bool,
    ) -> Result<AccountTransferState, HamrahError> {
        step!(self, flow => flow.confirm_holder(confirmed))
    }

    /// The amount in rials, as typed.
    pub async fn enter_amount(&self, amount: String) -> Result<AccountTransferState, HamrahError> {
        step!(self, flow => flow.enter_amount(&amount))
    }

    /// A description for the receipt.
    pub async fn describe(&self, text: String) -> Result<AccountTransferState, HamrahError> {
        step!(self, flow => flow.describe(&text))
    }

    /// Asks the bank for an SMS dynamic PIN bound to this amount and account number.
    pub async fn request_pin(&self) -> Result<AccountTransferState, HamrahError> {
        step!(self, flow => flow.request_pin().await)
    }

    /// Whether this phone holds a soft token, whose code can confirm instead.
    pub async fn soft_token_available(&self) -> bool {
        self.journey
            .lock()
            .await
            .as_ref()
            .is_some_and(AccountTransfer::soft_token_available)
    }

    /// Sends the confirmed transfer with the SMS dynamic PIN, exactly once.
    pub async fn submit(&self, pin: String) -> Result<AccountTransferState, HamrahError> {
        step!(self, flow => flow.submit(&pin).await)
    }

    /// Sends the confirmed transfer with a code of this phone's soft token, exactly once.
    pub async fn submit_with_soft_token(&self) -> Result<AccountTransferState, HamrahError> {
        step!(self, flow => flow.submit_with_soft_token().await)
    }

    /// A pending transfer asks the bank for its outcome.
    pub async fn resolve(&self) -> Result<AccountTransferState, HamrahError> {
        step!(self, flow => flow.resolve().await)
    }

    /// Ends the journey: the saved state is forgotten.
    pub async fn finish(&self) -> Result<(), HamrahError> {
        let journey = Arc::clone(&self.journey);
        run(async move { journey.finish(AccountTransfer::close).await }).await
    }
}
