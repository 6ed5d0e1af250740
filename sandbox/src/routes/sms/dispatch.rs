//! Executes an accepted SMS operation through the very handlers (and so the
//! same ledger, limits, PIN checks and idempotency store) as HTTPS, as the
//! customer and device the frame's key belongs to. Cards and accounts named
//! by index are the customer's in `card_list` / `account_list` order.

use axum::Json;
use axum::extract::{Path, Query, State};
use hamrah_core::sms::{BillSource, CardCredentials, Entry, OpCode, Payee, ReplyBody, Request};
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::{Value, json};

use super::super::{accounts, bills, card_transfers, cards, dynamic_pins, operations};
use crate::auth::{Channel, Scope, Session};
use crate::error::{ApiError, ApiResult};
use crate::extract::{IdempotencyKey, JsonBody};
use crate::sms_gateway::Accepted;
use crate::sms_gateway::answer::{of_outcome, refused, refused_with};
use crate::state::AppState;

/// What to reply: the operation answered, whether it was replayed, the body.
pub(super) struct Executed {
    pub op: OpCode,
    pub replayed: bool,
    pub body: ReplyBody,
}

fn refusal(op: OpCode, code: &str) -> Executed {
    Executed {
        op,
        replayed: false,
        body: ReplyBody::Refused {
            code: code.to_owned(),
        },
    }
}

fn nth(conn: &Connection, sql: &str, customer_id: &str, index: u8) -> ApiResult<Option<String>> {
    Ok(conn
        .prepare_cached(sql)?
        .query_row(params![customer_id, index], |r| r.get(0))
        .optional()?)
}

const NTH_CARD: &str = "SELECT id FROM cards WHERE customer_id = ?1 ORDER BY id LIMIT 1 OFFSET ?2";
const NTH_ACCOUNT: &str = "SELECT id FROM accounts WHERE kind = 'deposit' AND customer_id = ?1 ORDER BY id LIMIT 1 OFFSET ?2";

async fn lookup(
    state: &AppState,
    sql: &'static str,
    customer_id: &str,
    index: u8,
) -> ApiResult<Option<String>> {
    let customer_id = customer_id.to_owned();
    state
        .db
        .read(move |conn| nth(conn, sql, &customer_id, index))
        .await
}

fn credentials_json(c: &CardCredentials) -> Value {
    json!({"expiry": c.expiry.as_str(), "cvv2": c.cvv2.as_str(), "pin": c.pin.as_str(), "pin_kind": c.pin_kind.as_str()})
}

fn body<T: serde::de::DeserializeOwned>(value: Value) -> ApiResult<T> {
    serde_json::from_value(value)
        .map_err(|_| ApiError::malformed("The SMS operation's fields are invalid."))
}

/// Runs the operation; any refusal becomes a refused reply body.
pub(super) async fn execute(state: &AppState, accepted: &Accepted) -> Executed {
    let op = accepted.request.op();
    match run(state, accepted).await {
        Ok(executed) => executed,
        Err(error) if error.code == "request.malformed" => refusal(op, "sms.field_invalid"),
        Err(error) => Executed {
            op,
            replayed: false,
            body: refused_with(&error),
        },
    }
}

async fn run(state: &AppState, accepted: &Accepted) -> ApiResult<Executed> {
    let live = &accepted.live;
    let now = state.clock.now();
    let session = Session {
        token_hash: String::new(),
        customer_id: live.customer_id.clone(),
        device_id: live.device_id.clone(),
        scope: Scope::Full,
        created_at: now,
        last_activity_at: now,
        idle_timeout: 0,
        channel: Channel::Sms,
    };
    let st = || State(state.clone());
    let amount = |value: u64| i64::try_from(value).map_err(|_| ApiError::malformed("amount"));
    let op = accepted.request.op();
    let card = |index| lookup(state, NTH_CARD, &live.customer_id, index);
    Ok(match &accepted.request {
        Request::Balance { account } | Request::Statement { account } => {
            let Some(id) = lookup(state, NTH_ACCOUNT, &live.customer_id, *account).await? else {
                return Ok(refusal(op, "account.not_found"));
            };
            let Json(found) =
                accounts::account_get(st(), session.clone(), Path(id.clone())).await?;
            let balance = found["balance_rials"].as_i64().unwrap_or(0);
            let body = if op == OpCode::Balance {
                ReplyBody::Balance {
                    balance,
                    available: found["available_balance_rials"].as_u64().unwrap_or(0),
                }
            } else {
                let query = Ok(Query(body(json!({"limit": "5"}))?));
                let Json(page) =
                    accounts::account_statement_list(st(), session, Path(id), query).await?;
                ReplyBody::Statement {
                    balance,
                    entries: entries(&page),
                }
            };
            Executed {
                op,
                replayed: false,
                body,
            }
        }
        Request::CardTransfer {
            key,
            card: index,
            destination,
            amount: rials,
            credentials,
        } => {
            let Some(card_id) = card(*index).await? else {
                return Ok(refusal(op, "card.not_found"));
            };
            let mut request = credentials_json(credentials);
            request["source"] = json!({"card_id": card_id});
            request["destination_pan"] = destination.as_str().into();
            request["amount_rials"] = amount(*rials)?.into();
            let key = IdempotencyKey(key.hyphenated().to_string());
            let outcome =
                card_transfers::card_transfer_create(st(), session, key, JsonBody(body(request)?))
                    .await?;
            outcome_of(outcome)
        }
        Request::BillPayment {
            key,
            bill_id,
            payment_id,
            amount: rials,
            source,
        } => {
            let source = match source {
                BillSource::Account(index) => {
                    let Some(id) = lookup(state, NTH_ACCOUNT, &live.customer_id, *index).await?
                    else {
                        return Ok(refusal(op, "account.not_found"));
                    };
                    json!({"kind": "account", "account_id": id})
                }
                BillSource::Card(index, credentials) => {
                    let Some(card_id) = card(*index).await? else {
                        return Ok(refusal(op, "card.not_found"));
                    };
                    let mut source = credentials_json(credentials);
                    source["kind"] = "card".into();
                    source["card"] = json!({"card_id": card_id});
                    source
                }
            };
            let request = json!({"bill_id": bill_id, "payment_id": payment_id, "amount_rials": amount(*rials)?, "source": source});
            let key = IdempotencyKey(key.hyphenated().to_string());
            outcome_of(
                bills::payment::bill_payment_create(st(), session, key, JsonBody(body(request)?))
                    .await?,
            )
        }
        Request::CardBlock { key, card: index } => {
            let Some(card_id) = card(*index).await? else {
                return Ok(refusal(op, "card.not_found"));
            };
            let key = IdempotencyKey(key.hyphenated().to_string());
            let request = JsonBody(body(json!({"reason": "lost"}))?);
            outcome_of(cards::block::card_block(st(), session, Path(card_id), key, request).await?)
        }
        Request::DynamicPin {
            key,
            card: index,
            amount: rials,
            payee,
        } => {
            let Some(card_id) = card(*index).await? else {
                return Ok(refusal(op, "card.not_found"));
            };
            let payee = match payee {
                Payee::Card(pan) => json!({"kind": "card", "pan": pan}),
                Payee::Bill(bill_id, payment_id) => {
                    json!({"kind": "bill", "bill_id": bill_id, "payment_id": payment_id})
                }
            };
            let request = json!({"idempotency_key": key.hyphenated().to_string(), "source": {"card_id": card_id}, "amount_rials": amount(*rials)?, "payee": payee});
            let (_, Json(issued)) =
                dynamic_pins::dynamic_pin_request(st(), session, JsonBody(body(request)?)).await?;
            let seconds_left = issued["seconds_left"]
                .as_u64()
                .and_then(|s| u32::try_from(s).ok())
                .unwrap_or(0);
            Executed {
                op,
                replayed: false,
                body: ReplyBody::PinSent { seconds_left },
            }
        }
        Request::OperationQuery { key } => {
            let Json(found) =
                operations::operation_get(st(), session, Path(key.hyphenated().to_string()))
                    .await?;
            match found["status"].as_str() {
                Some("succeeded" | "failed") => {
                    let status = found["http_status"]
                        .as_u64()
                        .and_then(|s| u16::try_from(s).ok())
                        .unwrap_or(500);
                    let recorded = if status < 300 {
                        &found["receipt"]
                    } else {
                        &found["error"]
                    };
                    let (mut op, mut body) = of_outcome(status, recorded);
                    if let Some(kind) = found["kind"].as_str() {
                        op = op_of_kind(kind).unwrap_or(op);
                    }
                    if status >= 300 {
                        body = refused(recorded);
                    }
                    Executed {
                        op,
                        replayed: true,
                        body,
                    }
                }
                Some("pending") => Executed {
                    op,
                    replayed: false,
                    body: ReplyBody::Pending,
                },
                _ => Executed {
                    op,
                    replayed: false,
                    body: ReplyBody::NotFound,
                },
            }
        }
    })
}

fn op_of_kind(kind: &str) -> Option<OpCode> {
    match kind {
        "card_transfer" => Some(OpCode::CardTransfer),
        "bill_payment" => Some(OpCode::BillPayment),
        "card_block" => Some(OpCode::CardBlock),
        _ => None,
    }
}

fn outcome_of(outcome: crate::idempotency::Outcome) -> Executed {
    let (op, body) = of_outcome(outcome.status.as_u16(), &outcome.body);
    Executed {
        op,
        replayed: outcome.replayed,
        body,
    }
}

/// Statement entries as SMS carries them (signed amounts, to the minute).
fn entries(page: &Value) -> Vec<Entry> {
    page["items"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .take(5)
                .map(|item| {
                    let amount = item["amount_rials"].as_i64().unwrap_or(0);
                    let posted_at = item["posted_at"]
                        .as_str()
                        .and_then(|t| t.parse::<jiff::Timestamp>().ok())
                        .map_or(0, |t| t.as_second());
                    Entry {
                        amount: if item["direction"] == "debit" {
                            -amount
                        } else {
                            amount
                        },
                        posted_at,
                    }
                })
                .collect()
        })
        .unwrap_or_default()
}
