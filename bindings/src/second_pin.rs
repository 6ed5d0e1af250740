//! Second-PIN changes over HTTPS ([`SecondPinFlow`]), a thin wrapper over the
//! core's `SecondPinChange` journey: sent exactly once, signed by the
//! enrolled device, restorable. Started and reopened from
//! [`crate::AccountsClient`].

use std::sync::Arc;

use hamrah_core::flows::accounts::SecondPinChange;

use crate::display::StepView;
use crate::error::HamrahError;
use crate::journey::{Journey, step};
use crate::observe::ObservationHandle;
use crate::runtime::run;
use crate::second_pin_types::SecondPinState;

/// Receives every state of a second-PIN change.
#[uniffi::export(foreign)]
pub trait SecondPinObserver: Send + Sync {
    /// The new state to render.
    fn on_state(&self, state: SecondPinState);
}

/// One input of the customer on a second-PIN change.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum SecondPinInput {
    /// Picks the card.
    Choose {
        /// The bank's id of the card.
        card_id: String,
    },
    /// Back from the PINs to the cards.
    Back,
    /// Sends the change once; typing mistakes stay on the PINs' step.
    Submit {
        /// The second PIN now.
        current_pin: String,
        /// The new one.
        new_pin: String,
        /// The new one again.
        repeat_pin: String,
    },
    /// A pending change asks the bank for its outcome.
    Resolve,
}

/// Wraps a core journey for the apps.
pub(crate) fn wrap(flow: SecondPinChange) -> Arc<SecondPinFlow> {
    let state = flow.state().into();
    Arc::new(SecondPinFlow {
        journey: Journey::new(flow, state),
    })
}

/// One second-PIN change; every input returns the new state to render.
#[derive(uniffi::Object)]
pub struct SecondPinFlow {
    journey: Arc<Journey<SecondPinChange, SecondPinState>>,
}

#[uniffi::export]
impl SecondPinFlow {
    /// The latest state.
    pub fn state(&self) -> Result<SecondPinState, HamrahError> {
        self.journey.current()
    }

    /// Calls `observer` with the current state, then with every new one.
    pub fn observe(
        &self,
        observer: Arc<dyn SecondPinObserver>,
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
    pub async fn step(&self, input: SecondPinInput) -> Result<SecondPinState, HamrahError> {
        use SecondPinInput as I;
        step!(self, flow => match input {
            I::Choose { card_id } => flow.choose(&card_id),
            I::Back => flow.back().await,
            I::Submit { current_pin, new_pin, repeat_pin } => {
                flow.submit(&current_pin, &new_pin, &repeat_pin).await
            }
            I::Resolve => flow.resolve().await,
        })
    }

    /// Ends the journey: the saved state is forgotten.
    pub async fn finish(&self) -> Result<(), HamrahError> {
        let journey = Arc::clone(&self.journey);
        run(async move { journey.finish(SecondPinChange::close).await }).await
    }
}
