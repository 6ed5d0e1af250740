//! `cheque_register` (ثبت چک): the issuer registers a cheque on one of her
//! unused leaves, for one to three payees by national ID, with a second
//! factor bound to its amount and `cheque:{sayad_id}` (the cheque commits
//! money); exactly once per idempotency key.

use std::cell::Cell;

use axum::extract::State;
use axum::http::StatusCode;
use hamrah_core::ids::NationalId;
use rusqlite::{OptionalExtension, Transaction, params};
use serde::Deserialize;
use serde_json::Value;

use crate::auth::Session;
use crate::card_auth;
use crate::cheques::{self, ChequeRow, grouped, present, refuse};
use crate::error::{ApiError, ApiResult};
use crate::extract::{IdempotencyKey, JsonBody};
use crate::idempotency::{Outcome, run_once};
use crate::pin;
use crate::sca::{self, AccountPayment, AccountPinKind, Authorization};
use crate::settlement::business_days::tehran_date;
use crate::soft_token;
use crate::state::AppState;

/// Payees a cheque may name.
const MAX_PAYEES: usize = 3;
/// The longest description, in characters.
const MAX_DESCRIPTION: usize = 100;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ChequeRegisterRequest {
    sayad_id: Option<String>,
    amount_rials: Option<i64>,
    due_date: Option<String>,
    payee_national_ids: Option<Vec<String>>,
    description: Option<String>,
    pin: Option<String>,
    pin_kind: Option<AccountPinKind>,
    token_card_id: Option<String>,
}

fn bad(code: &str, field: &str, fa: &str, en: &str) -> ApiError {
    ApiError::new(StatusCode::BAD_REQUEST, code, fa, en).with_field(field)
}

/// A checked registration.
struct Order {
    sayad_id: String,
    amount: i64,
    due_date: String,
    payees: Vec<String>,
    description: Option<String>,
    authorization: Authorization,
}

fn validate(request: ChequeRegisterRequest, now: i64) -> ApiResult<Order> {
    let sayad_id = cheques::parse_sayad(
        &request
            .sayad_id
            .ok_or_else(|| ApiError::missing("sayad_id"))?,
        "sayad_id",
    )?;
    let amount = card_auth::parse_amount(
        request
            .amount_rials
            .ok_or_else(|| ApiError::missing("amount_rials"))?,
        "amount_rials",
    )?;
    let due_invalid = || {
        bad(
            "cheque.due_date_invalid",
            "due_date",
            "تاریخ سررسید چک نامعتبر است یا گذشته است.",
            "The cheque's due date is not valid or has passed.",
        )
    };
    let due = hamrah_core::calendar::parse_gregorian(
        &request
            .due_date
            .ok_or_else(|| ApiError::missing("due_date"))?,
    )
    .map_err(|_| due_invalid())?;
    if due < tehran_date(now)? {
        return Err(due_invalid());
    }
    let raw = request
        .payee_national_ids
        .ok_or_else(|| ApiError::missing("payee_national_ids"))?;
    let mut payees = Vec::with_capacity(raw.len());
    for text in &raw {
        let id = text
            .parse::<NationalId>()
            .map_err(|e| ApiError::invalid("payee_national_ids", &e))?;
        payees.push(id.as_str().to_owned());
    }
    let mut unique = payees.clone();
    unique.sort();
    unique.dedup();
    if payees.is_empty() || payees.len() > MAX_PAYEES || unique.len() != payees.len() {
        return Err(bad(
            "cheque.payee_count",
            "payee_national_ids",
            "چک باید در وجه یک تا سه نفر با کد ملی متفاوت باشد.",
            "A cheque names one to three different payees.",
        ));
    }
    if request
        .description
        .as_ref()
        .is_some_and(|d| d.chars().count() > MAX_DESCRIPTION)
    {
        return Err(bad(
            "cheque.description_too_long",
            "description",
            "شرح چک بیش از حد طولانی است.",
            "The cheque's description is too long.",
        ));
    }
    if let Some(pin) = &request.pin {
        card_auth::parse_pin(pin, "pin")?;
    }
    Ok(Order {
        sayad_id: sayad_id.as_str().to_owned(),
        amount,
        due_date: due.to_string(),
        payees,
        description: request.description.filter(|d| !d.trim().is_empty()),
        authorization: Authorization {
            pin: request.pin,
            pin_kind: request.pin_kind,
            token_card_id: request.token_card_id,
        },
    })
}

pub(crate) async fn cheque_register(
    State(state): State<AppState>,
    session: Session,
    IdempotencyKey(key): IdempotencyKey,
    JsonBody(request): JsonBody<ChequeRegisterRequest>,
) -> ApiResult<Outcome> {
    let now = state.clock.now();
    let order = validate(request, now)?;
    let fingerprint = format!(
        "{}|{}|{}|{}",
        order.sayad_id,
        order.amount,
        order.due_date,
        order.payees.join(",")
    );
    let rules = std::sync::Arc::clone(&state.rules);
    let sealer = std::sync::Arc::clone(&state.sealer);
    state
        .db
        .tx(move |tx| {
            present::run_due(tx, now)?;
            let accepted = Cell::new(None);
            let outcome = run_once(
                tx,
                &session.customer_id,
                &key,
                "cheque_register",
                &fingerprint,
                now,
                |tx| {
                    let (account_id, serial) = own_leaf(tx, &session.customer_id, &order)?;
                    let payee = format!("cheque:{}", order.sayad_id);
                    let payment = AccountPayment {
                        customer_id: &session.customer_id,
                        key: &key,
                        account_id: &account_id,
                        amount: order.amount,
                        payee: &payee,
                    };
                    sca::verify(
                        tx,
                        &rules,
                        &sealer,
                        &payment,
                        &order.authorization,
                        session.channel,
                        &accepted,
                        now,
                    )?;
                    register(tx, &session.customer_id, &account_id, serial, &order, now)
                },
            );
            soft_token::keep_used(tx, &outcome, &accepted)?;
            match outcome {
                Ok(outcome) => Ok(Ok(outcome)),
                Err(refusal) if pin::keeps_state(&refusal) => Ok(Err(refusal)),
                Err(error) => Err(error),
            }
        })
        .await?
}

/// The leaf: the customer's, unused, on an active account; its account and serial.
fn own_leaf(tx: &Transaction<'_>, customer_id: &str, order: &Order) -> ApiResult<(String, String)> {
    let found: Option<(String, String, String, String, String)> = tx
        .prepare_cached(
            "SELECT l.state, l.serial, b.account_id, a.state, c.national_id FROM cheque_leaves l
             JOIN cheque_books b ON b.id = l.book_id JOIN accounts a ON a.id = b.account_id
             JOIN customers c ON c.id = b.customer_id
             WHERE l.sayad_id = ?1 AND b.customer_id = ?2",
        )?
        .query_row(params![order.sayad_id, customer_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .optional()?;
    let Some((leaf_state, serial, account_id, account_state, national_id)) = found else {
        return Err(cheques::not_found());
    };
    if leaf_state != "unused" {
        return Err(refuse(
            "cheque.leaf_not_available",
            "این برگ چک پیش‌تر صادر یا باطل شده است.",
            "This cheque leaf was already issued or cancelled.",
        ));
    }
    if account_state != "active" {
        return Err(refuse(
            "account.inactive",
            "حساب این دسته‌چک فعال نیست.",
            "The cheque book's account is blocked or closed.",
        ));
    }
    if order.payees.contains(&national_id) {
        return Err(cheques::payee_self());
    }
    Ok((account_id, serial))
}

fn register(
    tx: &Transaction<'_>,
    customer_id: &str,
    account_id: &str,
    serial: String,
    order: &Order,
    now: i64,
) -> ApiResult<(StatusCode, Value)> {
    let (national_id, name_fa): (String, String) = tx
        .prepare_cached("SELECT national_id, name_fa FROM customers WHERE id = ?1")?
        .query_row(params![customer_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let cheque = ChequeRow {
        sayad_id: order.sayad_id.clone(),
        serial,
        issuer_national_id: national_id,
        issuer_name_fa: name_fa,
        issuer_bank_id: crate::SANDBOX_BANK_ID.to_owned(),
        account_id: Some(account_id.to_owned()),
        amount: order.amount,
        due_date: order.due_date.clone(),
        description: order.description.clone(),
        status: "pending_acceptance".into(),
        holders: order.payees.clone(),
        pending: order.payees.clone(),
        offered: Vec::new(),
        registered_at: now,
        presented_at: None,
    };
    tx.prepare_cached(
        "INSERT INTO cheques (sayad_id, serial, issuer_national_id, issuer_name_fa, issuer_bank_id, account_id,
                              amount, due_date, description, status, holders, pending, registered_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        cheque.sayad_id,
        cheque.serial,
        cheque.issuer_national_id,
        cheque.issuer_name_fa,
        cheque.issuer_bank_id,
        cheque.account_id,
        cheque.amount,
        cheque.due_date,
        cheque.description,
        cheque.status,
        cheque.holders.join(","),
        cheque.pending.join(","),
        now
    ])?;
    tx.prepare_cached("UPDATE cheque_leaves SET state = 'issued' WHERE sayad_id = ?1")?
        .execute(params![order.sayad_id])?;
    for payee in &order.payees {
        cheques::notify(
            tx,
            payee,
            &format!(
                "چک صیادی به مبلغ {} ریال از {} در وجه شما ثبت شد؛ برای تأیید یا رد آن به همراه بانک بروید.",
                grouped(order.amount),
                cheque.issuer_name_fa
            ),
            now,
        )?;
    }
    Ok((StatusCode::CREATED, cheque.receipt("register", now)?))
}
