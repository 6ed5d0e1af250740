//! Exactly once: replays, conflicts, lost responses, failures before commit,
//! a restart mid-journey, and `operation_get`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
mod payments;

use common::{Bank, Customer};
use payments::*;
use reqwest::Method;
use serde_json::{Value, json};

const AMOUNT: i64 = 25_000_000;

async fn operation(bank: &Bank, customer: &Customer, key: &str) -> Value {
    bank.as_customer(
        customer,
        Method::GET,
        &format!("/v1/operations/{key}"),
        None,
    )
    .await
    .expect(200)
    .json
}

async fn arm(bank: &Bank, kind: &str) {
    bank.admin(
        Method::POST,
        "/admin/faults",
        Some(json!({"route": "card_transfer_create", "kind": kind, "count": 1})),
    )
    .await
    .expect(201);
}

#[tokio::test]
async fn the_same_key_twice_moves_money_once() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let mellat = other_card(&bank, "mellat").await;
    let key = key();
    let code = pin(&bank, &sara, &key, AMOUNT, card_payee(&mellat)).await;
    let body = transfer_body(&sara, &mellat, AMOUNT, &code);
    let first = transfer(&bank, &sara, &key, body.clone()).await.expect(201);
    assert!(first.headers.get("idempotent-replayed").is_none());
    let before = card_balance(&bank, &sara.demo.card_pan).await;
    let second = transfer(&bank, &sara, &key, body).await.expect(201);
    assert_eq!(second.headers["idempotent-replayed"], "true");
    assert_eq!(first.json, second.json);
    assert_eq!(card_balance(&bank, &sara.demo.card_pan).await, before);
    assert_eq!(journals(&bank, "card_transfer").await, 1);
    // Another amount under the same key is a conflict.
    transfer(
        &bank,
        &sara,
        &key,
        transfer_body(&sara, &mellat, AMOUNT + 1, &code),
    )
    .await
    .expect_error(409, "idempotency.conflict");
    // A retry with a fresh PIN text (outside the fingerprint) still replays.
    transfer(
        &bank,
        &sara,
        &key,
        transfer_body(&sara, &mellat, AMOUNT, "99999"),
    )
    .await
    .expect(201);
    let found = operation(&bank, &sara, &key).await;
    assert_eq!(found["status"], "succeeded");
    assert_eq!(found["kind"], "card_transfer");
    assert_eq!(found["http_status"], 201);
    assert_eq!(found["receipt"], first.json);
    bank.finish().await;
}

#[tokio::test]
async fn a_lost_response_is_found_and_replayed() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let mellat = other_card(&bank, "mellat").await;
    let key = key();
    let code = pin(&bank, &sara, &key, AMOUNT, card_payee(&mellat)).await;
    let body = transfer_body(&sara, &mellat, AMOUNT, &code);
    arm(&bank, "drop_after_commit").await;
    let lost = bank
        .client
        .post(format!("{}/v1/card-transfers", bank.url))
        .bearer_auth(&sara.token)
        .header("x-device-id", &sara.device_id)
        .header("idempotency-key", &key)
        .json(&body)
        .send()
        .await;
    let delivered = match lost {
        Ok(response) => response.bytes().await.is_ok_and(|b| !b.is_empty()),
        Err(_) => false,
    };
    assert!(!delivered, "the response should have been dropped");
    let found = operation(&bank, &sara, &key).await;
    assert_eq!(found["status"], "succeeded");
    assert_eq!(found["receipt"]["status"], "succeeded");
    let replay = transfer(&bank, &sara, &key, body).await.expect(201);
    assert_eq!(replay.headers["idempotent-replayed"], "true");
    assert_eq!(replay.json, found["receipt"]);
    assert_eq!(journals(&bank, "card_transfer").await, 1);
    bank.finish().await;
}

#[tokio::test]
async fn a_failure_before_commit_leaves_the_key_free() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let mellat = other_card(&bank, "mellat").await;
    let key = key();
    let code = pin(&bank, &sara, &key, AMOUNT, card_payee(&mellat)).await;
    let body = transfer_body(&sara, &mellat, AMOUNT, &code);
    let before = card_balance(&bank, &sara.demo.card_pan).await;
    arm(&bank, "fail_before_commit").await;
    transfer(&bank, &sara, &key, body.clone())
        .await
        .expect_error(500, "server.internal");
    assert_eq!(card_balance(&bank, &sara.demo.card_pan).await, before);
    assert_eq!(operation(&bank, &sara, &key).await["status"], "not_found");
    let done = transfer(&bank, &sara, &key, body).await.expect(201);
    assert!(done.headers.get("idempotent-replayed").is_none());
    assert_eq!(journals(&bank, "card_transfer").await, 1);
    bank.finish().await;
}

#[tokio::test]
async fn a_restart_mid_journey_keeps_the_pin_and_the_money() {
    let mut bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let mellat = other_card(&bank, "mellat").await;
    let key = key();
    let code = pin(&bank, &sara, &key, AMOUNT, card_payee(&mellat)).await;
    let before = card_balance(&bank, &sara.demo.card_pan).await;
    bank.restart().await;
    transfer(
        &bank,
        &sara,
        &key,
        transfer_body(&sara, &mellat, AMOUNT, &code),
    )
    .await
    .expect(201);
    bank.restart().await;
    assert_eq!(
        card_balance(&bank, &sara.demo.card_pan).await,
        before - AMOUNT - 7_200
    );
    assert_eq!(operation(&bank, &sara, &key).await["status"], "succeeded");
    bank.finish().await;
}

#[tokio::test]
async fn operations_are_scoped_and_keys_checked() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let reza = bank.login("reza.karimi").await;
    let mellat = other_card(&bank, "mellat").await;
    let sent = send(&bank, &sara, &mellat, AMOUNT).await.expect(201).json;
    let key = sent["idempotency_key"].as_str().unwrap();
    assert_eq!(operation(&bank, &reza, key).await["status"], "not_found");
    let unknown = operation(&bank, &sara, &payments::key()).await;
    assert_eq!(unknown["status"], "not_found");
    assert!(unknown.get("kind").is_none());
    bank.as_customer(&sara, Method::GET, "/v1/operations/not-a-uuid", None)
        .await
        .expect_error(400, "idempotency.key_format");
    bank.finish().await;
}
