//! The top-up step through the core's `Topup` journey: Maryam charges
//! another number (its operator read from the prefix) from her account,
//! confirmed with the dynamic PIN the bank sends her.

use hamrah_core::flows::Problem;
use hamrah_core::flows::bill_payment::BillSource;
use hamrah_core::flows::topup::{Topup, TopupState};

use super::Walk;
use super::bank::demo_problem;
use super::receipt::Receipt;

/// Reza's number, as a customer types it (an Irancell prefix).
const NUMBER: &str = "0935 123 4567";
/// One of the operator's fixed amounts.
const AMOUNT: &str = "200,000";

impl Walk {
    /// A top-up for another number, from Maryam's account.
    pub async fn topup(&mut self) -> Result<Receipt, Problem> {
        let mut flow = Topup::start(self.maryam.ctx.clone()).await?;
        let state = flow.enter_mobile(NUMBER)?;
        let TopupState::ChooseProduct {
            line, error: None, ..
        } = state
        else {
            return Err(problem_of(state));
        };
        let line = line.clone();
        let state = flow.choose_charge(AMOUNT, false).await?;
        let TopupState::ChooseSource { sources, .. } = state else {
            return Err(problem_of(state));
        };
        let account = self.maryam_account.clone().unwrap_or_default();
        let source = sources
            .iter()
            .find(|s| matches!(s, BillSource::Account { .. }) && s.id() == account)
            .map(|s| s.id().to_owned())
            .ok_or_else(|| demo_problem("no account to pay from"))?;
        flow.choose_source(&source)?;
        let state = flow.request_pin().await?;
        if let TopupState::ConfirmAccount { error: Some(_), .. } = state {
            return Err(problem_of(state));
        }
        let mobile = self.bank.customer(None)?.mobile.clone();
        let pin = self.bank.last_sms_code(&mobile).await?;
        self.secrets.push(pin.clone());
        let state = flow.confirm(&pin).await?;
        let TopupState::Succeeded { order, receipt } = state else {
            return Err(problem_of(state));
        };
        let mut r = Receipt::new();
        r.field("mobile_masked", "برای شماره", "For", &receipt.mobile_masked)
            .field(
                "operator",
                "اپراتور",
                "Operator",
                &format!("{} (از پیش‌شماره / from the prefix)", line.operator_name_fa),
            )
            .put("operator_id", receipt.operator.clone().into())
            .field("product", "خرید", "Bought", &order.purchase.title_fa)
            .field("source", "از", "From", "حساب / account")
            .amount("amount", "مبلغ", "Amount", receipt.amount_rials)
            .amount("fee", "کارمزد", "Fee", receipt.fee_rials)
            .amount(
                "total_debited",
                "کسر از حساب",
                "Debited",
                receipt.total_debited_rials,
            )
            .field(
                "operator_reference",
                "شماره پیگیری اپراتور",
                "Operator reference",
                &receipt.operator_reference,
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

fn problem_of(state: &TopupState) -> Problem {
    match state {
        TopupState::Failed { problem, .. }
        | TopupState::EnterMobile {
            error: Some(problem),
            ..
        }
        | TopupState::ChooseProduct {
            error: Some(problem),
            ..
        }
        | TopupState::ChooseSource {
            error: Some(problem),
            ..
        }
        | TopupState::ConfirmAccount {
            error: Some(problem),
            ..
        } => problem.clone(),
        _ => demo_problem("unexpected state of the top-up"),
    }
}
