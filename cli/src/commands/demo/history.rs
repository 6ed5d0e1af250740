//! The payment history of every kind through the core's `PaymentHistory`
//! (the phone keeps it sealed), a search on the phone, and the accounts
//! with their type, rate and state.

use hamrah_core::flows::Problem;
use hamrah_core::flows::accounts::Overview;
use hamrah_core::flows::history::{PaymentHistory, PaymentKind};
use serde_json::json;

use super::Walk;
use super::bank::demo_problem;
use super::receipt::{Receipt, money};

impl Walk {
    /// The newest payments (the bill paid earlier among them), a search
    /// for bills with no request, and the accounts' details.
    pub async fn payment_history(&mut self) -> Result<Receipt, Problem> {
        let mut history = PaymentHistory::new(self.maryam.ctx.clone(), 10);
        let page = history.first_page().await?;
        let mut r = Receipt::new();
        let mut payments = Vec::new();
        for p in &page.payments {
            r.line(format!(
                "{} {} — {} — {} — {}",
                p.at_fa,
                p.kind_fa,
                p.payee_fa,
                money(p.amount.get()),
                p.status_fa
            ));
            payments.push(
                json!({"id": p.id, "kind_fa": p.kind_fa, "payee_fa": p.payee_fa,
                "amount_rials": p.amount.get(), "status_fa": p.status_fa, "at_fa": p.at_fa}),
            );
        }
        let bills = history.search("قبض")?.payments;
        if !bills.iter().all(|p| p.kind == PaymentKind::BillPayment) || bills.is_empty() {
            return Err(demo_problem("the bill is not found in the history"));
        }
        r.line(format!(
            "جستجوی «قبض» روی گوشی / search for bills on the phone: {}",
            bills.len()
        ));
        let overview = Overview::load(self.maryam.ctx.clone()).await?;
        for a in &overview.state().accounts {
            let rate = a.interest_rate_fa.as_deref().unwrap_or("بدون سود");
            r.line(format!(
                "{} — {} — {} — {}",
                a.label_fa, a.kind_fa, rate, a.state_fa
            ));
        }
        r.put("payments", payments.into())
            .put("bills_found", bills.len().into())
            .put("has_more", page.has_more.into());
        Ok(r)
    }
}
