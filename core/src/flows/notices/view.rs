//! One notice as the inbox shows it: a title for its kind, the bank's text,
//! the amount grouped in Persian digits and the Jalali time.

use serde::{Deserialize, Serialize};

use crate::client::Notice;
use crate::digits::to_persian_digits;
use crate::money::Rials;

/// One notice of the inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeView {
    /// The bank's id (grows with every notice).
    pub notice_id: i64,
    /// The contract's `NoticeKind` as sent (`debit`, `login_notice`, ...).
    pub kind: String,
    /// The kind as a title in Persian (`برداشت`).
    pub title_fa: String,
    /// The SMS text.
    pub text_fa: String,
    /// The amount it reports.
    pub amount: Option<Rials>,
    /// The same grouped in Persian digits, with the unit.
    pub amount_fa: Option<String>,
    /// When (RFC 3339).
    pub created_at: String,
    /// When, Jalali date and Tehran time in Persian digits.
    pub created_at_fa: String,
    /// Read.
    pub read: bool,
}

/// The inbox's title of a notice kind; kinds the app does not know yet are
/// `پیام بانک`.
pub fn kind_title_fa(kind: &str) -> &'static str {
    match kind {
        "login_notice" => "ورود به همراه‌بانک",
        "debit" => "برداشت",
        "credit" => "واریز",
        "transfer" => "انتقال وجه",
        "bill" => "پرداخت قبض",
        "card_block" => "مسدودی کارت",
        "security" => "هشدار امنیتی",
        "topup" => "خرید شارژ",
        "cheque" => "چک",
        "instalment" => "قسط وام",
        "interest" => "واریز سود",
        "account" => "تغییر حساب",
        _ => "پیام بانک",
    }
}

impl NoticeView {
    /// The view of a notice, read as `read` says (the phone's flag).
    pub fn of(notice: Notice, read: bool) -> Self {
        let amount = notice.amount_rials.map(Rials::new);
        Self {
            notice_id: notice.notice_id,
            title_fa: kind_title_fa(&notice.kind).to_owned(),
            kind: notice.kind,
            text_fa: notice.text_fa,
            amount,
            amount_fa: amount.map(|a| format!("{} ریال", a.grouped_fa())),
            created_at: notice.created_at,
            created_at_fa: to_persian_digits(&notice.created_at_jalali),
            read,
        }
    }
}
