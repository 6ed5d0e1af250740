//! [`ShebaTransfers`] hands out SHEBA transfer journeys ([`ShebaTransferFlow`]),
//! each a thin wrapper over the core's `ShebaTransfer`.

use std::sync::Arc;

use hamrah_core::flows::sheba_transfer::ShebaTransfer;

use crate::display::StepView;
use crate::error::HamrahError;
use crate::install::Install;
use crate::journey::{Journey, step};
use crate::observe::{CountdownObserver, ObservationHandle, countdown};
use crate::runtime::run;
use crate::sheba_types::{ShebaTransferState, TransferMethod};

/// Receives every state of a SHEBA transfer.
#[uniffi::export(foreign)]
pub trait ShebaTransferObserver: Send + Sync {
    /// The new state to render.
    fn on_state(&self, state: ShebaTransferState);
}

/// Starts and reopens SHEBA transfers.
#[derive(uniffi::Object)]
pub struct ShebaTransfers {
    install: Arc<Install>,
}

impl ShebaTransfers {
    pub(crate) fn new(install: Arc<Install>) -> Arc<Self> {
        Arc::new(Self { install })
    }
}

fn wrap(flow: ShebaTransfer) -> Arc<ShebaTransferFlow> {
    let state = flow.state().into();
    let flow_id = flow.flow_id().to_owned();
    Arc::new(ShebaTransferFlow {
        flow_id,
        journey: Journey::new(flow, state),
    })
}

#[uniffi::export]
impl ShebaTransfers {
    /// A new transfer, at the choice of the source account.
    pub async fn start(&self) -> Result<Arc<ShebaTransferFlow>, HamrahError> {
        let ctx = self.install.ctx.clone();
        run(async move { Ok(wrap(ShebaTransfer::start(ctx).await?)) }).await
    }

    /// Reopens a saved transfer (after a restart); a pending one learns its outcome.
    pub async fn restore(
        &self,
        flow_id: String,
    ) -> Result<Option<Arc<ShebaTransferFlow>>, HamrahError> {
        let ctx = self.install.ctx.clone();
        run(async move { Ok(ShebaTransfer::restore(ctx, &flow_id)?.map(wrap)) }).await
    }

    /// Reopens the transfer saved last, if any: the app calls it when the
    /// screen opens, so one the process was killed in goes on where it was.
    pub async fn restore_latest(&self) -> Result<Option<Arc<ShebaTransferFlow>>, HamrahError> {
        let ctx = self.install.ctx.clone();
        run(async move { Ok(ShebaTransfer::restore_latest(ctx)?.map(wrap)) }).await
    }
}

/// One SHEBA transfer; every input returns the new state to render.
#[derive(uniffi::Object)]
pub struct ShebaTransferFlow {
    flow_id: String,
    journey: Arc<Journey<ShebaTransfer, ShebaTransferState>>,
}

#[uniffi::export]
impl ShebaTransferFlow {
    /// The saved journey's id.
    pub fn flow_id(&self) -> String {
        self.flow_id.clone()
    }

    /// The latest state.
    pub fn state(&self) -> Result<ShebaTransferState, HamrahError> {
        self.journey.current()
    }

    /// What the current step offers: at the confirmation the PIN's buttons and
    /// countdown (ask again each second while it counts), resolve while the
    /// outcome is unknown, cancel before anything was sent, the receipt and
    /// finish at the end.
    pub async fn view(&self) -> StepView {
        self.journey
            .read(|flow| flow.view().into())
            .await
            .unwrap_or_default()
    }

    /// Calls `observer` with the current state, then with every new one.
    pub fn observe(
        &self,
        observer: Arc<dyn ShebaTransferObserver>,
    ) -> Result<Arc<ObservationHandle>, HamrahError> {
        self.journey.observe(move |state| observer.on_state(state))
    }

    /// Picks the source account.
    pub async fn choose_source(
        &self,
        account_id: String,
    ) -> Result<ShebaTransferState, HamrahError> {
        step!(self, flow => flow.choose_source(&account_id))
    }

    /// The destination SHEBA as typed; then the holder inquiry.
    pub async fn enter_sheba(&self, sheba: String) -> Result<ShebaTransferState, HamrahError> {
        step!(self, flow => flow.enter_sheba(&sheba).await)
    }

    /// Confirms (or rejects) the holder.
    pub async fn confirm_holder(&self, confirmed: bool) -> Result<ShebaTransferState, HamrahError> {
        step!(self, flow => flow.confirm_holder(confirmed))
    }

    /// The amount in rials, as typed.
    pub async fn enter_amount(&self, amount: String) -> Result<ShebaTransferState, HamrahError> {
        step!(self, flow => flow.enter_amount(&amount))
    }

    /// Picks PAYA or SATNA when both fit.
    pub async fn choose_method(
        &self,
        method: TransferMethod,
    ) -> Result<ShebaTransferState, HamrahError> {
        step!(self, flow => flow.choose_method(method.into()))
    }

    /// SATNA only: the effective date (Jalali or Gregorian).
    pub async fn set_effective_date(
        &self,
        date: String,
    ) -> Result<ShebaTransferState, HamrahError> {
        step!(self, flow => flow.set_effective_date(&date))
    }

    /// A description for the receipt.
    pub async fn describe(&self, text: String) -> Result<ShebaTransferState, HamrahError> {
        step!(self, flow => flow.describe(&text))
    }

    /// Asks the bank for an SMS dynamic PIN bound to this amount and SHEBA.
    pub async fn request_pin(&self) -> Result<ShebaTransferState, HamrahError> {
        step!(self, flow => flow.request_pin().await)
    }

    /// Ticks `observer` with the SMS dynamic PIN's validity until it runs out.
    pub fn observe_pin_countdown(
        &self,
        observer: Arc<dyn CountdownObserver>,
    ) -> Result<Arc<ObservationHandle>, HamrahError> {
        let journey = Arc::clone(&self.journey);
        countdown(observer, move || {
            journey.peek(ShebaTransfer::pin_seconds_left)
        })
    }

    /// Whether this phone holds a soft token, whose code can confirm instead.
    pub async fn soft_token_available(&self) -> bool {
        self.journey
            .lock()
            .await
            .as_ref()
            .is_some_and(ShebaTransfer::soft_token_available)
    }

    /// Sends the confirmed order with the SMS dynamic PIN, exactly once.
    pub async fn submit(&self, pin: String) -> Result<ShebaTransferState, HamrahError> {
        step!(self, flow => flow.submit(&pin).await)
    }

    /// Sends the confirmed order with a code of this phone's soft token, exactly once.
    pub async fn submit_with_soft_token(&self) -> Result<ShebaTransferState, HamrahError> {
        step!(self, flow => flow.submit_with_soft_token().await)
    }

    /// A pending transfer asks the bank for its outcome.
    pub async fn resolve(&self) -> Result<ShebaTransferState, HamrahError> {
        step!(self, flow => flow.resolve().await)
    }

    /// Ends the journey: the saved state is forgotten.
    pub async fn finish(&self) -> Result<(), HamrahError> {
        let journey = Arc::clone(&self.journey);
        run(async move { journey.finish(ShebaTransfer::close).await }).await
    }
}
