//! Holder inquiries: the name and bank behind a PAN (`card_holder_inquiry`)
//! or a SHEBA (`sheba_holder_inquiry`), shown before the customer pays.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use hamrah_core::banks::{self, Bank};
use hamrah_core::ids::{CardNumber, Sheba};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Deserialize;
use serde_json::{Value, json};

use super::config::bank_ref;
use crate::auth::Session;
use crate::error::{ApiError, ApiResult};
use crate::extract::JsonBody;
use crate::state::AppState;

/// The routes of this area.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/holder-inquiries/card", post(card_holder_inquiry))
        .route("/v1/holder-inquiries/sheba", post(sheba_holder_inquiry))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CardInquiry {
    pan: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ShebaInquiry {
    sheba: Option<String>,
}

/// A destination's holder as the bank knows it.
#[derive(Debug, Clone)]
pub struct Holder {
    /// The holder's Persian name.
    pub name_fa: String,
    /// The holder's bank.
    pub bank: &'static Bank,
    /// Whether money can be sent there now.
    pub creditable: bool,
}

/// The holder of a card, own or another bank's.
pub fn card_holder(conn: &Connection, pan: &CardNumber) -> ApiResult<Option<Holder>> {
    let row: Option<(String, String, String, bool, Option<String>)> = conn
        .prepare_cached(
            "SELECT k.holder_name_fa, k.bank_id, k.status, k.creditable, a.state
             FROM cards k LEFT JOIN accounts a ON a.id = k.account_id WHERE k.pan = ?1",
        )?
        .query_row(params![pan.as_str()], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .optional()?;
    Ok(
        row.and_then(|(name_fa, bank_id, status, creditable, account_state)| {
            let bank = banks::by_id(&bank_id).or_else(|| pan.bank())?;
            Some(Holder {
                name_fa,
                bank,
                creditable: status == "active"
                    && creditable
                    && account_state.is_none_or(|s| s == "active"),
            })
        }),
    )
}

/// The holder of a SHEBA: an account of this bank or a known SHEBA of another.
pub fn sheba_holder(
    conn: &Connection,
    own_bank: &'static Bank,
    sheba: &Sheba,
) -> ApiResult<Option<Holder>> {
    let own: Option<(String, String)> = conn
        .prepare_cached(
            "SELECT c.name_fa, a.state FROM accounts a JOIN customers c ON c.id = a.customer_id
             WHERE a.sheba = ?1 AND a.kind = 'deposit'",
        )?
        .query_row(params![sheba.as_str()], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    if let Some((name_fa, state)) = own {
        return Ok(Some(Holder {
            name_fa,
            bank: own_bank,
            creditable: state == "active",
        }));
    }
    let other: Option<(String, String, bool)> = conn
        .prepare_cached(
            "SELECT holder_name_fa, bank_id, creditable FROM external_shebas WHERE sheba = ?1",
        )?
        .query_row(params![sheba.as_str()], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    Ok(other.and_then(|(name_fa, bank_id, creditable)| {
        Some(Holder {
            name_fa,
            bank: banks::by_id(&bank_id).or_else(|| sheba.bank())?,
            creditable,
        })
    }))
}

async fn card_holder_inquiry(
    State(state): State<AppState>,
    _session: Session,
    JsonBody(request): JsonBody<CardInquiry>,
) -> ApiResult<Json<Value>> {
    let pan = request
        .pan
        .ok_or_else(|| ApiError::missing("pan"))?
        .parse::<CardNumber>()
        .map_err(|e| ApiError::invalid("pan", &e))?;
    let lookup = pan.clone();
    let holder = state
        .db
        .read(move |conn| card_holder(conn, &lookup))
        .await?
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::NOT_FOUND,
                "inquiry.card_not_found",
                "کارتی با این شماره یافت نشد.",
                "No card with this number was found.",
            )
        })?;
    if !holder.creditable {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "inquiry.card_not_creditable",
            "امکان واریز به این کارت وجود ندارد.",
            "This card cannot receive transfers.",
        ));
    }
    Ok(Json(json!({
        "pan_masked": pan.masked(),
        "holder_name": holder.name_fa,
        "bank": bank_ref(holder.bank),
    })))
}

async fn sheba_holder_inquiry(
    State(state): State<AppState>,
    _session: Session,
    JsonBody(request): JsonBody<ShebaInquiry>,
) -> ApiResult<Json<Value>> {
    let sheba = request
        .sheba
        .ok_or_else(|| ApiError::missing("sheba"))?
        .parse::<Sheba>()
        .map_err(|e| ApiError::invalid("sheba", &e))?;
    let lookup = sheba.clone();
    let own_bank = state.bank;
    let holder = state
        .db
        .read(move |conn| sheba_holder(conn, own_bank, &lookup))
        .await?
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::NOT_FOUND,
                "inquiry.sheba_not_found",
                "حسابی با این شماره شبا یافت نشد.",
                "No account with this SHEBA number was found.",
            )
        })?;
    if !holder.creditable {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "inquiry.sheba_not_creditable",
            "امکان واریز به این حساب وجود ندارد.",
            "This account cannot receive transfers.",
        ));
    }
    Ok(Json(json!({
        "sheba": sheba.as_str(),
        "holder_name": holder.name_fa,
        "bank": bank_ref(holder.bank),
    })))
}
