//! `card_second_pin_change`: changes an own card's static second PIN,
//! exactly once per idempotency key (fingerprint: the card; the PINs are
//! outside it and never stored in clear, nor in the recorded outcome).
//!
//! Two factors: the device's enrolled key, whose signature binds
//! `second_pin:{card_id}` with amount 0 (checked by the `Session` extractor;
//! a device without one is refused first), and the current second PIN,
//! whose wrong tries spend the day's budget ([`budget`]).

mod budget;

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use hamrah_core::ids::SecondPin;
use rusqlite::{Transaction, params};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::auth::Session;
use crate::card_auth::{self, CardKey, SourceCard};
use crate::clock::{jalali, rfc3339};
use crate::config::CardCredentialRules;
use crate::error::{ApiError, ApiResult};
use crate::extract::{IdempotencyKey, JsonBody};
use crate::idempotency::{Outcome, run_once};
use crate::ids::random_digits;
use crate::sms::{self, Sms, SmsKind};
use crate::state::AppState;
use crate::vault::cvv2::Cvv2Mac;

/// The operationId changes are recorded under.
const OPERATION: &str = "card_second_pin_change";

/// Digits of a change's reference number.
const REFERENCE_DIGITS: u32 = 12;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SecondPinChangeRequest {
    current_pin: Option<String>,
    new_pin: Option<String>,
}

/// The two PINs of a change, parsed.
struct Pins {
    current: SecondPin,
    new: SecondPin,
}

impl SecondPinChangeRequest {
    /// 400 `request.field_missing`, `pin.format` or `pin.guessable`, with the field.
    fn parse(self) -> ApiResult<Pins> {
        let current = self
            .current_pin
            .ok_or_else(|| ApiError::missing("current_pin"))?;
        let new = self.new_pin.ok_or_else(|| ApiError::missing("new_pin"))?;
        Ok(Pins {
            current: card_auth::parse_pin(&current, "current_pin")?,
            new: SecondPin::new_choice(&new).map_err(|e| ApiError::invalid("new_pin", &e))?,
        })
    }
}

pub(crate) async fn card_second_pin_change(
    State(state): State<AppState>,
    session: Session,
    Path(card_id): Path<String>,
    key: Result<IdempotencyKey, ApiError>,
    body: Result<JsonBody<SecondPinChangeRequest>, ApiError>,
) -> ApiResult<Outcome> {
    crate::signature::require_enrolled(&state, &session).await?;
    let IdempotencyKey(key) = key?;
    let JsonBody(request) = body?;
    let pins = request.parse()?;
    let now = state.clock.now();
    let rules = state.rules.second_pin.clone();
    let mac = Arc::clone(&state.cvv2);
    let customer_id = session.customer_id;
    state
        .db
        .tx(move |tx| {
            let fingerprint = format!("card:{card_id}|second_pin");
            let change = Change {
                rules: &rules,
                mac: &mac,
                customer_id: &customer_id,
                card_id: &card_id,
                pins: &pins,
                now,
            };
            let outcome = run_once(tx, &customer_id, &key, OPERATION, &fingerprint, now, |tx| {
                change.run(tx)
            });
            match outcome {
                Ok(outcome) => Ok(Ok(outcome)),
                Err(refusal) if budget::keeps_state(&refusal) => Ok(Err(refusal)),
                Err(error) => Err(error),
            }
        })
        .await?
}

/// One change, inside the operation's savepoint.
struct Change<'a> {
    rules: &'a CardCredentialRules,
    mac: &'a Cvv2Mac,
    customer_id: &'a str,
    card_id: &'a str,
    pins: &'a Pins,
    now: i64,
}

impl Change<'_> {
    /// The checks in order (own card, today's budget, the card's state, the
    /// current PIN, a new PIN that differs), then the new hash and the notice.
    fn run(&self, tx: &Transaction<'_>) -> ApiResult<(StatusCode, Value)> {
        let card = card_auth::find(tx, self.customer_id, &CardKey::Id(self.card_id.to_owned()))?;
        budget::refuse_while_locked(tx, self.rules, self.customer_id, &card.id, self.now)?;
        card_auth::check_usable(&card, self.now)?;
        let stored: Option<String> = tx
            .prepare_cached("SELECT second_pin FROM cards WHERE id = ?1")?
            .query_row(params![card.id], |r| r.get(0))?;
        let current = self.pins.current.as_str();
        if !self
            .mac
            .second_pin_verifies(&card.pan, current, stored.as_deref())
        {
            return Err(budget::record_failure(
                tx,
                self.rules,
                self.customer_id,
                &card,
                self.now,
            )?);
        }
        if self.pins.new == self.pins.current {
            return Err(unchanged());
        }
        let hash = self
            .mac
            .second_pin_digest(&card.pan, self.pins.new.as_str())?;
        tx.prepare_cached("UPDATE cards SET second_pin = ?1 WHERE id = ?2")?
            .execute(params![hash, card.id])?;
        notify(tx, &card, self.now)?;
        Ok((
            StatusCode::OK,
            json!({
                "kind": "second_pin_change",
                "card_id": card.id,
                "pan_masked": card.masked(),
                "reference_number": random_digits(REFERENCE_DIGITS),
                "changed_at": rfc3339(self.now),
                "changed_at_jalali": jalali(self.now),
            }),
        ))
    }
}

/// 422 `card.pin_unchanged`: the new PIN is the current one.
fn unchanged() -> ApiError {
    ApiError::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "card.pin_unchanged",
        "رمز دوم جدید باید با رمز دوم فعلی متفاوت باشد.",
        "The new second PIN must differ from the current one.",
    )
}

/// The owner's security notice (SMS and inbox) of a changed second PIN.
fn notify(tx: &Transaction<'_>, card: &SourceCard, now: i64) -> ApiResult<()> {
    let bank = hamrah_core::banks::by_id(crate::SANDBOX_BANK_ID).map_or("", |b| b.name_fa);
    let text = format!(
        "{bank}\nرمز دوم کارت {} تغییر کرد.\n{}\nاگر شما نبوده‌اید، فوراً با بانک تماس بگیرید.",
        card.masked(),
        jalali(now)
    );
    sms::send(
        tx,
        &Sms {
            mobile: &card.mobile,
            kind: SmsKind::Security,
            text: &text,
            idempotency_key: None,
        },
        now,
    )
}
