//! [`Loans`]: the customer's loans and schedules (kept sealed for offline
//! reading), and loan payments ([`LoanPaymentFlow`]), each a thin wrapper
//! over the core's `LoanPayment`.

use std::sync::Arc;

use hamrah_core::flows::loan_payment::LoanPayment;
use hamrah_core::flows::loans;

use crate::error::HamrahError;
use crate::install::Install;
use crate::journey::{Journey, step};
use crate::loan_types::{LoanPaymentState, LoansView, ScheduleView};
use crate::observe::{CountdownObserver, ObservationHandle, countdown};
use crate::runtime::run;

/// Receives every state of a loan payment.
#[uniffi::export(foreign)]
pub trait LoanPaymentObserver: Send + Sync {
    /// The new state to render.
    fn on_state(&self, state: LoanPaymentState);
}

/// The customer's loans; starts and reopens loan payments.
#[derive(uniffi::Object)]
pub struct Loans {
    install: Arc<Install>,
}

impl Loans {
    pub(crate) fn new(install: Arc<Install>) -> Arc<Self> {
        Arc::new(Self { install })
    }
}

fn wrap(flow: LoanPayment) -> Arc<LoanPaymentFlow> {
    let state = flow.state().into();
    let flow_id = flow.flow_id().to_owned();
    Arc::new(LoanPaymentFlow {
        flow_id,
        journey: Journey::new(flow, state),
    })
}

#[uniffi::export]
impl Loans {
    /// The loans, from the bank or (offline) as last kept.
    pub async fn list(&self) -> Result<LoansView, HamrahError> {
        let ctx = self.install.ctx.clone();
        run(async move {
            let fetched = loans::loans(&ctx).await?;
            Ok(LoansView {
                loans: fetched.value.iter().map(Into::into).collect(),
                fetched_at: fetched.fetched_at,
                offline: fetched.offline,
            })
        })
        .await
    }

    /// One loan's instalments, from the bank or as last kept.
    pub async fn schedule(&self, loan_id: String) -> Result<ScheduleView, HamrahError> {
        let ctx = self.install.ctx.clone();
        run(async move {
            let fetched = loans::schedule(&ctx, &loan_id).await?;
            Ok(ScheduleView {
                items: fetched.value.items.iter().map(Into::into).collect(),
                fetched_at: fetched.fetched_at,
                offline: fetched.offline,
            })
        })
        .await
    }

    /// A payment, at the choice of one's own loans.
    pub async fn pay(&self) -> Result<Arc<LoanPaymentFlow>, HamrahError> {
        let ctx = self.install.ctx.clone();
        run(async move { Ok(wrap(LoanPayment::start(ctx).await?)) }).await
    }

    /// A payment, at the loan number (another person's loan).
    pub async fn pay_by_number(&self) -> Result<Arc<LoanPaymentFlow>, HamrahError> {
        let ctx = self.install.ctx.clone();
        run(async move { Ok(wrap(LoanPayment::start_by_number(ctx))) }).await
    }

    /// Reopens a saved payment (after a restart); a pending one learns its outcome.
    pub async fn restore(
        &self,
        flow_id: String,
    ) -> Result<Option<Arc<LoanPaymentFlow>>, HamrahError> {
        let ctx = self.install.ctx.clone();
        run(async move { Ok(LoanPayment::restore(ctx, &flow_id)?.map(wrap)) }).await
    }
}

/// One loan payment; every input returns the new state to render.
#[derive(uniffi::Object)]
pub struct LoanPaymentFlow {
    flow_id: String,
    journey: Arc<Journey<LoanPayment, LoanPaymentState>>,
}

#[uniffi::export]
impl LoanPaymentFlow {
    /// The saved journey's id (for [`Loans::restore`]).
    pub fn flow_id(&self) -> String {
        self.flow_id.clone()
    }

    /// The latest state.
    pub fn state(&self) -> Result<LoanPaymentState, HamrahError> {
        self.journey.current()
    }

    /// Calls `observer` with the current state, then with every new one.
    pub fn observe(
        &self,
        observer: Arc<dyn LoanPaymentObserver>,
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
            journey.peek(LoanPayment::pin_seconds_left)
        })
    }

    /// From the list: pay a loan by its number instead.
    pub async fn pay_by_number(&self) -> Result<LoanPaymentState, HamrahError> {
        step!(self, flow => flow.pay_by_number())
    }

    /// Picks one of the customer's loans.
    pub async fn choose_loan(&self, loan_id: String) -> Result<LoanPaymentState, HamrahError> {
        step!(self, flow => flow.choose_loan(&loan_id).await)
    }

    /// The loan number as typed (Persian digits and separators allowed).
    pub async fn enter_loan_number(&self, number: String) -> Result<LoanPaymentState, HamrahError> {
        step!(self, flow => flow.enter_loan_number(&number).await)
    }

    /// Confirms (or rejects) the holder's name.
    pub async fn confirm_holder(&self, confirmed: bool) -> Result<LoanPaymentState, HamrahError> {
        step!(self, flow => flow.confirm_holder(confirmed))
    }

    /// Pays the oldest `count` unpaid instalments.
    pub async fn choose_instalments(&self, count: u32) -> Result<LoanPaymentState, HamrahError> {
        step!(self, flow => flow.choose_instalments(count).await)
    }

    /// Asks the bank's early-settlement quote (one's own loan).
    pub async fn request_settlement(&self) -> Result<LoanPaymentState, HamrahError> {
        step!(self, flow => flow.request_settlement().await)
    }

    /// Accepts (or declines) the quote.
    pub async fn accept_settlement(&self, accepted: bool) -> Result<LoanPaymentState, HamrahError> {
        step!(self, flow => flow.accept_settlement(accepted).await)
    }

    /// Picks the account or card that pays.
    pub async fn choose_source(&self, source_id: String) -> Result<LoanPaymentState, HamrahError> {
        step!(self, flow => flow.choose_source(&source_id))
    }

    /// Asks for an SMS dynamic PIN bound to this loan and amount.
    pub async fn request_pin(&self) -> Result<LoanPaymentState, HamrahError> {
        step!(self, flow => flow.request_pin().await)
    }

    /// Pays from the account with the SMS dynamic PIN, exactly once.
    pub async fn submit(&self, pin: String) -> Result<LoanPaymentState, HamrahError> {
        step!(self, flow => flow.submit(&pin).await)
    }

    /// Pays from another bank's card with its dynamic PIN, CVV2 and expiry, exactly once.
    pub async fn submit_card(
        &self,
        pin: String,
        cvv2: String,
        expiry: String,
    ) -> Result<LoanPaymentState, HamrahError> {
        step!(self, flow => flow.submit_card(&pin, &cvv2, &expiry).await)
    }

    /// A pending payment asks the bank for its outcome.
    pub async fn resolve(&self) -> Result<LoanPaymentState, HamrahError> {
        step!(self, flow => flow.resolve().await)
    }

    /// Ends the journey (after the receipt was shown).
    pub async fn finish(&self) -> Result<(), HamrahError> {
        let journey = Arc::clone(&self.journey);
        run(async move { journey.finish(LoanPayment::close).await }).await
    }
}
