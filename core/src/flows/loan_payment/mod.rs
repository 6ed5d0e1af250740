//! Paying a loan's instalments (پرداخت قسط): one of the customer's loans, or
//! another person's by its number (the holder's masked name confirmed) ->
//! how many of the unpaid instalments, with their penalties (or, for one's
//! own loan, the bank's early-settlement quote) -> the account or another
//! bank's card that pays -> the dynamic PIN (or a soft-token code; a card's
//! CVV2 and expiry) -> submit (exactly once) -> receipt. One request to the
//! bank at most per step.

mod pay;
mod state;

pub use state::{LoanOrder, LoanPaymentState, LoanReceipt, LoanSource, LoanToPay, Paying};

use super::journey::{unreadable_receipt, wrong_step as wrong};
use super::sms_pin::SmsPinPolicy;
use super::{Context, Journey, JourneyState, Problem};
use crate::ids::LoanNumber;
use crate::money::Rials;
use crate::operation::{OperationKey, Outcome};

/// One loan payment; every input returns the new state to render.
pub type LoanPayment = Journey<LoanPaymentState>;

impl JourneyState for LoanPaymentState {
    const KIND: &'static str = "loan_payment";

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
            Outcome::Succeeded(json) => match LoanReceipt::from_json(&json) {
                Some(receipt) => Self::Succeeded { order, receipt },
                None => Self::Failed {
                    problem: unreadable_receipt(),
                    order: Some(order),
                },
            },
            Outcome::Failed(problem) => Self::Failed {
                problem,
                order: Some(order),
            },
            Outcome::Retry(problem) => Self::Authorize {
                order,
                pin: pin.unwrap_or_else(|| SmsPinPolicy::new(&ctx.config.otp, ctx.clock_offset)),
                error: Some(problem),
            },
            Outcome::Unknown => Self::Pending { order, pin },
        }
    }
}

impl LoanPayment {
    /// Starts a journey at the customer's active loans.
    pub async fn start(ctx: Context) -> Result<Self, Problem> {
        let list = ctx.api.loans().await?;
        let loans = list
            .items
            .into_iter()
            .filter(|l| l.state == "active")
            .collect();
        Ok(Self::begin(
            ctx,
            LoanPaymentState::ChooseLoan { loans, error: None },
        ))
    }

    /// Starts a journey at the loan number (another person's loan).
    pub fn start_by_number(ctx: Context) -> Self {
        Self::begin(ctx, LoanPaymentState::EnterLoanNumber { error: None })
    }

    /// From the list: pay a loan by its number instead.
    pub fn pay_by_number(&mut self) -> Result<&LoanPaymentState, Problem> {
        let LoanPaymentState::ChooseLoan { .. } = self.state() else {
            return Err(wrong("loan_number"));
        };
        Ok(self.go(LoanPaymentState::EnterLoanNumber { error: None }))
    }

    /// Picks one of the customer's loans: what is due comes from the bank.
    pub async fn choose_loan(&mut self, loan_id: &str) -> Result<&LoanPaymentState, Problem> {
        let LoanPaymentState::ChooseLoan { loans, .. } = self.state() else {
            return Err(wrong("loan"));
        };
        let loans = loans.clone();
        let Some(number) = loans
            .iter()
            .find(|l| l.loan_id == loan_id)
            .map(|l| l.loan_number.clone())
        else {
            return Err(Problem::of(&crate::ids::LoanNumberError::Empty).at("loan"));
        };
        match self.ctx().api.loan_holder(&number).await {
            Ok(holder) => Ok(self.go(LoanPaymentState::ChooseInstalments {
                loan: holder,
                error: None,
            })),
            Err(error) => Ok(self.go(LoanPaymentState::ChooseLoan {
                loans,
                error: Some(Problem::from(error).at("loan")),
            })),
        }
    }

    /// The loan number as typed: parsed here first, then the bank's inquiry;
    /// another person's loan goes to the holder's confirmation.
    pub async fn enter_loan_number(&mut self, text: &str) -> Result<&LoanPaymentState, Problem> {
        let LoanPaymentState::EnterLoanNumber { .. } = self.state() else {
            return Err(wrong("loan_number"));
        };
        let number: LoanNumber = match text.parse() {
            Ok(number) => number,
            Err(error) => {
                let error = Some(Problem::of(&error).at("loan_number"));
                return Ok(self.go(LoanPaymentState::EnterLoanNumber { error }));
            }
        };
        tracing::debug!(loan = %number, "loan inquiry");
        match self.ctx().api.loan_holder(&number).await {
            Ok(holder) if holder.own => Ok(self.go(LoanPaymentState::ChooseInstalments {
                loan: holder,
                error: None,
            })),
            Ok(holder) => Ok(self.go(LoanPaymentState::ConfirmHolder { loan: holder })),
            Err(error) => {
                let error = Some(Problem::from(error).at("loan_number"));
                Ok(self.go(LoanPaymentState::EnterLoanNumber { error }))
            }
        }
    }

    /// The customer confirms (or rejects) the holder's name.
    pub fn confirm_holder(&mut self, confirmed: bool) -> Result<&LoanPaymentState, Problem> {
        let LoanPaymentState::ConfirmHolder { loan } = self.state() else {
            return Err(wrong("confirm"));
        };
        let loan = loan.clone();
        Ok(self.go(if confirmed {
            LoanPaymentState::ChooseInstalments { loan, error: None }
        } else {
            LoanPaymentState::EnterLoanNumber { error: None }
        }))
    }

    /// Pays the oldest `count` unpaid instalments with their penalties;
    /// the sources come from the bank (accounts) and this phone (cards).
    pub async fn choose_instalments(&mut self, count: u32) -> Result<&LoanPaymentState, Problem> {
        let LoanPaymentState::ChooseInstalments { loan, .. } = self.state() else {
            return Err(wrong("instalment_count"));
        };
        let loan = loan.clone();
        let cost = usize::try_from(count)
            .ok()
            .filter(|n| *n >= 1)
            .and_then(|n| loan.cost_of(n));
        let Some((amount, penalty)) = cost else {
            let error = Problem::new(
                "loan.instalment_count_invalid",
                "تعداد اقساط را از میان اقساط پرداخت‌نشده انتخاب کنید.",
                "Choose a number of the unpaid instalments.",
            )
            .at("instalment_count");
            return Ok(self.go(LoanPaymentState::ChooseInstalments {
                loan,
                error: Some(error),
            }));
        };
        let paying = Paying::Instalments { count };
        self.show_sources(loan, paying, Rials::new(amount), penalty)
            .await
    }

    /// One's own loan: asks the bank what settles it today.
    pub async fn request_settlement(&mut self) -> Result<&LoanPaymentState, Problem> {
        let LoanPaymentState::ChooseInstalments { loan, .. } = self.state() else {
            return Err(wrong("settlement"));
        };
        let loan = loan.clone();
        let Some(loan_id) = loan.loan_id.clone().filter(|_| loan.own) else {
            let error = Problem::new(
                "loan.settlement_not_own",
                "تسویه پیش از موعد فقط برای تسهیلات خود شما ممکن است.",
                "Only the holder can settle a loan early.",
            )
            .at("settlement");
            return Ok(self.go(LoanPaymentState::ChooseInstalments {
                loan,
                error: Some(error),
            }));
        };
        match self.ctx().api.settlement_quote(&loan_id).await {
            Ok(quote) => Ok(self.go(LoanPaymentState::ConfirmSettlement { loan, quote })),
            Err(error) => Ok(self.go(LoanPaymentState::ChooseInstalments {
                loan,
                error: Some(Problem::from(error).at("settlement")),
            })),
        }
    }

    /// Accepts (or declines) the quote; accepted, the sources come next.
    pub async fn accept_settlement(
        &mut self,
        accepted: bool,
    ) -> Result<&LoanPaymentState, Problem> {
        let LoanPaymentState::ConfirmSettlement { loan, quote } = self.state() else {
            return Err(wrong("settlement"));
        };
        let (loan, quote) = (loan.clone(), quote.clone());
        if !accepted {
            return Ok(self.go(LoanPaymentState::ChooseInstalments { loan, error: None }));
        }
        let (amount, penalty) = (Rials::new(quote.amount_rials), quote.penalty_rials);
        self.show_sources(loan, Paying::Settlement { quote }, amount, penalty)
            .await
    }

    async fn show_sources(
        &mut self,
        loan: LoanToPay,
        paying: Paying,
        amount: Rials,
        penalty_rials: u64,
    ) -> Result<&LoanPaymentState, Problem> {
        let accounts = self.ctx().api.accounts().await?;
        let cards = crate::flows::other_cards::list(self.ctx())?;
        let sources = accounts
            .iter()
            .filter(|a| a.state == "active")
            .map(LoanSource::of_account)
            .chain(cards.iter().map(|c| LoanSource::Card {
                card: crate::flows::other_cards::PayingCard::other(c),
            }))
            .collect();
        Ok(self.go(LoanPaymentState::ChooseSource {
            loan,
            paying,
            amount,
            penalty_rials,
            sources,
            error: None,
        }))
    }

    /// Picks what pays (an account's balance is checked here) and names the
    /// payment with a fresh idempotency key.
    pub fn choose_source(&mut self, source_id: &str) -> Result<&LoanPaymentState, Problem> {
        let LoanPaymentState::ChooseSource {
            loan,
            paying,
            amount,
            penalty_rials,
            sources,
            ..
        } = self.state()
        else {
            return Err(wrong("source"));
        };
        let (loan, paying, amount, penalty_rials, sources) = (
            loan.clone(),
            paying.clone(),
            *amount,
            *penalty_rials,
            sources.clone(),
        );
        let Some(source) = sources.iter().find(|s| s.id() == source_id).cloned() else {
            return Err(
                Problem::new("source.not_found", "مبدأ یافت نشد.", "Source not found.")
                    .at("source"),
            );
        };
        if let LoanSource::Account {
            available_balance_rials,
            ..
        } = &source
            && *available_balance_rials < amount.get()
        {
            let error = Problem::new(
                "funds.insufficient",
                "موجودی حساب برای این پرداخت کافی نیست.",
                "The available balance does not cover this payment.",
            )
            .at("source");
            return Ok(self.go(LoanPaymentState::ChooseSource {
                loan,
                paying,
                amount,
                penalty_rials,
                sources,
                error: Some(error),
            }));
        }
        let discount_rials = match &paying {
            Paying::Settlement { quote } => quote.discount_rials,
            Paying::Instalments { .. } => 0,
        };
        let order = LoanOrder {
            idempotency_key: OperationKey::new(),
            loan,
            paying,
            amount,
            amount_grouped_fa: amount.grouped_fa(),
            amount_words_fa: amount.words_fa(),
            penalty_rials,
            discount_rials,
            source,
        };
        let pin = SmsPinPolicy::new(&self.ctx().config.otp, self.ctx().clock_offset);
        Ok(self.go(LoanPaymentState::Authorize {
            order,
            pin,
            error: None,
        }))
    }
}
