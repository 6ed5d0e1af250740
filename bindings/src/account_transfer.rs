//! [`AccountTransfers`] hands out transfers to accounts of this bank
//! ([`AccountTransferFlow`]), each a thin wrapper over the core's `AccountTransfer`.

use std::sync::Arc;

use hamrah_core::flows::Problem;
use hamrah_core::flows::account_transfer::AccountTransfer;

use crate::account_transfer_types::{AccountTransferInput, AccountTransferState};
use crate::error::HamrahError;
use crate::install::Install;
use crate::journey::{Journey, act};
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

/// The state to render, with whether a soft-token code can confirm.
fn view(flow: &AccountTransfer) -> AccountTransferState {
    AccountTransferState::of(flow.state(), flow.soft_token_available())
}

/// Hands `input` to the core's step of the same name; `false` for
/// [`AccountTransferInput::Finish`], which ends the journey.
async fn apply(flow: &mut AccountTransfer, input: AccountTransferInput) -> Result<bool, Problem> {
    use AccountTransferInput as I;
    match input {
        I::Finish => return Ok(false),
        I::ChooseSource { account_id } => flow.choose_source(&account_id),
        I::EnterDestination { account_number } => flow.enter_destination(&account_number).await,
        I::ConfirmHolder { confirmed } => flow.confirm_holder(confirmed),
        I::EnterAmount { amount } => flow.enter_amount(&amount),
        I::Describe { text } => flow.describe(&text),
        I::RequestPin => flow.request_pin().await,
        I::Submit { pin } => flow.submit(&pin).await,
        I::SubmitWithSoftToken => flow.submit_with_soft_token().await,
        I::Resolve => flow.resolve().await,
    }
    .map(|_| true)
}

fn wrap(flow: AccountTransfer) -> Arc<AccountTransferFlow> {
    let state = view(&flow);
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

    /// The customer's next input ([`AccountTransferInput`]); returns the new
    /// state, also published to the observers (not
    /// [`AccountTransferInput::Finish`]'s). One export for every input, the
    /// end included, keeps the phones' library small. A submit runs exactly
    /// once on the library's runtime: cancelling the caller does not cancel
    /// the transfer, and its outcome still reaches the observers.
    pub async fn act(
        &self,
        input: AccountTransferInput,
    ) -> Result<AccountTransferState, HamrahError> {
        act!(self, flow => apply(flow, input).await, view, AccountTransfer::close)
    }
}
