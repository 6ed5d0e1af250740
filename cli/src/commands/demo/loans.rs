//! Loans through the core: Maryam's own loans (one instalment overdue, with
//! its penalty), then an instalment of another person's loan paid by its
//! number, the holder's name shown masked, from her account with the
//! dynamic PIN the bank sends for that loan and amount.

use hamrah_core::flows::Problem;
use hamrah_core::flows::loan_payment::{LoanPayment, LoanPaymentState};
use hamrah_core::flows::loans;

use super::Walk;
use super::bank::demo_problem;
use super::receipt::{Receipt, money};
use super::steps::unexpected;

/// Reza's mortgage, whose instalment Maryam pays.
const REZA_LOAN: &str = "0101234567003";

impl Walk {
    /// Lists Maryam's loans, then pays one instalment of Reza's by number.
    pub async fn loan_payment(&mut self) -> Result<Receipt, Problem> {
        let ctx = self.maryam.ctx.clone();
        let own = loans::loans(&ctx).await?;
        let mut r = Receipt::new();
        for loan in &own.value {
            r.line(format!(
                "  {} {}: {} / {} قسط پرداخت‌شده، مانده {}، معوق {} (جریمه {})",
                loan.title_fa,
                loan.loan_number.masked(),
                hamrah_core::digits::to_persian_digits(&loan.paid_count.to_string()),
                hamrah_core::digits::to_persian_digits(&loan.instalment_count.to_string()),
                money(loan.remaining_rials),
                hamrah_core::digits::to_persian_digits(&loan.overdue_count.to_string()),
                money(loan.penalty_rials),
            ));
        }
        r.put("own_loans", own.value.len().into());
        let overdue: u32 = own.value.iter().map(|l| l.overdue_count).sum();
        r.put("own_overdue_instalments", overdue.into());

        let mut flow = LoanPayment::start_by_number(ctx);
        let state = flow.enter_loan_number(REZA_LOAN).await?;
        let LoanPaymentState::ConfirmHolder { loan } = state else {
            return Err(unexpected(state));
        };
        let (holder, due) = (
            loan.holder_name_masked.clone(),
            loan.due
                .first()
                .cloned()
                .ok_or_else(|| demo_problem("nothing due"))?,
        );
        flow.confirm_holder(true)?;
        let state = flow.choose_instalments(1).await?;
        let LoanPaymentState::ChooseSource { .. } = state else {
            return Err(unexpected(state));
        };
        let account = self.maryam_account.clone().unwrap_or_default();
        flow.choose_source(&account)?;
        let state = flow.request_pin().await?;
        if let LoanPaymentState::Authorize {
            error: Some(problem),
            ..
        } = state
        {
            return Err(problem.clone());
        }
        let pin = self
            .bank
            .last_sms_code(&self.bank.customer(None)?.mobile)
            .await?;
        self.secrets.push(pin.clone());
        let state = flow.submit(&pin).await?;
        let LoanPaymentState::Succeeded { receipt, .. } = state else {
            return Err(unexpected(state));
        };
        r.field(
            "loan_number",
            "شماره تسهیلات",
            "Loan number",
            &receipt.loan_number,
        )
        .field("holder_name_masked", "دارنده", "Holder", &holder)
        .field(
            "instalment",
            "قسط",
            "Instalment",
            &format!(
                "{} (سررسید {} / due {})",
                hamrah_core::digits::to_persian_digits(&due.number.to_string()),
                hamrah_core::digits::to_persian_digits(&due.due_date_jalali),
                due.due_date_jalali
            ),
        )
        .amount("amount", "مبلغ", "Amount", receipt.amount_rials)
        .amount(
            "penalty",
            "جریمه تأخیر",
            "Late penalty",
            receipt.penalty_rials,
        )
        .amount(
            "total_debited",
            "کسر از حساب",
            "Debited",
            receipt.total_debited_rials,
        )
        .amount(
            "remaining",
            "مانده تسهیلات",
            "Loan remaining",
            receipt.remaining_rials,
        )
        .field(
            "trace_number",
            "شماره پیگیری",
            "Trace number",
            &receipt.trace_number,
        )
        .when("paid_at_jalali", "زمان", "Time", &receipt.paid_at_jalali);
        flow.close()?;
        Ok(r)
    }
}
