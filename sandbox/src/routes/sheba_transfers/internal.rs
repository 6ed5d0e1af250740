//! `method: internal`: a SHEBA of this bank, moved at once between the two
//! accounts ([`crate::internal_transfer`]: its limits and fee, no PAYA or
//! SATNA cycle, both sides notified); the receipt is a SHEBA transfer's,
//! `settled` at acceptance.

use axum::http::StatusCode;
use rusqlite::Transaction;
use serde_json::{Value, json};

use super::accept::Acceptance;
use crate::clock::{jalali, rfc3339};
use crate::error::{ApiError, ApiResult};
use crate::internal_transfer::{self, Move};
use crate::routes::config::bank_ref;
use crate::settlement::business_days::{jalali_date, tehran_date};

/// Moves the money of an authorized internal order and records its receipt.
pub(super) fn accept(
    tx: &Transaction<'_>,
    acceptance: &Acceptance<'_>,
    source_sheba: &str,
) -> ApiResult<(StatusCode, Value)> {
    let order = acceptance.order;
    let bank = acceptance.bank;
    if !bank.sheba_codes.contains(&order.destination.bank_code()) {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "transfer.internal_other_bank",
            "انتقال داخلی فقط به حساب‌های همین بانک ممکن است؛ از پایا یا ساتنا استفاده کنید.",
            "An internal transfer goes only to this bank's accounts; use PAYA or SATNA.",
        ));
    }
    let now = acceptance.now;
    let source = internal_transfer::source(tx, acceptance.customer_id, &order.source_account_id)?;
    let destination = internal_transfer::by_sheba(tx, &order.destination)?;
    let m = Move {
        customer_id: acceptance.customer_id,
        key: acceptance.key,
        source: &source,
        destination: destination.as_ref(),
        amount: order.amount,
        kind: "internal",
        now,
    };
    let moved = internal_transfer::execute(tx, acceptance.rules, &m)?;
    let today = tehran_date(now)?;
    let mut receipt = json!({
        "kind": "sheba_transfer",
        "transfer_id": moved.transfer_id,
        "idempotency_key": acceptance.key,
        "method": "internal",
        "status": "settled",
        "trace_number": moved.trace_number,
        "reference_number": moved.reference_number,
        "source_account_id": order.source_account_id,
        "source_sheba": source_sheba,
        "destination_sheba": order.destination.as_str(),
        "destination_holder_name": destination.as_ref().map_or("", |d| d.name_fa.as_str()),
        "destination_bank": bank_ref(bank),
        "amount_rials": order.amount,
        "fee_rials": moved.fee,
        "total_debited_rials": order.amount + moved.fee,
        "accepted_at": rfc3339(now),
        "accepted_at_jalali": jalali(now),
        "effective_date": today.to_string(),
        "effective_date_jalali": jalali_date(today)?,
        "expected_settlement_at": rfc3339(now),
        "expected_settlement_at_jalali": jalali(now),
        "settled_at": rfc3339(now),
        "settled_at_jalali": jalali(now),
        "source_balance_after_rials": moved.balance_after,
        "channel": "https",
    });
    if let Some(text) = &order.description {
        receipt["description"] = text.clone().into();
    }
    internal_transfer::record(
        tx,
        &m,
        &moved,
        order.destination.as_str(),
        "settled",
        &receipt,
    )?;
    Ok((StatusCode::CREATED, receipt))
}
