//! `POST /v1/bill-payments`: pays a bill from an own account or from a card
//! (CVV2, expiry and a dynamic PIN bound to `bill:{bill_id}:{payment_id}`);
//! fingerprint: bill ID, payment ID, amount, source.

use std::cell::Cell;

use crate::vault::cvv2::Cvv2Mac;
use axum::extract::State;
use axum::http::StatusCode;
use hamrah_core::ids::Bill;
use hamrah_core::store::Sealer;
use rusqlite::{Transaction, params};
use serde::Deserialize;
use serde_json::{Value, json};

use super::{KnownBill, amount, biller, find, parse_bill};
use crate::auth::{Channel, Session};
use crate::card_auth;
use crate::clock::{jalali, rfc3339};
use crate::config::BankRules;
use crate::error::{ApiError, ApiResult};
use crate::extract::{IdempotencyKey, JsonBody};
use crate::idempotency::{Outcome, run_once};
use crate::ids::{new_id, random_digits};
use crate::ledger::{self, Posting, internal};
use crate::payment_source::{self, Charge, Source, SourceBody};
use crate::pin;
use crate::sms::{self, Sms, SmsKind};
use crate::soft_token::{self, AcceptedCode};
use crate::state::AppState;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct BillPaymentRequest {
    bill_id: String,
    payment_id: String,
    amount_rials: i64,
    source: SourceBody,
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
    body.source.check_formats()?;
    let now = state.clock.now();
    let rules = state.rules.clone();
    let sealer = std::sync::Arc::clone(&state.sealer);
    let mac = std::sync::Arc::clone(&state.cvv2);
    let (customer_id, channel) = (session.customer_id, session.channel);
    state
        .db
        .tx(move |tx| {
            let known = find(tx, &bill)?;
            let source = payment_source::resolve(tx, &customer_id, body.source)?;
            let source_name = source.fingerprint_name();
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
    let payee = pin::bill_payee(bill.bill_id(), bill.payment_id());
    let charge = Charge {
        customer_id: order.customer_id,
        key: order.key,
        amount,
        payee: &payee,
        channel: order.channel,
        accepted_code: &order.accepted_code,
    };
    let (account_id, mobile) =
        payment_source::authorize(tx, rules, sealer, mac, order.source, &charge, now)?;
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
    sms::send_amount(
        tx,
        &Sms {
            mobile,
            kind: SmsKind::Bill,
            text: &text,
            idempotency_key: None,
        },
        amount + fee,
        now,
    )?;
    Ok((StatusCode::CREATED, receipt))
}
