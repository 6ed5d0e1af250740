//! `POST /v1/bill-payments`: pays a bill from an own account or from a card
//! (CVV2, expiry and a dynamic PIN bound to `bill:{bill_id}:{payment_id}`);
//! fingerprint: bill ID, payment ID, amount, source.

use std::cell::Cell;

use crate::vault::cvv2::Cvv2Mac;
use axum::extract::State;
use axum::http::StatusCode;
use hamrah_core::ids::Bill;
use hamrah_core::store::Sealer;
use rusqlite::{OptionalExtension, Transaction, params};
use serde::Deserialize;
use serde_json::{Value, json};

use super::super::card_transfers::PinKind;
use super::{KnownBill, amount, biller, find, parse_bill};
use crate::auth::{Channel, Session};
use crate::card_auth::{self, CardRef, Printed, SourceCard};
use crate::clock::{jalali, rfc3339};
use crate::config::BankRules;
use crate::error::{ApiError, ApiResult};
use crate::extract::{IdempotencyKey, JsonBody};
use crate::idempotency::{Outcome, run_once};
use crate::ids::{new_id, random_digits};
use crate::ledger::{self, Posting, internal};
use crate::pin::{self, Payment};
use crate::sca::{self, AccountPayment, AccountPinKind, Authorization};
use crate::sms::{self, Sms, SmsKind};
use crate::soft_token::{self, AcceptedCode, CodeCheck};
use crate::state::AppState;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct BillPaymentRequest {
    bill_id: String,
    payment_id: String,
    amount_rials: i64,
    source: SourceBody,
}

#[derive(Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
enum SourceBody {
    Card {
        card: CardRef,
        expiry: String,
        cvv2: String,
        pin: String,
        pin_kind: PinKind,
    },
    Account {
        account_id: String,
        pin: Option<String>,
        pin_kind: Option<AccountPinKind>,
        token_card_id: Option<String>,
    },
}

/// Where the money comes from, found in the database.
enum Source {
    Card {
        card: Box<SourceCard>,
        expiry: String,
        cvv2: String,
        pin: String,
        pin_kind: PinKind,
    },
    Account {
        account_id: String,
        active: bool,
        mobile: String,
        authorization: Authorization,
    },
}

fn refuse(code: &str, fa: &str, en: &str) -> ApiError {
    ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, code, fa, en)
}

pub(crate) async fn bill_payment_create(
    State(state): State<AppState>,
    session: Session,
    IdempotencyKey(key): IdempotencyKey,
    JsonBody(body): JsonBody<BillPaymentRequest>,
) -> ApiResult<Outcome> {
    let bill = parse_bill(&body.bill_id, &body.payment_id, "")?;
    let amount_rials = card_auth::parse_amount(body.amount_rials, "amount_rials")?;
    if let SourceBody::Card {
        card,
        expiry,
        cvv2,
        pin,
        ..
    } = &body.source
    {
        card.parse("source.card")?;
        card_auth::parse_expiry(expiry, "source.expiry")?;
        card_auth::parse_cvv2(cvv2, "source.cvv2")?;
        card_auth::parse_pin(pin, "source.pin")?;
    }
    if let SourceBody::Account { pin: Some(pin), .. } = &body.source {
        card_auth::parse_pin(pin, "source.pin")?;
    }
    let now = state.clock.now();
    let rules = state.rules.clone();
    let sealer = std::sync::Arc::clone(&state.sealer);
    let mac = std::sync::Arc::clone(&state.cvv2);
    let (customer_id, channel) = (session.customer_id, session.channel);
    state
        .db
        .tx(move |tx| {
            let known = find(tx, &bill)?;
            let source = resolve(tx, &customer_id, body.source)?;
            let source_name = match &source {
                Source::Card { card, .. } => format!("card:{}", card.id),
                Source::Account { account_id, .. } => format!("account:{account_id}"),
            };
            let fingerprint = pin::bill_payment_fingerprint(
                bill.bill_id(),
                bill.payment_id(),
                amount_rials,
                &source_name,
            );
            let order = Order {
                customer_id: &customer_id,
                key: &key,
                bill: &bill,
                known: &known,
                amount: amount_rials,
                source: &source,
                channel,
                accepted_code: Cell::new(None),
            };
            let outcome = run_once(
                tx,
                &customer_id,
                &key,
                pin::BILL_PAYMENT,
                &fingerprint,
                now,
                |tx| pay(tx, &rules, &sealer, &mac, &order, now),
            );
            soft_token::keep_used(tx, &outcome, &order.accepted_code)?;
            match outcome {
                Ok(outcome) => Ok(Ok(outcome)),
                Err(refusal) if pin::keeps_state(&refusal) => Ok(Err(refusal)),
                Err(error) => Err(error),
            }
        })
        .await?
}

fn resolve(tx: &Transaction<'_>, customer_id: &str, body: SourceBody) -> ApiResult<Source> {
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

struct Order<'a> {
    customer_id: &'a str,
    key: &'a str,
    bill: &'a Bill,
    known: &'a KnownBill,
    amount: i64,
    source: &'a Source,
    channel: Channel,
    /// The soft-token code this payment used, kept used even if it is refused.
    accepted_code: Cell<Option<AcceptedCode>>,
}

/// Checks, postings to the billers' account, the bill marked paid, the record and the alert.
fn pay(
    tx: &Transaction<'_>,
    rules: &BankRules,
    sealer: &Sealer,
    mac: &Cvv2Mac,
    order: &Order<'_>,
    now: i64,
) -> ApiResult<(StatusCode, Value)> {
    let bill = order.bill;
    let amount = amount(bill)?;
    if order.amount != amount {
        return Err(refuse(
            "bill.amount_mismatch",
            "مبلغ با مبلغ قبض یکسان نیست.",
            "The amount differs from the bill's amount.",
        ));
    }
    if order.known.paid_at.is_some() {
        return Err(refuse(
            "bill.already_paid",
            "این قبض پیش‌تر پرداخت شده است.",
            "This bill has already been paid.",
        ));
    }
    let (account_id, mobile) = match order.source {
        Source::Card {
            card,
            expiry,
            cvv2,
            pin,
            pin_kind,
        } => {
            let payee = pin::bill_payee(bill.bill_id(), bill.payment_id());
            let printed = Printed { expiry, cvv2 };
            card_auth::authorize(
                tx,
                &rules.card_credentials,
                mac,
                order.customer_id,
                card,
                printed,
                now,
                || {
                    if let Some(kind) = pin_kind.code_kind() {
                        let check = CodeCheck {
                            card_id: &card.id,
                            kind,
                            code: pin,
                            amount,
                            payee: &payee,
                        };
                        let accepted =
                            soft_token::verify(tx, sealer, &rules.soft_token, &check, now)?;
                        order.accepted_code.set(Some(accepted));
                        Ok(())
                    } else {
                        let payment = Payment {
                            customer_id: order.customer_id,
                            key: order.key,
                            card_id: &card.id,
                            amount,
                            payee: &payee,
                        };
                        pin::verify(tx, &payment, pin, now)
                    }
                },
            )?;
            let account = card
                .account_id
                .as_deref()
                .unwrap_or(internal::SHETAB_SETTLEMENT);
            (account, card.mobile.as_str())
        }
        Source::Account {
            account_id,
            active,
            mobile,
            authorization,
        } => {
            if !active {
                return Err(refuse(
                    "account.inactive",
                    "حساب مسدود یا بسته است.",
                    "The account is blocked or closed.",
                ));
            }
            let payee = pin::bill_payee(bill.bill_id(), bill.payment_id());
            let payment = AccountPayment {
                customer_id: order.customer_id,
                key: order.key,
                account_id,
                amount,
                payee: &payee,
            };
            sca::verify(
                tx,
                rules,
                sealer,
                &payment,
                authorization,
                order.channel,
                &order.accepted_code,
                now,
            )?;
            (account_id.as_str(), mobile.as_str())
        }
    };
    let fee = rules.fees.bill_payment_rials;
    let payment_id = new_id("bpy");
    let biller_name = order.known.biller_fa.as_str();
    let mut postings = vec![
        Posting {
            account_id,
            amount: -(amount + fee),
            description_fa: "پرداخت قبض",
            counterparty: Some(biller_name),
        },
        Posting {
            account_id: internal::BILLERS,
            amount,
            description_fa: "وصول قبض",
            counterparty: None,
        },
    ];
    if fee != 0 {
        postings.push(Posting {
            account_id: internal::FEE_INCOME,
            amount: fee,
            description_fa: "کارمزد پرداخت قبض",
            counterparty: None,
        });
    }
    ledger::post(tx, "bill", Some(&payment_id), &postings, now)?;
    tx.prepare_cached(
        "UPDATE bills SET paid_at = ?3, transfer_id = ?4 WHERE bill_id = ?1 AND payment_id = ?2",
    )?
    .execute(params![bill.bill_id(), bill.payment_id(), now, payment_id])?;
    let balance: i64 = tx
        .prepare_cached("SELECT balance FROM accounts WHERE id = ?1")?
        .query_row(params![account_id], |r| r.get(0))?;
    let trace_number = random_digits(6);
    let reference_number = random_digits(12);
    let mut receipt = json!({
        "kind": "bill_payment",
        "bill_payment_id": payment_id,
        "idempotency_key": order.key,
        "status": "succeeded",
        "trace_number": trace_number,
        "reference_number": reference_number,
        "bill_id": bill.bill_id(),
        "payment_id": bill.payment_id(),
        "bill_type": bill.bill_type().id(),
        "biller": biller(bill, order.known),
        "amount_rials": amount,
        "fee_rials": fee,
        "total_debited_rials": amount + fee,
        "paid_at": rfc3339(now),
        "paid_at_jalali": jalali(now),
        "channel": order.channel.as_str(),
    });
    let (source_kind, source_id) = match order.source {
        Source::Card { card, .. } => {
            receipt["source_pan_masked"] = card.masked().into();
            if card.account_id.is_some() {
                receipt["source_balance_after_rials"] = balance.into();
            }
            ("card", card.id.as_str())
        }
        Source::Account { account_id, .. } => {
            receipt["source_account_id"] = account_id.as_str().into();
            receipt["source_balance_after_rials"] = balance.into();
            ("account", account_id.as_str())
        }
    };
    receipt["source_kind"] = source_kind.into();
    tx.prepare_cached(
        "INSERT INTO transfers (id, customer_id, kind, idempotency_key, source, destination, amount, fee,
                                status, trace_number, reference_number, created_at, receipt)
         VALUES (?1, ?2, 'bill', ?3, ?4, ?5, ?6, ?7, 'succeeded', ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        payment_id,
        order.customer_id,
        order.key,
        source_id,
        format!("{}/{}", bill.bill_id(), bill.payment_id()),
        amount,
        fee,
        trace_number,
        reference_number,
        now,
        receipt.to_string()
    ])?;
    let text = format!(
        "پرداخت قبض {}\nشناسه قبض {}\nمبلغ: {} ریال\nپیگیری: {trace_number}\n{}",
        biller_name,
        bill.bill_id(),
        amount + fee,
        jalali(now)
    );
    sms::send(
        tx,
        &Sms {
            mobile,
            kind: SmsKind::Debit,
            text: &text,
            idempotency_key: None,
        },
        now,
    )?;
    Ok((StatusCode::CREATED, receipt))
}
