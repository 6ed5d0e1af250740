//! `POST /v1/dynamic-pins`: a dynamic second PIN by SMS for one payment (see
//! [`crate::pin`]): from the card's issuer for a card, from the bank to the
//! customer's mobile for one of her accounts (SHEBA transfers, bills paid
//! from an account: [`crate::sca`]).

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use hamrah_core::ids::{
    AccountNumber, Bill, CardNumber, MobileNumber, Sheba, TopupProduct, TopupTarget, operator_by_id,
};
use rusqlite::{OptionalExtension, params};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::auth::Session;
use crate::card_auth::{self, CardKey, CardRef, mask_mobile};
use crate::clock::rfc3339;
use crate::error::{ApiError, ApiResult};
use crate::extract::JsonBody;
use crate::pin::{self, Payment};
use crate::sms::{self, Sms, SmsKind};
use crate::state::AppState;

/// The routes of this area.
pub fn routes() -> Router<AppState> {
    Router::new().route("/v1/dynamic-pins", post(dynamic_pin_request))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DynamicPinRequest {
    idempotency_key: String,
    source: PinSourceBody,
    amount_rials: i64,
    payee: PayeeBody,
}

/// A card (by id or PAN) or one of the customer's accounts.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PinSourceBody {
    card_id: Option<String>,
    pan: Option<String>,
    account_id: Option<String>,
}

enum PinSource {
    Card(CardKey),
    Account(String),
}

impl PinSourceBody {
    fn parse(self) -> ApiResult<PinSource> {
        match (self.account_id, self.card_id, self.pan) {
            (Some(account_id), None, None) => Ok(PinSource::Account(account_id)),
            (None, card_id, pan) => CardRef { card_id, pan }
                .parse("source")
                .map(PinSource::Card),
            _ => Err(ApiError::malformed(
                "Name the source by exactly one of card_id, pan or account_id.",
            )
            .with_field("source")),
        }
    }
}

#[derive(Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
enum PayeeBody {
    Card {
        pan: String,
    },
    Sheba {
        sheba: String,
    },
    Bill {
        bill_id: String,
        payment_id: String,
    },
    Cheque {
        sayad_id: String,
        national_id: Option<String>,
    },
    Loan {
        loan_number: String,
    },
    Topup {
        mobile: String,
        operator: String,
        product: String,
        package_id: Option<String>,
    },
    Deposit {
        account_number: String,
    },
}

/// Who pays: the PIN's source name, the mobile it goes to, and how the SMS names it.
struct Payer {
    source: String,
    mobile: String,
    named_fa: String,
}

/// Parses a bill, naming the field at fault under `prefix`.
pub(super) fn parse_bill(bill_id: &str, payment_id: &str, prefix: &str) -> ApiResult<Bill> {
    Bill::new(bill_id, payment_id)
        .map_err(|e| ApiError::invalid(&format!("{prefix}{}", e.field()), &e))
}

pub(crate) async fn dynamic_pin_request(
    State(state): State<AppState>,
    session: Session,
    JsonBody(body): JsonBody<DynamicPinRequest>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let key = uuid::Uuid::parse_str(&body.idempotency_key)
        .map(|u| u.hyphenated().to_string())
        .map_err(|_| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "idempotency.key_format",
                "کلید یکتایی عملیات نامعتبر است.",
                "The idempotency key is not a UUID.",
            )
            .with_field("idempotency_key")
        })?;
    let source = body.source.parse()?;
    let amount = card_auth::parse_amount(body.amount_rials, "amount_rials")?;
    let payee = match &body.payee {
        PayeeBody::Card { pan } => pin::card_payee(
            pan.parse::<CardNumber>()
                .map_err(|e| ApiError::invalid("payee.pan", &e))?
                .as_str(),
        ),
        PayeeBody::Sheba { sheba } => pin::sheba_payee(
            sheba
                .parse::<Sheba>()
                .map_err(|e| ApiError::invalid("payee.sheba", &e))?
                .as_str(),
        ),
        PayeeBody::Bill {
            bill_id,
            payment_id,
        } => {
            let bill = parse_bill(bill_id, payment_id, "payee.")?;
            pin::bill_payee(bill.bill_id(), bill.payment_id())
        }
        PayeeBody::Loan { loan_number } => pin::loan_payee(
            loan_number
                .parse::<hamrah_core::ids::LoanNumber>()
                .map_err(|e| ApiError::invalid("payee.loan_number", &e))?
                .as_str(),
        ),
        PayeeBody::Cheque {
            sayad_id,
            national_id,
        } => cheque_payee(sayad_id, national_id.as_deref())?,
        PayeeBody::Topup {
            mobile,
            operator,
            product,
            package_id,
        } => TopupTarget {
            mobile: mobile
                .parse::<MobileNumber>()
                .map_err(|e| ApiError::invalid("payee.mobile", &e))?,
            operator: operator_by_id(operator)
                .map_err(|e| ApiError::invalid("payee.operator", &e))?,
            product: TopupProduct::parse(product, package_id.as_deref())
                .map_err(|e| ApiError::invalid("payee.product", &e))?,
        }
        .canonical(),
        PayeeBody::Deposit { account_number } => format!(
            "deposit:{}",
            account_number
                .parse::<AccountNumber>()
                .map_err(|e| ApiError::invalid("payee.account_number", &e))?
                .as_str()
        ),
    };
    let now = state.clock.now();
    let rules = state.rules.otp.clone();
    let locks = state.rules.card_credentials.clone();
    let sealer = std::sync::Arc::clone(&state.sealer);
    let customer_id = session.customer_id;
    let issued = state
        .db
        .tx(move |tx| {
            let payer = match &source {
                PinSource::Card(card) => card_payer(tx, &locks, &customer_id, card, now)?,
                PinSource::Account(account_id) => account_payer(tx, &customer_id, account_id)?,
            };
            let payment = Payment {
                customer_id: &customer_id,
                key: &key,
                card_id: &payer.source,
                amount,
                payee: &payee,
            };
            let issued = match pin::request(tx, &rules, &payment, now)? {
                Ok(issued) => issued,
                Err(refusal) => return Ok(Err(refusal)),
            };
            let text = format!(
                "رمز پویا: {}\nمبلغ {} ریال از {}\nاعتبار: {} ثانیه",
                issued.code, amount, payer.named_fa, rules.lifetime_seconds
            );
            let sms = Sms {
                mobile: &payer.mobile,
                kind: SmsKind::Otp,
                text: &text,
                idempotency_key: Some(&key),
            };
            sms::send_code(tx, &sealer, &sms, &issued.code, now)?;
            Ok(Ok((issued, payer.mobile, key)))
        })
        .await??;
    let (issued, mobile, key) = issued;
    let max = state.rules.otp.max_requests_per_payment;
    Ok((
        StatusCode::CREATED,
        Json(json!({
            "idempotency_key": key,
            "sent_to_mobile_masked": mask_mobile(&mobile),
            "expires_at": rfc3339(issued.expires_at),
            "seconds_left": (issued.expires_at - now).max(0),
            "lifetime_seconds": state.rules.otp.lifetime_seconds,
            "requests_used": issued.requests_used,
            "requests_left": (max - issued.requests_used).max(0),
            "requests_max": max,
            "digits": state.rules.otp.digits,
        })),
    ))
}

/// The canonical payee of a cheque's registration (`cheque:{sayad_id}`) or
/// transfer (`cheque:{sayad_id}:{national_id}`), parsed as the app parses them.
fn cheque_payee(sayad_id: &str, national_id: Option<&str>) -> ApiResult<String> {
    let sayad_id = crate::cheques::parse_sayad(sayad_id, "payee.sayad_id")?;
    Ok(match national_id {
        None => format!("cheque:{}", sayad_id.as_str()),
        Some(text) => {
            let to = text
                .parse::<hamrah_core::ids::NationalId>()
                .map_err(|e| ApiError::invalid("payee.national_id", &e))?;
            format!("cheque:{}:{}", sayad_id.as_str(), to.as_str())
        }
    })
}

/// A paying card: not locked by wrong credentials, usable, its issuer on
/// central OTP; the PIN goes to the card's mobile.
fn card_payer(
    tx: &rusqlite::Transaction<'_>,
    locks: &crate::config::CardCredentialRules,
    customer_id: &str,
    key: &CardKey,
    now: i64,
) -> ApiResult<Payer> {
    let card = card_auth::find(tx, customer_id, key)?;
    // A card locked after wrong credentials gets no PIN (and no guess) until the lock ends.
    card_auth::velocity::refuse_while_locked(tx, locks, customer_id, &card.id, now)?;
    card_auth::check_usable(&card, now)?;
    let connected: bool = tx
        .prepare_cached("SELECT otp_connected FROM issuers WHERE bank_id = ?1")?
        .query_row(params![card.bank_id], |r| r.get(0))
        .optional()?
        .unwrap_or(true);
    if !connected {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "otp.issuer_not_connected",
            "بانک صادرکننده کارت هنوز به سامانه رمز پویای متمرکز متصل نیست؛ از رمزساز همان بانک استفاده کنید.",
            "The card's issuer is not connected to central dynamic PIN; use that bank's soft token.",
        ));
    }
    Ok(Payer {
        named_fa: format!("کارت {}", card.masked()),
        source: card.id,
        mobile: card.mobile,
    })
}

/// A paying account of the customer's, active; the PIN goes to her mobile.
fn account_payer(
    tx: &rusqlite::Transaction<'_>,
    customer_id: &str,
    account_id: &str,
) -> ApiResult<Payer> {
    let found: Option<(bool, String)> = tx
        .prepare_cached(
            "SELECT a.state = 'active', c.mobile FROM accounts a JOIN customers c ON c.id = a.customer_id
             WHERE a.id = ?1 AND a.customer_id = ?2 AND a.kind = 'deposit'",
        )?
        .query_row(params![account_id, customer_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((active, mobile)) = found else {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "account.not_found",
            "حساب یافت نشد.",
            "The account was not found.",
        ));
    };
    if !active {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "account.inactive",
            "حساب مسدود یا بسته است.",
            "The account is blocked or closed.",
        ));
    }
    Ok(Payer {
        source: crate::sca::pin_source(account_id),
        mobile,
        named_fa: "حساب شما".to_owned(),
    })
}
