//! Strong customer authentication of a payment from an account (a SHEBA
//! transfer, a bill paid from an account): on top of the session (and, once
//! the device is enrolled, its signature over amount and payee), a second
//! factor bound to the amount and payee (PSD2 RTS Art. 4 and 5, dynamic
//! linking):
//!
//! - `pin_kind: sms`: the dynamic PIN the bank sent to the customer's mobile
//!   for this payment (`dynamic_pin_request` with the account as source);
//! - `pin_kind: ocra`: a code of one of the customer's own soft tokens
//!   (`token_card_id`), made over this amount and payee.
//!
//! A frame of the SMS gateway is itself the proof: sealed with the device's
//! SMS key, which the app releases only after the local unlock, and bound to
//! amount and payee by its AEAD tag. Amounts below `sca.exempt_below_rials`
//! (0 by default: no exemption, RTS Art. 16 style) need no second factor.

use std::cell::Cell;

use axum::http::StatusCode;
use hamrah_core::store::Sealer;
use rusqlite::{OptionalExtension, Transaction, params};
use serde::Deserialize;

use crate::auth::Channel;
use crate::config::BankRules;
use crate::error::{ApiError, ApiResult};
use crate::pin::{self, Payment};
use crate::soft_token::{self, AcceptedCode, CodeCheck, CodeKind};

/// How the customer proves an account payment: the contract's `PinKind`
/// for account payments (a time-based code binds no payment, so it is not one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountPinKind {
    /// A PIN from `dynamic_pin_request`.
    Sms,
    /// A soft-token code bound to amount and payee.
    Ocra,
}

/// The second factor as sent with the payment.
#[derive(Debug, Clone, Default)]
pub struct Authorization {
    /// The PIN or code.
    pub pin: Option<String>,
    /// What it is.
    pub pin_kind: Option<AccountPinKind>,
    /// The card whose soft token made an `ocra` code.
    pub token_card_id: Option<String>,
}

/// One payment from an account.
#[derive(Debug, Clone, Copy)]
pub struct AccountPayment<'a> {
    /// The paying customer.
    pub customer_id: &'a str,
    /// Its idempotency key.
    pub key: &'a str,
    /// The paying account.
    pub account_id: &'a str,
    /// Rials.
    pub amount: i64,
    /// The canonical payee (`sheba:{sheba}`, `bill:{bill_id}:{payment_id}`).
    pub payee: &'a str,
}

/// What names an account as the source of a dynamic PIN.
pub fn pin_source(account_id: &str) -> String {
    format!("account:{account_id}")
}

/// 422 `sca.required`: a payment from an account without its second factor.
pub fn required() -> ApiError {
    ApiError::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "sca.required",
        "برای این پرداخت رمز پویا یا رمز رمزساز لازم است.",
        "This payment needs a dynamic PIN or a soft-token code.",
    )
    .with_field("pin")
}

/// Checks the second factor of `payment`; a soft-token code accepted is
/// put in `accepted`, to be marked used when the payment commits. A wrong
/// PIN is counted (the caller commits on [`pin::keeps_state`]).
#[allow(clippy::too_many_arguments)]
pub fn verify(
    tx: &Transaction<'_>,
    rules: &BankRules,
    sealer: &Sealer,
    payment: &AccountPayment<'_>,
    authorization: &Authorization,
    channel: Channel,
    accepted: &Cell<Option<AcceptedCode>>,
    now: i64,
) -> ApiResult<()> {
    if channel == Channel::Sms || payment.amount < rules.sca.exempt_below_rials {
        return Ok(());
    }
    let (Some(code), Some(kind)) = (&authorization.pin, authorization.pin_kind) else {
        return Err(required());
    };
    match kind {
        AccountPinKind::Sms => pin::verify(
            tx,
            &Payment {
                customer_id: payment.customer_id,
                key: payment.key,
                card_id: &pin_source(payment.account_id),
                amount: payment.amount,
                payee: payment.payee,
            },
            code,
            now,
        ),
        AccountPinKind::Ocra => {
            let card_id = authorization
                .token_card_id
                .as_deref()
                .ok_or_else(|| ApiError::missing("token_card_id"))?;
            let own: Option<i64> = tx
                .prepare_cached("SELECT 1 FROM cards WHERE id = ?1 AND customer_id = ?2")?
                .query_row(params![card_id, payment.customer_id], |r| r.get(0))
                .optional()?;
            if own.is_none() {
                return Err(soft_token::not_active());
            }
            let check = CodeCheck {
                card_id,
                kind: CodeKind::Ocra,
                code,
                amount: payment.amount,
                payee: payment.payee,
            };
            accepted.set(Some(soft_token::verify(
                tx,
                sealer,
                &rules.soft_token,
                &check,
                now,
            )?));
            Ok(())
        }
    }
}
