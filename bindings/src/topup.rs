//! [`Topups`] hands out top-up journeys ([`TopupFlow`]), each a thin wrapper
//! over the core's `Topup`.

use std::sync::Arc;

use hamrah_core::flows::topup::Topup;

use crate::error::HamrahError;
use crate::install::Install;
use crate::journey::{Journey, step};
use crate::observe::{CountdownObserver, ObservationHandle, countdown};
use crate::runtime::run;
use crate::topup_types::TopupState;

/// Receives every state of a top-up.
#[uniffi::export(foreign)]
pub trait TopupObserver: Send + Sync {
    /// The new state to render.
    fn on_state(&self, state: TopupState);
}

/// Starts and reopens top-ups and internet-package purchases.
#[derive(uniffi::Object)]
pub struct Topups {
    install: Arc<Install>,
}

impl Topups {
    pub(crate) fn new(install: Arc<Install>) -> Arc<Self> {
        Arc::new(Self { install })
    }
}

fn wrap(flow: Topup) -> Arc<TopupFlow> {
    let state = flow.state().into();
    let flow_id = flow.flow_id().to_owned();
    Arc::new(TopupFlow {
        flow_id,
        journey: Journey::new(flow, state),
    })
}

#[uniffi::export]
impl Topups {
    /// A new top-up, at the number (the bank's catalogue read).
    pub async fn start(&self) -> Result<Arc<TopupFlow>, HamrahError> {
        let ctx = self.install.ctx.clone();
        run(async move { Ok(wrap(Topup::start(ctx).await?)) }).await
    }

    /// Reopens a saved top-up (after a restart); a pending one learns its outcome.
    pub async fn restore(&self, flow_id: String) -> Result<Option<Arc<TopupFlow>>, HamrahError> {
        let ctx = self.install.ctx.clone();
        run(async move { Ok(Topup::restore(ctx, &flow_id)?.map(wrap)) }).await
    }
}

/// One top-up; every input returns the new state to render.
#[derive(uniffi::Object)]
pub struct TopupFlow {
    flow_id: String,
    journey: Arc<Journey<Topup, TopupState>>,
}

#[uniffi::export]
impl TopupFlow {
    /// The saved journey's id.
    pub fn flow_id(&self) -> String {
        self.flow_id.clone()
    }

    /// The latest state.
    pub fn state(&self) -> Result<TopupState, HamrahError> {
        self.journey.current()
    }

    /// Calls `observer` with the current state, then with every new one.
    pub fn observe(
        &self,
        observer: Arc<dyn TopupObserver>,
    ) -> Result<Arc<ObservationHandle>, HamrahError> {
        self.journey.observe(move |state| observer.on_state(state))
    }

    /// Ticks `observer` with the SMS dynamic PIN's validity until it runs out.
    pub fn observe_pin_countdown(
        &self,
        observer: Arc<dyn CountdownObserver>,
    ) -> Result<Arc<ObservationHandle>, HamrahError> {
        let journey = Arc::clone(&self.journey);
        countdown(observer, move || journey.peek(Topup::pin_seconds_left))
    }

    /// The number as typed (or the customer's own); its operator is proposed.
    pub async fn enter_mobile(&self, mobile: String) -> Result<TopupState, HamrahError> {
        step!(self, flow => flow.enter_mobile(&mobile))
    }

    /// Another operator for a ported number (`mci`, `irancell`, `rightel`).
    pub async fn choose_operator(&self, operator_id: String) -> Result<TopupState, HamrahError> {
        step!(self, flow => flow.choose_operator(&operator_id))
    }

    /// One of the operator's amounts, as typed or tapped; `amazing` for its amazing top-up.
    pub async fn choose_charge(
        &self,
        amount: String,
        amazing: bool,
    ) -> Result<TopupState, HamrahError> {
        step!(self, flow => flow.choose_charge(&amount, amazing).await)
    }

    /// An internet package of the operator's.
    pub async fn choose_package(&self, package_id: String) -> Result<TopupState, HamrahError> {
        step!(self, flow => flow.choose_package(&package_id).await)
    }

    /// Picks the account or card that pays.
    pub async fn choose_source(&self, source_id: String) -> Result<TopupState, HamrahError> {
        step!(self, flow => flow.choose_source(&source_id))
    }

    /// Asks for an SMS dynamic PIN bound to this purchase.
    pub async fn request_pin(&self) -> Result<TopupState, HamrahError> {
        step!(self, flow => flow.request_pin().await)
    }

    /// Pays from the chosen account with the SMS dynamic PIN, exactly once.
    pub async fn confirm(&self, pin: String) -> Result<TopupState, HamrahError> {
        step!(self, flow => flow.confirm(&pin).await)
    }

    /// Pays from the chosen account with a code of this phone's soft token, exactly once.
    pub async fn confirm_with_soft_token(&self) -> Result<TopupState, HamrahError> {
        step!(self, flow => flow.confirm_with_soft_token().await)
    }

    /// Pays by card with the dynamic PIN, CVV2 and expiry, exactly once.
    pub async fn submit_card(
        &self,
        pin: String,
        cvv2: String,
        expiry: String,
    ) -> Result<TopupState, HamrahError> {
        step!(self, flow => flow.submit_card(&pin, &cvv2, &expiry).await)
    }

    /// Whether a soft-token code can pay.
    pub async fn soft_token_available(&self) -> bool {
        self.journey
            .lock()
            .await
            .as_ref()
            .is_some_and(Topup::soft_token_available)
    }

    /// A pending purchase asks the bank for its outcome.
    pub async fn resolve(&self) -> Result<TopupState, HamrahError> {
        step!(self, flow => flow.resolve().await)
    }

    /// Ends the journey: the saved state is forgotten.
    pub async fn finish(&self) -> Result<(), HamrahError> {
        let journey = Arc::clone(&self.journey);
        run(async move { journey.finish(Topup::close).await }).await
    }
}
