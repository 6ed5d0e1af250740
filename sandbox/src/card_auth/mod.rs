//! The source card of a card payment (card transfer, bill payment, dynamic
//! PIN): named by id or PAN, found among the customer's own cards or the
//! other banks' Shetab cards the sandbox knows, and checked for its printed
//! credentials (CVV2, expiry), its state and its expiry date.
//!
//! [`authorize`] fixes the order of a payment's card checks so that nothing
//! is said about the CVV2 or expiry before the second factor is right.

pub mod velocity;

use axum::http::StatusCode;
use hamrah_core::calendar::{JalaliDate, tehran};
use hamrah_core::ids::{CardExpiry, CardNumber, Cvv2, SecondPin};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::Deserialize;

use crate::config::CardCredentialRules;
use crate::error::{ApiError, ApiResult};
use crate::sms::{self, Sms, SmsKind};
use crate::vault::cvv2::Cvv2Mac;

/// The contract's `CardRef`: an own card by `card_id`, or any Shetab card by `pan`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CardRef {
    /// An own card's id.
    pub card_id: Option<String>,
    /// A card number.
    pub pan: Option<String>,
}

/// A parsed [`CardRef`].
#[derive(Debug, Clone)]
pub enum CardKey {
    /// By id (own cards only).
    Id(String),
    /// By PAN (own cards and other banks' cards).
    Pan(CardNumber),
}

impl CardRef {
    /// Parses the reference; `field` is its JSON name (`source`, `source.card`).
    pub fn parse(&self, field: &str) -> ApiResult<CardKey> {
        match (&self.card_id, &self.pan) {
            (Some(id), None) => Ok(CardKey::Id(id.clone())),
            (None, Some(pan)) => pan
                .parse::<CardNumber>()
                .map(CardKey::Pan)
                .map_err(|e| ApiError::invalid(&format!("{field}.pan"), &e)),
            _ => Err(
                ApiError::malformed("Name the card by exactly one of card_id or pan.")
                    .with_field(field),
            ),
        }
    }
}

/// A card that pays.
#[derive(Debug, Clone)]
pub struct SourceCard {
    /// Its id.
    pub id: String,
    /// Its number.
    pub pan: String,
    /// The issuing bank.
    pub bank_id: String,
    /// The account behind it; `None` for another bank's card (debited through Shetab).
    pub account_id: Option<String>,
    /// The mobile that receives its dynamic PINs and debit alerts.
    pub mobile: String,
    expiry: String,
    /// The keyed hash of its CVV2 ([`crate::vault::cvv2`]).
    cvv2_mac: String,
    status: String,
}

impl SourceCard {
    /// `603799******0602`.
    pub fn masked(&self) -> String {
        mask_pan(&self.pan)
    }

    /// Tells the owner by SMS that repeated wrong `what_fa` locked `locked_fa`
    /// of this card until the end of the Tehran day («پرداخت با کارت»).
    pub(crate) fn tell_owner_locked(
        &self,
        tx: &Transaction<'_>,
        what_fa: &str,
        locked_fa: &str,
        now: i64,
    ) -> ApiResult<()> {
        let text = format!(
            "به دلیل ورود نادرست پیاپی {what_fa}، {locked_fa} {} تا پایان امروز مسدود شد.\nاگر شما نبوده‌اید، فوراً با بانک تماس بگیرید.",
            self.masked()
        );
        let notice = Sms {
            mobile: &self.mobile,
            kind: SmsKind::Security,
            text: &text,
            idempotency_key: None,
        };
        sms::send(tx, &notice, now)?;
        Ok(())
    }
}

/// `603799******0602`.
pub fn mask_pan(pan: &str) -> String {
    match (pan.get(..6), pan.get(pan.len().saturating_sub(4)..)) {
        (Some(bin), Some(last4)) if pan.len() == 16 => format!("{bin}******{last4}"),
        _ => "000000******0000".to_owned(),
    }
}

/// `0912***4567`.
pub fn mask_mobile(mobile: &str) -> String {
    match (mobile.get(..4), mobile.get(7..)) {
        (Some(head), Some(tail)) => format!("{head}***{tail}"),
        _ => mobile.to_owned(),
    }
}

/// 404 `card.not_found`.
pub fn not_found() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "card.not_found",
        "کارت یافت نشد.",
        "The card was not found.",
    )
}

/// Finds the paying card: an own card by id or PAN, or another bank's card
/// the sandbox knows by PAN (its alerts go to the caller's mobile).
pub fn find(conn: &Connection, customer_id: &str, key: &CardKey) -> ApiResult<SourceCard> {
    let (sql, value) = match key {
        CardKey::Id(id) => (
            "SELECT k.id, k.pan, k.bank_id, k.account_id, me.mobile, k.expiry, k.cvv2, k.status
             FROM cards k JOIN customers me ON me.id = ?1
             WHERE k.id = ?2 AND k.customer_id = ?1",
            id.as_str(),
        ),
        CardKey::Pan(pan) => (
            "SELECT k.id, k.pan, k.bank_id, k.account_id, me.mobile, k.expiry, k.cvv2, k.status
             FROM cards k JOIN customers me ON me.id = ?1
             WHERE k.pan = ?2 AND (k.customer_id = ?1 OR k.customer_id IS NULL)",
            pan.as_str(),
        ),
    };
    conn.prepare_cached(sql)?
        .query_row(params![customer_id, value], |r| {
            Ok(SourceCard {
                id: r.get(0)?,
                pan: r.get(1)?,
                bank_id: r.get(2)?,
                account_id: r.get(3)?,
                mobile: r.get(4)?,
                expiry: r.get(5)?,
                cvv2_mac: r.get(6)?,
                status: r.get(7)?,
            })
        })
        .optional()?
        .ok_or_else(not_found)
}

/// Refuses a blocked card (`card.blocked`) or one past its expiry month (`card.expired`).
pub fn check_usable(card: &SourceCard, now: i64) -> ApiResult<()> {
    if card.status != "active" {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "card.blocked",
            "کارت مسدود است.",
            "The card is blocked.",
        ));
    }
    if is_expired(&card.expiry, now) {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "card.expired",
            "تاریخ انقضای کارت گذشته است.",
            "The card has expired.",
        ));
    }
    Ok(())
}

/// 422 `card.credentials_invalid`: never says whether the CVV2 or the expiry.
pub fn credentials_invalid() -> ApiError {
    ApiError::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "card.credentials_invalid",
        "اطلاعات کارت (CVV2 یا تاریخ انقضا) نادرست است.",
        "The card's CVV2 or expiry date is not correct.",
    )
}

/// The card's printed credentials as given with a payment.
#[derive(Debug, Clone, Copy)]
pub struct Printed<'a> {
    /// `YYMM`, Jalali.
    pub expiry: &'a str,
    /// 3 or 4 digits.
    pub cvv2: &'a str,
}

/// A payment's card checks, in an order that says nothing about the CVV2 or
/// expiry before the second factor: the velocity lock (423), the card's state,
/// `second_factor` (the dynamic PIN or soft-token code, whose refusals are the
/// same whatever the CVV2), and only then the CVV2 and expiry. A right second
/// factor is spent even when they are wrong, so each guess costs a new PIN;
/// a wrong one counts towards the lock ([`velocity`]). The caller commits on
/// `card.credentials_*` (see [`crate::pin::keeps_state`]).
#[allow(clippy::too_many_arguments)]
pub fn authorize(
    tx: &Transaction<'_>,
    rules: &CardCredentialRules,
    cvv2: &Cvv2Mac,
    customer_id: &str,
    card: &SourceCard,
    printed: Printed<'_>,
    now: i64,
    second_factor: impl FnOnce() -> ApiResult<()>,
) -> ApiResult<()> {
    velocity::refuse_while_locked(tx, rules, customer_id, &card.id, now)?;
    check_usable(card, now)?;
    second_factor()?;
    let cvv2_right = cvv2.verifies(&card.pan, printed.cvv2, &card.cvv2_mac);
    if (card.expiry == printed.expiry) & cvv2_right {
        return Ok(());
    }
    Err(velocity::record_failure(tx, rules, customer_id, card, now)?)
}

/// Whether a card's `YYMM` Jalali expiry is before this Tehran month (an
/// unreadable stored expiry counts as expired).
fn is_expired(expiry: &str, now: i64) -> bool {
    let Ok(expiry) = expiry.parse::<CardExpiry>() else {
        return true;
    };
    jiff::Timestamp::from_second(now)
        .ok()
        .map(|ts| ts.to_zoned(tehran()).date())
        .and_then(|date| JalaliDate::from_gregorian(date).ok())
        .is_some_and(|today| expiry.is_expired_on(today))
}

/// A card expiry as printed, `YYMM` (Jalali); 400 `card.expiry_format`.
pub fn parse_expiry(value: &str, field: &str) -> ApiResult<CardExpiry> {
    value.parse().map_err(|e| ApiError::invalid(field, &e))
}

/// A CVV2 of 3 or 4 digits; 400 `card.cvv2_format`.
pub fn parse_cvv2(value: &str, field: &str) -> ApiResult<Cvv2> {
    value.parse().map_err(|e| ApiError::invalid(field, &e))
}

/// A second PIN of 5 to 12 digits; 400 `pin.format`.
pub fn parse_pin(value: &str, field: &str) -> ApiResult<SecondPin> {
    value.parse().map_err(|e| ApiError::invalid(field, &e))
}

/// The largest amount the contract admits (`PositiveRials`).
const MAX_AMOUNT: i64 = 999_999_999_999_999;

/// A strictly positive amount of rials; 400 `amount.invalid`.
pub fn parse_amount(value: i64, field: &str) -> ApiResult<i64> {
    if (1..=MAX_AMOUNT).contains(&value) {
        Ok(value)
    } else {
        Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "amount.invalid",
            "مبلغ باید عددی مثبت به ریال باشد.",
            "The amount must be a positive number of rials.",
        )
        .with_field(field))
    }
}
