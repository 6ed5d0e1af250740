//! A receipt as a screen shows it and as the customer shares it: titled
//! lines (label, value) in Persian, and the same lines as one text.

use crate::digits::to_persian_digits;
use crate::flows::accounts::{BlockOrder, BlockReceipt, SecondPinOrder, SecondPinReceipt};
use crate::flows::bill_payment::{BillOrder, BillReceipt};
use crate::flows::card_transfer::{Payment, Receipt};
use crate::flows::history::PaymentRecord;
use crate::flows::sheba_transfer::{ShebaPayment, ShebaReceipt};
use crate::money::Rials;

/// One line of a receipt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptLine {
    /// What it is («شماره پیگیری»).
    pub label_fa: String,
    /// Its value, numbers in Persian digits (card numbers as printed).
    pub value_fa: String,
}

/// A receipt: its title, its lines, and the text to share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptView {
    /// «کارت به کارت انجام شد», ...
    pub title_fa: String,
    /// The lines, in reading order.
    pub lines: Vec<ReceiptLine>,
    /// Title and lines as one text («label: value» a line), for sharing.
    pub share_text_fa: String,
}

/// The app's name at the foot of a shared receipt.
const SIGNATURE_FA: &str = "همراه‌بانک";

/// An amount with its unit, in Persian digits.
fn amount(rials: u64) -> String {
    format!("{} ریال", Rials::new(rials).grouped_fa())
}

/// Builds a receipt from (label, value) pairs.
struct Lines(Vec<ReceiptLine>);

impl Lines {
    /// A line whose value is a number or a date: its digits in Persian.
    fn number(mut self, label: &str, value: &str) -> Self {
        self.0.push(ReceiptLine {
            label_fa: label.to_owned(),
            value_fa: to_persian_digits(value),
        });
        self
    }

    /// A line whose value is shown as it is (a name, a masked card number).
    fn text(mut self, label: &str, value: &str) -> Self {
        self.0.push(ReceiptLine {
            label_fa: label.to_owned(),
            value_fa: value.to_owned(),
        });
        self
    }

    fn titled(self, title: &str) -> ReceiptView {
        let mut share = format!("{title}\n");
        for line in &self.0 {
            share.push_str(&format!("{}: {}\n", line.label_fa, line.value_fa));
        }
        share.push_str(SIGNATURE_FA);
        ReceiptView {
            title_fa: title.to_owned(),
            lines: self.0,
            share_text_fa: share,
        }
    }
}

impl ReceiptView {
    /// A card-to-card transfer's receipt.
    pub fn card_transfer(payment: &Payment, receipt: &Receipt) -> Self {
        let title = if receipt.status == "reversed" {
            "کارت به کارت برگشت خورد؛ مبلغ به کارت شما بازگشت"
        } else {
            "کارت به کارت انجام شد"
        };
        Lines(Vec::new())
            .text("مبلغ", &amount(receipt.amount_rials))
            .text("به حروف", &format!("{} ریال", payment.amount_words_fa))
            .text("کارمزد", &amount(receipt.fee_rials))
            .text("مبلغ کسرشده", &amount(receipt.total_debited_rials))
            .text("از کارت", &payment.source.pan_masked)
            .text("به کارت", &receipt.destination_pan_masked)
            .text("دارنده کارت", &receipt.destination_holder_name)
            .text("بانک مقصد", &payment.destination.bank.name_fa)
            .number("شماره پیگیری", &receipt.trace_number)
            .number("شماره مرجع", &receipt.reference_number)
            .number("زمان", &receipt.created_at_jalali)
            .titled(title)
    }

    /// A bill payment's receipt.
    pub fn bill(order: &BillOrder, receipt: &BillReceipt) -> Self {
        Lines(Vec::new())
            .text("قبض", &order.bill.bill_type_fa)
            .text("صادرکننده", &order.bill.biller_name_fa)
            .text("مبلغ", &amount(receipt.amount_rials))
            .text("به حروف", &format!("{} ریال", order.bill.amount_words_fa))
            .text("کارمزد", &amount(receipt.fee_rials))
            .text("مبلغ کسرشده", &amount(receipt.total_debited_rials))
            .number("شناسه قبض", order.bill.bill.bill_id())
            .number("شناسه پرداخت", order.bill.bill.payment_id())
            .number("شماره پیگیری", &receipt.trace_number)
            .number("شماره مرجع", &receipt.reference_number)
            .number("زمان", &receipt.paid_at_jalali)
            .titled("قبض پرداخت شد")
    }

    /// A SHEBA transfer's receipt (PAYA or SATNA), with the settlement the bank expects.
    pub fn sheba(payment: &ShebaPayment, receipt: &ShebaReceipt) -> Self {
        let method = payment.option.method.name_fa();
        Lines(Vec::new())
            .text("روش", method)
            .text("مبلغ", &amount(receipt.amount_rials))
            .text("به حروف", &format!("{} ریال", payment.amount_words_fa))
            .text("کارمزد", &amount(receipt.fee_rials))
            .text("مبلغ کسرشده", &amount(receipt.total_debited_rials))
            .text("از حساب", &payment.source.sheba_masked)
            .text("به شبا", &payment.destination.sheba_masked)
            .text("صاحب حساب", &receipt.destination_holder_name)
            .text("بانک مقصد", &payment.destination.bank.name_fa)
            .number("شماره پیگیری", &receipt.trace_number)
            .number("شماره مرجع", &receipt.reference_number)
            .number("ثبت", &receipt.accepted_at_jalali)
            .number("تسویه مورد انتظار", &receipt.expected_settlement_at_jalali)
            .titled(&format!("انتقال {method} ثبت شد"))
    }

    /// A payment's receipt as the history keeps it (any kind).
    pub fn payment(record: &PaymentRecord) -> Self {
        Lines(Vec::new())
            .text("نوع", &record.kind_fa)
            .text("به", &record.payee_fa)
            .text("مقصد", &record.detail_fa)
            .text("مبلغ", &amount(record.amount.get()))
            .text("به حروف", &format!("{} ریال", record.amount.words_fa()))
            .text("مبلغ کسرشده", &amount(record.total_debited.get()))
            .text("وضعیت", &record.status_fa)
            .number("شماره پیگیری", &record.trace_number)
            .number("شماره مرجع", &record.reference_number)
            .text("زمان", &record.at_fa)
            .titled(&format!("رسید {}", record.kind.name_fa()))
    }

    /// A card block's receipt.
    pub fn card_block(order: &BlockOrder, receipt: &BlockReceipt) -> Self {
        Lines(Vec::new())
            .text("کارت", &receipt.pan_masked)
            .text("بانک", &order.card.bank_name_fa)
            .text("دلیل", order.reason.name_fa())
            .number("شماره مرجع", &receipt.reference_number)
            .number("زمان", &receipt.blocked_at_jalali)
            .titled("کارت مسدود شد")
    }

    /// A second-PIN change's receipt (it names the card, never a PIN).
    pub fn second_pin(order: &SecondPinOrder, receipt: &SecondPinReceipt) -> Self {
        Lines(Vec::new())
            .text("کارت", &receipt.pan_masked)
            .text("بانک", &order.card.bank_name_fa)
            .number("شماره مرجع", &receipt.reference_number)
            .number("زمان", &receipt.changed_at_jalali)
            .titled("رمز دوم کارت تغییر کرد")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_read_in_persian_digits_and_share_as_one_text() {
        let receipt = Lines(Vec::new())
            .text("مبلغ", &amount(5_000_000))
            .text("به کارت", "610433******4689")
            .number("شماره پیگیری", "882668")
            .titled("کارت به کارت انجام شد");
        assert_eq!(receipt.lines[0].value_fa, "۵٬۰۰۰٬۰۰۰ ریال");
        assert_eq!(receipt.lines[1].value_fa, "610433******4689");
        assert_eq!(receipt.lines[2].value_fa, "۸۸۲۶۶۸");
        assert_eq!(
            receipt.share_text_fa,
            "کارت به کارت انجام شد\nمبلغ: ۵٬۰۰۰٬۰۰۰ ریال\nبه کارت: 610433******4689\n\
             شماره پیگیری: ۸۸۲۶۶۸\nهمراه‌بانک"
        );
    }
}
