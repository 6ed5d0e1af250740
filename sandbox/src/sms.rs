//! The bank's SMS gateway, outbound: every SMS the bank sends lands in the
//! outbox of its mobile number, readable through the admin API.

use rusqlite::{Transaction, params};

use crate::error::ApiResult;

/// What an SMS is for (the contract's `SmsKind`).
#[derive(Debug, Clone, Copy)]
pub enum SmsKind {
    /// A one-time code.
    Otp,
    /// A notice of a login.
    LoginNotice,
    /// A debit alert.
    Debit,
    /// A credit alert.
    Credit,
    /// A card blocked.
    CardBlock,
    /// Anything else (password changed, ...).
    Other,
}

impl SmsKind {
    fn as_str(self) -> &'static str {
        match self {
            Self::Otp => "otp",
            Self::LoginNotice => "login_notice",
            Self::Debit => "debit",
            Self::Credit => "credit",
            Self::CardBlock => "card_block",
            Self::Other => "other",
        }
    }
}

/// An SMS to queue.
#[derive(Debug, Clone, Copy)]
pub struct Sms<'a> {
    /// The recipient, `09xxxxxxxxx`.
    pub mobile: &'a str,
    /// What it is for.
    pub kind: SmsKind,
    /// Its text.
    pub text: &'a str,
    /// The code it carries, for QA.
    pub otp: Option<&'a str>,
    /// For a dynamic PIN, the payment it is bound to.
    pub idempotency_key: Option<&'a str>,
}

/// Queues an SMS in the same transaction as the event it reports.
pub fn send(tx: &Transaction<'_>, sms: &Sms<'_>, now: i64) -> ApiResult<()> {
    tx.prepare_cached(
        "INSERT INTO sms_outbox (mobile, kind, text, otp, idempotency_key, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![sms.mobile, sms.kind.as_str(), sms.text, sms.otp, sms.idempotency_key, now])?;
    Ok(())
}
