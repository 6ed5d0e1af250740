//! Card blocks over HTTPS ([`CardBlockFlow`]), each a thin wrapper over the
//! core's `CardBlock` journey: the block is sent exactly once, and the
//! journey survives a restart. Started and reopened from
//! [`crate::AccountsClient`].

use std::sync::Arc;

use hamrah_core::flows::accounts::CardBlock;

use crate::card_block_types::{BlockReason, CardBlockState};
use crate::display::StepView;
use crate::error::HamrahError;
use crate::journey::{Journey, step};
use crate::observe::ObservationHandle;
use crate::runtime::run;

/// Receives every state of a card block.
#[uniffi::export(foreign)]
pub trait CardBlockObserver: Send + Sync {
    /// The new state to render.
    fn on_state(&self, state: CardBlockState);
}

/// One input of the customer on a card block.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum CardBlockInput {
    /// Picks the card and the reason; the block waits for the confirmation.
    Choose {
        /// The bank's id of the card.
        card_id: String,
        /// Why.
        reason: BlockReason,
    },
    /// Back from the confirmation to the cards.
    Back,
    /// Confirms: the block goes to the bank exactly once.
    Confirm,
    /// A pending block asks the bank for its outcome.
    Resolve,
}

/// Wraps a core journey for the apps.
pub(crate) fn wrap(flow: CardBlock) -> Arc<CardBlockFlow> {
    let state = flow.state().into();
    Arc::new(CardBlockFlow {
        journey: Journey::new(flow, state),
    })
}

/// One card block; every input returns the new state to render.
#[derive(uniffi::Object)]
pub struct CardBlockFlow {
    journey: Arc<Journey<CardBlock, CardBlockState>>,
}

#[uniffi::export]
impl CardBlockFlow {
    /// The latest state.
    pub fn state(&self) -> Result<CardBlockState, HamrahError> {
        self.journey.current()
    }

    /// Calls `observer` with the current state, then with every new one.
    pub fn observe(
        &self,
        observer: Arc<dyn CardBlockObserver>,
    ) -> Result<Arc<ObservationHandle>, HamrahError> {
        self.journey.observe(move |state| observer.on_state(state))
    }

    /// What the current step offers (resolve, cancel, finish, the receipt).
    pub async fn view(&self) -> StepView {
        self.journey
            .read(|flow| flow.view().into())
            .await
            .unwrap_or_default()
    }

    /// One input of the customer; returns the new state.
    pub async fn step(&self, input: CardBlockInput) -> Result<CardBlockState, HamrahError> {
        use CardBlockInput as I;
        step!(self, flow => match input {
            I::Choose { card_id, reason } => flow.choose(&card_id, reason.into()),
            I::Back => flow.back().await,
            I::Confirm => flow.confirm().await,
            I::Resolve => flow.resolve().await,
        })
    }

    /// Ends the journey: the saved state is forgotten.
    pub async fn finish(&self) -> Result<(), HamrahError> {
        let journey = Arc::clone(&self.journey);
        run(async move { journey.finish(CardBlock::close).await }).await
    }
}
