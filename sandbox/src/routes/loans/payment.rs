//! `POST /v1/loan-payments`: pays the oldest unpaid instalments of a loan
//! (one's own or another person's, by its number) with their penalties, or
//! settles one's own loan at the day's quote; from an account or a card
//! ([`crate::payment_source`]), the second factor bound to `loan:{number}`.
//! Fingerprint: loan number, what is paid, amount, source.

use std::cell::Cell;

use axum::extract::State;
use axum::http::StatusCode;
use hamrah_core::ids::LoanNumber;
use hamrah_core::store::Sealer;
use rusqlite::{Transaction, params};
use serde::Deserialize;
use serde_json::{Value, json};

use super::parse_loan_number;
use crate::auth::{Channel, Session};
use crate::card_auth;
use crate::clock::{jalali, rfc3339};
use crate::config::BankRules;
use crate::error::{ApiError, ApiResult};
use crate::extract::{IdempotencyKey, JsonBody};
use crate::idempotency::{Outcome, run_once};
use crate::ids::{new_id, random_digits};
use crate::ledger::{self, Posting, internal};
use crate::loans::{self, Due, Loan};
use crate::payment_source::{self, Charge, Source, SourceBody};
use crate::pin;
use crate::settlement::business_days::tehran_date;
use crate::sms::{self, Sms, SmsKind};
use crate::soft_token::{self, AcceptedCode};
use crate::state::AppState;
use crate::vault::cvv2::Cvv2Mac;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LoanPaymentRequest {
    loan_number: String,
    instalment_count: Option<i64>,
    settlement: Option<bool>,
    amount_rials: i64,
    source: SourceBody,
}

/// What the payment covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Paying {
    /// The oldest unpaid instalments, this many.
    Instalments(i64),
    /// Everything, at the day's quote.
    Settlement,
}

impl Paying {
    fn fingerprint(self) -> String {
        match self {
            Self::Instalments(n) => format!("instalments:{n}"),
            Self::Settlement => "settlement".to_owned(),
        }
    }
}

fn refuse(code: &str, fa: &str, en: &str) -> ApiError {
    ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, code, fa, en)
}

pub(crate) async fn loan_payment_create(
    State(state): State<AppState>,
    session: Session,
    IdempotencyKey(key): IdempotencyKey,
    JsonBody(body): JsonBody<LoanPaymentRequest>,
) -> ApiResult<Outcome> {
    let number = parse_loan_number(&body.loan_number)?;
    let amount = card_auth::parse_amount(body.amount_rials, "amount_rials")?;
    let paying = match (body.instalment_count, body.settlement) {
        (Some(count), None) if count >= 1 => Paying::Instalments(count),
        (Some(_), None) => {
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                "request.field_invalid",
                "تعداد اقساط نامعتبر است.",
                "The number of instalments is not valid.",
            )
            .with_field("instalment_count"));
        }
        (None, Some(true)) => Paying::Settlement,
        _ => {
            return Err(ApiError::malformed(
                "Give exactly one of instalment_count or settlement: true.",
            ));
        }
    };
    body.source.check_formats()?;
    let now = state.clock.now();
    let rules = state.rules.clone();
    let sealer = std::sync::Arc::clone(&state.sealer);
    let mac = std::sync::Arc::clone(&state.cvv2);
    let (customer_id, channel) = (session.customer_id, session.channel);
    state
        .db
        .tx(move |tx| {
            let loan = loans::by_number(tx, number.as_str())?;
            let source = payment_source::resolve(tx, &customer_id, body.source)?;
            let fingerprint = format!(
                "loan:{}|{}|{amount}|{}",
                number.as_str(),
                paying.fingerprint(),
                source.fingerprint_name()
            );
            let order = Order {
                customer_id: &customer_id,
                key: &key,
                number: &number,
                loan: &loan,
                paying,
                amount,
                source: &source,
                channel,
                accepted_code: Cell::new(None),
            };
            let outcome = run_once(
                tx,
                &customer_id,
                &key,
                pin::LOAN_PAYMENT,
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
    number: &'a LoanNumber,
    loan: &'a Loan,
    paying: Paying,
    amount: i64,
    source: &'a Source,
    channel: Channel,
    accepted_code: Cell<Option<AcceptedCode>>,
}

/// What this payment settles, by the bank's reckoning now.
struct Reckoning {
    /// The instalments it pays.
    paid: Vec<Due>,
    /// What the loan account is credited.
    instalments: i64,
    /// Penalties, to the bank's income.
    penalty: i64,
    /// Profit forgiven (settlement).
    discount: i64,
    /// What the payer is debited.
    total: i64,
}

fn reckon(
    tx: &Transaction<'_>,
    rules: &BankRules,
    order: &Order<'_>,
    now: i64,
) -> ApiResult<Reckoning> {
    let loan = order.loan;
    if loan.settled_at.is_some() {
        return Err(loans::settled());
    }
    let today = tehran_date(now)?;
    let due = loans::unpaid(&loans::instalments(tx, &loan.id)?, today, &rules.loans);
    let paid: Vec<Due> = match order.paying {
        Paying::Instalments(count) => {
            let count = usize::try_from(count).unwrap_or(usize::MAX);
            let max = usize::try_from(rules.loans.max_instalments_per_payment).unwrap_or(1);
            if count > due.len() || count > max {
                return Err(refuse(
                    "loan.instalment_count_invalid",
                    "تعداد اقساط انتخاب‌شده بیش از اقساط پرداخت‌نشده یا سقف یک پرداخت است.",
                    "More instalments than are unpaid, or than one payment may cover.",
                ));
            }
            due.into_iter().take(count).collect()
        }
        Paying::Settlement => {
            if loan.customer_id != order.customer_id {
                return Err(refuse(
                    "loan.settlement_not_own",
                    "تسویه پیش از موعد فقط برای تسهیلات خود شما ممکن است.",
                    "Only the holder can settle a loan early.",
                ));
            }
            due
        }
    };
    let instalments: i64 = paid.iter().map(|d| d.instalment.amount).sum();
    let penalty: i64 = paid.iter().map(|d| d.penalty).sum();
    let discount = match order.paying {
        Paying::Settlement => loans::quote(&paid, today).discount,
        Paying::Instalments(_) => 0,
    };
    let total = instalments + penalty - discount;
    if total != order.amount {
        return Err(refuse(
            "loan.amount_mismatch",
            "مبلغ با مبلغ قابل پرداخت امروز یکسان نیست؛ دوباره استعلام کنید.",
            "The amount differs from what is due today; ask again.",
        ));
    }
    Ok(Reckoning {
        paid,
        instalments,
        penalty,
        discount,
        total,
    })
}

/// Checks, postings (source, loan account, loan income), the instalments
/// marked paid, the record, the receipt and the SMS notices.
fn pay(
    tx: &Transaction<'_>,
    rules: &BankRules,
    sealer: &Sealer,
    mac: &Cvv2Mac,
    order: &Order<'_>,
    now: i64,
) -> ApiResult<(StatusCode, Value)> {
    let loan = order.loan;
    let reckoning = reckon(tx, rules, order, now)?;
    let payee = pin::loan_payee(order.number.as_str());
    let charge = Charge {
        customer_id: order.customer_id,
        key: order.key,
        amount: order.amount,
        payee: &payee,
        channel: order.channel,
        accepted_code: &order.accepted_code,
    };
    let (account_id, mobile) =
        payment_source::authorize(tx, rules, sealer, mac, order.source, &charge, now)?;
    let payment_id = new_id("lpy");
    let income = reckoning.penalty - reckoning.discount;
    let mut postings = vec![
        Posting {
            account_id,
            amount: -reckoning.total,
            description_fa: "پرداخت قسط تسهیلات",
            counterparty: Some(&loan.loan_number),
        },
        Posting {
            account_id: &loan.account_id,
            amount: reckoning.instalments,
            description_fa: if order.paying == Paying::Settlement {
                "تسویه تسهیلات"
            } else {
                "وصول قسط"
            },
            counterparty: None,
        },
    ];
    if income != 0 {
        postings.push(Posting {
            account_id: internal::LOAN_INCOME,
            amount: income,
            description_fa: "جریمه تأخیر و تخفیف تسویه",
            counterparty: Some(&loan.loan_number),
        });
    }
    ledger::post(tx, "loan_payment", Some(&payment_id), &postings, now)?;
    let mut numbers = Vec::with_capacity(reckoning.paid.len());
    for due in &reckoning.paid {
        tx.prepare_cached(
            "UPDATE loan_instalments SET paid_at = ?3, penalty_paid = ?4, payment_id = ?5
             WHERE loan_id = ?1 AND number = ?2 AND paid_at IS NULL",
        )?
        .execute(params![
            loan.id,
            due.instalment.number,
            now,
            due.penalty,
            payment_id
        ])?;
        numbers.push(due.instalment.number);
    }
    let remaining: i64 = tx
        .prepare_cached("SELECT COALESCE(SUM(amount), 0) FROM loan_instalments WHERE loan_id = ?1 AND paid_at IS NULL")?
        .query_row(params![loan.id], |r| r.get(0))?;
    let settled = remaining == 0;
    if settled {
        tx.prepare_cached("UPDATE loans SET settled_at = ?2 WHERE id = ?1")?
            .execute(params![loan.id, now])?;
    }
    let balance: i64 = tx
        .prepare_cached("SELECT balance FROM accounts WHERE id = ?1")?
        .query_row(params![account_id], |r| r.get(0))?;
    let trace_number = random_digits(6);
    let reference_number = random_digits(12);
    let mut receipt = json!({
        "kind": "loan_payment",
        "loan_payment_id": payment_id,
        "idempotency_key": order.key,
        "status": "succeeded",
        "trace_number": trace_number,
        "reference_number": reference_number,
        "loan_number": loan.loan_number,
        "holder_name_masked": loans::mask_name(&loan.holder_name_fa),
        "paid_kind": if order.paying == Paying::Settlement { "settlement" } else { "instalments" },
        "instalments_paid": numbers,
        "amount_rials": reckoning.total,
        "penalty_rials": reckoning.penalty,
        "discount_rials": reckoning.discount,
        "fee_rials": 0,
        "total_debited_rials": reckoning.total,
        "remaining_rials": remaining,
        "loan_settled": settled,
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
         VALUES (?1, ?2, 'loan', ?3, ?4, ?5, ?6, 0, 'succeeded', ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        payment_id,
        order.customer_id,
        order.key,
        source_id,
        loan.loan_number,
        reckoning.total,
        trace_number,
        reference_number,
        now,
        receipt.to_string()
    ])?;
    notify(tx, order, &reckoning, &trace_number, mobile, now)?;
    Ok((StatusCode::CREATED, receipt))
}

/// The payer's debit alert and, when someone else paid, the holder's notice.
fn notify(
    tx: &Transaction<'_>,
    order: &Order<'_>,
    reckoning: &Reckoning,
    trace_number: &str,
    payer_mobile: &str,
    now: i64,
) -> ApiResult<()> {
    let loan = order.loan;
    let numbers: Vec<String> = reckoning
        .paid
        .iter()
        .map(|d| d.instalment.number.to_string())
        .collect();
    let what = if order.paying == Paying::Settlement {
        "تسویه تسهیلات".to_owned()
    } else {
        format!("قسط {}", numbers.join("،"))
    };
    let when = jalali(now);
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
    let debit = format!(
        "پرداخت {what}\nتسهیلات {}\nمبلغ: {} ریال\nپیگیری: {trace_number}\n{when}",
        loan.loan_number, reckoning.total
    );
    send(payer_mobile, SmsKind::Debit, &debit)?;
    if loan.customer_id != order.customer_id {
        let notice = format!(
            "واریز {what} توسط دیگری\nتسهیلات {}\nمبلغ: {} ریال\nپیگیری: {trace_number}\n{when}",
            loan.loan_number, reckoning.total
        );
        send(&loan.holder_mobile, SmsKind::Instalment, &notice)?;
    }
    Ok(())
}
