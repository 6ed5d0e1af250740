//! One payment of the history as a screen shows it, read from the bank's
//! receipt of any kind (`TransferReceipt`): what it was, to whom, how much,
//! where it stands, when, and its receipt to share.

use serde_json::Value;

use crate::client::parse_instant;
use crate::digits::digit_value;
use crate::flows::display::{ReceiptView, tehran_time_fa};
use crate::ids::{BillType, Operator, Sheba};
use crate::money::Rials;

/// What kind of payment it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaymentKind {
    /// Card to card over Shetab.
    CardTransfer,
    /// To a SHEBA (PAYA, SATNA or within the bank).
    ShebaTransfer,
    /// To an account of this bank by its number.
    AccountTransfer,
    /// A bill.
    BillPayment,
    /// A top-up or an internet package.
    Topup,
    /// A loan's instalments or its settlement.
    LoanPayment,
}

impl PaymentKind {
    /// From the receipt's `kind`.
    pub fn of(kind: &str) -> Option<Self> {
        Some(match kind {
            "card_transfer" => Self::CardTransfer,
            "sheba_transfer" => Self::ShebaTransfer,
            "account_transfer" => Self::AccountTransfer,
            "bill_payment" => Self::BillPayment,
            "topup" => Self::Topup,
            "loan_payment" => Self::LoanPayment,
            _ => return None,
        })
    }

    /// In Persian.
    pub fn name_fa(self) -> &'static str {
        match self {
            Self::CardTransfer => "کارت به کارت",
            Self::ShebaTransfer => "انتقال شبا",
            Self::AccountTransfer => "انتقال به حساب",
            Self::BillPayment => "پرداخت قبض",
            Self::Topup => "خرید شارژ",
            Self::LoanPayment => "پرداخت قسط",
        }
    }
}

/// Where a payment stands, for its badge and colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaymentOutcome {
    /// Done: the money reached the payee.
    Done,
    /// Accepted, not settled yet (a PAYA or SATNA order).
    Pending,
    /// Came back: reversed or returned, the money refunded.
    Returned,
}

/// One payment of the history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentRecord {
    /// The bank's id (for `transfer_get`).
    pub id: String,
    /// Its kind.
    pub kind: PaymentKind,
    /// Its kind in Persian («انتقال شبا (پایا)»).
    pub kind_fa: String,
    /// Who was paid: a holder's name, a biller, an operator, a loan.
    pub payee_fa: String,
    /// How the payee is known: a masked card or SHEBA, an account number, a
    /// bill's type, a masked mobile, a loan's holder.
    pub detail_fa: String,
    /// The amount paid.
    pub amount: Rials,
    /// What left the customer's account, fee included.
    pub total_debited: Rials,
    /// Where it stands.
    pub outcome: PaymentOutcome,
    /// Where it stands, in Persian.
    pub status_fa: String,
    /// When it was made, Unix seconds.
    pub at: i64,
    /// When, as a Jalali date and Tehran time in Persian digits.
    pub at_fa: String,
    /// The reference number.
    pub reference_number: String,
    /// The trace number.
    pub trace_number: String,
}

fn text<'a>(receipt: &'a Value, field: &str) -> &'a str {
    receipt[field].as_str().unwrap_or_default()
}

/// The receipt's id field, by kind.
fn id_of(kind: PaymentKind, receipt: &Value) -> &str {
    let field = match kind {
        PaymentKind::BillPayment => "bill_payment_id",
        PaymentKind::Topup => "topup_id",
        PaymentKind::LoanPayment => "loan_payment_id",
        _ => "transfer_id",
    };
    text(receipt, field)
}

/// When it was made, by kind.
fn made_at(kind: PaymentKind, receipt: &Value) -> Option<i64> {
    let field = match kind {
        PaymentKind::ShebaTransfer => "accepted_at",
        PaymentKind::BillPayment | PaymentKind::LoanPayment => "paid_at",
        _ => "created_at",
    };
    parse_instant(text(receipt, field))
}

fn outcome_of(status: &str) -> (PaymentOutcome, &'static str) {
    match status {
        "succeeded" => (PaymentOutcome::Done, "موفق"),
        "settled" => (PaymentOutcome::Done, "تسویه شد"),
        "reversed" | "returned" => (PaymentOutcome::Returned, "برگشت خورد؛ مبلغ بازگشت"),
        _ => (PaymentOutcome::Pending, "در انتظار تسویه"),
    }
}

/// The kind's Persian name, the payee and its detail.
fn described(kind: PaymentKind, receipt: &Value) -> (String, String, String) {
    let holder = text(receipt, "destination_holder_name").to_owned();
    let name = kind.name_fa();
    match kind {
        PaymentKind::CardTransfer => (
            name.to_owned(),
            holder,
            text(receipt, "destination_pan_masked").to_owned(),
        ),
        PaymentKind::ShebaTransfer => {
            let method = match text(receipt, "method") {
                "paya" => " (پایا)",
                "satna" => " (ساتنا)",
                _ => "",
            };
            let sheba = text(receipt, "destination_sheba")
                .parse::<Sheba>()
                .map(|s| s.masked())
                .unwrap_or_default();
            (format!("{name}{method}"), holder, sheba)
        }
        PaymentKind::AccountTransfer => (
            name.to_owned(),
            holder,
            text(receipt, "destination_account_number").to_owned(),
        ),
        PaymentKind::BillPayment => {
            let bill = BillType::from_id(text(receipt, "bill_type")).map(BillType::name_fa);
            (
                name.to_owned(),
                receipt["biller"]["name_fa"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
                format!("قبض {}", bill.unwrap_or_default()),
            )
        }
        PaymentKind::Topup => {
            let operator = Operator::from_id(text(receipt, "operator")).map(Operator::name_fa);
            let kind = if text(receipt, "product") == "package" {
                "بسته اینترنت"
            } else {
                name
            };
            (
                kind.to_owned(),
                operator.unwrap_or_default().to_owned(),
                text(receipt, "mobile_masked").to_owned(),
            )
        }
        PaymentKind::LoanPayment => (
            name.to_owned(),
            format!("وام {}", text(receipt, "loan_number")),
            text(receipt, "holder_name_masked").to_owned(),
        ),
    }
}

impl PaymentRecord {
    /// From the bank's receipt (or the phone's copy of it); `None` for a
    /// kind this app does not know or a receipt without its id, amount or time.
    pub fn from_json(receipt: &Value) -> Option<Self> {
        let kind = PaymentKind::of(receipt["kind"].as_str()?)?;
        let id = id_of(kind, receipt);
        if id.is_empty() {
            return None;
        }
        let amount = Rials::new(receipt["amount_rials"].as_u64()?);
        let total_debited = Rials::new(receipt["total_debited_rials"].as_u64().unwrap_or(0));
        let at = made_at(kind, receipt)?;
        let (outcome, status_fa) = outcome_of(text(receipt, "status"));
        let (kind_fa, payee_fa, detail_fa) = described(kind, receipt);
        Some(Self {
            id: id.to_owned(),
            kind,
            kind_fa,
            payee_fa,
            detail_fa,
            amount,
            total_debited,
            outcome,
            status_fa: status_fa.to_owned(),
            at,
            at_fa: tehran_time_fa(at).unwrap_or_default(),
            reference_number: text(receipt, "reference_number").to_owned(),
            trace_number: text(receipt, "trace_number").to_owned(),
        })
    }

    /// Its receipt, to show and share.
    pub fn receipt(&self) -> ReceiptView {
        ReceiptView::payment(self)
    }

    /// Whether it matches what the customer typed: an amount (any digits,
    /// separators allowed) matches exactly; any other text is looked for in
    /// the payee, its detail, the kind and the reference and trace numbers.
    pub fn matches(&self, query: &str) -> bool {
        let query = normalized(query);
        if query.is_empty() {
            return false;
        }
        if query.parse::<Rials>() == Ok(self.amount) {
            return true;
        }
        [
            &self.payee_fa,
            &self.detail_fa,
            &self.kind_fa,
            &self.reference_number,
            &self.trace_number,
        ]
        .iter()
        .any(|field| normalized(field).contains(&query))
    }
}

/// Lower case, digits in ASCII, spaces collapsed.
fn normalized(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .map(|c| digit_value(c).map_or(c, |d| char::from(b'0' + d)))
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn paya() -> Value {
        json!({
            "kind": "sheba_transfer", "transfer_id": "trf_1", "method": "paya",
            "status": "accepted", "trace_number": "482913", "reference_number": "503207482913",
            "destination_sheba": "IR820540102680020817909002",
            "destination_holder_name": "رضا احمدی", "amount_rials": 250_000_000,
            "fee_rials": 20_000, "total_debited_rials": 250_020_000,
            "accepted_at": "2025-03-01T08:15:00Z", "channel": "https"
        })
    }

    #[test]
    fn a_paya_order_reads_as_pending_with_its_method_and_masked_sheba() {
        let record = PaymentRecord::from_json(&paya()).unwrap();
        assert_eq!(record.kind, PaymentKind::ShebaTransfer);
        assert_eq!(record.kind_fa, "انتقال شبا (پایا)");
        assert_eq!(record.payee_fa, "رضا احمدی");
        assert!(record.detail_fa.starts_with("IR82") && record.detail_fa.contains('*'));
        assert_eq!(record.outcome, PaymentOutcome::Pending);
        assert_eq!(record.at_fa, "۱۴۰۳/۱۲/۱۱ ۱۱:۴۵");
        assert_eq!(record.total_debited, Rials::new(250_020_000));
        let mut returned = paya();
        returned["status"] = json!("returned");
        let returned = PaymentRecord::from_json(&returned).unwrap();
        assert_eq!(returned.outcome, PaymentOutcome::Returned);
    }

    #[test]
    fn a_bill_reads_with_its_biller_and_type() {
        let bill = json!({
            "kind": "bill_payment", "bill_payment_id": "bpy_1", "status": "succeeded",
            "trace_number": "1", "reference_number": "2", "bill_type": "electricity",
            "biller": {"biller_code": "2", "name_fa": "توانیر"}, "amount_rials": 1_250_000,
            "total_debited_rials": 1_250_000, "paid_at": "2025-03-01T08:15:00Z"
        });
        let record = PaymentRecord::from_json(&bill).unwrap();
        assert_eq!(record.id, "bpy_1");
        assert_eq!(record.payee_fa, "توانیر");
        assert_eq!(record.detail_fa, "قبض برق");
        assert_eq!(record.outcome, PaymentOutcome::Done);
        assert_eq!(record.receipt().title_fa, "رسید پرداخت قبض");
    }

    #[test]
    fn a_search_finds_names_amounts_and_references_in_any_digits() {
        let record = PaymentRecord::from_json(&paya()).unwrap();
        assert!(record.matches("رضا"));
        assert!(record.matches("  رضا   احمدی "));
        assert!(record.matches("۲۵۰٬۰۰۰٬۰۰۰"));
        assert!(record.matches("250,000,000"));
        assert!(record.matches("۴۸۲۹۱۳"));
        assert!(record.matches("پایا"));
        assert!(!record.matches("250,000,001"));
        assert!(!record.matches("مریم"));
        assert!(!record.matches("   "));
    }

    #[test]
    fn unknown_kinds_and_receipts_without_an_id_are_not_read() {
        assert!(PaymentRecord::from_json(&json!({"kind": "lottery"})).is_none());
        let mut no_id = paya();
        no_id["transfer_id"] = Value::Null;
        assert!(PaymentRecord::from_json(&no_id).is_none());
        let mut no_time = paya();
        no_time["accepted_at"] = json!("yesterday");
        assert!(PaymentRecord::from_json(&no_time).is_none());
    }
}
