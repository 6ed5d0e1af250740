//! Loans: `GET /v1/loans`, `GET /v1/loans/{loan_id}/instalments`,
//! `GET /v1/loans/{loan_id}/settlement-quote`, the loan inquiry by number
//! (`POST /v1/holder-inquiries/loan`) and `POST /v1/loan-payments`. Reads
//! run the notices due first ([`crate::loans::reminders`]), as clock moves do.

mod payment;

use axum::extract::{Path, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use hamrah_core::ids::LoanNumber;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::auth::Session;
use crate::clock::{jalali, rfc3339};
use crate::error::{ApiError, ApiResult};
use crate::extract::JsonBody;
use crate::loans::{self, reminders};
use crate::routes::config::bank_ref;
use crate::settlement::business_days::{start_of_day, tehran_date};
use crate::state::AppState;

/// The routes of this area.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/loans", get(loan_list))
        .route("/v1/loans/{loan_id}/instalments", get(loan_instalment_list))
        .route(
            "/v1/loans/{loan_id}/settlement-quote",
            get(loan_settlement_quote),
        )
        .route("/v1/holder-inquiries/loan", post(loan_holder_inquiry))
        .route("/v1/loan-payments", post(payment::loan_payment_create))
}

/// A loan number from a request, 400 with the parser's code.
pub(super) fn parse_loan_number(text: &str) -> ApiResult<LoanNumber> {
    text.parse()
        .map_err(|e| ApiError::invalid("loan_number", &e))
}

async fn loan_list(State(state): State<AppState>, session: Session) -> ApiResult<Json<Value>> {
    let now = state.clock.now();
    let rules = state.rules.loans.clone();
    let customer_id = session.customer_id;
    let items = state
        .db
        .tx(move |tx| {
            reminders::run_due(tx, now, &rules)?;
            let today = tehran_date(now)?;
            loans::of_customer(tx, &customer_id)?
                .iter()
                .map(|loan| {
                    let instalments = loans::instalments(tx, &loan.id)?;
                    Ok(loans::loan_json(loan, &instalments, today, &rules))
                })
                .collect::<ApiResult<Vec<Value>>>()
        })
        .await?;
    Ok(Json(json!({ "items": items })))
}

async fn loan_instalment_list(
    State(state): State<AppState>,
    session: Session,
    Path(loan_id): Path<String>,
) -> ApiResult<Json<Value>> {
    let now = state.clock.now();
    let rules = state.rules.loans.clone();
    let customer_id = session.customer_id;
    state
        .db
        .tx(move |tx| {
            reminders::run_due(tx, now, &rules)?;
            let loan = loans::own(tx, &customer_id, &loan_id)?;
            let today = tehran_date(now)?;
            let items: Vec<Value> = loans::instalments(tx, &loan.id)?
                .iter()
                .map(|i| loans::instalment_json(i, today, &rules))
                .collect();
            Ok(Json(json!({
                "loan_id": loan.id,
                "loan_number": loan.loan_number,
                "items": items,
            })))
        })
        .await
}

async fn loan_settlement_quote(
    State(state): State<AppState>,
    session: Session,
    Path(loan_id): Path<String>,
) -> ApiResult<Json<Value>> {
    let now = state.clock.now();
    let rules = state.rules.loans.clone();
    let customer_id = session.customer_id;
    state
        .db
        .read(move |conn| {
            let loan = loans::own(conn, &customer_id, &loan_id)?;
            if loan.settled_at.is_some() {
                return Err(loans::settled());
            }
            let today = tehran_date(now)?;
            let due = loans::unpaid(&loans::instalments(conn, &loan.id)?, today, &rules);
            let quote = loans::quote(&due, today);
            let tomorrow = today
                .tomorrow()
                .map_err(|_| ApiError::internal())
                .and_then(start_of_day)?;
            Ok(Json(json!({
                "loan_id": loan.id,
                "loan_number": loan.loan_number,
                "unpaid_rials": quote.unpaid,
                "penalty_rials": quote.penalty,
                "discount_rials": quote.discount,
                "amount_rials": quote.amount,
                "valid_until": rfc3339(tomorrow),
                "valid_until_jalali": jalali(tomorrow),
            })))
        })
        .await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LoanInquiry {
    loan_number: String,
}

async fn loan_holder_inquiry(
    State(state): State<AppState>,
    session: Session,
    JsonBody(body): JsonBody<LoanInquiry>,
) -> ApiResult<Json<Value>> {
    let number = parse_loan_number(&body.loan_number)?;
    let now = state.clock.now();
    let rules = state.rules.loans.clone();
    let bank = bank_ref(state.bank);
    let customer_id = session.customer_id;
    state
        .db
        .read(move |conn| {
            let loan = loans::by_number(conn, number.as_str())?;
            if loan.settled_at.is_some() {
                return Err(loans::settled());
            }
            let today = tehran_date(now)?;
            let max = usize::try_from(rules.max_instalments_per_payment).unwrap_or(1);
            let due: Vec<Value> =
                loans::unpaid(&loans::instalments(conn, &loan.id)?, today, &rules)
                    .iter()
                    .take(max)
                    .map(|d| loans::instalment_json(&d.instalment, today, &rules))
                    .collect();
            let own = loan.customer_id == customer_id;
            let mut reply = json!({
                "loan_number": loan.loan_number,
                "holder_name_masked": loans::mask_name(&loan.holder_name_fa),
                "loan_type": loan.loan_type,
                "bank": bank,
                "own": own,
                "due": due,
            });
            if own {
                reply["loan_id"] = loan.id.into();
            }
            Ok(Json(reply))
        })
        .await
}
