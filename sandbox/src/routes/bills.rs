//! Bills: `POST /v1/bill-inquiries` (biller, type, amount, paid) and
//! `POST /v1/bill-payments` (from an own account, or from a card with a
//! dynamic PIN), exactly once per idempotency key.

pub(super) mod payment;

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use hamrah_core::ids::Bill;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Deserialize;
use serde_json::{Value, json};

use super::dynamic_pins::parse_bill;
use crate::auth::Session;
use crate::clock::{jalali, rfc3339};
use crate::error::{ApiError, ApiResult};
use crate::extract::JsonBody;
use crate::state::AppState;

/// The routes of this area.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/bill-inquiries", post(bill_inquiry))
        .route("/v1/bill-payments", post(payment::bill_payment_create))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BillRef {
    bill_id: String,
    payment_id: String,
}

/// A bill the sandbox's billers know.
struct KnownBill {
    biller_fa: String,
    biller_en: String,
    paid_at: Option<i64>,
}

/// 404 `bill.not_found`.
fn not_found() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "bill.not_found",
        "قبضی با این شناسه‌ها یافت نشد.",
        "No bill with these IDs was found.",
    )
}

fn find(conn: &Connection, bill: &Bill) -> ApiResult<KnownBill> {
    conn.prepare_cached(
        "SELECT biller_fa, biller_en, paid_at FROM bills WHERE bill_id = ?1 AND payment_id = ?2",
    )?
    .query_row(params![bill.bill_id(), bill.payment_id()], |r| {
        Ok(KnownBill {
            biller_fa: r.get(0)?,
            biller_en: r.get(1)?,
            paid_at: r.get(2)?,
        })
    })
    .optional()?
    .ok_or_else(not_found)
}

/// The contract's `Biller`.
fn biller(bill: &Bill, known: &KnownBill) -> Value {
    json!({
        "biller_code": bill.company_code(),
        "name_fa": known.biller_fa,
        "name_en": known.biller_en,
    })
}

/// The bill's amount in rials, as the ledger counts.
fn amount(bill: &Bill) -> ApiResult<i64> {
    i64::try_from(bill.amount().get()).map_err(|_| ApiError::internal())
}

async fn bill_inquiry(
    State(state): State<AppState>,
    _session: Session,
    JsonBody(body): JsonBody<BillRef>,
) -> ApiResult<Json<Value>> {
    let bill = parse_bill(&body.bill_id, &body.payment_id, "")?;
    let lookup = bill.clone();
    let known = state.db.read(move |conn| find(conn, &lookup)).await?;
    let mut reply = json!({
        "bill_id": bill.bill_id(),
        "payment_id": bill.payment_id(),
        "bill_type": bill.bill_type().id(),
        "biller": biller(&bill, &known),
        "amount_rials": amount(&bill)?,
        "paid": known.paid_at.is_some(),
    });
    if let Some(paid_at) = known.paid_at {
        reply["paid_at"] = rfc3339(paid_at).into();
        reply["paid_at_jalali"] = jalali(paid_at).into();
    }
    Ok(Json(reply))
}
