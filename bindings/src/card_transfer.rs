//! [`CardTransfers`] hands out card-to-card journeys ([`CardTransferFlow`]),
//! each a thin wrapper over the core's `CardTransfer`.

use std::sync::Arc;

use hamrah_core::flows::card_transfer::CardTransfer;

use crate::card_transfer_types::CardTransferState;
use crate::error::HamrahError;
use crate::install::Install;
use crate::journey::{Journey, step};
use crate::observe::{CountdownObserver, ObservationHandle, countdown};
use crate::runtime::run;

/// Receives every state of a card-to-card journey.
#[uniffi::export(foreign)]
pub trait CardTransferObserver: Send + Sync {
    /// The new state to render.
    fn on_state(&self, state: CardTransferState);
}

/// Starts and reopens card-to-card journeys.
#[derive(uniffi::Object)]
pub struct CardTransfers {
    install: Arc<Install>,
}

impl CardTransfers {
    pub(crate) fn new(install: Arc<Install>) -> Arc<Self> {
        Arc::new(Self { install })
    }
}

fn wrap(flow: CardTransfer) -> Arc<CardTransferFlow> {
    let state = flow.state().into();
    let flow_id = flow.flow_id().to_owned();
    Arc::new(CardTransferFlow {
        flow_id,
        journey: Journey::new(flow, state),
    })
}

#[uniffi::export]
impl CardTransfers {
    /// A new journey, at the choice of the source card.
    pub async fn start(&self) -> Result<Arc<CardTransferFlow>, HamrahError> {
        let ctx = self.install.ctx.clone();
        run(async move { Ok(wrap(CardTransfer::start(ctx).await?)) }).await
    }

    /// Reopens a saved journey (after a restart); a pending one learns its outcome.
    pub async fn restore(
        &self,
        flow_id: String,
    ) -> Result<Option<Arc<CardTransferFlow>>, HamrahError> {
        let ctx = self.install.ctx.clone();
        run(async move { Ok(CardTransfer::restore(ctx, &flow_id)?.map(wrap)) }).await
    }
}

/// One card-to-card journey; every input returns the new state to render.
#[derive(uniffi::Object)]
pub struct CardTransferFlow {
    flow_id: String,
    journey: Arc<Journey<CardTransfer, CardTransferState>>,
}

#[uniffi::export]
impl CardTransferFlow {
    /// The saved journey's id (for [`CardTransfers::restore`]).
    pub fn flow_id(&self) -> String {
        self.flow_id.clone()
    }

    /// The latest state.
    pub fn state(&self) -> Result<CardTransferState, HamrahError> {
        self.journey.current()
    }

    /// Calls `observer` with the current state, then with every new one
    /// (also the outcome of a submit whose caller stopped waiting).
    pub fn observe(
        &self,
        observer: Arc<dyn CardTransferObserver>,
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
            journey.peek(CardTransfer::pin_seconds_left)
        })
    }

    /// Picks the source card.
    pub async fn choose_source(&self, card_id: String) -> Result<CardTransferState, HamrahError> {
        step!(self, flow => flow.choose_source(&card_id))
    }

    /// The destination card number as typed; then the holder inquiry.
    pub async fn enter_destination(&self, pan: String) -> Result<CardTransferState, HamrahError> {
        step!(self, flow => flow.enter_destination(&pan).await)
    }

    /// Confirms (or rejects) the holder.
    pub async fn confirm_holder(&self, confirmed: bool) -> Result<CardTransferState, HamrahError> {
        step!(self, flow => flow.confirm_holder(confirmed).await)
    }

    /// The amount in rials, as typed (Persian digits and separators allowed).
    pub async fn enter_amount(&self, amount: String) -> Result<CardTransferState, HamrahError> {
        step!(self, flow => flow.enter_amount(&amount))
    }

    /// Asks the issuer for an SMS dynamic PIN, as the policy allows.
    pub async fn request_pin(&self) -> Result<CardTransferState, HamrahError> {
        step!(self, flow => flow.request_pin().await)
    }

    /// Submits with the dynamic PIN, CVV2 and expiry (`YYMM`), exactly once;
    /// returns the outcome. Cancelling the caller does not cancel the
    /// transfer: its outcome still reaches the observers.
    pub async fn submit(
        &self,
        pin: String,
        cvv2: String,
        expiry: String,
    ) -> Result<CardTransferState, HamrahError> {
        step!(self, flow => flow.submit(&pin, &cvv2, &expiry).await)
    }

    /// Whether this phone holds the source card's soft token (no SMS PIN needed).
    pub async fn soft_token_available(&self) -> bool {
        self.journey
            .lock()
            .await
            .as_ref()
            .is_some_and(CardTransfer::soft_token_available)
    }

    /// Submits exactly once with a code of the card's soft token, bound to
    /// this amount and payee, made on the phone.
    pub async fn submit_with_soft_token(
        &self,
        cvv2: String,
        expiry: String,
    ) -> Result<CardTransferState, HamrahError> {
        step!(self, flow => flow.submit_with_soft_token(&cvv2, &expiry).await)
    }

    /// A pending journey asks the bank for its outcome.
    pub async fn resolve(&self) -> Result<CardTransferState, HamrahError> {
        step!(self, flow => flow.resolve().await)
    }

    /// Ends the journey (after the receipt was shown): the saved state is forgotten.
    pub async fn finish(&self) -> Result<(), HamrahError> {
        let journey = Arc::clone(&self.journey);
        run(async move { journey.finish(CardTransfer::close).await }).await
    }
}
