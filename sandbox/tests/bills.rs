//! Bills: inquiry, payment from an account and from a card with a dynamic PIN,
//! already paid, unknown bills, amount mismatch.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
mod payments;

use common::{Bank, Customer};
use hamrah_core::ids::{Bill, BillType};
use hamrah_core::money::Rials;
use hamrah_sandbox::ledger::internal;
use payments::*;
use reqwest::Method;
use serde_json::{Value, json};

/// The seeded bills.
async fn bills(bank: &Bank) -> Vec<Value> {
    seed(bank).await["bills"].as_array().unwrap().clone()
}

async fn sara_account(bank: &Bank) -> String {
    seed(bank).await["customers"][0]["accounts"][0]["account_id"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn inquire(bank: &Bank, customer: &Customer, bill: &Value) -> common::Reply {
    let body = json!({"bill_id": bill["bill_id"], "payment_id": bill["payment_id"]});
    bank.as_customer(customer, Method::POST, "/v1/bill-inquiries", Some(body))
        .await
}

async fn pay(
    bank: &Bank,
    customer: &Customer,
    key: &str,
    bill: &Value,
    source: Value,
) -> common::Reply {
    let body = json!({
        "bill_id": bill["bill_id"],
        "payment_id": bill["payment_id"],
        "amount_rials": bill["amount_rials"],
        "source": source,
    });
    bank.as_customer_once(customer, Method::POST, "/v1/bill-payments", key, body)
        .await
}

#[tokio::test]
async fn inquiry_shows_biller_type_amount_and_state() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let bill = bills(&bank).await[0].clone();
    let found = inquire(&bank, &sara, &bill).await.expect(200).json;
    assert_eq!(found["bill_id"], bill["bill_id"]);
    assert_eq!(found["amount_rials"], bill["amount_rials"]);
    assert_eq!(found["bill_type"], bill["bill_type"]);
    assert_eq!(found["biller"]["name_fa"], bill["biller"]["name_fa"]);
    assert_eq!(found["paid"], false);
    let unknown = Bill::issue("99999999", BillType::Water, Rials::new(1_000_000), 8, 4).unwrap();
    let body = json!({"bill_id": unknown.bill_id(), "payment_id": unknown.payment_id()});
    bank.as_customer(&sara, Method::POST, "/v1/bill-inquiries", Some(body))
        .await
        .expect_error(404, "bill.not_found");
    let mut wrong = bill.clone();
    let payment_id = wrong["payment_id"].as_str().unwrap().to_owned();
    let last = payment_id.chars().last().unwrap();
    let flipped = if last == '0' { '1' } else { '0' };
    wrong["payment_id"] = json!(format!("{}{flipped}", &payment_id[..payment_id.len() - 1]));
    let reply = inquire(&bank, &sara, &wrong)
        .await
        .expect_error(400, "bill.payment_checksum");
    assert_eq!(reply.json["field"], "payment_id");
    bank.finish().await;
}

#[tokio::test]
async fn paying_from_an_account_marks_the_bill_paid_once() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let bill = bills(&bank).await[0].clone();
    let account = sara_account(&bank).await;
    let before = balance(&bank, &account).await;
    let amount = bill["amount_rials"].as_i64().unwrap();
    let key = key();
    let payee =
        json!({"kind": "bill", "bill_id": bill["bill_id"], "payment_id": bill["payment_id"]});
    let pin = bank.account_pin(&sara, &key, &account, amount, payee).await;
    let source = json!({"kind": "account", "account_id": account,
                        "pin": pin["pin"], "pin_kind": "sms"});
    let receipt = pay(&bank, &sara, &key, &bill, source.clone())
        .await
        .expect(201)
        .json;
    assert_eq!(receipt["kind"], "bill_payment");
    assert_eq!(receipt["status"], "succeeded");
    assert_eq!(receipt["source_kind"], "account");
    assert_eq!(receipt["amount_rials"], amount);
    assert_eq!(balance(&bank, &account).await, before - amount);
    assert_eq!(balance(&bank, internal::BILLERS).await, amount);
    let replay = pay(&bank, &sara, &key, &bill, source.clone())
        .await
        .expect(201);
    assert_eq!(replay.headers["idempotent-replayed"], "true");
    assert_eq!(journals(&bank, "bill").await, 1);
    let found = inquire(&bank, &sara, &bill).await.expect(200).json;
    assert_eq!(found["paid"], true);
    assert!(found["paid_at_jalali"].is_string());
    pay(&bank, &sara, &payments::key(), &bill, source)
        .await
        .expect_error(422, "bill.already_paid");
    assert_eq!(balance(&bank, &account).await, before - amount);
    let operation = bank
        .as_customer(&sara, Method::GET, &format!("/v1/operations/{key}"), None)
        .await
        .expect(200)
        .json;
    assert_eq!(operation["kind"], "bill_payment");
    assert_eq!(operation["receipt"], receipt);
    bank.finish().await;
}

#[tokio::test]
async fn a_paid_bill_is_in_the_payment_history_and_found_by_its_id() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let bill = bills(&bank).await[0].clone();
    let account = sara_account(&bank).await;
    let amount = bill["amount_rials"].as_i64().unwrap();
    let key = key();
    let payee =
        json!({"kind": "bill", "bill_id": bill["bill_id"], "payment_id": bill["payment_id"]});
    let pin = bank.account_pin(&sara, &key, &account, amount, payee).await;
    let source = json!({"kind": "account", "account_id": account,
                        "pin": pin["pin"], "pin_kind": "sms"});
    let receipt = pay(&bank, &sara, &key, &bill, source)
        .await
        .expect(201)
        .json;
    let history = bank
        .as_customer(&sara, Method::GET, "/v1/transfers", None)
        .await
        .expect(200)
        .json;
    assert_eq!(history["items"][0], receipt);
    let id = receipt["bill_payment_id"].as_str().unwrap();
    let found = bank
        .as_customer(&sara, Method::GET, &format!("/v1/transfers/{id}"), None)
        .await
        .expect(200)
        .json;
    assert_eq!(found, receipt);
    // Another customer sees neither.
    let reza = bank.login("reza.karimi").await;
    bank.as_customer(&reza, Method::GET, &format!("/v1/transfers/{id}"), None)
        .await
        .expect_error(404, "transfer.not_found");
    let theirs = bank
        .as_customer(&reza, Method::GET, "/v1/transfers", None)
        .await
        .expect(200)
        .json;
    assert!(!theirs["items"].as_array().unwrap().contains(&receipt));
    bank.finish().await;
}

#[tokio::test]
async fn paying_from_a_card_needs_a_pin_bound_to_the_bill() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let bill = bills(&bank).await[1].clone();
    let amount = bill["amount_rials"].as_i64().unwrap();
    let before = card_balance(&bank, &sara.demo.card_pan).await;
    let key = key();
    let payee =
        json!({"kind": "bill", "bill_id": bill["bill_id"], "payment_id": bill["payment_id"]});
    let code = pin(&bank, &sara, &key, amount, payee).await;
    let source = |pin: &str| {
        json!({
            "kind": "card",
            "card": {"pan": sara.demo.card_pan},
            "expiry": sara.demo.card_expiry,
            "cvv2": sara.demo.card_cvv2,
            "pin": pin,
            "pin_kind": "sms",
        })
    };
    let wrong = if code == "000000" { "111111" } else { "000000" };
    pay(&bank, &sara, &key, &bill, source(wrong))
        .await
        .expect_error(422, "otp.invalid");
    let receipt = pay(&bank, &sara, &key, &bill, source(&code))
        .await
        .expect(201)
        .json;
    assert_eq!(receipt["source_kind"], "card");
    assert!(receipt["source_pan_masked"].is_string());
    assert_eq!(
        card_balance(&bank, &sara.demo.card_pan).await,
        before - amount
    );
    assert!(
        sms_kinds(&bank, &sara.demo.mobile)
            .await
            .contains(&"bill".to_owned())
    );
    bank.finish().await;
}

#[tokio::test]
async fn the_amount_must_be_the_bills() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let mut bill = bills(&bank).await[2].clone();
    bill["amount_rials"] = json!(bill["amount_rials"].as_i64().unwrap() + 1000);
    let account = sara_account(&bank).await;
    pay(
        &bank,
        &sara,
        &key(),
        &bill,
        json!({"kind": "account", "account_id": account}),
    )
    .await
    .expect_error(422, "bill.amount_mismatch");
    pay(
        &bank,
        &sara,
        &key(),
        &bill,
        json!({"kind": "account", "account_id": "acc_nobody"}),
    )
    .await
    .expect_error(404, "account.not_found");
    assert_eq!(journals(&bank, "bill").await, 0);
    bank.finish().await;
}

#[tokio::test]
async fn a_card_bill_payment_checks_the_cvv2_only_after_the_pin() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let bill = bills(&bank).await[2].clone();
    let amount = bill["amount_rials"].as_i64().unwrap();
    let key = key();
    let source = |cvv2: &str, pin: &str| {
        json!({
            "kind": "card",
            "card": {"pan": sara.demo.card_pan},
            "expiry": sara.demo.card_expiry,
            "cvv2": cvv2,
            "pin": pin,
            "pin_kind": "sms",
        })
    };
    let right = sara.demo.card_cvv2.as_str();
    // No PIN requested yet: the same answer for a wrong and the right CVV2.
    let wrong_cvv2 = pay(&bank, &sara, &key, &bill, source("999", "123456"))
        .await
        .expect_error(422, "otp.not_requested");
    let right_cvv2 = pay(&bank, &sara, &key, &bill, source(right, "123456"))
        .await
        .expect_error(422, "otp.not_requested");
    assert_eq!(wrong_cvv2.json, right_cvv2.json);
    // The right PIN with a wrong CVV2: refused, and the PIN is spent.
    let payee =
        json!({"kind": "bill", "bill_id": bill["bill_id"], "payment_id": bill["payment_id"]});
    let code = pin(&bank, &sara, &key, amount, payee.clone()).await;
    pay(&bank, &sara, &key, &bill, source("999", &code))
        .await
        .expect_error(422, "card.credentials_invalid");
    pay(&bank, &sara, &key, &bill, source(right, &code))
        .await
        .expect_error(422, "otp.invalid");
    let code = pin(&bank, &sara, &key, amount, payee).await;
    pay(&bank, &sara, &key, &bill, source(right, &code))
        .await
        .expect(201);
    bank.finish().await;
}
