//! Exactly once: a money-moving call's outcome is recorded under its
//! `Idempotency-Key` in the same transaction as its effects, and replayed for
//! the same key and operation fields.

use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use rusqlite::{OptionalExtension, Transaction, params};
use serde_json::Value;

use crate::db::run_cached;
use crate::error::{ApiError, ApiResult};

/// The outcome of a money-moving call: a status and a JSON body, fresh or replayed.
#[derive(Debug)]
pub struct Outcome {
    /// HTTP status.
    pub status: StatusCode,
    /// The body: a receipt or an `Error`.
    pub body: Value,
    /// True when this is the stored result of an earlier call.
    pub replayed: bool,
}

impl IntoResponse for Outcome {
    fn into_response(self) -> Response {
        let mut response = (self.status, axum::Json(self.body)).into_response();
        if self.replayed {
            response
                .headers_mut()
                .insert("idempotent-replayed", HeaderValue::from_static("true"));
        }
        response
    }
}

/// Whether an error outcome is recorded under the key (2xx always are): a
/// business refusal (422) other than the contract's correctable ones.
fn is_recorded(error: &ApiError) -> bool {
    error.status == StatusCode::UNPROCESSABLE_ENTITY
        && !hamrah_core::operation::Verdict::is_correctable(&error.code)
}

/// Runs a money-moving operation exactly once per `(customer, key)`.
///
/// `fingerprint` names the operation's fields (source, destination, amount,
/// ...; never PIN or CVV2). A recorded outcome with the same fingerprint is
/// returned again; another fingerprint is 409 `idempotency.conflict`. `work`
/// runs inside a savepoint: on a recorded refusal its effects are rolled back
/// and the refusal is stored; on any other error nothing is stored and the key
/// stays free.
pub fn run_once(
    tx: &Transaction<'_>,
    customer_id: &str,
    key: &str,
    operation: &str,
    fingerprint: &str,
    now: i64,
    work: impl FnOnce(&Transaction<'_>) -> ApiResult<(StatusCode, Value)>,
) -> ApiResult<Outcome> {
    if let Some(outcome) = recorded(tx, customer_id, key, operation, fingerprint)? {
        return Ok(outcome);
    }
    run_cached(tx, "SAVEPOINT operation")?;
    let (status, body) = match work(tx) {
        Ok(done) => {
            run_cached(tx, "RELEASE operation")?;
            done
        }
        Err(error) if is_recorded(&error) => {
            tx.execute_batch("ROLLBACK TO operation; RELEASE operation")?;
            let body = serde_json::to_value(&error).map_err(|_| ApiError::internal())?;
            (error.status, body)
        }
        Err(error) => return Err(error),
    };
    tx.prepare_cached(
        "INSERT INTO idempotency (customer_id, key, operation, fingerprint, http_status, response, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![customer_id, key, operation, fingerprint, status.as_u16(), body.to_string(), now])?;
    Ok(Outcome {
        status,
        body,
        replayed: false,
    })
}

/// The outcome recorded under a key, if any, checked against the fingerprint.
pub fn recorded(
    tx: &rusqlite::Connection,
    customer_id: &str,
    key: &str,
    operation: &str,
    fingerprint: &str,
) -> ApiResult<Option<Outcome>> {
    let row: Option<(String, String, u16, String)> = tx
        .prepare_cached(
            "SELECT operation, fingerprint, http_status, response FROM idempotency WHERE customer_id = ?1 AND key = ?2",
        )?
        .query_row(params![customer_id, key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?;
    let Some((stored_operation, stored_fingerprint, status, response)) = row else {
        return Ok(None);
    };
    if stored_operation != operation || stored_fingerprint != fingerprint {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "idempotency.conflict",
            "این کلید یکتایی پیش‌تر برای عملیات دیگری به کار رفته است.",
            "This Idempotency-Key was already used for a different operation.",
        )
        .with_field("Idempotency-Key"));
    }
    Ok(Some(Outcome {
        status: StatusCode::from_u16(status).map_err(|_| ApiError::internal())?,
        body: serde_json::from_str(&response).map_err(|_| ApiError::internal())?,
        replayed: true,
    }))
}
