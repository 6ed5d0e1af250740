//! What pays a purchase (a top-up; a bill's source has the same shape, the
//! contract's `BillPaymentSource`): one of the customer's accounts with its
//! second factor ([`crate::sca`]), or a card with its dynamic PIN or
//! soft-token code, CVV2 and expiry ([`crate::card_auth::authorize`]).

use std::cell::Cell;

use axum::http::StatusCode;
use hamrah_core::store::Sealer;
use rusqlite::{OptionalExtension, Transaction, params};
use serde::Deserialize;

use super::card_transfers::PinKind;
use crate::auth::Channel;
use crate::card_auth::{self, CardRef, Printed, SourceCard};
use crate::config::BankRules;
use crate::error::{ApiError, ApiResult};
use crate::ledger::internal;
use crate::pin::{self, Payment};
use crate::sca::{self, AccountPayment, AccountPinKind, Authorization};
use crate::soft_token::{self, AcceptedCode, CodeCheck};
use crate::vault::cvv2::Cvv2Mac;

/// The source as sent.
#[derive(Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub(crate) enum SourceBody {
    /// A card, with its printed credentials and second factor.
    Card {
        card: CardRef,
        expiry: String,
        cvv2: String,
        pin: String,
        pin_kind: PinKind,
    },
    /// An own account, with its second factor.
    Account {
        account_id: String,
        pin: Option<String>,
        pin_kind: Option<AccountPinKind>,
        token_card_id: Option<String>,
    },
}

impl SourceBody {
    /// The formats of the card's credentials and the PIN (400 with the field).
    pub(crate) fn check_formats(&self) -> ApiResult<()> {
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

/// The source, found in the database.
pub(crate) enum Source {
    /// A card.
    Card {
        card: Box<SourceCard>,
        expiry: String,
        cvv2: String,
        pin: String,
        pin_kind: PinKind,
    },
    /// An own deposit account.
    Account {
        account_id: String,
        active: bool,
        mobile: String,
        authorization: Authorization,
    },
}

/// Where the money comes from once authorized: the ledger account and the
/// mobile that gets the notice.
pub(crate) struct Debit<'a> {
    pub account_id: &'a str,
    pub mobile: &'a str,
}

/// One purchase to authorize.
pub(crate) struct Charge<'a> {
    pub customer_id: &'a str,
    pub key: &'a str,
    pub amount: i64,
    /// The canonical payee the second factor is bound to.
    pub payee: &'a str,
    pub channel: Channel,
}

/// Finds the source: the customer's card (or a Shetab card by PAN), or her deposit account.
pub(crate) fn resolve(
    tx: &Transaction<'_>,
    customer_id: &str,
    body: SourceBody,
) -> ApiResult<Source> {
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
            .ok_or_else(crate::routes::accounts::account_not_found),
    }
}

impl Source {
    /// `card:{card_id}` or `account:{account_id}`, for the fingerprint.
    pub(crate) fn name(&self) -> String {
        match self {
            Self::Card { card, .. } => format!("card:{}", card.id),
            Self::Account { account_id, .. } => format!("account:{account_id}"),
        }
    }

    /// `card` or `account`.
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Self::Card { .. } => "card",
            Self::Account { .. } => "account",
        }
    }

    /// Checks the source and its second factor for `charge` (a soft-token
    /// code accepted lands in `accepted`); the ledger account to debit.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn authorize(
        &self,
        tx: &Transaction<'_>,
        rules: &BankRules,
        sealer: &Sealer,
        mac: &Cvv2Mac,
        charge: &Charge<'_>,
        accepted: &Cell<Option<AcceptedCode>>,
        now: i64,
    ) -> ApiResult<Debit<'_>> {
        match self {
            Self::Card {
                card,
                expiry,
                cvv2,
                pin,
                pin_kind,
            } => {
                let printed = Printed { expiry, cvv2 };
                let second_factor = || match pin_kind.code_kind() {
                    Some(kind) => {
                        let check = CodeCheck {
                            card_id: &card.id,
                            kind,
                            code: pin,
                            amount: charge.amount,
                            payee: charge.payee,
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
                    None => pin::verify(
                        tx,
                        &Payment {
                            customer_id: charge.customer_id,
                            key: charge.key,
                            card_id: &card.id,
                            amount: charge.amount,
                            payee: charge.payee,
                        },
                        pin,
                        now,
                    ),
                };
                card_auth::authorize(
                    tx,
                    &rules.card_credentials,
                    mac,
                    charge.customer_id,
                    card,
                    printed,
                    now,
                    second_factor,
                )?;
                Ok(Debit {
                    account_id: card
                        .account_id
                        .as_deref()
                        .unwrap_or(internal::SHETAB_SETTLEMENT),
                    mobile: &card.mobile,
                })
            }
            Self::Account {
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
                    accepted,
                    now,
                )?;
                Ok(Debit { account_id, mobile })
            }
        }
    }
}
