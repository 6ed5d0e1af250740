//! [`CardTransfers`] hands out card-to-card journeys ([`CardTransferFlow`]),
//! each a thin wrapper over the core's `CardTransfer`.

use std::sync::Arc;

use hamrah_core::flows::card_transfer::CardTransfer;

use crate::card_transfer_types::CardTransferState;
use crate::display::StepView;
use crate::error::HamrahError;
use crate::install::Install;
use crate::journey::{Journey, step};
use crate::observe::{CountdownObserver, ObservationHandle, countdown};
use crate::runtime::run;

/// One input of the customer on a card-to-card journey: one export for every
/// step keeps the phones' library small (each export costs kilobytes).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum CardTransferInput {
    /// Picks the source card.
    ChooseSource {
        /// The bank's id of the card.
        card_id: String,
    },
    /// The destination card number as typed; then the holder inquiry.
    EnterDestination {
        /// As typed (Persian digits, spaces and dashes allowed).
        pan: String,
    },
    /// Confirms (or rejects) the holder.
    ConfirmHolder {
        /// The holder is the right one.
        confirmed: bool,
    },
    /// The amount in rials, as typed (Persian digits and separators allowed).
    EnterAmount {
        /// As typed.
        amount: String,
    },
    /// Asks the issuer for an SMS dynamic PIN, as the policy allows.
    RequestPin,
    /// Submits with the dynamic PIN, CVV2 and expiry (`YYMM`), exactly once.
    Submit {
        /// The SMS dynamic PIN.
        pin: String,
        /// The card's CVV2.
        cvv2: String,
        /// The card's expiry, `YYMM`.
        expiry: String,
    },
    /// Submits exactly once with a code of the card's soft token, bound to
    /// this amount and payee, made on the phone.
    SubmitWithSoftToken {
        /// The card's CVV2.
        cvv2: String,
        /// The card's expiry, `YYMM`.
        expiry: String,
    },
    /// A pending journey asks the bank for its outcome.
    Resolve,
}

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

    /// Reopens the journey saved last, if any: the app calls it when the screen
    /// opens, so one the process was killed in (a turned phone, low memory)
    /// goes on where it was; a pending one learns its outcome.
    pub async fn restore_latest(&self) -> Result<Option<Arc<CardTransferFlow>>, HamrahError> {
        let ctx = self.install.ctx.clone();
        run(async move { Ok(CardTransfer::restore_latest(ctx)?.map(wrap)) }).await
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

    /// What the current step offers: at the dynamic-PIN step its buttons and
    /// countdown (ask again each second while it counts), resolve while the
    /// outcome is unknown, cancel before anything was sent, the receipt and
    /// finish at the end.
    pub async fn view(&self) -> StepView {
        self.journey
            .read(|flow| flow.view().into())
            .await
            .unwrap_or_default()
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

    /// One input of the customer (see [`CardTransferInput`]); returns the new
    /// state, also published to the observers. A submit runs exactly once on
    /// the library's runtime: cancelling the caller does not cancel the
    /// transfer, and its outcome still reaches the observers.
    pub async fn step(&self, input: CardTransferInput) -> Result<CardTransferState, HamrahError> {
        use CardTransferInput as I;
        step!(self, flow => match input {
            I::ChooseSource { card_id } => flow.choose_source(&card_id),
            I::EnterDestination { pan } => flow.enter_destination(&pan).await,
            I::ConfirmHolder { confirmed } => flow.confirm_holder(confirmed).await,
            I::EnterAmount { amount } => flow.enter_amount(&amount),
            I::RequestPin => flow.request_pin().await,
            I::Submit { pin, cvv2, expiry } => flow.submit(&pin, &cvv2, &expiry).await,
            I::SubmitWithSoftToken { cvv2, expiry } => {
                flow.submit_with_soft_token(&cvv2, &expiry).await
            }
            I::Resolve => flow.resolve().await,
        })
    }

    /// Ends the journey (after the receipt was shown): the saved state is forgotten.
    pub async fn finish(&self) -> Result<(), HamrahError> {
        let journey = Arc::clone(&self.journey);
        run(async move { journey.finish(CardTransfer::close).await }).await
    }
}
