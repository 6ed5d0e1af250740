//! The throttle of the activation's identity check: mismatches are counted
//! per national ID (known to the bank or not, so the throttle tells nothing
//! about who is a customer) and per client address in a sliding window
//! (`activation.*`); past either limit every start is refused with 429
//! `activation.too_many_attempts` before anything is compared.

use std::net::IpAddr;

use axum::http::StatusCode;
use rusqlite::{Connection, Transaction};

use super::refuse;
use crate::config::ActivationRules;
use crate::error::{ApiError, ApiResult};
use crate::failures::{self, Kind};

/// Who is trying: the national ID given and the client's address.
pub(super) struct Attempt<'a> {
    /// The national ID of the request.
    pub national_id: &'a str,
    /// The client's address (`None` off the HTTPS server).
    pub address: Option<IpAddr>,
}

impl Attempt<'_> {
    fn address(&self) -> Option<String> {
        self.address.map(|a| a.to_string())
    }
}

fn too_many(wait: u64) -> ApiError {
    refuse(
        StatusCode::TOO_MANY_REQUESTS,
        "activation.too_many_attempts",
        "تلاش‌های ناموفق فعال‌سازی بیش از حد مجاز است؛ بعداً دوباره تلاش کنید.",
        "Too many failed activation attempts; please try again later.",
    )
    .retry_after(wait)
}

/// 429 while the national ID or the address is past its limit.
pub(super) fn refuse_while_throttled(
    conn: &Connection,
    rules: &ActivationRules,
    attempt: &Attempt<'_>,
    now: i64,
) -> ApiResult<()> {
    let window = rules.identity_mismatch_window_seconds;
    let by_id = failures::wait_in_window(
        conn,
        Kind::ActivationIdentity,
        attempt.national_id,
        rules.identity_mismatches_per_national_id,
        window,
        now,
    )?;
    let by_address = match attempt.address() {
        Some(address) => failures::wait_in_window(
            conn,
            Kind::ActivationAddress,
            &address,
            rules.identity_mismatches_per_address,
            window,
            now,
        )?,
        None => None,
    };
    match by_id.max(by_address) {
        Some(wait) => Err(too_many(wait)),
        None => Ok(()),
    }
}

/// Counts one mismatch against the national ID and the address.
pub(super) fn record_mismatch(
    tx: &Transaction<'_>,
    rules: &ActivationRules,
    attempt: &Attempt<'_>,
    now: i64,
) -> ApiResult<()> {
    let forget_before = now - rules.identity_mismatch_window_seconds;
    let id = attempt.national_id;
    failures::record(tx, Kind::ActivationIdentity, id, None, now, forget_before)?;
    if let Some(address) = attempt.address() {
        failures::record(
            tx,
            Kind::ActivationAddress,
            &address,
            None,
            now,
            forget_before,
        )?;
    }
    Ok(())
}
