//! [`ChequesClient`]: Sayad cheques. The read models (cheque books, cheques
//! received, any cheque's status), and the journeys that change a cheque's
//! state, each a thin wrapper over the core's: [`ChequeRegistrationFlow`]
//! (register an issued cheque) and [`ReceivedChequeFlow`] (confirm, refuse
//! or transfer a received one, its issuer's colour code shown first).

use std::sync::Arc;

use hamrah_core::flows::cheques::{
    ChequeRegistration, ReceivedCheque, cheque_books, cheque_status, received_cheques,
};

use crate::cheque_types::{
    ChequeBooksInfo, ChequeInfo, ChequeRegistrationState, ReceivedChequeState, ReceivedChequesInfo,
};
use crate::error::HamrahError;
use crate::install::Install;
use crate::journey::{Journey, step};
use crate::runtime::run;

/// Sayad cheques: books, cheques received, status, and their journeys.
#[derive(uniffi::Object)]
pub struct ChequesClient {
    install: Arc<Install>,
}

impl ChequesClient {
    pub(crate) fn new(install: Arc<Install>) -> Arc<Self> {
        Arc::new(Self { install })
    }
}

fn registration(flow: ChequeRegistration) -> Arc<ChequeRegistrationFlow> {
    let state = flow.state().into();
    Arc::new(ChequeRegistrationFlow {
        flow_id: flow.flow_id().to_owned(),
        journey: Journey::new(flow, state),
    })
}

fn received(flow: ReceivedCheque) -> Arc<ReceivedChequeFlow> {
    let state = flow.state().into();
    Arc::new(ReceivedChequeFlow {
        flow_id: flow.flow_id().to_owned(),
        journey: Journey::new(flow, state),
    })
}

#[uniffi::export]
impl ChequesClient {
    /// The customer's cheque books, their leaves and the cheques on them
    /// (the phone's kept copy when the bank cannot be reached).
    pub async fn books(&self) -> Result<ChequeBooksInfo, HamrahError> {
        let ctx = self.install.ctx.clone();
        run(async move { Ok((&cheque_books(&ctx).await?).into()) }).await
    }

    /// The cheques offered to or held by the customer, with each issuer's colour code.
    pub async fn received(&self) -> Result<ReceivedChequesInfo, HamrahError> {
        let ctx = self.install.ctx.clone();
        run(async move { Ok((&received_cheques(&ctx).await?).into()) }).await
    }

    /// Any cheque's status by its Sayad ID as typed.
    pub async fn status(&self, sayad_id: String) -> Result<ChequeInfo, HamrahError> {
        let ctx = self.install.ctx.clone();
        run(async move { Ok((&cheque_status(&ctx, &sayad_id).await?).into()) }).await
    }

    /// A new registration, at the choice of the leaf.
    pub async fn register(&self) -> Result<Arc<ChequeRegistrationFlow>, HamrahError> {
        let ctx = self.install.ctx.clone();
        run(async move { Ok(registration(ChequeRegistration::start(ctx).await?)) }).await
    }

    /// Reopens a saved registration; a pending one learns its outcome.
    pub async fn restore_registration(
        &self,
        flow_id: String,
    ) -> Result<Option<Arc<ChequeRegistrationFlow>>, HamrahError> {
        let ctx = self.install.ctx.clone();
        run(async move { Ok(ChequeRegistration::restore(ctx, &flow_id)?.map(registration)) }).await
    }

    /// Opens a received cheque by its Sayad ID as typed: status and issuer's colour first.
    pub async fn open_received(
        &self,
        sayad_id: String,
    ) -> Result<Arc<ReceivedChequeFlow>, HamrahError> {
        let ctx = self.install.ctx.clone();
        run(async move { Ok(received(ReceivedCheque::start(ctx, &sayad_id).await?)) }).await
    }

    /// Reopens a saved answer or transfer; a pending one learns its outcome.
    pub async fn restore_received(
        &self,
        flow_id: String,
    ) -> Result<Option<Arc<ReceivedChequeFlow>>, HamrahError> {
        let ctx = self.install.ctx.clone();
        run(async move { Ok(ReceivedCheque::restore(ctx, &flow_id)?.map(received)) }).await
    }
}

/// One cheque registration; every input returns the new state to render.
#[derive(uniffi::Object)]
pub struct ChequeRegistrationFlow {
    flow_id: String,
    journey: Arc<Journey<ChequeRegistration, ChequeRegistrationState>>,
}

#[uniffi::export]
impl ChequeRegistrationFlow {
    /// The saved journey's id.
    pub fn flow_id(&self) -> String {
        self.flow_id.clone()
    }

    /// The latest state.
    pub fn state(&self) -> Result<ChequeRegistrationState, HamrahError> {
        self.journey.current()
    }

    /// Picks the leaf by its Sayad ID.
    pub async fn choose_leaf(
        &self,
        sayad_id: String,
    ) -> Result<ChequeRegistrationState, HamrahError> {
        step!(self, flow => flow.choose_leaf(&sayad_id))
    }

    /// Amount, Jalali due date, payees' national IDs and description, as typed.
    pub async fn enter_details(
        &self,
        amount: String,
        due_date: String,
        payees: Vec<String>,
        description: String,
    ) -> Result<ChequeRegistrationState, HamrahError> {
        step!(self, flow => flow.enter_details(&amount, &due_date, &payees, &description))
    }

    /// Back from the confirmation to the details.
    pub async fn edit(&self) -> Result<ChequeRegistrationState, HamrahError> {
        step!(self, flow => flow.edit())
    }

    /// Asks for the dynamic PIN bound to this amount and Sayad ID.
    pub async fn request_pin(&self) -> Result<ChequeRegistrationState, HamrahError> {
        step!(self, flow => flow.request_pin().await)
    }

    /// Registers with the SMS dynamic PIN, exactly once.
    pub async fn submit(&self, pin: String) -> Result<ChequeRegistrationState, HamrahError> {
        step!(self, flow => flow.submit(&pin).await)
    }

    /// Registers with a soft-token code made on the phone, exactly once.
    pub async fn submit_with_soft_token(&self) -> Result<ChequeRegistrationState, HamrahError> {
        step!(self, flow => flow.submit_with_soft_token().await)
    }

    /// A pending registration asks the bank for its outcome.
    pub async fn resolve(&self) -> Result<ChequeRegistrationState, HamrahError> {
        step!(self, flow => flow.resolve().await)
    }

    /// Ends the journey: the saved state is forgotten.
    pub async fn finish(&self) -> Result<(), HamrahError> {
        let journey = Arc::clone(&self.journey);
        run(async move { journey.finish(ChequeRegistration::close).await }).await
    }
}

/// One received cheque; every input returns the new state to render.
#[derive(uniffi::Object)]
pub struct ReceivedChequeFlow {
    flow_id: String,
    journey: Arc<Journey<ReceivedCheque, ReceivedChequeState>>,
}

#[uniffi::export]
impl ReceivedChequeFlow {
    /// The saved journey's id.
    pub fn flow_id(&self) -> String {
        self.flow_id.clone()
    }

    /// The latest state.
    pub fn state(&self) -> Result<ReceivedChequeState, HamrahError> {
        self.journey.current()
    }

    /// Confirms the cheque, exactly once.
    pub async fn accept(&self) -> Result<ReceivedChequeState, HamrahError> {
        step!(self, flow => flow.accept().await)
    }

    /// Refuses the cheque, exactly once.
    pub async fn refuse(&self) -> Result<ReceivedChequeState, HamrahError> {
        step!(self, flow => flow.refuse().await)
    }

    /// A held cheque to transfer to this national ID.
    pub async fn transfer_to(
        &self,
        national_id: String,
    ) -> Result<ReceivedChequeState, HamrahError> {
        step!(self, flow => flow.transfer_to(&national_id).await)
    }

    /// Asks for the dynamic PIN bound to the amount and the new holder.
    pub async fn request_pin(&self) -> Result<ReceivedChequeState, HamrahError> {
        step!(self, flow => flow.request_pin().await)
    }

    /// Transfers with the SMS dynamic PIN, exactly once.
    pub async fn submit_transfer(&self, pin: String) -> Result<ReceivedChequeState, HamrahError> {
        step!(self, flow => flow.submit_transfer(&pin).await)
    }

    /// A pending answer asks the bank for its outcome.
    pub async fn resolve(&self) -> Result<ReceivedChequeState, HamrahError> {
        step!(self, flow => flow.resolve().await)
    }

    /// Ends the journey: the saved state is forgotten.
    pub async fn finish(&self) -> Result<(), HamrahError> {
        let journey = Arc::clone(&self.journey);
        run(async move { journey.finish(ReceivedCheque::close).await }).await
    }
}
