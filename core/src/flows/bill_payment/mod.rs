//! Bill payment: bill ID + payment ID (check digits, type and amount read
//! locally) -> the biller's answer (biller, paid or not) -> pay from an
//! account, or from a card with the SMS dynamic PIN -> submit (exactly once)
//! -> receipt. A bill already paid ends in its own clear state.

mod pay;
mod state;

pub use state::{BillInfo, BillOrder, BillPaymentState, BillReceipt, BillSource};

use state::BankBill;

use super::saved::{self, wrong_step as wrong};
use super::sms_pin::SmsPinPolicy;
use super::{Context, Problem};
use crate::ids::Bill;

/// One bill payment; every input returns the new state to render.
#[derive(Debug)]
pub struct BillPayment {
    ctx: Context,
    flow_id: String,
    state: BillPaymentState,
}

impl BillPayment {
    /// Starts a journey at the bill's two IDs.
    pub fn start(ctx: Context) -> Self {
        let mut flow = Self {
            ctx,
            flow_id: format!("bill_payment:{}", uuid::Uuid::new_v4()),
            state: BillPaymentState::EnterBill { error: None },
        };
        flow.save();
        flow
    }

    /// Reopens a saved journey; a pending one learns its outcome from the journal.
    pub fn restore(ctx: Context, flow_id: &str) -> Result<Option<Self>, Problem> {
        let Some(state) = saved::load(&ctx, flow_id)? else {
            return Ok(None);
        };
        let mut flow = Self {
            ctx,
            flow_id: flow_id.to_owned(),
            state,
        };
        flow.sync_with_journal()?;
        Ok(Some(flow))
    }

    /// The saved journey's id.
    pub fn flow_id(&self) -> &str {
        &self.flow_id
    }

    /// The state to render.
    pub fn state(&self) -> &BillPaymentState {
        &self.state
    }

    /// Forgets the saved journey (after the receipt was shown).
    pub fn close(self) -> Result<(), Problem> {
        Ok(self.ctx.store.delete_flow(&self.flow_id)?)
    }

    fn save(&mut self) {
        saved::save(&self.ctx, &self.flow_id, &self.state);
    }

    fn go(&mut self, state: BillPaymentState) -> &BillPaymentState {
        self.state = state;
        self.save();
        &self.state
    }

    /// The bill ID and payment ID as typed: check digits here, then the
    /// biller's answer; a paid bill ends in [`BillPaymentState::AlreadyPaid`].
    pub async fn enter_bill(
        &mut self,
        bill_id: &str,
        payment_id: &str,
    ) -> Result<&BillPaymentState, Problem> {
        let BillPaymentState::EnterBill { .. } = &self.state else {
            return Err(wrong("bill_id"));
        };
        let bill = match Bill::new(bill_id, payment_id) {
            Ok(bill) => bill,
            Err(error) => {
                let error = Some(Problem::of(&error).at(error.field()));
                return Ok(self.go(BillPaymentState::EnterBill { error }));
            }
        };
        tracing::debug!(bill_type = bill.bill_type().id(), "bill inquiry");
        let answer = self
            .ctx
            .api
            .bill_inquiry(bill.bill_id(), bill.payment_id())
            .await
            .map_err(Problem::from)
            .and_then(|json| {
                serde_json::from_value::<BankBill>(json).map_err(|_| saved::unreadable_receipt())
            });
        let bank = match answer {
            Ok(bank) => bank,
            Err(problem) => {
                let error = Some(problem.at("bill_id"));
                return Ok(self.go(BillPaymentState::EnterBill { error }));
            }
        };
        let info = BillInfo::new(bill, bank);
        if info.paid_at_jalali.is_some() {
            return Ok(self.go(BillPaymentState::AlreadyPaid { bill: info }));
        }
        let sources = self.sources().await?;
        Ok(self.go(BillPaymentState::ChooseSource {
            bill: info,
            sources,
            error: None,
        }))
    }

    async fn sources(&self) -> Result<Vec<BillSource>, Problem> {
        let accounts = self.ctx.api.accounts().await?;
        let cards = self.ctx.api.cards().await?;
        let accounts = accounts.iter().filter(|a| a.state == "active");
        let cards = cards.iter().filter(|c| c.state == "active");
        Ok(accounts
            .map(BillSource::of_account)
            .chain(cards.map(BillSource::of_card))
            .collect())
    }

    /// Picks the account or card that pays: an account goes to confirmation
    /// (its balance checked here), a card to the dynamic PIN step.
    pub fn choose_source(&mut self, source_id: &str) -> Result<&BillPaymentState, Problem> {
        let BillPaymentState::ChooseSource { bill, sources, .. } = &self.state else {
            return Err(wrong("source"));
        };
        let (bill, sources) = (bill.clone(), sources.clone());
        let Some(source) = sources.iter().find(|s| s.id() == source_id).cloned() else {
            return Err(
                Problem::new("source.not_found", "مبدأ یافت نشد.", "Source not found.")
                    .at("source"),
            );
        };
        let fee_rials = self.ctx.config.fees.bill_payment_rials;
        let total_rials = bill.amount.get().saturating_add(fee_rials);
        if let BillSource::Account {
            available_balance_rials,
            ..
        } = &source
            && *available_balance_rials < total_rials
        {
            let problem = Problem::new(
                "funds.insufficient",
                "موجودی حساب برای پرداخت این قبض کافی نیست.",
                "The available balance does not cover this bill.",
            )
            .at("source");
            return Ok(self.go(BillPaymentState::ChooseSource {
                bill,
                sources,
                error: Some(problem),
            }));
        }
        let order = BillOrder {
            idempotency_key: uuid::Uuid::new_v4().to_string(),
            bill,
            source,
            fee_rials,
            total_rials,
        };
        let state = match order.source {
            BillSource::Account { .. } => BillPaymentState::ConfirmAccount { order, error: None },
            BillSource::Card { .. } => BillPaymentState::Authorize {
                order,
                pin: SmsPinPolicy::new(&self.ctx.config.otp, self.ctx.clock_offset),
                error: None,
            },
        };
        Ok(self.go(state))
    }
}
