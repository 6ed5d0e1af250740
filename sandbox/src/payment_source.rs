//! What pays a bill or a loan: one of the customer's accounts (with the
//! second factor of [`crate::sca`]) or a card, this bank's by id or PAN or
//! another Shetab bank's by PAN (its dynamic PIN or soft-token code, then its
//! CVV2 and expiry, in [`card_auth::authorize`]'s order). The contract's
//! `BillPaymentSource`, shared by `bill_payment_create`,
//! `loan_payment_create` and `topup_create`.

use std::cell::Cell;

use axum::http::StatusCode;
use hamrah_core::store::Sealer;
use rusqlite::{OptionalExtension, Transaction, params};
use serde::Deserialize;

use crate::auth::Channel;
use crate::card_auth::{self, CardRef, Printed, SourceCard};
use crate::config::BankRules;
use crate::error::{ApiError, ApiResult};
use crate::ledger::internal;
use crate::pin::{self, Payment};
use crate::routes::PinKind;
use crate::sca::{self, AccountPayment, AccountPinKind, Authorization};
use crate::soft_token::{self, AcceptedCode, CodeCheck};
use crate::vault::cvv2::Cvv2Mac;

/// The contract's `BillPaymentSource`, as sent.
#[derive(Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum SourceBody {
    /// A card with its printed credentials and second factor.
    Card {
        /// Which card.
        card: CardRef,
        /// `YYMM`, Jalali.
        expiry: String,
        /// 3 or 4 digits.
        cvv2: String,
        /// The dynamic PIN or soft-token code.
        pin: String,
        /// What `pin` is.
        pin_kind: PinKind,
    },
    /// One of the customer's accounts.
    Account {
        /// Which account.
        account_id: String,
        /// The second factor.
        pin: Option<String>,
        /// What `pin` is.
        pin_kind: Option<AccountPinKind>,
        /// With `ocra`, the card whose soft token made the code.
        token_card_id: Option<String>,
    },
}

impl SourceBody {
    /// Checks the formats of a card's credentials and any PIN (400s),
    /// naming fields under `source.`.
    pub fn check_formats(&self) -> ApiResult<()> {
        match self {
            Self::Card {
                card,
                expiry,
                cvv2,
                pin,
                ..
            } => {
                card.parse("source.card")?;
                card_auth::parse_expiry(expiry, "source.expiry")?;
                card_auth::parse_cvv2(cvv2, "source.cvv2")?;
                card_auth::parse_pin(pin, "source.pin")?;
            }
            Self::Account { pin: Some(pin), .. } => {
                card_auth::parse_pin(pin, "source.pin")?;
            }
            Self::Account { .. } => {}
        }
        Ok(())
    }
}

/// Where the money comes from, found in the database.
pub enum Source {
    /// A card.
    Card {
        /// The card.
        card: Box<SourceCard>,
        /// `YYMM`, Jalali.
        expiry: String,
        /// As typed.
        cvv2: String,
        /// The second factor.
        pin: String,
        /// What `pin` is.
        pin_kind: PinKind,
    },
    /// An account of the customer's.
    Account {
        /// Its id.
        account_id: String,
        /// Whether it is active.
        active: bool,
        /// The owner's mobile.
        mobile: String,
        /// The second factor.
        authorization: Authorization,
    },
}

impl Source {
    /// `card` or `account`, as receipts name the source's kind.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Card { .. } => "card",
            Self::Account { .. } => "account",
        }
    }

    /// How the fingerprint names it: `card:{card_id}` or `account:{account_id}`.
    pub fn fingerprint_name(&self) -> String {
        match self {
            Self::Card { card, .. } => format!("card:{}", card.id),
            Self::Account { account_id, .. } => format!("account:{account_id}"),
        }
    }
}

/// Finds the source the request names (404 `card.not_found` / `account.not_found`).
pub fn resolve(tx: &Transaction<'_>, customer_id: &str, body: SourceBody) -> ApiResult<Source> {
    match body {
        SourceBody::Card {
            card,
            expiry,
            cvv2,
            pin,
            pin_kind,
        } => Ok(Source::Card {
            card: Box::new(card_auth::find(tx, customer_id, &card.parse("source.card")?)?),
            expiry,
            cvv2,
            pin,
            pin_kind,
        }),
        SourceBody::Account {
            account_id,
            pin,
            pin_kind,
            token_card_id,
        } => tx
            .prepare_cached(
                "SELECT a.state = 'active', c.mobile FROM accounts a JOIN customers c ON c.id = a.customer_id
                 WHERE a.id = ?1 AND a.customer_id = ?2 AND a.kind = 'deposit'",
            )?
            .query_row(params![account_id, customer_id], |r| {
                Ok(Source::Account {
                    account_id: account_id.clone(),
                    active: r.get(0)?,
                    mobile: r.get(1)?,
                    authorization: Authorization {
                        pin: pin.clone(),
                        pin_kind,
                        token_card_id: token_card_id.clone(),
                    },
                })
            })
            .optional()?
            .ok_or_else(|| {
                ApiError::new(
                    StatusCode::NOT_FOUND,
                    "account.not_found",
                    "حساب یافت نشد.",
                    "The account was not found.",
                )
            }),
    }
}

/// One payment from a [`Source`]: what its second factor is bound to.
pub struct Charge<'a> {
    /// The paying customer.
    pub customer_id: &'a str,
    /// The payment's idempotency key.
    pub key: &'a str,
    /// Rials.
    pub amount: i64,
    /// The canonical payee (`bill:..`, `loan:..`).
    pub payee: &'a str,
    /// HTTPS or SMS.
    pub channel: Channel,
    /// The soft-token code used, kept used even if the payment is refused.
    pub accepted_code: &'a Cell<Option<AcceptedCode>>,
}

/// Checks the source's second factor (and a card's credentials) for
/// `charge`; returns the ledger account to debit and the mobile to alert.
pub fn authorize<'s>(
    tx: &Transaction<'_>,
    rules: &BankRules,
    sealer: &Sealer,
    mac: &Cvv2Mac,
    source: &'s Source,
    charge: &Charge<'_>,
    now: i64,
) -> ApiResult<(&'s str, &'s str)> {
    match source {
        Source::Card {
            card,
            expiry,
            cvv2,
            pin,
            pin_kind,
        } => {
            let printed = Printed { expiry, cvv2 };
            card_auth::authorize(
                tx,
                &rules.card_credentials,
                mac,
                charge.customer_id,
                card,
                printed,
                now,
                || {
                    if let Some(kind) = pin_kind.code_kind() {
                        let check = CodeCheck {
                            card_id: &card.id,
                            kind,
                            code: pin,
                            amount: charge.amount,
                            payee: charge.payee,
                        };
                        let accepted =
                            soft_token::verify(tx, sealer, &rules.soft_token, &check, now)?;
                        charge.accepted_code.set(Some(accepted));
                        Ok(())
                    } else {
                        let payment = Payment {
                            customer_id: charge.customer_id,
                            key: charge.key,
                            card_id: &card.id,
                            amount: charge.amount,
                            payee: charge.payee,
                        };
                        pin::verify(tx, &payment, pin, now)
                    }
                },
            )?;
            let account = card
                .account_id
                .as_deref()
                .unwrap_or(internal::SHETAB_SETTLEMENT);
            Ok((account, card.mobile.as_str()))
        }
        Source::Account {
            account_id,
            active,
            mobile,
            authorization,
        } => {
            if !active {
                return Err(ApiError::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "account.inactive",
                    "حساب مسدود یا بسته است.",
                    "The account is blocked or closed.",
                ));
            }
            let payment = AccountPayment {
                customer_id: charge.customer_id,
                key: charge.key,
                account_id,
                amount: charge.amount,
                payee: charge.payee,
            };
            sca::verify(
                tx,
                rules,
                sealer,
                &payment,
                authorization,
                charge.channel,
                charge.accepted_code,
                now,
            )?;
            Ok((account_id.as_str(), mobile.as_str()))
        }
    }
}
