//! Bill payment: bill ID + payment ID (check digits, type and amount read
//! locally) -> the biller's answer (biller, paid or not) -> pay from an
//! account, or from a card with the SMS dynamic PIN -> submit (exactly once)
//! -> receipt. A bill already paid ends in its own clear state.

mod pay;
mod state;

pub use state::{BillInfo, BillOrder, BillPaymentState, BillReceipt, BillSource};

use state::BankBill;

use super::journey::{unreadable_receipt, wrong_step as wrong};
use super::sms_pin::SmsPinPolicy;
use super::{Context, Journey, JourneyState, Problem};
use crate::ids::Bill;
use crate::operation::{OperationKey, Outcome};

/// One bill payment; every input returns the new state to render.
pub type BillPayment = Journey<BillPaymentState>;

impl JourneyState for BillPaymentState {
    const KIND: &'static str = "bill_payment";

    fn pending_key(&self) -> Option<&OperationKey> {
        match self {
            Self::Pending { order, .. } => Some(&order.idempotency_key),
            _ => None,
        }
    }

    fn settle(self, ctx: &Context, outcome: Outcome) -> Self {
        let Self::Pending { order, pin } = self else {
            return self;
        };
        match outcome {
            Outcome::Succeeded(json) => match BillReceipt::from_json(&json) {
                Some(receipt) => Self::Succeeded { order, receipt },
                None => Self::Failed {
                    problem: unreadable_receipt(),
                    order: Some(order),
                },
            },
            Outcome::Failed(problem) if problem.code == "bill.already_paid" => {
                let mut bill = order.bill;
                bill.paid_at_jalali.get_or_insert_with(String::new);
                Self::AlreadyPaid { bill }
            }
            Outcome::Failed(problem) => Self::Failed {
                problem,
                order: Some(order),
            },
            Outcome::Retry(problem) => {
                let pin =
                    pin.unwrap_or_else(|| SmsPinPolicy::new(&ctx.config.otp, ctx.clock_offset));
                let error = Some(problem);
                match order.source {
                    BillSource::Account { .. } => Self::ConfirmAccount { order, pin, error },
                    BillSource::Card { .. } => Self::Authorize { order, pin, error },
                }
            }
            Outcome::Unknown => Self::Pending { order, pin },
        }
    }
}

impl BillPayment {
    /// Starts a journey at the bill's two IDs.
    pub fn start(ctx: Context) -> Self {
        Self::begin(ctx, BillPaymentState::EnterBill { error: None })
    }

    /// The bill ID and payment ID as typed: check digits here, then the
    /// biller's answer; a paid bill ends in [`BillPaymentState::AlreadyPaid`].
    pub async fn enter_bill(
        &mut self,
        bill_id: &str,
        payment_id: &str,
    ) -> Result<&BillPaymentState, Problem> {
        let BillPaymentState::EnterBill { .. } = self.state() else {
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
            .ctx()
            .api
            .bill_inquiry(bill.bill_id(), bill.payment_id())
            .await
            .map_err(Problem::from)
            .and_then(|json| {
                serde_json::from_value::<BankBill>(json).map_err(|_| unreadable_receipt())
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
        let accounts = self.ctx().api.accounts().await?;
        let cards = self.ctx().api.cards().await?;
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
        let BillPaymentState::ChooseSource { bill, sources, .. } = self.state() else {
            return Err(wrong("source"));
        };
        let (bill, sources) = (bill.clone(), sources.clone());
        let Some(source) = sources.iter().find(|s| s.id() == source_id).cloned() else {
            return Err(
                Problem::new("source.not_found", "مبدأ یافت نشد.", "Source not found.")
                    .at("source"),
            );
        };
        let fee_rials = self.ctx().config.fees.bill_payment_rials;
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
            idempotency_key: OperationKey::new(),
            bill,
            source,
            fee_rials,
            total_rials,
        };
        let pin = SmsPinPolicy::new(&self.ctx().config.otp, self.ctx().clock_offset);
        let state = match order.source {
            BillSource::Account { .. } => BillPaymentState::ConfirmAccount {
                order,
                pin,
                error: None,
            },
            BillSource::Card { .. } => BillPaymentState::Authorize {
                order,
                pin,
                error: None,
            },
        };
        Ok(self.go(state))
    }
}
