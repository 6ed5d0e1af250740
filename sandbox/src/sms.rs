//! The bank's SMS gateway, outbound: every SMS the bank sends lands in the
//! outbox of its mobile number, readable through the admin API.
//!
//! A message that carries a code ([`send_code`]) is kept with the code masked
//! in `text`, and its whole text and code sealed under the column key (bound
//! to its row), so the outbox table alone gives up no code; the admin API
//! opens it for QA ([`Stored::open`]).
//!
//! Every notice ([`send`], [`send_amount`]; never a code) is also kept as an
//! item of the customer's inbox, served over HTTPS ([`crate::notices`]).

use hamrah_core::store::Sealer;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::error::{ApiError, ApiResult};
use crate::vault;

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
    /// A cheque registered, answered, transferred, paid or returned.
    Cheque,
    /// A bill paid.
    Bill,
    /// A loan instalment: due soon, overdue, or paid by someone else.
    Instalment,
    /// A security notice: a lock after failed tries, a password changed.
    Security,
    /// A top-up or internet package bought.
    Topup,
    /// Anything else.
    Other,
}

impl SmsKind {
    /// The contract's name of the kind (also the inbox notice's `kind`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Otp => "otp",
            Self::LoginNotice => "login_notice",
            Self::Debit => "debit",
            Self::Credit => "credit",
            Self::CardBlock => "card_block",
            Self::Cheque => "cheque",
            Self::Bill => "bill",
            Self::Instalment => "instalment",
            Self::Security => "security",
            Self::Topup => "topup",
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
    /// For a dynamic PIN, the payment it is bound to.
    pub idempotency_key: Option<&'a str>,
}

/// What stands for the code in the stored text.
const MASK: &str = "******";

/// The sealed part of a message with a code.
#[derive(Serialize, Deserialize)]
struct Secret {
    text: String,
    otp: String,
}

fn binding(id: i64) -> String {
    format!("sms_outbox.sealed.{id}")
}

/// Queues a notice SMS in the same transaction as the event it reports (no
/// code in it); it also becomes an item of the customer's inbox
/// ([`crate::notices`]).
pub fn send(tx: &Transaction<'_>, sms: &Sms<'_>, now: i64) -> ApiResult<()> {
    let id = insert(tx, sms, sms.text, now)?;
    crate::notices::record(tx, id, sms, None, now)
}

/// [`send`] for a notice that reports an amount in rials (a debit, a credit,
/// a bill): the inbox item carries it.
pub fn send_amount(tx: &Transaction<'_>, sms: &Sms<'_>, amount: i64, now: i64) -> ApiResult<()> {
    let id = insert(tx, sms, sms.text, now)?;
    crate::notices::record(tx, id, sms, Some(amount), now)
}

fn insert(tx: &Transaction<'_>, sms: &Sms<'_>, text: &str, now: i64) -> ApiResult<i64> {
    Ok(tx
        .prepare_cached(
            "INSERT INTO sms_outbox (mobile, kind, text, idempotency_key, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
        )?
        .query_row(
            params![
                sms.mobile,
                sms.kind.as_str(),
                text,
                sms.idempotency_key,
                now
            ],
            |r| r.get(0),
        )?)
}

/// Queues an SMS carrying `code`: stored masked, the text and code sealed.
pub fn send_code(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    sms: &Sms<'_>,
    code: &str,
    now: i64,
) -> ApiResult<()> {
    let id = insert(tx, sms, &sms.text.replace(code, MASK), now)?;
    seal_row(tx, sealer, id, sms.text, code)
}

fn seal_row(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    id: i64,
    text: &str,
    otp: &str,
) -> ApiResult<()> {
    let secret = Secret {
        text: text.to_owned(),
        otp: otp.to_owned(),
    };
    let plain = Zeroizing::new(serde_json::to_vec(&secret).map_err(|_| ApiError::internal())?);
    let sealed = vault::seal(sealer, &binding(id), &plain)?;
    tx.prepare_cached("UPDATE sms_outbox SET sealed = ?2 WHERE id = ?1")?
        .execute(params![id, sealed])?;
    Ok(())
}

/// A message as stored: its text (a code masked) and, with a code, its sealed part.
pub struct Stored {
    /// Its row id.
    pub id: i64,
    /// The stored text.
    pub text: String,
    /// The sealed text and code, when it carries one.
    pub sealed: Option<Vec<u8>>,
}

impl Stored {
    /// The whole text and its code (`None` for a message without one); a
    /// sealed part that does not open is an internal error.
    pub fn open(self, sealer: &Sealer) -> ApiResult<(String, Option<String>)> {
        let Some(sealed) = self.sealed else {
            return Ok((self.text, None));
        };
        let plain = vault::open(sealer, &binding(self.id), &sealed)?;
        let secret: Secret = serde_json::from_slice(&plain).map_err(|_| ApiError::internal())?;
        Ok((secret.text, Some(secret.otp)))
    }
}

fn stored(r: &rusqlite::Row<'_>) -> rusqlite::Result<Stored> {
    Ok(Stored {
        id: r.get(0)?,
        text: r.get(1)?,
        sealed: r.get(2)?,
    })
}

/// The newest code sent to `mobile` (for the payment `key`, when given):
/// what the phone's owner reads in her SMS (the benchmark's clients).
pub fn latest_code(
    conn: &Connection,
    sealer: &Sealer,
    mobile: &str,
    key: Option<&str>,
) -> ApiResult<Option<String>> {
    let found = conn
        .prepare_cached(
            "SELECT id, text, sealed FROM sms_outbox WHERE mobile = ?1 AND sealed IS NOT NULL
             AND (?2 IS NULL OR idempotency_key = ?2) ORDER BY id DESC LIMIT 1",
        )?
        .query_row(params![mobile, key], stored)
        .optional()?;
    Ok(match found {
        Some(found) => found.open(sealer)?.1,
        None => None,
    })
}

/// Whether the key opens a sealed message of the outbox (true when there is none).
pub fn key_opens(conn: &Connection, sealer: &Sealer) -> ApiResult<bool> {
    let found = conn
        .query_row(
            "SELECT id, text, sealed FROM sms_outbox WHERE sealed IS NOT NULL LIMIT 1",
            [],
            stored,
        )
        .optional()?;
    Ok(found.is_none_or(|found| found.open(sealer).is_ok()))
}

/// Seals the codes an earlier sandbox kept in clear in the outbox; run once
/// at start, a no-op afterwards.
pub fn seal_plain_rows(tx: &Transaction<'_>, sealer: &Sealer) -> ApiResult<usize> {
    let plain: Vec<(i64, String, String)> = tx
        .prepare("SELECT id, text, otp FROM sms_outbox WHERE otp IS NOT NULL")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    for (id, text, otp) in &plain {
        seal_row(tx, sealer, *id, text, otp)?;
        tx.execute(
            "UPDATE sms_outbox SET text = ?2, otp = NULL WHERE id = ?1",
            params![id, text.replace(otp.as_str(), MASK)],
        )?;
    }
    Ok(plain.len())
}
