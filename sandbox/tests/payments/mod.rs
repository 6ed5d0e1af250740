//! Helpers of the payment tests: dynamic PINs, card transfers, balances.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use reqwest::Method;
use serde_json::{Value, json};

use crate::common::{Bank, Customer, Reply};

/// A fresh idempotency key.
pub fn key() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// `GET /admin/seed`.
pub async fn seed(bank: &Bank) -> Value {
    bank.admin(Method::GET, "/admin/seed", None)
        .await
        .expect(200)
        .json
}

/// The PAN of the seeded other bank's card of `bank_id`.
pub async fn other_card(bank: &Bank, bank_id: &str) -> String {
    seed(bank).await["other_bank_cards"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["bank_id"] == bank_id)
        .unwrap()["pan"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// A card payee.
pub fn card_payee(pan: &str) -> Value {
    json!({"kind": "card", "pan": pan})
}

/// Asks for a dynamic PIN from the customer's own card.
pub async fn request_pin(
    bank: &Bank,
    customer: &Customer,
    key: &str,
    amount: i64,
    payee: Value,
) -> Reply {
    let body = json!({
        "idempotency_key": key,
        "source": {"pan": customer.demo.card_pan},
        "amount_rials": amount,
        "payee": payee,
    });
    bank.as_customer(customer, Method::POST, "/v1/dynamic-pins", Some(body))
        .await
}

/// Asks for a dynamic PIN and reads it from the SMS outbox.
pub async fn pin(bank: &Bank, customer: &Customer, key: &str, amount: i64, payee: Value) -> String {
    request_pin(bank, customer, key, amount, payee)
        .await
        .expect(201);
    bank.last_otp(&customer.demo.mobile).await
}

/// A card transfer body from the customer's own card, with the right CVV2 and expiry.
pub fn transfer_body(customer: &Customer, destination: &str, amount: i64, pin: &str) -> Value {
    json!({
        "source": {"pan": customer.demo.card_pan},
        "expiry": customer.demo.card_expiry,
        "cvv2": customer.demo.card_cvv2,
        "pin": pin,
        "pin_kind": "sms",
        "destination_pan": destination,
        "amount_rials": amount,
    })
}

/// Submits a card transfer.
pub async fn transfer(bank: &Bank, customer: &Customer, key: &str, body: Value) -> Reply {
    bank.as_customer_once(customer, Method::POST, "/v1/card-transfers", key, body)
        .await
}

/// A whole card transfer journey (PIN, then submit) with a new key.
pub async fn send(bank: &Bank, customer: &Customer, destination: &str, amount: i64) -> Reply {
    let key = key();
    let code = pin(bank, customer, &key, amount, card_payee(destination)).await;
    transfer(
        bank,
        customer,
        &key,
        transfer_body(customer, destination, amount, &code),
    )
    .await
}

/// One number from the database.
pub async fn number(bank: &Bank, sql: &'static str, arg: &str) -> i64 {
    let arg = arg.to_owned();
    bank.sandbox()
        .state()
        .db
        .read(move |conn| Ok(conn.query_row(sql, [arg], |r| r.get::<_, i64>(0))?))
        .await
        .unwrap()
}

/// The balance of a ledger account.
pub async fn balance(bank: &Bank, account_id: &str) -> i64 {
    number(
        bank,
        "SELECT balance FROM accounts WHERE id = ?1",
        account_id,
    )
    .await
}

/// The balance of the account behind an own card.
pub async fn card_balance(bank: &Bank, pan: &str) -> i64 {
    number(
        bank,
        "SELECT a.balance FROM accounts a JOIN cards k ON k.account_id = a.id WHERE k.pan = ?1",
        pan,
    )
    .await
}

/// Journal entries of a kind.
pub async fn journals(bank: &Bank, kind: &str) -> i64 {
    number(bank, "SELECT COUNT(*) FROM journal WHERE kind = ?1", kind).await
}

/// The SMS kinds sent to a mobile, oldest first.
pub async fn sms_kinds(bank: &Bank, mobile: &str) -> Vec<String> {
    bank.admin(Method::GET, &format!("/admin/sms/{mobile}"), None)
        .await
        .expect(200)
        .json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["kind"].as_str().unwrap().to_owned())
        .collect()
}

/// Moves the sandbox clock forward.
pub async fn advance(bank: &Bank, seconds: i64) {
    bank.admin(
        Method::POST,
        "/admin/clock",
        Some(json!({"advance_seconds": seconds})),
    )
    .await
    .expect(200);
}
