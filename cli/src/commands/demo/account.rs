//! A bill paid from the account, a statement page, and blocking a card.

use hamrah_core::flows::Problem;
use hamrah_core::flows::accounts::{BlockReason, CardBlock, CardBlockState, StatementEntry};
use hamrah_core::flows::bill_payment::{BillPayment, BillPaymentState, BillSource};
use serde_json::json;

use super::Walk;
use super::bank::demo_problem;
use super::receipt::Receipt;
use super::steps::unexpected;

impl Walk {
    /// A bill (from the seed: the paper bill the customer holds) paid from her account.
    pub async fn bill_payment(&mut self) -> Result<Receipt, Problem> {
        let seed = self.bank.seed().await?;
        let bill = seed["bills"]
            .as_array()
            .and_then(|bills| bills.iter().find(|b| b["bill_type"] == "water"))
            .ok_or_else(|| demo_problem("no bill"))?;
        let (bill_id, payment_id) = (
            bill["bill_id"].as_str().unwrap_or_default(),
            bill["payment_id"].as_str().unwrap_or_default(),
        );
        let mut flow = BillPayment::start(self.maryam.ctx.clone());
        let state = flow.enter_bill(bill_id, payment_id).await?;
        let BillPaymentState::ChooseSource { sources, .. } = state else {
            return Err(bill_problem(state));
        };
        let source = sources
            .iter()
            .find(|s| matches!(s, BillSource::Account { .. }))
            .map(|s| s.id().to_owned())
            .unwrap_or_default();
        flow.choose_source(&source)?;
        let state = flow.request_pin().await?;
        if let BillPaymentState::ConfirmAccount { error: Some(_), .. } = state {
            return Err(bill_problem(state));
        }
        let mobile = self.bank.customer(None)?.mobile.clone();
        let pin = self.bank.last_sms_code(&mobile).await?;
        self.secrets.push(pin.clone());
        let state = flow.confirm(&pin).await?;
        let BillPaymentState::Succeeded { order, receipt } = state else {
            return Err(bill_problem(state));
        };
        let info = &order.bill;
        let mut r = Receipt::new();
        r.field("bill_id", "شناسه قبض", "Bill ID", info.bill.bill_id())
            .field(
                "payment_id",
                "شناسه پرداخت",
                "Payment ID",
                info.bill.payment_id(),
            )
            .field(
                "bill_type",
                "نوع",
                "Type",
                &format!("{} / {}", info.bill_type_fa, info.bill_type_en),
            )
            .field("biller", "صادرکننده", "Biller", &info.biller_name_fa)
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
                "trace_number",
                "شماره پیگیری",
                "Trace number",
                &receipt.trace_number,
            )
            .when("paid_at_jalali", "زمان", "Time", &receipt.paid_at_jalali);
        flow.close()?;
        Ok(r)
    }

    /// The newest page of the account's statement.
    pub async fn statement(&mut self) -> Result<Receipt, Problem> {
        let account = self.maryam_account.clone().unwrap_or_default();
        let page = self.maryam.ctx.api.statement(&account, None, 6).await?;
        let mut r = Receipt::new();
        let mut entries = Vec::new();
        for e in &page.items {
            let entry = StatementEntry::from_json(e)
                .ok_or_else(|| demo_problem("a statement entry does not read"))?;
            let (amount, direction) = (
                e["amount_rials"].as_u64().unwrap_or(0),
                e["direction"].as_str().unwrap_or(""),
            );
            let when = e["posted_at_jalali"].as_str().unwrap_or("");
            let text = e["description_fa"].as_str().unwrap_or("");
            r.line(format!(
                "{} {} ریال ({}) {text}",
                hamrah_core::digits::to_persian_digits(when),
                entry.amount_signed_fa(),
                entry.amount_words_fa()
            ));
            let mut entry = json!({"posted_at_jalali": when, "direction": direction, "amount_rials": amount,
                "description_fa": text, "balance_after_rials": e["balance_after_rials"]});
            if let Some(masked) = e["counterparty_pan_masked"].as_str() {
                entry["counterparty_pan_masked"] = masked.into();
            }
            entries.push(entry);
        }
        r.put("entries", entries.into())
            .put("has_more", page.next_cursor.is_some().into());
        Ok(r)
    }

    /// Blocks the customer's card (lost) through the core's exactly-once
    /// `CardBlock` flow, and checks the card list shows it blocked.
    pub async fn block_card(&mut self) -> Result<Receipt, Problem> {
        let card_id = self.maryam_card.clone().unwrap_or_default();
        let mut flow = CardBlock::start(self.maryam.ctx.clone()).await?;
        flow.choose(&card_id, BlockReason::Lost)?;
        let state = flow.confirm().await?;
        let CardBlockState::Blocked { order, receipt } = state else {
            return Err(match state {
                CardBlockState::Failed { problem, .. }
                | CardBlockState::Confirm {
                    error: Some(problem),
                    ..
                } => problem.clone(),
                other => unexpected(other),
            });
        };
        let reason = order.reason;
        let receipt = receipt.clone();
        flow.close()?;
        let cards = self.maryam.ctx.api.cards().await?;
        let now = cards
            .iter()
            .find(|c| c.card_id == card_id)
            .map(|c| c.state.clone())
            .unwrap_or_default();
        if now != "blocked" {
            return Err(demo_problem("the card is not blocked"));
        }
        let mut r = Receipt::new();
        r.field("pan_masked", "کارت", "Card", &receipt.pan_masked)
            .field(
                "reason",
                "علت",
                "Reason",
                &format!("{} / {}", reason.name_fa(), reason.name_en()),
            )
            .field("state", "وضعیت", "State", "مسدود / blocked")
            .field(
                "reference_number",
                "شماره مرجع",
                "Reference",
                &receipt.reference_number,
            )
            .when(
                "blocked_at_jalali",
                "زمان",
                "Time",
                &receipt.blocked_at_jalali,
            );
        Ok(r)
    }
}

fn bill_problem(state: &BillPaymentState) -> Problem {
    match state {
        BillPaymentState::Failed { problem, .. }
        | BillPaymentState::EnterBill {
            error: Some(problem),
        }
        | BillPaymentState::ConfirmAccount {
            error: Some(problem),
            ..
        } => problem.clone(),
        other => unexpected(other),
    }
}
