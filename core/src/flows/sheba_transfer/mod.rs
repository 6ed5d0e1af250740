//! Transfer to a SHEBA: source account -> SHEBA (parsed locally, then the
//! holder inquiry to confirm) -> amount (limits shown, amount in words) ->
//! method (PAYA or SATNA by the amount and the bank's limits, with the
//! expected settlement in Jalali date and Tehran time; a SHEBA of this bank
//! goes internal instead: instant, the bank's own limits, no cycle or
//! PAYA/SATNA fee) -> confirm -> submit (exactly once) -> receipt.

mod limits;
mod send;
mod settlement;
mod state;

pub use settlement::Moment;
pub use state::{
    Method, MethodOption, ShebaDestination, ShebaLimits, ShebaPayment, ShebaReceipt,
    ShebaTransferState, SourceAccount,
};

use super::journey::{unreadable_receipt, wrong_step as wrong};
use super::sms_pin::SmsPinPolicy;
use super::{Context, Journey, JourneyState, Problem};
use crate::ids::Sheba;
use crate::money::Rials;
use crate::operation::{OperationKey, Outcome};

/// One SHEBA transfer; every input returns the new state to render.
pub type ShebaTransfer = Journey<ShebaTransferState>;

impl JourneyState for ShebaTransferState {
    const KIND: &'static str = "sheba_transfer";

    fn pending_key(&self) -> Option<&OperationKey> {
        match self {
            Self::Pending { payment, .. } => Some(&payment.idempotency_key),
            _ => None,
        }
    }

    fn settle(self, ctx: &Context, outcome: Outcome) -> Self {
        let Self::Pending { payment, pin } = self else {
            return self;
        };
        match outcome {
            Outcome::Succeeded(json) => match ShebaReceipt::from_json(&json) {
                Some(receipt) => {
                    let to = &payment.destination;
                    crate::flows::accounts::remember_sheba(ctx, &to.sheba, &to.holder_name);
                    Self::Succeeded { payment, receipt }
                }
                None => Self::Failed {
                    problem: unreadable_receipt(),
                    payment: Some(payment),
                },
            },
            Outcome::Failed(problem) => Self::Failed {
                problem,
                payment: Some(payment),
            },
            Outcome::Retry(problem) => Self::Confirm {
                payment,
                pin: pin.unwrap_or_else(|| SmsPinPolicy::new(&ctx.config.otp, ctx.clock_offset)),
                error: Some(problem),
            },
            Outcome::Unknown => Self::Pending { payment, pin },
        }
    }
}

impl ShebaTransfer {
    /// Starts a journey: the customer's active accounts.
    pub async fn start(ctx: Context) -> Result<Self, Problem> {
        let accounts = ctx.api.accounts().await?;
        let accounts = accounts
            .iter()
            .filter(|a| a.state == "active")
            .map(SourceAccount::from)
            .collect();
        Ok(Self::begin(
            ctx,
            ShebaTransferState::ChooseSource { accounts },
        ))
    }

    /// Picks the source account.
    pub fn choose_source(&mut self, account_id: &str) -> Result<&ShebaTransferState, Problem> {
        let ShebaTransferState::ChooseSource { accounts } = self.state() else {
            return Err(wrong("source"));
        };
        let source = accounts
            .iter()
            .find(|a| a.account_id == account_id)
            .cloned()
            .ok_or_else(|| {
                Problem::new("account.not_found", "حساب یافت نشد.", "Account not found.")
                    .at("source")
            })?;
        Ok(self.go(ShebaTransferState::EnterSheba {
            source,
            error: None,
        }))
    }

    /// The destination SHEBA: its check digits first, then the holder inquiry.
    pub async fn enter_sheba(&mut self, text: &str) -> Result<&ShebaTransferState, Problem> {
        let ShebaTransferState::EnterSheba { source, .. } = self.state() else {
            return Err(wrong("destination_sheba"));
        };
        let source = source.clone();
        let refused = |problem: Problem| ShebaTransferState::EnterSheba {
            source: source.clone(),
            error: Some(problem.at("destination_sheba")),
        };
        let sheba: Sheba = match text.parse() {
            Ok(sheba) => sheba,
            Err(error) => return Ok(self.go(refused(Problem::of(&error)))),
        };
        if sheba.as_str() == source.sheba {
            let same = Problem::new(
                "transfer.same_account",
                "مبدأ و مقصد انتقال یکی است.",
                "The source and the destination are the same account.",
            );
            return Ok(self.go(refused(same)));
        }
        tracing::debug!(destination = %sheba, "SHEBA holder inquiry");
        let state = match self.ctx().api.sheba_holder(sheba.as_str()).await {
            Ok(holder) => ShebaTransferState::ConfirmHolder {
                source: source.clone(),
                destination: ShebaDestination {
                    sheba_masked: sheba.masked(),
                    sheba,
                    holder_name: holder.holder_name,
                    bank: holder.bank,
                },
            },
            Err(error) => refused(Problem::from(error)),
        };
        Ok(self.go(state))
    }

    /// The customer confirms (or rejects) the holder; confirmation shows the limits.
    pub fn confirm_holder(&mut self, confirmed: bool) -> Result<&ShebaTransferState, Problem> {
        let ShebaTransferState::ConfirmHolder {
            source,
            destination,
        } = self.state()
        else {
            return Err(wrong("confirm_holder"));
        };
        let (source, destination) = (source.clone(), destination.clone());
        if !confirmed {
            return Ok(self.go(ShebaTransferState::EnterSheba {
                source,
                error: None,
            }));
        }
        let limits = ShebaLimits::to(
            &self.ctx().config,
            source.available_balance_rials,
            &destination.sheba,
        );
        Ok(self.go(ShebaTransferState::EnterAmount {
            source,
            destination,
            limits,
            error: None,
        }))
    }

    /// The amount, as typed: the method follows from it and the bank's limits
    /// (straight to confirmation when only one method fits).
    pub fn enter_amount(&mut self, text: &str) -> Result<&ShebaTransferState, Problem> {
        let ShebaTransferState::EnterAmount {
            source,
            destination,
            limits,
            ..
        } = self.state()
        else {
            return Err(wrong("amount_rials"));
        };
        let (source, destination, limits) = (source.clone(), destination.clone(), limits.clone());
        let now = self.ctx().bank_now();
        let checked = text
            .parse::<Rials>()
            .map_err(|e| Problem::of(&e).at("amount_rials"))
            .and_then(|amount| {
                limits
                    .options(amount.get(), &self.ctx().config, now)
                    .map(|o| (amount, o))
            });
        let (amount, mut options) = match checked {
            Ok(found) => found,
            Err(problem) => {
                return Ok(self.go(ShebaTransferState::EnterAmount {
                    source,
                    destination,
                    limits,
                    error: Some(problem),
                }));
            }
        };
        let state = match options.pop() {
            Some(only) if options.is_empty() => {
                self.confirm_state(source, destination, amount, only)
            }
            Some(last) => {
                options.push(last);
                ShebaTransferState::ChooseMethod {
                    source,
                    destination,
                    amount,
                    options,
                }
            }
            None => return Err(wrong("amount_rials")),
        };
        Ok(self.go(state))
    }

    /// Picks PAYA or SATNA when both are allowed.
    pub fn choose_method(&mut self, method: Method) -> Result<&ShebaTransferState, Problem> {
        let ShebaTransferState::ChooseMethod {
            source,
            destination,
            amount,
            options,
        } = self.state()
        else {
            return Err(wrong("method"));
        };
        let option = options
            .iter()
            .find(|o| o.method == method)
            .cloned()
            .ok_or_else(|| wrong("method"))?;
        let state = self.confirm_state(source.clone(), destination.clone(), *amount, option);
        Ok(self.go(state))
    }

    fn confirm_state(
        &self,
        source: SourceAccount,
        destination: ShebaDestination,
        amount: Rials,
        option: MethodOption,
    ) -> ShebaTransferState {
        ShebaTransferState::Confirm {
            pin: SmsPinPolicy::new(&self.ctx().config.otp, self.ctx().clock_offset),
            payment: ShebaPayment {
                idempotency_key: OperationKey::new(),
                source,
                destination,
                amount,
                amount_grouped_fa: amount.grouped_fa(),
                amount_words_fa: amount.words_fa(),
                option,
                effective_date: None,
                description: None,
            },
            error: None,
        }
    }
}
