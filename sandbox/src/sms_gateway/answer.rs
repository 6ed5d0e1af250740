//! The reply SMS: the outcome of an operation as a [`Reply`] frame (binary,
//! or GSM-7 text after a readable summary), or a plain refusal text; every
//! reply is also put in the outbox of the customer's mobile.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hamrah_core::sms::frame::{self, Direction, Header};
use hamrah_core::sms::{Encoding, OpCode, Reply, ReplyBody, SmsError, gsm7, summary, text};
use rusqlite::{Transaction, params};
use serde_json::Value;

use super::keys::{self, LiveKey};
use crate::error::{ApiError, ApiResult};

/// One reply SMS as the contract's `SmsReply` carries it.
#[derive(Debug, Clone)]
pub struct ReplySms {
    /// `binary`, `gsm7` or `text`.
    pub encoding: &'static str,
    /// Base64 of the frame (binary) or the SMS text.
    pub body: String,
    /// Segments (always 1: checked when built).
    pub segments: usize,
}

/// The plain GSM-7 text refusing a frame that was not executed.
pub fn refusal(error: SmsError) -> ReplySms {
    let body = text::refusal_text(error);
    ReplySms {
        encoding: "text",
        segments: gsm7::septet_count(&body).map_or(1, gsm7::text_segments),
        body,
    }
}

/// Seals `reply` under the frame's key with the next downlink counter.
pub fn sealed(
    tx: &Transaction<'_>,
    live: &LiveKey,
    reply: &Reply,
    encoding: Encoding,
) -> ApiResult<ReplySms> {
    let key_id = live.key.key_id();
    let counter = keys::next_down(tx, &live.customer_id, key_id)?;
    let header = Header {
        direction: Direction::Down,
        key_id,
        counter,
    };
    let plaintext = reply.encode().map_err(|_| ApiError::internal())?;
    let frame = frame::seal(&live.key, header, &plaintext).map_err(|_| ApiError::internal())?;
    Ok(match encoding {
        Encoding::Binary => ReplySms {
            encoding: "binary",
            segments: gsm7::binary_segments(frame.len()),
            body: STANDARD.encode(&frame),
        },
        Encoding::Gsm7 => {
            let body = text::reply_text(&summary::gsm7_line(reply), &frame)
                .map_err(|_| ApiError::internal())?;
            let septets = gsm7::septet_count(&body).ok_or_else(ApiError::internal)?;
            ReplySms {
                encoding: "gsm7",
                segments: gsm7::text_segments(septets),
                body,
            }
        }
    })
}

/// Puts the reply in the outbox of `mobile`.
pub fn record(
    tx: &Transaction<'_>,
    mobile: &str,
    sms: &ReplySms,
    key: Option<&str>,
    now: i64,
) -> ApiResult<()> {
    tx.prepare_cached(
        "INSERT INTO sms_outbox (mobile, kind, encoding, text, idempotency_key, created_at)
         VALUES (?1, 'sms_reply', ?2, ?3, ?4, ?5)",
    )?
    .execute(params![mobile, sms.encoding, sms.body, key, now])?;
    Ok(())
}

fn digits(value: &Value) -> String {
    value.as_str().unwrap_or_default().to_owned()
}

fn amount(value: &Value) -> u64 {
    value.as_u64().unwrap_or(0)
}

/// The reply body of a money-moving call's outcome: a receipt (by its
/// `kind`) or an `Error` body.
pub fn of_outcome(status: u16, body: &Value) -> (OpCode, ReplyBody) {
    let op = match body["kind"].as_str() {
        Some("bill_payment") => OpCode::BillPayment,
        Some("card_block") => OpCode::CardBlock,
        _ => OpCode::CardTransfer,
    };
    if !(200..300).contains(&status) {
        return (op, refused(body));
    }
    let reply = match op {
        OpCode::BillPayment => ReplyBody::Bill {
            amount: amount(&body["amount_rials"]),
            trace: digits(&body["trace_number"]),
            reference: digits(&body["reference_number"]),
        },
        OpCode::CardBlock => ReplyBody::Blocked {
            reference: digits(&body["reference_number"]),
        },
        _ => ReplyBody::Transfer {
            reversed: body["status"] == "reversed",
            amount: amount(&body["amount_rials"]),
            fee: amount(&body["fee_rials"]),
            trace: digits(&body["trace_number"]),
            reference: digits(&body["reference_number"]),
            balance_after: body["source_balance_after_rials"].as_i64(),
        },
    };
    (op, reply)
}

/// The reply body of an `Error` body.
pub fn refused(body: &Value) -> ReplyBody {
    ReplyBody::Refused {
        code: body["code"]
            .as_str()
            .unwrap_or("server.internal")
            .to_owned(),
    }
}

/// The reply body of an [`ApiError`].
pub fn refused_with(error: &ApiError) -> ReplyBody {
    ReplyBody::Refused {
        code: error.code.clone(),
    }
}
