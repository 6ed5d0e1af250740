//! [`BillPayments`] hands out bill payments ([`BillPaymentFlow`]), each a
//! thin wrapper over the core's `BillPayment`.

use std::sync::Arc;

use hamrah_core::flows::bill_payment::BillPayment;

use crate::bill_types::BillPaymentState;
use crate::display::StepView;
use crate::error::HamrahError;
use crate::install::Install;
use crate::journey::{Journey, step};
use crate::observe::{CountdownObserver, ObservationHandle, countdown};
use crate::runtime::run;

/// One input of the customer on a bill payment (one export for every step:
/// each export costs the phones' library kilobytes).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum BillPaymentInput {
    /// The bill ID and payment ID as typed; then the biller's answer.
    EnterBill {
        /// The bill ID.
        bill_id: String,
        /// The payment ID.
        payment_id: String,
    },
    /// Picks the account or card that pays.
    ChooseSource {
        /// The bank's id of the account or card.
        source_id: String,
    },
    /// Pays from the chosen account with the SMS dynamic PIN, exactly once.
    Confirm {
        /// The SMS dynamic PIN the bank sent for this bill.
        pin: String,
    },
    /// Pays from the chosen account with a code of this phone's soft token, exactly once.
    ConfirmWithSoftToken,
    /// Asks for an SMS dynamic PIN bound to this bill (from the card's
    /// issuer, or from the bank when an account pays).
    RequestPin,
    /// Pays by card with the dynamic PIN, CVV2 and expiry, exactly once.
    SubmitCard {
        /// The SMS dynamic PIN.
        pin: String,
        /// The card's CVV2.
        cvv2: String,
        /// The card's expiry, `YYMM`.
        expiry: String,
    },
    /// Pays by card with a code of the card's soft token, exactly once.
    SubmitCardWithSoftToken {
        /// The card's CVV2.
        cvv2: String,
        /// The card's expiry, `YYMM`.
        expiry: String,
    },
    /// A pending payment asks the bank for its outcome.
    Resolve,
}

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

    /// Reopens the payment saved last, if any: the app calls it when the screen
    /// opens, so one the process was killed in (a turned phone, low memory)
    /// goes on where it was; a pending one learns its outcome.
    pub async fn restore_latest(&self) -> Result<Option<Arc<BillPaymentFlow>>, HamrahError> {
        let ctx = self.install.ctx.clone();
        run(async move { Ok(BillPayment::restore_latest(ctx)?.map(wrap)) }).await
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

    /// One input of the customer (see [`BillPaymentInput`]); returns the new
    /// state, also published to the observers. A payment runs exactly once.
    pub async fn step(&self, input: BillPaymentInput) -> Result<BillPaymentState, HamrahError> {
        use BillPaymentInput as I;
        step!(self, flow => match input {
            I::EnterBill { bill_id, payment_id } => flow.enter_bill(&bill_id, &payment_id).await,
            I::ChooseSource { source_id } => flow.choose_source(&source_id),
            I::Confirm { pin } => flow.confirm(&pin).await,
            I::ConfirmWithSoftToken => flow.confirm_with_soft_token().await,
            I::RequestPin => flow.request_pin().await,
            I::SubmitCard { pin, cvv2, expiry } => flow.submit_card(&pin, &cvv2, &expiry).await,
            I::SubmitCardWithSoftToken { cvv2, expiry } => {
                flow.submit_card_with_soft_token(&cvv2, &expiry).await
            }
            I::Resolve => flow.resolve().await,
        })
    }

    /// Ends the journey: the saved state is forgotten.
    pub async fn finish(&self) -> Result<(), HamrahError> {
        let journey = Arc::clone(&self.journey);
        run(async move { journey.finish(BillPayment::close).await }).await
    }
}
