//! [`BillPayments`] hands out bill payments ([`BillPaymentFlow`]), each a
//! thin wrapper over the core's `BillPayment`.

use std::sync::Arc;

use hamrah_core::flows::bill_payment::BillPayment;

use crate::bill_types::BillPaymentState;
use crate::error::HamrahError;
use crate::install::Install;
use crate::journey::{Journey, step};
use crate::observe::{CountdownObserver, ObservationHandle, countdown};
use crate::runtime::run;

/// Receives every state of a bill payment.
#[uniffi::export(foreign)]
pub trait BillPaymentObserver: Send + Sync {
    /// The new state to render.
    fn on_state(&self, state: BillPaymentState);
}

/// Starts and reopens bill payments.
#[derive(uniffi::Object)]
pub struct BillPayments {
    install: Arc<Install>,
}

impl BillPayments {
    pub(crate) fn new(install: Arc<Install>) -> Arc<Self> {
        Arc::new(Self { install })
    }
}

fn wrap(flow: BillPayment) -> Arc<BillPaymentFlow> {
    let state = flow.state().into();
    let flow_id = flow.flow_id().to_owned();
    Arc::new(BillPaymentFlow {
        flow_id,
        journey: Journey::new(flow, state),
    })
}

#[uniffi::export]
impl BillPayments {
    /// A new payment, at the bill's two IDs.
    pub async fn start(&self) -> Result<Arc<BillPaymentFlow>, HamrahError> {
        let ctx = self.install.ctx.clone();
        run(async move { Ok(wrap(BillPayment::start(ctx))) }).await
    }

    /// Reopens a saved payment (after a restart); a pending one learns its outcome.
    pub async fn restore(
        &self,
        flow_id: String,
    ) -> Result<Option<Arc<BillPaymentFlow>>, HamrahError> {
        let ctx = self.install.ctx.clone();
        run(async move { Ok(BillPayment::restore(ctx, &flow_id)?.map(wrap)) }).await
    }
}

/// One bill payment; every input returns the new state to render.
#[derive(uniffi::Object)]
pub struct BillPaymentFlow {
    flow_id: String,
    journey: Arc<Journey<BillPayment, BillPaymentState>>,
}

#[uniffi::export]
impl BillPaymentFlow {
    /// The saved journey's id.
    pub fn flow_id(&self) -> String {
        self.flow_id.clone()
    }

    /// The latest state.
    pub fn state(&self) -> Result<BillPaymentState, HamrahError> {
        self.journey.current()
    }

    /// Calls `observer` with the current state, then with every new one.
    pub fn observe(
        &self,
        observer: Arc<dyn BillPaymentObserver>,
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
            journey.peek(BillPayment::pin_seconds_left)
        })
    }

    /// The bill ID and payment ID as typed; then the biller's answer.
    pub async fn enter_bill(
        &self,
        bill_id: String,
        payment_id: String,
    ) -> Result<BillPaymentState, HamrahError> {
        step!(self, flow => flow.enter_bill(&bill_id, &payment_id).await)
    }

    /// Picks the account or card that pays.
    pub async fn choose_source(&self, source_id: String) -> Result<BillPaymentState, HamrahError> {
        step!(self, flow => flow.choose_source(&source_id))
    }

    /// Pays from the chosen account with the SMS dynamic PIN, exactly once.
    pub async fn confirm(&self, pin: String) -> Result<BillPaymentState, HamrahError> {
        step!(self, flow => flow.confirm(&pin).await)
    }

    /// Pays from the chosen account with a code of this phone's soft token, exactly once.
    pub async fn confirm_with_soft_token(&self) -> Result<BillPaymentState, HamrahError> {
        step!(self, flow => flow.confirm_with_soft_token().await)
    }

    /// Asks for an SMS dynamic PIN bound to this bill (from the card's
    /// issuer, or from the bank when an account pays).
    pub async fn request_pin(&self) -> Result<BillPaymentState, HamrahError> {
        step!(self, flow => flow.request_pin().await)
    }

    /// Pays by card with the dynamic PIN, CVV2 and expiry, exactly once.
    pub async fn submit_card(
        &self,
        pin: String,
        cvv2: String,
        expiry: String,
    ) -> Result<BillPaymentState, HamrahError> {
        step!(self, flow => flow.submit_card(&pin, &cvv2, &expiry).await)
    }

    /// Whether a soft-token code can pay: the chosen card's token, or any
    /// token of this phone when an account pays.
    pub async fn soft_token_available(&self) -> bool {
        self.journey
            .lock()
            .await
            .as_ref()
            .is_some_and(BillPayment::soft_token_available)
    }

    /// Pays by card with a code of the card's soft token, exactly once.
    pub async fn submit_card_with_soft_token(
        &self,
        cvv2: String,
        expiry: String,
    ) -> Result<BillPaymentState, HamrahError> {
        step!(self, flow => flow.submit_card_with_soft_token(&cvv2, &expiry).await)
    }

    /// A pending payment asks the bank for its outcome.
    pub async fn resolve(&self) -> Result<BillPaymentState, HamrahError> {
        step!(self, flow => flow.resolve().await)
    }

    /// Ends the journey: the saved state is forgotten.
    pub async fn finish(&self) -> Result<(), HamrahError> {
        let journey = Arc::clone(&self.journey);
        run(async move { journey.finish(BillPayment::close).await }).await
    }
}
