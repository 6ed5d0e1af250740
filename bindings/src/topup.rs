//! [`Topups`] hands out top-up journeys ([`TopupFlow`]), each a thin wrapper
//! over the core's `Topup`.

use std::sync::Arc;

use hamrah_core::flows::Problem;
use hamrah_core::flows::topup::Topup;

use crate::error::HamrahError;
use crate::install::Install;
use crate::journey::{Journey, act};
use crate::observe::{CountdownObserver, ObservationHandle, countdown};
use crate::runtime::run;
use crate::topup_types::{TopupInput, TopupState};

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

/// The state to render, with whether a soft-token code can pay.
fn view(flow: &Topup) -> TopupState {
    TopupState::of(flow.state(), flow.soft_token_available())
}

/// Hands `input` to the core's step of the same name; `false` for
/// [`TopupInput::Finish`], which ends the journey.
async fn apply(flow: &mut Topup, input: TopupInput) -> Result<bool, Problem> {
    use TopupInput as I;
    match input {
        I::Finish => return Ok(false),
        I::EnterMobile { mobile } => flow.enter_mobile(&mobile),
        I::ChooseOperator { operator_id } => flow.choose_operator(&operator_id),
        I::ChooseCharge { amount, amazing } => flow.choose_charge(&amount, amazing).await,
        I::ChoosePackage { package_id } => flow.choose_package(&package_id).await,
        I::ChooseSource { source_id } => flow.choose_source(&source_id),
        I::RequestPin => flow.request_pin().await,
        I::Pay { pin, card: None } => flow.confirm(&pin).await,
        I::Pay {
            pin,
            card: Some(card),
        } => flow.submit_card(&pin, &card.cvv2, &card.expiry).await,
        I::PayWithSoftToken { card: None } => flow.confirm_with_soft_token().await,
        I::PayWithSoftToken { card: Some(card) } => {
            flow.submit_card_with_soft_token(&card.cvv2, &card.expiry)
                .await
        }
        I::Resolve => flow.resolve().await,
    }
    .map(|_| true)
}

fn wrap(flow: Topup) -> Arc<TopupFlow> {
    let state = view(&flow);
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

    /// The customer's next input ([`TopupInput`]); returns the new state,
    /// also published to the observers (not [`TopupInput::Finish`]'s). One
    /// export for every input, the end included, keeps the phones' library
    /// small. A payment runs exactly once on the library's runtime:
    /// cancelling the caller does not cancel it, and its outcome still
    /// reaches the observers.
    pub async fn act(&self, input: TopupInput) -> Result<TopupState, HamrahError> {
        act!(self, flow => apply(flow, input).await, view, Topup::close)
    }
}
