//! `card_block`: blocks an own card, exactly once per idempotency key; a card
//! already blocked answers 200 with its existing block.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use hamrah_core::ids::CardNumber;
use rusqlite::{OptionalExtension, Transaction, params};
use serde::Deserialize;
use serde_json::{Value, json};

use super::card_not_found;
use crate::auth::Session;
use crate::clock::{jalali, rfc3339};
use crate::error::{ApiError, ApiResult};
use crate::extract::{IdempotencyKey, JsonBody};
use crate::idempotency::{Outcome, run_once};
use crate::ids::random_digits;
use crate::sms::{self, Sms, SmsKind};
use crate::state::AppState;

/// Reasons the contract knows.
const REASONS: &[&str] = &["lost", "stolen", "damaged", "suspected_fraud", "other"];

/// Digits of a block's reference number.
const REFERENCE_DIGITS: u32 = 12;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CardBlockRequest {
    reason: Option<String>,
}

pub(crate) async fn card_block(
    State(state): State<AppState>,
    session: Session,
    Path(card_id): Path<String>,
    IdempotencyKey(key): IdempotencyKey,
    JsonBody(request): JsonBody<CardBlockRequest>,
) -> ApiResult<Outcome> {
    let reason = request.reason.ok_or_else(|| ApiError::missing("reason"))?;
    if !REASONS.contains(&reason.as_str()) {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "request.field_invalid",
            "دلیل مسدودسازی نامعتبر است.",
            "The block reason is not one of the allowed values.",
        )
        .with_field("reason"));
    }
    let now = state.clock.now();
    state
        .db
        .tx(move |tx| {
            let fingerprint = format!("card:{card_id}");
            run_once(
                tx,
                &session.customer_id,
                &key,
                "card_block",
                &fingerprint,
                now,
                |tx| block(tx, &session.customer_id, &card_id, &reason, now),
            )
        })
        .await
}

fn block(
    tx: &Transaction<'_>,
    customer_id: &str,
    card_id: &str,
    reason: &str,
    now: i64,
) -> ApiResult<(StatusCode, Value)> {
    type Row = (String, String, Option<i64>, Option<String>, Option<String>);
    let row: Option<Row> = tx
        .prepare_cached(
            "SELECT pan, status, blocked_at, block_reason, block_reference FROM cards WHERE id = ?1 AND customer_id = ?2",
        )?
        .query_row(params![card_id, customer_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .optional()?;
    let Some((pan, status, blocked_at, stored_reason, stored_reference)) = row else {
        return Err(card_not_found());
    };
    let pan_masked = pan
        .parse::<CardNumber>()
        .map(|p| p.masked())
        .map_err(|_| ApiError::internal())?;
    let (blocked_at, reason, reference) = if status == "blocked" {
        (
            blocked_at.unwrap_or(now),
            stored_reason.unwrap_or_else(|| reason.to_owned()),
            stored_reference.unwrap_or_else(|| random_digits(REFERENCE_DIGITS)),
        )
    } else {
        let reference = random_digits(REFERENCE_DIGITS);
        tx.prepare_cached(
            "UPDATE cards SET status = 'blocked', blocked_at = ?1, block_reason = ?2, block_reference = ?3 WHERE id = ?4",
        )?
        .execute(params![now, reason, reference, card_id])?;
        crate::soft_token::end(tx, card_id)?;
        notify(tx, customer_id, &pan_masked, now)?;
        (now, reason.to_owned(), reference)
    };
    Ok((
        StatusCode::OK,
        json!({
            "kind": "card_block",
            "card_id": card_id,
            "pan_masked": pan_masked,
            "state": "blocked",
            "reason": reason,
            "reference_number": reference,
            "blocked_at": rfc3339(blocked_at),
            "blocked_at_jalali": jalali(blocked_at),
        }),
    ))
}

fn notify(tx: &Transaction<'_>, customer_id: &str, pan_masked: &str, now: i64) -> ApiResult<()> {
    let mobile: String = tx
        .prepare_cached("SELECT mobile FROM customers WHERE id = ?1")?
        .query_row(params![customer_id], |r| r.get(0))?;
    let bank = hamrah_core::banks::by_id(crate::SANDBOX_BANK_ID).map_or("", |b| b.name_fa);
    let text = format!("{bank}\nکارت {pan_masked} مسدود شد.\n{}", jalali(now));
    sms::send(
        tx,
        &Sms {
            mobile: &mobile,
            kind: SmsKind::CardBlock,
            text: &text,
            idempotency_key: None,
        },
        now,
    )
}
