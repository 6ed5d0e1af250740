//! One top-up inside the request's transaction: the product checked against
//! the operator's offer, the source and its second factor, the postings to
//! the operators' settlement account, the operator's reference, the stored
//! receipt and the SMS notice.

use std::cell::Cell;

use axum::http::StatusCode;
use hamrah_core::ids::{TopupProduct, TopupTarget};
use hamrah_core::money::Rials;
use hamrah_core::store::Sealer;
use rusqlite::{Transaction, params};
use serde_json::{Value, json};

use super::refuse;
use crate::auth::Channel;
use crate::card_auth::mask_mobile;
use crate::clock::{jalali, rfc3339};
use crate::config::BankRules;
use crate::error::ApiResult;
use crate::ids::{new_id, random_digits};
use crate::ledger::{self, Posting, internal};
use crate::payment_source::{self, Charge, Source};
use crate::sms::{self, Sms, SmsKind};
use crate::soft_token::AcceptedCode;
use crate::topup_catalog::OperatorOffer;
use crate::vault::cvv2::Cvv2Mac;

/// Digits of the operator's reference.
const OPERATOR_REFERENCE_DIGITS: u32 = 12;

/// A top-up as asked for, its formats already checked.
pub(super) struct Order<'a> {
    pub customer_id: &'a str,
    pub key: &'a str,
    pub target: &'a TopupTarget,
    /// The target's canonical payee.
    pub payee: &'a str,
    pub amount: i64,
    pub source: &'a Source,
    pub channel: Channel,
    /// The soft-token code this order used, kept used even if it is refused.
    pub accepted_code: Cell<Option<AcceptedCode>>,
}

/// What the receipt calls the product (`شارژ مستقیم ایرانسل`), once it is
/// known to be on offer at this amount.
fn checked_title(offer: &OperatorOffer, product: &TopupProduct, amount: i64) -> ApiResult<String> {
    let amount_offered = || {
        if offer.charge_amounts_rials.contains(&amount) {
            Ok(())
        } else {
            Err(refuse(
                "topup.amount_not_offered",
                "این مبلغ شارژ برای این اپراتور عرضه نمی‌شود.",
                "This operator is not sold at this amount.",
            ))
        }
    };
    match product {
        TopupProduct::Charge => {
            amount_offered()?;
            Ok(format!("شارژ مستقیم {}", offer.name_fa))
        }
        TopupProduct::Amazing => {
            let Some(title) = offer.amazing_title_fa else {
                return Err(refuse(
                    "topup.amazing_not_offered",
                    "این اپراتور شارژ شگفت‌انگیز ندارد.",
                    "This operator sells no amazing top-up.",
                ));
            };
            amount_offered()?;
            Ok(format!("{title} {}", offer.name_fa))
        }
        TopupProduct::Package { package_id } => {
            let package = offer.package(package_id.as_str()).ok_or_else(|| {
                refuse(
                    "topup.package_not_found",
                    "این بسته اینترنت برای این اپراتور عرضه نمی‌شود.",
                    "This internet package is not sold for this operator.",
                )
            })?;
            if package.price_rials != amount {
                return Err(refuse(
                    "topup.amount_not_offered",
                    "مبلغ با قیمت بسته یکسان نیست.",
                    "The amount differs from the package's price.",
                ));
            }
            Ok(format!("{} {}", package.title_fa, offer.name_fa))
        }
    }
}

/// Every check, then the money; a refusal leaves nothing behind (the caller's savepoint).
pub(super) fn buy(
    tx: &Transaction<'_>,
    rules: &BankRules,
    sealer: &Sealer,
    mac: &Cvv2Mac,
    order: &Order<'_>,
    now: i64,
) -> ApiResult<(StatusCode, Value)> {
    let target = order.target;
    let offer = rules.topup.offer(target.operator.id()).ok_or_else(|| {
        refuse(
            "topup.operator_not_sold",
            "شارژ این اپراتور از طریق بانک عرضه نمی‌شود.",
            "The bank sells no top-ups of this operator.",
        )
    })?;
    let title = checked_title(offer, &target.product, order.amount)?;
    let charge = Charge {
        customer_id: order.customer_id,
        key: order.key,
        amount: order.amount,
        payee: order.payee,
        channel: order.channel,
        accepted_code: &order.accepted_code,
    };
    let (debited_account, alerted_mobile) =
        payment_source::authorize(tx, rules, sealer, mac, order.source, &charge, now)?;
    let fee = rules.fees.topup_rials;
    let topup_id = new_id("tup");
    let mobile_masked = mask_mobile(target.mobile.as_str());
    let mut postings = vec![
        Posting {
            account_id: debited_account,
            amount: -(order.amount + fee),
            description_fa: &title,
            counterparty: Some(&mobile_masked),
        },
        Posting {
            account_id: internal::OPERATORS,
            amount: order.amount,
            description_fa: &title,
            counterparty: None,
        },
    ];
    if fee != 0 {
        postings.push(Posting {
            account_id: internal::FEE_INCOME,
            amount: fee,
            description_fa: "کارمزد خرید شارژ",
            counterparty: None,
        });
    }
    ledger::post(tx, "topup", Some(&topup_id), &postings, now)?;
    let balance: i64 = tx
        .prepare_cached("SELECT balance FROM accounts WHERE id = ?1")?
        .query_row(params![debited_account], |r| r.get(0))?;
    let trace_number = random_digits(6);
    let reference_number = random_digits(12);
    let operator_reference = random_digits(OPERATOR_REFERENCE_DIGITS);
    let mut receipt = json!({
        "kind": "topup",
        "topup_id": topup_id,
        "idempotency_key": order.key,
        "status": "succeeded",
        "trace_number": trace_number,
        "reference_number": reference_number,
        "operator_reference": operator_reference,
        "mobile_masked": mobile_masked,
        "operator": target.operator.id(),
        "operator_name_fa": offer.name_fa,
        "product": target.product.kind(),
        "title_fa": title,
        "amount_rials": order.amount,
        "fee_rials": fee,
        "total_debited_rials": order.amount + fee,
        "source_kind": order.source.kind(),
        "created_at": rfc3339(now),
        "created_at_jalali": jalali(now),
        "channel": order.channel.as_str(),
    });
    if let Some(id) = target.product.package_id() {
        receipt["package_id"] = id.as_str().into();
    }
    let source_id = match order.source {
        Source::Card { card, .. } => {
            receipt["source_pan_masked"] = card.masked().into();
            if card.account_id.is_some() {
                receipt["source_balance_after_rials"] = balance.into();
            }
            card.id.clone()
        }
        Source::Account { account_id, .. } => {
            receipt["source_account_id"] = account_id.as_str().into();
            receipt["source_balance_after_rials"] = balance.into();
            account_id.clone()
        }
    };
    tx.prepare_cached(
        "INSERT INTO transfers (id, customer_id, kind, idempotency_key, source, destination, amount, fee,
                                status, trace_number, reference_number, created_at, receipt)
         VALUES (?1, ?2, 'topup', ?3, ?4, ?5, ?6, ?7, 'succeeded', ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        topup_id,
        order.customer_id,
        order.key,
        source_id,
        order.payee,
        order.amount,
        fee,
        trace_number,
        reference_number,
        now,
        receipt.to_string()
    ])?;
    let text = format!(
        "{title}\nبرای {mobile_masked}\nمبلغ: {} ریال\nپیگیری اپراتور: {operator_reference}\nپیگیری: {trace_number}\n{}",
        Rials::new((order.amount + fee).unsigned_abs()).grouped(),
        jalali(now)
    );
    sms::send(
        tx,
        &Sms {
            mobile: alerted_mobile,
            kind: SmsKind::Topup,
            text: &text,
            idempotency_key: None,
        },
        now,
    )?;
    Ok((StatusCode::CREATED, receipt))
}
