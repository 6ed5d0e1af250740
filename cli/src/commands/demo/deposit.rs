//! The transfer to an account of this bank through the core's
//! `AccountTransfer` journey: Maryam sends money to Reza's account number,
//! sees his name before confirming, and it arrives at once.

use hamrah_core::flows::Problem;
use hamrah_core::flows::account_transfer::{AccountTransfer, AccountTransferState};

use super::Walk;
use super::bank::demo_problem;
use super::receipt::Receipt;

/// Reza's account number, as printed with dashes.
const NUMBER: &str = "1002-0030-0501";
/// The amount.
const AMOUNT: &str = "10,000,000";

impl Walk {
    /// Maryam's account to Reza's, instant, with the dynamic PIN.
    pub async fn account_transfer(&mut self) -> Result<Receipt, Problem> {
        let account = self.maryam_account.clone().unwrap_or_default();
        let mut flow = AccountTransfer::start(self.maryam.ctx.clone()).await?;
        flow.choose_source(&account)?;
        let state = flow.enter_destination(NUMBER).await?;
        let AccountTransferState::ConfirmHolder { destination, .. } = state else {
            return Err(problem_of(state));
        };
        let destination = destination.clone();
        flow.confirm_holder(true)?;
        let state = flow.enter_amount(AMOUNT)?;
        if !matches!(state, AccountTransferState::Confirm { .. }) {
            return Err(problem_of(state));
        }
        flow.describe("قرض")?;
        let state = flow.request_pin().await?;
        if let AccountTransferState::Confirm { error: Some(_), .. } = state {
            return Err(problem_of(state));
        }
        let mobile = self.bank.customer(None)?.mobile.clone();
        let pin = self.bank.last_sms_code(&mobile).await?;
        self.secrets.push(pin.clone());
        let state = flow.submit(&pin).await?;
        let AccountTransferState::Succeeded { payment, receipt } = state else {
            return Err(problem_of(state));
        };
        let mut r = Receipt::new();
        r.field("from", "از حساب", "From", &payment.source.title_fa)
            .field(
                "destination_account_masked",
                "به سپرده",
                "To account",
                &destination.account_number_masked,
            )
            .field(
                "destination_holder_name",
                "صاحب حساب",
                "Holder",
                &receipt.destination_holder_name,
            )
            .field(
                "destination_bank",
                "بانک مقصد",
                "Bank",
                &destination.bank.name_fa,
            )
            .field(
                "method",
                "روش",
                "Method",
                "انتقال داخلی آنی، بدون چرخه پایا و ساتنا / instant, no PAYA or SATNA cycle",
            )
            .amount("amount", "مبلغ", "Amount", receipt.amount_rials)
            .amount("fee", "کارمزد", "Fee", receipt.fee_rials)
            .amount(
                "total_debited",
                "کسر از حساب",
                "Debited",
                receipt.total_debited_rials,
            )
            .field(
                "trace_number",
                "شماره پیگیری",
                "Trace number",
                &receipt.trace_number,
            )
            .when(
                "created_at_jalali",
                "زمان",
                "Time",
                &receipt.created_at_jalali,
            );
        flow.close()?;
        Ok(r)
    }
}

fn problem_of(state: &AccountTransferState) -> Problem {
    match state {
        AccountTransferState::Failed { problem, .. }
        | AccountTransferState::EnterDestination {
            error: Some(problem),
            ..
        }
        | AccountTransferState::EnterAmount {
            error: Some(problem),
            ..
        }
        | AccountTransferState::Confirm {
            error: Some(problem),
            ..
        } => problem.clone(),
        _ => demo_problem("unexpected state of the transfer to an account"),
    }
}
