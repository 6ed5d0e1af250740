//! [`Loans`]: the customer's loans and schedules (kept sealed for offline
//! reading), and loan payments ([`LoanPaymentFlow`]), each a thin wrapper
//! over the core's `LoanPayment`.

use std::sync::Arc;

use hamrah_core::flows::loan_payment::LoanPayment;
use hamrah_core::flows::loans;

use crate::error::HamrahError;
use crate::install::Install;
use crate::journey::{Journey, step};
use crate::loan_types::{LoanPaymentInput, LoanPaymentState, LoansView, ScheduleView};
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

    /// A payment, at the loan number (another person's loan); nothing is asked yet.
    pub fn pay_by_number(&self) -> Arc<LoanPaymentFlow> {
        wrap(LoanPayment::start_by_number(self.install.ctx.clone()))
    }

    /// Reopens a saved payment (after a restart) from this phone's store; a
    /// pending one then asks the bank with the `resolve` step.
    pub fn restore(&self, flow_id: String) -> Result<Option<Arc<LoanPaymentFlow>>, HamrahError> {
        Ok(LoanPayment::restore(self.install.ctx.clone(), &flow_id)?.map(wrap))
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

    /// One step of the journey, exactly as the screen's input names it;
    /// returns the new state. One export for every step keeps the phones'
    /// library small (each async export is compiled on its own). A submit
    /// whose caller stops waiting still completes and reaches the observers.
    pub async fn step(&self, input: LoanPaymentInput) -> Result<LoanPaymentState, HamrahError> {
        use LoanPaymentInput as I;
        step!(self, flow => match input {
            I::PayByNumber => flow.pay_by_number(),
            I::ChooseLoan { loan_id } => flow.choose_loan(&loan_id).await,
            I::EnterLoanNumber { number } => flow.enter_loan_number(&number).await,
            I::ConfirmHolder { confirmed } => flow.confirm_holder(confirmed),
            I::ChooseInstalments { count } => flow.choose_instalments(count).await,
            I::RequestSettlement => flow.request_settlement().await,
            I::AcceptSettlement { accepted } => flow.accept_settlement(accepted).await,
            I::ChooseSource { source_id } => flow.choose_source(&source_id),
            I::RequestPin => flow.request_pin().await,
            I::Submit { pin } => flow.submit(&pin).await,
            I::SubmitWithSoftToken => flow.submit_with_soft_token().await,
            I::SubmitCard { pin, cvv2, expiry } => flow.submit_card(&pin, &cvv2, &expiry).await,
            I::Resolve => flow.resolve().await,
        })
    }

    /// Ends the journey (after the receipt was shown).
    pub async fn finish(&self) -> Result<(), HamrahError> {
        let journey = Arc::clone(&self.journey);
        run(async move { journey.finish(LoanPayment::close).await }).await
    }
}
