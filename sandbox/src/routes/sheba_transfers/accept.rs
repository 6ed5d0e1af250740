//! Accepting a SHEBA transfer: checks, the debit into clearing with its fee,
//! the settlement time, the stored receipt and the debit alert.

use axum::http::StatusCode;
use hamrah_core::banks::Bank;
use rusqlite::{OptionalExtension, Transaction, params};
use serde_json::{Value, json};

use super::{Method, Order};
use crate::clock::{jalali, rfc3339};
use crate::config::BankRules;
use crate::error::{ApiError, ApiResult};
use crate::ids::{new_id, random_digits};
use crate::ledger::{self, Posting, internal};
use crate::routes::accounts::account_not_found;
use crate::routes::inquiries::sheba_holder;
use crate::settlement::business_days::{BusinessCalendar, jalali_date, tehran_date};
use crate::settlement::money_alert;
use crate::sms::SmsKind;

/// Digits of a trace number.
const TRACE_DIGITS: u32 = 6;

fn refuse(code: &str, fa: &str, en: &str) -> ApiError {
    ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, code, fa, en)
}

/// What accepting one order needs.
pub(super) struct Acceptance<'a> {
    pub rules: &'a BankRules,
    pub bank: &'static Bank,
    pub customer_id: &'a str,
    pub key: &'a str,
    pub order: &'a Order,
    pub now: i64,
}

impl Acceptance<'_> {
    /// Accepts the order once the source account is the customer's and
    /// `second_factor` approves it: 201 with the receipt, or a recorded 422.
    pub(super) fn run(
        &self,
        tx: &Transaction<'_>,
        second_factor: impl FnOnce(&Transaction<'_>) -> ApiResult<()>,
    ) -> ApiResult<(StatusCode, Value)> {
        let source_sheba = check_source(tx, self.customer_id, self.order)?;
        second_factor(tx)?;
        if self.order.method == Method::Internal {
            return super::internal::accept(tx, self, &source_sheba);
        }
        accept(
            tx,
            &source_sheba,
            self.rules,
            self.bank,
            self.customer_id,
            self.key,
            self.order,
            self.now,
        )
    }
}

/// The source account: the customer's own deposit account, active, not the
/// destination; its SHEBA.
fn check_source(tx: &Transaction<'_>, customer_id: &str, order: &Order) -> ApiResult<String> {
    let source: Option<(String, String)> = tx
        .prepare_cached(
            "SELECT COALESCE(sheba, ''), state FROM accounts WHERE id = ?1 AND customer_id = ?2 AND kind = 'deposit'",
        )?
        .query_row(params![order.source_account_id, customer_id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let Some((source_sheba, source_state)) = source else {
        return Err(account_not_found());
    };
    if source_state != "active" {
        return Err(refuse(
            "account.inactive",
            "حساب مبدأ فعال نیست.",
            "The source account is blocked or closed.",
        ));
    }
    if source_sheba == order.destination.as_str() {
        return Err(refuse(
            "transfer.same_account",
            "حساب مبدأ و مقصد یکی است.",
            "The source and destination are the same account.",
        ));
    }
    Ok(source_sheba)
}

/// Accepts a checked and authorized order: the debit into clearing with its
/// fee, the settlement time, the receipt and the alert.
#[allow(clippy::too_many_arguments)]
fn accept(
    tx: &Transaction<'_>,
    source_sheba: &str,
    rules: &BankRules,
    bank: &'static Bank,
    customer_id: &str,
    key: &str,
    order: &Order,
    now: i64,
) -> ApiResult<(StatusCode, Value)> {
    match order.method {
        Method::Paya if order.amount >= rules.limits.paya.per_order_below_rials => {
            return Err(refuse(
                "limit.paya_max",
                "مبلغ برای انتقال پایا بیش از حد مجاز است؛ از ساتنا استفاده کنید.",
                "The amount is too large for PAYA; use SATNA.",
            ));
        }
        Method::Satna if order.amount < rules.limits.satna.min_rials => {
            return Err(refuse(
                "limit.satna_min",
                "مبلغ برای انتقال ساتنا کمتر از حداقل است؛ از پایا استفاده کنید.",
                "The amount is below the SATNA minimum; use PAYA.",
            ));
        }
        _ => {}
    }
    let holder = sheba_holder(tx, bank, &order.destination)?.ok_or_else(|| {
        refuse(
            "transfer.destination_not_found",
            "حساب مقصد یافت نشد.",
            "The destination account was not found.",
        )
    })?;
    let calendar = BusinessCalendar::load(tx, &rules.weekend_days)?;
    let (effective_date, settles_at, fee, return_fee, method_fa) = match order.method {
        Method::Paya => {
            let at = calendar.next_paya_cycle(now, &rules.paya_cycles)?;
            (tehran_date(at)?, at, rules.fees.paya_rials, 0, "پایا")
        }
        // Accepted by `internal::accept` before this point.
        Method::Internal => return Err(ApiError::internal()),
        Method::Satna => {
            let (day, at) =
                calendar.satna_effective(now, order.effective_date, &rules.satna_cutoff)?;
            (
                day,
                at,
                rules.fees.satna_rials,
                rules.fees.satna_return_rials,
                "ساتنا",
            )
        }
    };
    let transfer_id = new_id("trf");
    let trace = random_digits(TRACE_DIGITS);
    let reference = format!(
        "{}{trace}",
        jalali_date(tehran_date(now)?)?.replace('/', "")
    );
    let description = format!("انتقال {method_fa} به {}", holder.name_fa);
    let clearing = match order.method {
        Method::Paya => internal::PAYA_CLEARING,
        Method::Satna | Method::Internal => internal::SATNA_CLEARING,
    };
    let destination = order.destination.as_str();
    ledger::post(
        tx,
        order.method.as_str(),
        Some(&transfer_id),
        &[
            Posting {
                account_id: &order.source_account_id,
                amount: -order.amount,
                description_fa: &description,
                counterparty: Some(destination),
            },
            Posting {
                account_id: clearing,
                amount: order.amount,
                description_fa: &description,
                counterparty: Some(source_sheba),
            },
        ],
        now,
    )?;
    if fee > 0 {
        let fee_description = format!("کارمزد انتقال {method_fa}");
        ledger::post(
            tx,
            "fee",
            Some(&transfer_id),
            &[
                Posting {
                    account_id: &order.source_account_id,
                    amount: -fee,
                    description_fa: &fee_description,
                    counterparty: None,
                },
                Posting {
                    account_id: internal::FEE_INCOME,
                    amount: fee,
                    description_fa: &fee_description,
                    counterparty: None,
                },
            ],
            now,
        )?;
    }
    let balance_after: i64 = tx
        .prepare_cached("SELECT balance FROM accounts WHERE id = ?1")?
        .query_row(params![order.source_account_id], |r| r.get(0))?;
    let mut receipt = json!({
        "kind": "sheba_transfer",
        "transfer_id": transfer_id,
        "idempotency_key": key,
        "method": order.method.as_str(),
        "status": "accepted",
        "trace_number": trace,
        "reference_number": reference,
        "source_account_id": order.source_account_id,
        "source_sheba": source_sheba,
        "destination_sheba": destination,
        "destination_holder_name": holder.name_fa,
        "destination_bank": super::super::config::bank_ref(holder.bank),
        "amount_rials": order.amount,
        "fee_rials": fee,
        "total_debited_rials": order.amount + fee,
        "accepted_at": rfc3339(now),
        "accepted_at_jalali": jalali(now),
        "effective_date": effective_date.to_string(),
        "effective_date_jalali": jalali_date(effective_date)?,
        "expected_settlement_at": rfc3339(settles_at),
        "expected_settlement_at_jalali": jalali(settles_at),
        "source_balance_after_rials": balance_after,
        "channel": "https",
    });
    if let Some(text) = &order.description {
        receipt["description"] = text.clone().into();
    }
    tx.prepare_cached(
        "INSERT INTO transfers (id, customer_id, kind, idempotency_key, source, destination, amount, fee, status,
                                trace_number, reference_number, created_at, effective_at, return_fee, receipt)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'accepted', ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(params![
        transfer_id,
        customer_id,
        order.method.as_str(),
        key,
        order.source_account_id,
        destination,
        order.amount,
        fee,
        trace,
        reference,
        now,
        settles_at,
        return_fee,
        receipt.to_string()
    ])?;
    money_alert(
        tx,
        customer_id,
        SmsKind::Debit,
        order.amount + fee,
        &description,
        &order.source_account_id,
        now,
    )?;
    Ok((StatusCode::CREATED, receipt))
}
