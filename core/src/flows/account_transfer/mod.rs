//! Transfer to an account of this bank (انتقال وجه به سپرده): source
//! account -> destination account number (parsed locally, then the holder
//! inquiry to confirm the name) -> amount (the bank's own limits for it, in
//! digits and words) -> confirm with the dynamic PIN -> submit (exactly once;
//! instant, no PAYA/SATNA cycle) -> receipt.

mod send;
mod state;

pub use state::{
    AccountTransferState, DepositDestination, DepositLimits, DepositPayment, DepositReceipt,
};

use super::journey::{unreadable_receipt, wrong_step as wrong};
use super::sheba_transfer::SourceAccount;
use super::sms_pin::SmsPinPolicy;
use super::{Context, Journey, JourneyState, Problem};
use crate::ids::{AccountNumber, Sheba};
use crate::money::Rials;
use crate::operation::{OperationKey, Outcome};

/// One transfer to an account of this bank; every input returns the new state to render.
pub type AccountTransfer = Journey<AccountTransferState>;

impl JourneyState for AccountTransferState {
    const KIND: &'static str = "account_transfer";

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
            Outcome::Succeeded(json) => match DepositReceipt::from_json(&json) {
                Some(receipt) => Self::Succeeded { payment, receipt },
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

/// Whether `number` is the account behind `source`'s own SHEBA.
fn is_own(source: &SourceAccount, number: &AccountNumber) -> bool {
    source.sheba.parse::<Sheba>().is_ok_and(|sheba| {
        sheba.account_number().trim_start_matches('0') == number.as_str().trim_start_matches('0')
    })
}

impl AccountTransfer {
    /// Starts a journey: the customer's active accounts (one request).
    pub async fn start(ctx: Context) -> Result<Self, Problem> {
        let accounts = ctx.api.accounts().await?;
        let accounts = accounts
            .iter()
            .filter(|a| a.state == "active")
            .map(SourceAccount::from)
            .collect();
        Ok(Self::begin(
            ctx,
            AccountTransferState::ChooseSource { accounts },
        ))
    }

    /// Picks the source account.
    pub fn choose_source(&mut self, account_id: &str) -> Result<&AccountTransferState, Problem> {
        let AccountTransferState::ChooseSource { accounts } = self.state() else {
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
        Ok(self.go(AccountTransferState::EnterDestination {
            source,
            error: None,
        }))
    }

    /// The destination account number as typed: its format here, then the
    /// holder inquiry (one request).
    pub async fn enter_destination(
        &mut self,
        text: &str,
    ) -> Result<&AccountTransferState, Problem> {
        let AccountTransferState::EnterDestination { source, .. } = self.state() else {
            return Err(wrong("destination_account_number"));
        };
        let source = source.clone();
        let refused = |problem: Problem| AccountTransferState::EnterDestination {
            source: source.clone(),
            error: Some(problem.at("destination_account_number")),
        };
        let number: AccountNumber = match text.parse() {
            Ok(number) => number,
            Err(error) => return Ok(self.go(refused(Problem::of(&error)))),
        };
        if is_own(&source, &number) {
            let same = Problem::new(
                "transfer.same_account",
                "مبدأ و مقصد انتقال یکی است.",
                "The source and the destination are the same account.",
            );
            return Ok(self.go(refused(same)));
        }
        tracing::debug!(destination = %number, "account holder inquiry");
        let state = match self.ctx().api.account_holder(&number).await {
            Ok(holder) => AccountTransferState::ConfirmHolder {
                source: source.clone(),
                destination: DepositDestination {
                    account_number_masked: holder.account_number.masked(),
                    account_number: holder.account_number,
                    holder_name: holder.holder_name,
                    bank: holder.bank,
                },
            },
            Err(error) => refused(Problem::from(error)),
        };
        Ok(self.go(state))
    }

    /// The customer confirms (or rejects) the holder; confirmation shows the limits.
    pub fn confirm_holder(&mut self, confirmed: bool) -> Result<&AccountTransferState, Problem> {
        let AccountTransferState::ConfirmHolder {
            source,
            destination,
        } = self.state()
        else {
            return Err(wrong("confirm_holder"));
        };
        let (source, destination) = (source.clone(), destination.clone());
        if !confirmed {
            return Ok(self.go(AccountTransferState::EnterDestination {
                source,
                error: None,
            }));
        }
        let config = &self.ctx().config;
        let limits = DepositLimits::new(
            &config.limits.account_transfer,
            config.fees.account_transfer_rials,
            source.available_balance_rials,
        );
        Ok(self.go(AccountTransferState::EnterAmount {
            source,
            destination,
            limits,
            error: None,
        }))
    }

    /// The amount, as typed; within the limits it goes to confirmation,
    /// named by a fresh idempotency key.
    pub fn enter_amount(&mut self, text: &str) -> Result<&AccountTransferState, Problem> {
        let AccountTransferState::EnterAmount {
            source,
            destination,
            limits,
            ..
        } = self.state()
        else {
            return Err(wrong("amount_rials"));
        };
        let (source, destination, limits) = (source.clone(), destination.clone(), limits.clone());
        let checked = text
            .parse::<Rials>()
            .map_err(|e| Problem::of(&e).at("amount_rials"))
            .and_then(|amount| limits.check(amount.get()).map(|()| amount));
        let amount = match checked {
            Ok(amount) => amount,
            Err(problem) => {
                return Ok(self.go(AccountTransferState::EnterAmount {
                    source,
                    destination,
                    limits,
                    error: Some(problem),
                }));
            }
        };
        let payment = DepositPayment {
            idempotency_key: OperationKey::new(),
            source,
            destination,
            amount,
            amount_grouped_fa: amount.grouped_fa(),
            amount_words_fa: amount.words_fa(),
            fee_rials: limits.fee_rials,
            total_rials: amount.get().saturating_add(limits.fee_rials),
            description: None,
        };
        let pin = SmsPinPolicy::new(&self.ctx().config.otp, self.ctx().clock_offset);
        Ok(self.go(AccountTransferState::Confirm {
            payment,
            pin,
            error: None,
        }))
    }
}
