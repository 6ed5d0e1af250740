//! Transfers to accounts of this bank: the holder inquiry by account number,
//! the instant transfer (both sides credited and notified at once, exactly
//! once), its own limits per transfer and per day, and SHEBAs of this bank
//! going `internal` the same way, with no PAYA/SATNA fee or cycle.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod banking;
mod common;

use banking::*;
use common::{Bank, Customer, Reply};
use reqwest::Method;
use serde_json::{Value, json};

const ACCOUNT_TRANSFERS: &str = "/v1/account-transfers";
/// Reza's current account number, from the demo seed.
const REZA_NUMBER: &str = "100200300501";

fn key() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// `body` with the dynamic PIN of a transfer to an account number under `key`.
async fn with_pin(bank: &Bank, customer: &Customer, key: &str, mut body: Value) -> Value {
    let payee = json!({"kind": "deposit", "account_number": body["destination_account_number"]});
    let account_id = body["source_account_id"].as_str().unwrap().to_owned();
    let amount = body["amount_rials"].as_i64().unwrap();
    if let Ok(pin) = bank
        .try_account_pin(customer, key, &account_id, amount, payee)
        .await
    {
        body["pin"] = pin["pin"].clone();
        body["pin_kind"] = pin["pin_kind"].clone();
    }
    body
}

/// A transfer of `amount` from `source` to `number` with a fresh key and its PIN.
async fn send(bank: &Bank, customer: &Customer, source: &str, number: &str, amount: i64) -> Reply {
    let key = key();
    let body = json!({"source_account_id": source, "destination_account_number": number,
                      "amount_rials": amount});
    let body = with_pin(bank, customer, &key, body).await;
    bank.as_customer_once(customer, Method::POST, ACCOUNT_TRANSFERS, &key, body)
        .await
}

async fn sms_texts(bank: &Bank, mobile: &str, kind: &str) -> Vec<String> {
    bank.admin(
        Method::GET,
        &format!("/admin/sms/{mobile}?kind={kind}"),
        None,
    )
    .await
    .expect(200)
    .json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["body"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn the_holder_is_named_before_the_customer_confirms() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let inquire = |number: &str| {
        let body = json!({"account_number": number});
        bank.as_customer(
            &sara,
            Method::POST,
            "/v1/holder-inquiries/account",
            Some(body),
        )
    };
    let holder = inquire(REZA_NUMBER).await.expect(200).json;
    assert_eq!(holder["holder_name"], "رضا کریمی");
    assert_eq!(holder["bank"]["bank_id"], "melli");
    assert_eq!(holder["account_number"], REZA_NUMBER);
    inquire("100200399999")
        .await
        .expect_error(404, "inquiry.account_not_found");
    let reply = inquire("12345")
        .await
        .expect_error(400, "account_number.length");
    assert_eq!(reply.json["field"], "account_number");
    inquire("1002-003x")
        .await
        .expect_error(400, "account_number.invalid_character");
    bank.finish().await;
}

#[tokio::test]
async fn a_transfer_credits_the_destination_at_once_and_exactly_once() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let reza = bank.login("reza.karimi").await;
    let current = account(&bank, &sara, "current").await["account_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let reza_account = account(&bank, &reza, "current").await["account_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let (sara_before, reza_before) = (
        balance(&bank, &sara, &current).await,
        balance(&bank, &reza, &reza_account).await,
    );
    let key = key();
    let body = json!({"source_account_id": current, "destination_account_number": REZA_NUMBER,
                      "amount_rials": 10_000_000, "description": "قسط"});
    let body = with_pin(&bank, &sara, &key, body).await;
    let first = bank
        .as_customer_once(&sara, Method::POST, ACCOUNT_TRANSFERS, &key, body.clone())
        .await
        .expect(201);
    assert_eq!(first.json["kind"], "account_transfer");
    assert_eq!(first.json["destination_holder_name"], "رضا کریمی");
    assert_eq!(first.json["fee_rials"], 0);
    assert_eq!(first.json["description"], "قسط");
    assert_eq!(
        balance(&bank, &sara, &current).await,
        sara_before - 10_000_000
    );
    assert_eq!(
        balance(&bank, &reza, &reza_account).await,
        reza_before + 10_000_000
    );
    let again = bank
        .as_customer_once(&sara, Method::POST, ACCOUNT_TRANSFERS, &key, body)
        .await
        .expect(201);
    assert_eq!(again.headers["idempotent-replayed"], "true");
    assert_eq!(again.json, first.json);
    assert_eq!(
        balance(&bank, &sara, &current).await,
        sara_before - 10_000_000
    );
    // Both sides are told.
    let trace = first.json["trace_number"].as_str().unwrap();
    assert!(
        sms_texts(&bank, &sara.demo.mobile, "debit")
            .await
            .iter()
            .any(|t| t.contains(trace))
    );
    assert!(
        sms_texts(&bank, &reza.demo.mobile, "credit")
            .await
            .iter()
            .any(|t| t.contains(trace))
    );
    // The history shows it; the operation is known by its key.
    let history = bank
        .as_customer(&sara, Method::GET, "/v1/transfers", None)
        .await
        .expect(200);
    assert_eq!(history.json["items"][0]["kind"], "account_transfer");
    let known = bank
        .as_customer(&sara, Method::GET, &format!("/v1/operations/{key}"), None)
        .await
        .expect(200);
    assert_eq!(known.json["kind"], "account_transfer");
    bank.finish().await;
}

#[tokio::test]
async fn its_own_limits_per_transfer_and_per_day_count_internal_shebas_too() {
    let bank = Bank::start().await;
    // Mid-morning of a Tehran day, so that the day cannot end mid-test.
    let day = plus(today(&bank).await, 1);
    let sara = move_to(&bank, tehran_at(day, 10, 0), "sara.ahmadi").await;
    let savings = account(&bank, &sara, "savings").await["account_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let before = balance(&bank, &sara, &savings).await;
    send(&bank, &sara, &savings, REZA_NUMBER, 1_000_000_001)
        .await
        .expect_error(422, "limit.per_transfer_max");
    send(&bank, &sara, &savings, REZA_NUMBER, 9_999)
        .await
        .expect_error(422, "limit.per_transfer_min");
    send(&bank, &sara, &savings, REZA_NUMBER, 1_000_000_000)
        .await
        .expect(201);
    let reza_sheba = customer_sheba(&bank, "reza.karimi").await;
    order(
        &bank,
        &sara,
        &savings,
        &reza_sheba,
        1_000_000_000,
        "internal",
    )
    .await
    .expect(201);
    send(&bank, &sara, &savings, REZA_NUMBER, 10_000)
        .await
        .expect_error(422, "limit.daily_exceeded");
    assert_eq!(
        balance(&bank, &sara, &savings).await,
        before - 2_000_000_000
    );
    // The next Tehran day the limit is whole again.
    let sara = move_to(&bank, tehran_at(plus(day, 1), 10, 0), "sara.ahmadi").await;
    send(&bank, &sara, &savings, REZA_NUMBER, 10_000)
        .await
        .expect(201);
    bank.finish().await;
}

#[tokio::test]
async fn refusals_move_nothing() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let current = account(&bank, &sara, "current").await["account_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let before = balance(&bank, &sara, &current).await;
    send(&bank, &sara, &current, "100200300401", 1_000_000)
        .await
        .expect_error(422, "transfer.same_account");
    send(&bank, &sara, &current, "100200399999", 1_000_000)
        .await
        .expect_error(422, "transfer.destination_not_found");
    send(&bank, &sara, &current, REZA_NUMBER, 900_000_000)
        .await
        .expect_error(422, "funds.insufficient");
    let body = json!({"source_account_id": current, "destination_account_number": REZA_NUMBER,
                      "amount_rials": 1_000_000});
    bank.as_customer_once(&sara, Method::POST, ACCOUNT_TRANSFERS, &key(), body.clone())
        .await
        .expect_error(422, "sca.required");
    // A PIN for one amount does not send another.
    let key = key();
    let mut signed = with_pin(&bank, &sara, &key, body).await;
    signed["amount_rials"] = json!(2_000_000);
    bank.as_customer_once(&sara, Method::POST, ACCOUNT_TRANSFERS, &key, signed)
        .await
        .expect_error(422, "otp.invalid");
    let reply = bank
        .as_customer_once(
            &sara,
            Method::POST,
            ACCOUNT_TRANSFERS,
            &uuid::Uuid::new_v4().to_string(),
            json!({"source_account_id": current, "destination_account_number": "12-34",
                   "amount_rials": 1_000_000}),
        )
        .await
        .expect_error(400, "account_number.length");
    assert_eq!(reply.json["field"], "destination_account_number");
    assert_eq!(balance(&bank, &sara, &current).await, before);
    bank.finish().await;
}

#[tokio::test]
async fn a_sheba_of_this_bank_goes_internal_at_once_without_a_cycle_or_fee() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let reza = bank.login("reza.karimi").await;
    let current = account(&bank, &sara, "current").await["account_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let reza_account = account(&bank, &reza, "current").await["account_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let reza_before = balance(&bank, &reza, &reza_account).await;
    let reza_sheba = customer_sheba(&bank, "reza.karimi").await;
    let receipt = order(&bank, &sara, &current, &reza_sheba, 30_000_000, "internal")
        .await
        .expect(201)
        .json;
    assert_eq!(receipt["method"], "internal");
    assert_eq!(receipt["status"], "settled");
    assert_eq!(receipt["fee_rials"], 0);
    assert_eq!(receipt["expected_settlement_at"], receipt["accepted_at"]);
    assert_eq!(receipt["destination_holder_name"], "رضا کریمی");
    assert_eq!(
        balance(&bank, &reza, &reza_account).await,
        reza_before + 30_000_000
    );
    let id = receipt["transfer_id"].as_str().unwrap();
    assert_eq!(transfer(&bank, &sara, id).await["status"], "settled");
    // Another bank's SHEBA cannot go internal.
    let mellat = other_sheba(&bank, "012").await;
    order(&bank, &sara, &current, &mellat, 30_000_000, "internal")
        .await
        .expect_error(422, "transfer.internal_other_bank");
    bank.finish().await;
}
