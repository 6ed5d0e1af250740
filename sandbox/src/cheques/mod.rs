//! Sayad cheques at the bank: the registered cheque as a row, its JSON for
//! the contract's `Cheque`, the issuer's standing from returned cheques, the
//! refusals the cheque routes share, and notices by national ID.

pub mod present;
pub mod seed;

use axum::http::StatusCode;
use hamrah_core::flows::cheques::ChequeColour;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde_json::{Value, json};

use crate::clock::{jalali, rfc3339};
use crate::error::{ApiError, ApiResult};
use crate::settlement::business_days::jalali_date;
use crate::sms::{self, Sms, SmsKind};

/// A registered cheque, as the `cheques` table keeps it.
#[derive(Debug, Clone)]
pub struct ChequeRow {
    /// 16 digits.
    pub sayad_id: String,
    /// `series/serial`.
    pub serial: String,
    /// The issuer's national ID.
    pub issuer_national_id: String,
    /// The issuer's name.
    pub issuer_name_fa: String,
    /// The issuer's bank.
    pub issuer_bank_id: String,
    /// The issuer's account at this bank (`None` for another bank's cheque).
    pub account_id: Option<String>,
    /// Rials.
    pub amount: i64,
    /// Gregorian `YYYY-MM-DD`.
    pub due_date: String,
    /// Free text.
    pub description: Option<String>,
    /// The contract's `ChequeStatus`.
    pub status: String,
    /// Who holds it (at registration, the payees).
    pub holders: Vec<String>,
    /// Who still has to confirm it.
    pub pending: Vec<String>,
    /// A transfer's new holder, until confirmed.
    pub offered: Vec<String>,
    /// When it was registered.
    pub registered_at: i64,
    /// When it was presented (paid or returned).
    pub presented_at: Option<i64>,
}

/// The columns [`ChequeRow::from_row`] reads, in order.
pub const COLUMNS: &str = "sayad_id, serial, issuer_national_id, issuer_name_fa, issuer_bank_id, account_id, amount, due_date, description, status, holders, pending, offered, registered_at, presented_at";

/// A comma-separated list of national IDs.
pub fn split(list: &str) -> Vec<String> {
    list.split(',')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

impl ChequeRow {
    /// Reads a row selected with [`COLUMNS`].
    pub fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Self> {
        Ok(Self {
            sayad_id: r.get(0)?,
            serial: r.get(1)?,
            issuer_national_id: r.get(2)?,
            issuer_name_fa: r.get(3)?,
            issuer_bank_id: r.get(4)?,
            account_id: r.get(5)?,
            amount: r.get(6)?,
            due_date: r.get(7)?,
            description: r.get(8)?,
            status: r.get(9)?,
            holders: split(&r.get::<_, String>(10)?),
            pending: split(&r.get::<_, String>(11)?),
            offered: split(&r.get::<_, String>(12)?),
            registered_at: r.get(13)?,
            presented_at: r.get(14)?,
        })
    }

    /// Writes back the state that answers and transfers change.
    pub fn save_state(&self, tx: &Transaction<'_>) -> ApiResult<()> {
        tx.prepare_cached(
            "UPDATE cheques SET status = ?2, holders = ?3, pending = ?4, offered = ?5, presented_at = ?6
             WHERE sayad_id = ?1",
        )?
        .execute(params![
            self.sayad_id,
            self.status,
            self.holders.join(","),
            self.pending.join(","),
            self.offered.join(","),
            self.presented_at
        ])?;
        Ok(())
    }

    /// What `national_id` is to this cheque: `pending`, `holder`, `issuer` or `none`.
    pub fn role(&self, national_id: &str) -> &'static str {
        let has = |list: &[String]| list.iter().any(|n| n == national_id);
        if has(&self.pending) {
            "pending"
        } else if has(&self.holders) {
            "holder"
        } else if self.issuer_national_id == national_id {
            "issuer"
        } else {
            "none"
        }
    }

    /// The contract's `Cheque`, as `viewer` (a national ID) sees it.
    pub fn to_json(&self, conn: &Connection, viewer: &str) -> ApiResult<Value> {
        let due = hamrah_core::calendar::parse_gregorian(&self.due_date)
            .map_err(|_| ApiError::internal())?;
        let bank = hamrah_core::banks::by_id(&self.issuer_bank_id)
            .map_or(Value::Null, crate::routes::bank_ref);
        let mut cheque = json!({
            "sayad_id": self.sayad_id,
            "serial": self.serial,
            "status": self.status,
            "amount_rials": self.amount,
            "due_date": self.due_date,
            "due_date_jalali": jalali_date(due)?,
            "issuer": {
                "name_fa": self.issuer_name_fa,
                "national_id_masked": mask_national_id(&self.issuer_national_id),
                "bank": bank,
                "standing": standing(conn, &self.issuer_national_id)?,
            },
            "holders_masked": self.holders.iter().map(|n| mask_national_id(n)).collect::<Vec<_>>(),
            "role": self.role(viewer),
            "registered_at": rfc3339(self.registered_at),
            "registered_at_jalali": jalali(self.registered_at),
        });
        if !self.pending.is_empty() {
            cheque["pending_masked"] = self.pending.iter().map(|n| mask_national_id(n)).collect();
        }
        if let Some(text) = &self.description {
            cheque["description"] = text.as_str().into();
        }
        if let Some(at) = self.presented_at {
            cheque["presented_at"] = rfc3339(at).into();
            cheque["presented_at_jalali"] = jalali(at).into();
        }
        Ok(cheque)
    }

    /// The contract's `ChequeReceipt` of `action`, with a new reference number.
    pub fn receipt(&self, action: &str, now: i64) -> ApiResult<Value> {
        let due = hamrah_core::calendar::parse_gregorian(&self.due_date)
            .map_err(|_| ApiError::internal())?;
        let shown = if self.offered.is_empty() {
            &self.holders
        } else {
            &self.offered
        };
        Ok(json!({
            "kind": "cheque",
            "action": action,
            "sayad_id": self.sayad_id,
            "status": self.status,
            "amount_rials": self.amount,
            "due_date": self.due_date,
            "due_date_jalali": jalali_date(due)?,
            "holders_masked": shown.iter().map(|n| mask_national_id(n)).collect::<Vec<_>>(),
            "reference_number": crate::ids::random_digits(12),
            "at": rfc3339(now),
            "at_jalali": jalali(now),
            "channel": "https",
        }))
    }
}

/// A registered cheque by Sayad ID.
pub fn load(conn: &Connection, sayad_id: &str) -> ApiResult<Option<ChequeRow>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM cheques WHERE sayad_id = ?1"
        ))?
        .query_row(params![sayad_id], ChequeRow::from_row)
        .optional()?)
}

/// The contract's `IssuerStanding` of a national ID.
pub fn standing(conn: &Connection, national_id: &str) -> ApiResult<Value> {
    let (count, amount): (i64, i64) = conn
        .prepare_cached(
            "SELECT COUNT(*), COALESCE(SUM(amount), 0) FROM returned_cheques
             WHERE national_id = ?1 AND cleared_at IS NULL",
        )?
        .query_row(params![national_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let colour = ChequeColour::of_record(count.unsigned_abs(), amount.unsigned_abs());
    Ok(json!({
        "colour": colour.id(),
        "colour_fa": colour.name_fa(),
        "returned_count": count,
        "returned_amount_rials": amount,
    }))
}

/// `001****141`.
pub fn mask_national_id(national_id: &str) -> String {
    match (national_id.get(..3), national_id.get(7..)) {
        (Some(head), Some(tail)) => format!("{head}****{tail}"),
        _ => "*".repeat(national_id.len()),
    }
}

/// The customer's national ID.
pub fn national_id_of(conn: &Connection, customer_id: &str) -> ApiResult<String> {
    Ok(conn
        .prepare_cached("SELECT national_id FROM customers WHERE id = ?1")?
        .query_row(params![customer_id], |r| r.get(0))?)
}

/// Sends `text` to the customer with `national_id`, if she banks here.
pub fn notify(tx: &Transaction<'_>, national_id: &str, text: &str, now: i64) -> ApiResult<()> {
    let mobile: Option<String> = tx
        .prepare_cached("SELECT mobile FROM customers WHERE national_id = ?1")?
        .query_row(params![national_id], |r| r.get(0))
        .optional()?;
    let Some(mobile) = mobile else {
        return Ok(());
    };
    let bank = hamrah_core::banks::by_id(crate::SANDBOX_BANK_ID).map_or("", |b| b.name_fa);
    let text = format!("{bank}\n{text}\n{}", jalali(now));
    sms::send(
        tx,
        &Sms {
            mobile: &mobile,
            kind: SmsKind::Cheque,
            text: &text,
            idempotency_key: None,
        },
        now,
    )
}

/// A 422 refusal of the cheque routes.
pub fn refuse(code: &str, fa: &str, en: &str) -> ApiError {
    ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, code, fa, en)
}

/// 404 `cheque.not_found`.
pub fn not_found() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "cheque.not_found",
        "چکی با این شناسه صیادی یافت نشد.",
        "No cheque has this Sayad ID.",
    )
}

/// 422 `cheque.state_invalid`: not possible in the cheque's status.
pub fn state_invalid() -> ApiError {
    refuse(
        "cheque.state_invalid",
        "این کار در وضعیت کنونی چک ممکن نیست.",
        "That is not possible in the cheque's current status.",
    )
}

/// 422 `cheque.payee_self`: to oneself.
pub fn payee_self() -> ApiError {
    refuse(
        "cheque.payee_self",
        "نمی‌توانید چک را در وجه خودتان صادر یا منتقل کنید.",
        "A cheque cannot be issued or transferred to yourself.",
    )
}

/// The Sayad ID of a path or body, parsed as the app parses it.
pub fn parse_sayad(text: &str, field: &str) -> ApiResult<hamrah_core::ids::SayadId> {
    text.parse::<hamrah_core::ids::SayadId>()
        .map_err(|e| ApiError::invalid(field, &e))
}

/// Grouped rials for notices.
pub fn grouped(amount: i64) -> String {
    hamrah_core::money::Rials::new(amount.unsigned_abs()).grouped()
}
