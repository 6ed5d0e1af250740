//! The card transfer itself, inside the request's one transaction: checks in
//! order (card lock and state, PIN, credentials, limits, destination, usage), the
//! postings, an automatic reversal when the destination cannot be credited,
//! the `transfers` row, the receipt and the SMS alerts.

use std::cell::Cell;

use crate::vault::cvv2::Cvv2Mac;
use axum::http::StatusCode;
use hamrah_core::ids::CardNumber;
use hamrah_core::store::Sealer;
use rusqlite::{OptionalExtension, Transaction, params};
use serde_json::{Value, json};

use super::PinKind;
use crate::auth::Channel;
use crate::card_auth::{self, Printed, SourceCard, mask_pan};
use crate::clock::{jalali, rfc3339};
use crate::config::BankRules;
use crate::error::{ApiError, ApiResult};
use crate::ids::{new_id, random_digits};
use crate::ledger::{self, Posting, internal};
use crate::pin::{self, Payment};
use crate::routes::config::bank_ref;
use crate::sms::{self, Sms, SmsKind};
use crate::soft_token::{self, AcceptedCode, CodeCheck};
use crate::usage;

/// A card transfer as asked for, its formats already checked.
pub(super) struct Order<'a> {
    pub customer_id: &'a str,
    pub key: &'a str,
    pub card: &'a SourceCard,
    pub destination: &'a CardNumber,
    pub amount: i64,
    pub expiry: &'a str,
    pub cvv2: &'a str,
    pub pin: &'a str,
    pub pin_kind: PinKind,
    pub description: Option<&'a str>,
    pub channel: Channel,
    /// The soft-token code this order used, kept used even if it is refused.
    pub accepted_code: Cell<Option<AcceptedCode>>,
}

/// The destination card as the sandbox knows it.
struct Destination {
    card_id: String,
    bank_id: String,
    account_id: Option<String>,
    holder_name: String,
    active: bool,
    creditable: bool,
    mobile: Option<String>,
}

fn refuse(code: &str, fa: &str, en: &str) -> ApiError {
    ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, code, fa, en)
}

fn find_destination(tx: &Transaction<'_>, pan: &str) -> ApiResult<Option<Destination>> {
    Ok(tx
        .prepare_cached(
            "SELECT k.id, k.bank_id, k.account_id, k.holder_name_fa, k.status = 'active', k.creditable != 0, c.mobile
             FROM cards k LEFT JOIN customers c ON c.id = k.customer_id WHERE k.pan = ?1",
        )?
        .query_row(params![pan], |r| {
            Ok(Destination {
                card_id: r.get(0)?,
                bank_id: r.get(1)?,
                account_id: r.get(2)?,
                holder_name: r.get(3)?,
                active: r.get(4)?,
                creditable: r.get(5)?,
                mobile: r.get(6)?,
            })
        })
        .optional()?)
}

/// Every check, then the money; a refusal leaves nothing behind (the caller's savepoint).
pub(super) fn execute(
    tx: &Transaction<'_>,
    rules: &BankRules,
    sealer: &Sealer,
    cvv2: &Cvv2Mac,
    order: &Order<'_>,
    now: i64,
) -> ApiResult<(StatusCode, Value)> {
    let card = order.card;
    let payee = pin::card_payee(order.destination.as_str());
    let printed = Printed {
        expiry: order.expiry,
        cvv2: order.cvv2,
    };
    card_auth::authorize(
        tx,
        &rules.card_credentials,
        cvv2,
        order.customer_id,
        card,
        printed,
        now,
        || match order.pin_kind.code_kind() {
            None => pin::verify(
                tx,
                &Payment {
                    customer_id: order.customer_id,
                    key: order.key,
                    card_id: &card.id,
                    amount: order.amount,
                    payee: &payee,
                },
                order.pin,
                now,
            ),
            Some(kind) => {
                let check = CodeCheck {
                    card_id: &card.id,
                    kind,
                    code: order.pin,
                    amount: order.amount,
                    payee: &payee,
                };
                let accepted = soft_token::verify(tx, sealer, &rules.soft_token, &check, now)?;
                order.accepted_code.set(Some(accepted));
                Ok(())
            }
        },
    )?;
    let limits = &rules.limits.card_to_card;
    if order.amount < limits.per_transfer_min_rials {
        return Err(refuse(
            "limit.per_transfer_min",
            "مبلغ کمتر از حداقل مجاز هر انتقال است.",
            "The amount is below the minimum of one transfer.",
        ));
    }
    if order.amount > limits.per_transfer_max_rials {
        return Err(refuse(
            "limit.per_transfer_max",
            "مبلغ بیشتر از سقف هر انتقال است.",
            "The amount is above the maximum of one transfer.",
        ));
    }
    let Some(destination) = find_destination(tx, order.destination.as_str())? else {
        return Err(refuse(
            "transfer.destination_not_found",
            "کارت مقصد یافت نشد.",
            "The destination card was not found.",
        ));
    };
    if destination.card_id == card.id {
        return Err(refuse(
            "card.same_source_destination",
            "کارت مبدأ و مقصد یکی است.",
            "The source and destination cards are the same.",
        ));
    }
    if !destination.active {
        return Err(refuse(
            "transfer.destination_not_creditable",
            "به کارت مقصد نمی‌توان واریز کرد.",
            "The destination card cannot be credited.",
        ));
    }
    let (day_used, month_used) = usage::used(tx, &card.id, now)?;
    if day_used + order.amount > limits.daily_per_card_rials {
        return Err(refuse(
            "limit.daily_exceeded",
            "مبلغ از سقف روزانه انتقال این کارت بیشتر است.",
            "The amount exceeds this card's daily limit.",
        ));
    }
    if month_used + order.amount > limits.monthly_per_card_rials {
        return Err(refuse(
            "limit.monthly_exceeded",
            "مبلغ از سقف ماهانه انتقال این کارت بیشتر است.",
            "The amount exceeds this card's monthly limit.",
        ));
    }
    move_money(tx, rules, order, &destination, now)
}

/// Posts the transfer (and its reversal when the destination cannot be
/// credited), records it and alerts both sides.
fn move_money(
    tx: &Transaction<'_>,
    rules: &BankRules,
    order: &Order<'_>,
    destination: &Destination,
    now: i64,
) -> ApiResult<(StatusCode, Value)> {
    let card = order.card;
    let amount = order.amount;
    let fee = rules.fees.card_to_card_rials;
    let transfer_id = new_id("trf");
    let source_account = card
        .account_id
        .as_deref()
        .unwrap_or(internal::SHETAB_SETTLEMENT);
    let credited_account = match (&destination.account_id, destination.creditable) {
        (Some(account), true) => account.as_str(),
        _ => internal::SHETAB_SETTLEMENT,
    };
    let source_masked = card.masked();
    let destination_masked = order.destination.masked();
    let mut postings = vec![
        Posting {
            account_id: source_account,
            amount: -(amount + fee),
            description_fa: "انتقال کارت به کارت",
            counterparty: Some(&destination_masked),
        },
        Posting {
            account_id: credited_account,
            amount,
            description_fa: "واریز کارت به کارت",
            counterparty: Some(&source_masked),
        },
    ];
    if fee != 0 {
        postings.push(Posting {
            account_id: internal::FEE_INCOME,
            amount: fee,
            description_fa: "کارمزد کارت به کارت",
            counterparty: None,
        });
    }
    ledger::post(tx, "card_transfer", Some(&transfer_id), &postings, now)?;
    usage::add(tx, &card.id, now, amount)?;
    let reversed = !destination.creditable;
    if reversed {
        let reversal: Vec<Posting<'_>> = postings
            .iter()
            .map(|p| Posting {
                amount: -p.amount,
                description_fa: "برگشت انتقال کارت به کارت",
                ..p.clone()
            })
            .collect();
        ledger::post(tx, "reversal", Some(&transfer_id), &reversal, now)?;
        usage::add(tx, &card.id, now, -amount)?;
    }
    let balance_after: Option<i64> = match &card.account_id {
        Some(account) => Some(
            tx.prepare_cached("SELECT balance FROM accounts WHERE id = ?1")?
                .query_row(params![account], |r| r.get(0))?,
        ),
        None => None,
    };
    let (fee_charged, total) = if reversed {
        (0, 0)
    } else {
        (fee, amount + fee)
    };
    let bank = hamrah_core::banks::by_id(&destination.bank_id)
        .or_else(|| order.destination.bank())
        .ok_or_else(ApiError::internal)?;
    let trace_number = random_digits(6);
    let reference_number = random_digits(12);
    let mut receipt = json!({
        "kind": "card_transfer",
        "transfer_id": transfer_id,
        "idempotency_key": order.key,
        "status": if reversed { "reversed" } else { "succeeded" },
        "trace_number": trace_number,
        "reference_number": reference_number,
        "source_pan_masked": source_masked,
        "destination_pan_masked": destination_masked,
        "destination_holder_name": destination.holder_name,
        "destination_bank": bank_ref(bank),
        "amount_rials": amount,
        "fee_rials": fee_charged,
        "total_debited_rials": total,
        "created_at": rfc3339(now),
        "created_at_jalali": jalali(now),
        "channel": order.channel.as_str(),
    });
    if let Some(description) = order.description {
        receipt["description"] = description.into();
    }
    if reversed {
        receipt["reversed_at"] = rfc3339(now).into();
        receipt["reversed_at_jalali"] = jalali(now).into();
        receipt["reversal_reason"] = "transfer.destination_not_creditable".into();
    }
    if let Some(balance) = balance_after {
        receipt["source_balance_after_rials"] = balance.into();
    }
    tx.prepare_cached(
        "INSERT INTO transfers (id, customer_id, kind, idempotency_key, source, destination, amount, fee,
                                status, trace_number, reference_number, created_at, receipt)
         VALUES (?1, ?2, 'card', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        transfer_id,
        order.customer_id,
        order.key,
        card.id,
        order.destination.as_str(),
        amount,
        fee_charged,
        if reversed { "reversed" } else { "succeeded" },
        trace_number,
        reference_number,
        now,
        receipt.to_string()
    ])?;
    let outcome = Settled {
        reversed,
        debited: amount + fee,
        balance_after,
        trace_number: &trace_number,
    };
    alert(tx, order, destination, &outcome, now)?;
    Ok((StatusCode::CREATED, receipt))
}

/// What the alerts report.
struct Settled<'a> {
    reversed: bool,
    debited: i64,
    balance_after: Option<i64>,
    trace_number: &'a str,
}

/// The SMS alerts: a debit (and its return) to the payer, a credit to an own-bank payee.
fn alert(
    tx: &Transaction<'_>,
    order: &Order<'_>,
    destination: &Destination,
    settled: &Settled<'_>,
    now: i64,
) -> ApiResult<()> {
    let card = order.card;
    let Settled {
        reversed,
        debited: total,
        balance_after,
        trace_number,
    } = *settled;
    let balance = balance_after
        .map(|b| format!("\nمانده: {b} ریال"))
        .unwrap_or_default();
    let when = jalali(now);
    let debit = format!(
        "برداشت کارت به کارت\nکارت {}\nبه {}\nمبلغ: {total} ریال\nپیگیری: {trace_number}{}\n{when}",
        card.masked(),
        order.destination.masked(),
        if reversed { "" } else { balance.as_str() },
    );
    let send = |mobile: &str, kind: SmsKind, text: &str| {
        sms::send(
            tx,
            &Sms {
                mobile,
                kind,
                text,
                idempotency_key: None,
            },
            now,
        )
    };
    send(&card.mobile, SmsKind::Debit, &debit)?;
    if reversed {
        let credit = format!(
            "برگشت انتقال کارت به کارت (بدون کارمزد)\nکارت {}\nمبلغ: {total} ریال\nپیگیری: {trace_number}{balance}\n{when}",
            card.masked(),
        );
        send(&card.mobile, SmsKind::Credit, &credit)?;
    } else if let (Some(mobile), Some(_)) = (&destination.mobile, &destination.account_id) {
        let credit = format!(
            "واریز کارت به کارت\nاز {}\nمبلغ: {} ریال\nپیگیری: {trace_number}\n{when}",
            mask_pan(&card.pan),
            order.amount,
        );
        send(mobile, SmsKind::Credit, &credit)?;
    }
    Ok(())
}
