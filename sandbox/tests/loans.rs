//! Loans: the list and schedule with penalties by the sandbox clock, the
//! inquiry by number (holder masked), paying instalments (own and another's;
//! from an account with its dynamic PIN and from another bank's card by PAN),
//! the early-settlement quote and its payment, exactly once, SMS reminders and
//! overdue notices as the clock moves.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
mod payments;

use common::{Bank, Customer, Reply};
use hamrah_sandbox::ledger::internal;
use payments::*;
use reqwest::Method;
use serde_json::{Value, json};

const SARA_CONSUMER: &str = "0101234567001";
const SARA_QARD: &str = "0101234567002";
const REZA_MORTGAGE: &str = "0101234567003";

async fn loans(bank: &Bank, customer: &Customer) -> Vec<Value> {
    bank.as_customer(customer, Method::GET, "/v1/loans", None)
        .await
        .expect(200)
        .json["items"]
        .as_array()
        .unwrap()
        .clone()
}

async fn loan(bank: &Bank, customer: &Customer, number: &str) -> Value {
    loans(bank, customer)
        .await
        .into_iter()
        .find(|l| l["loan_number"] == number)
        .unwrap()
}

async fn inquire(bank: &Bank, customer: &Customer, number: &str) -> Reply {
    let body = json!({"loan_number": number});
    bank.as_customer(
        customer,
        Method::POST,
        "/v1/holder-inquiries/loan",
        Some(body),
    )
    .await
}

async fn sara_account(bank: &Bank) -> String {
    seed(bank).await["customers"][0]["accounts"][0]["account_id"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn loan_payee(number: &str) -> Value {
    json!({"kind": "loan", "loan_number": number})
}

/// Pays `what` (`{"instalment_count": n}` or `{"settlement": true}`) of a
/// loan from the customer's first account, with the dynamic PIN for it.
async fn pay_from_account(
    bank: &Bank,
    customer: &Customer,
    key: &str,
    number: &str,
    what: Value,
    amount: i64,
) -> Reply {
    let account = sara_account(bank).await;
    let factor = bank
        .account_pin(customer, key, &account, amount, loan_payee(number))
        .await;
    let mut source = json!({"kind": "account", "account_id": account});
    source["pin"] = factor["pin"].clone();
    source["pin_kind"] = factor["pin_kind"].clone();
    let mut body = json!({"loan_number": number, "amount_rials": amount, "source": source});
    for (k, v) in what.as_object().unwrap() {
        body[k] = v.clone();
    }
    bank.as_customer_once(customer, Method::POST, "/v1/loan-payments", key, body)
        .await
}

#[tokio::test]
async fn the_list_and_schedule_with_penalties() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let list = loans(&bank, &sara).await;
    assert_eq!(list.len(), 2);
    let consumer = loan(&bank, &sara, SARA_CONSUMER).await;
    assert_eq!(consumer["principal_rials"], 300_000_000);
    assert_eq!(consumer["annual_rate_bp"], 1800);
    assert_eq!(consumer["term_months"], 24);
    assert_eq!(consumer["instalment_rials"], 14_844_000);
    assert_eq!(consumer["overdue_count"], 1);
    assert_eq!(consumer["paid_count"], 6);
    assert!(consumer["penalty_rials"].as_i64().unwrap() > 0);
    assert_eq!(
        consumer["paid_rials"].as_i64().unwrap() + consumer["remaining_rials"].as_i64().unwrap(),
        356_250_000
    );
    assert!(
        consumer["next_due_date_jalali"]
            .as_str()
            .unwrap()
            .starts_with("14")
    );

    let id = consumer["loan_id"].as_str().unwrap();
    let path = format!("/v1/loans/{id}/instalments");
    let schedule = bank
        .as_customer(&sara, Method::GET, &path, None)
        .await
        .expect(200)
        .json;
    let items = schedule["items"].as_array().unwrap();
    assert_eq!(items.len(), 24);
    let statuses: Vec<&str> = items
        .iter()
        .map(|i| i["status"].as_str().unwrap())
        .collect();
    assert_eq!(
        &statuses[..8],
        [
            "paid", "paid", "paid", "paid", "paid", "paid", "overdue", "upcoming"
        ]
    );
    // The penalty: 6 % a year on the overdue amount, per Tehran day.
    let overdue = &items[6];
    let days = overdue["days_overdue"].as_i64().unwrap();
    assert!(days >= 9, "{overdue}");
    assert_eq!(
        overdue["penalty_rials"],
        14_844_000 * 600 * days / (10_000 * 365)
    );
    assert_eq!(consumer["penalty_rials"], overdue["penalty_rials"]);
    // Another customer's loan is not found.
    let reza = bank.login("reza.karimi").await;
    bank.as_customer(&reza, Method::GET, &path, None)
        .await
        .expect_error(404, "loan.not_found");
    bank.finish().await;
}

#[tokio::test]
async fn inquiry_by_number_masks_the_holder() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let found = inquire(&bank, &sara, REZA_MORTGAGE).await.expect(200).json;
    assert_eq!(found["holder_name_masked"], "رض* کری**");
    assert_eq!(found["own"], false);
    assert!(found.get("loan_id").is_none());
    assert_eq!(found["due"].as_array().unwrap().len(), 12);
    assert_eq!(found["due"][0]["status"], "upcoming");
    let typo = inquire(&bank, &sara, "0101234a67001").await;
    let typo = typo.expect_error(400, "loan.invalid_character");
    assert_eq!(typo.json["field"], "loan_number");
    // As a customer types it: Persian digits, dashes.
    let own = inquire(&bank, &sara, "۰۱۰۱-۲۳۴۵-۶۷۰۰۱")
        .await
        .expect(200)
        .json;
    assert_eq!(own["loan_number"], SARA_CONSUMER);
    assert_eq!(own["own"], true);
    assert_eq!(own["due"][0]["status"], "overdue");
    inquire(&bank, &sara, "123")
        .await
        .expect_error(400, "loan.length");
    inquire(&bank, &sara, "9999999999999")
        .await
        .expect_error(404, "loan.not_found");
    bank.finish().await;
}

#[tokio::test]
async fn paying_the_overdue_instalment_from_an_account_exactly_once() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let account = sara_account(&bank).await;
    let consumer = loan(&bank, &sara, SARA_CONSUMER).await;
    let owed = consumer["overdue_rials"].as_i64().unwrap();
    let penalty = consumer["penalty_rials"].as_i64().unwrap();
    let loan_account = "acc_loan0";
    let (before, loan_before, income_before) = (
        balance(&bank, &account).await,
        balance(&bank, loan_account).await,
        balance(&bank, internal::LOAN_INCOME).await,
    );
    // Without the penalty the amount is not what is due.
    let key = key();
    pay_from_account(
        &bank,
        &sara,
        &key,
        SARA_CONSUMER,
        json!({"instalment_count": 1}),
        owed,
    )
    .await
    .expect_error(422, "loan.amount_mismatch");
    // Without a second factor: refused, not recorded.
    let key = payments::key();
    let body = json!({"loan_number": SARA_CONSUMER, "instalment_count": 1, "amount_rials": owed + penalty,
                      "source": {"kind": "account", "account_id": account}});
    bank.as_customer_once(&sara, Method::POST, "/v1/loan-payments", &key, body)
        .await
        .expect_error(422, "sca.required");
    let paid = pay_from_account(
        &bank,
        &sara,
        &key,
        SARA_CONSUMER,
        json!({"instalment_count": 1}),
        owed + penalty,
    )
    .await
    .expect(201)
    .json;
    assert_eq!(paid["instalments_paid"], json!([7]));
    assert_eq!(paid["penalty_rials"], penalty);
    assert_eq!(paid["source_kind"], "account");
    assert_eq!(paid["loan_settled"], false);
    assert_eq!(balance(&bank, &account).await, before - owed - penalty);
    assert_eq!(balance(&bank, loan_account).await, loan_before + owed);
    assert_eq!(
        balance(&bank, internal::LOAN_INCOME).await,
        income_before + penalty
    );
    // The same key again: the same receipt, replayed; no second debit.
    let body = json!({"loan_number": SARA_CONSUMER, "instalment_count": 1, "amount_rials": owed + penalty,
                      "source": {"kind": "account", "account_id": account, "pin": "000000", "pin_kind": "sms"}});
    let again = bank
        .as_customer_once(&sara, Method::POST, "/v1/loan-payments", &key, body)
        .await
        .expect(201);
    assert_eq!(again.headers["idempotent-replayed"], "true");
    assert_eq!(again.json["loan_payment_id"], paid["loan_payment_id"]);
    assert_eq!(balance(&bank, &account).await, before - owed - penalty);
    let op = bank
        .as_customer(&sara, Method::GET, &format!("/v1/operations/{key}"), None)
        .await
        .expect(200)
        .json;
    assert_eq!(
        (op["status"].as_str(), op["kind"].as_str()),
        (Some("succeeded"), Some("loan_payment"))
    );
    let after = loan(&bank, &sara, SARA_CONSUMER).await;
    assert_eq!(after["overdue_count"], 0);
    assert_eq!(after["paid_count"], 7);
    assert_eq!(
        sms_kinds(&bank, &sara.demo.mobile).await.last().unwrap(),
        "debit"
    );
    bank.finish().await;
}

#[tokio::test]
async fn another_persons_instalment_from_another_banks_card() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let reza = bank.demo(Some("reza.karimi"));
    let mellat = other_card(&bank, "mellat").await;
    let found = inquire(&bank, &sara, REZA_MORTGAGE).await.expect(200).json;
    let two: i64 = found["due"].as_array().unwrap()[..2]
        .iter()
        .map(|d| d["amount_rials"].as_i64().unwrap() + d["penalty_rials"].as_i64().unwrap())
        .sum();
    // The dynamic PIN of another bank's card, from its issuer (Harim), to Sara's mobile.
    let card_pin = |key: String, amount: i64| {
        let body = json!({"idempotency_key": key, "source": {"pan": mellat.clone()}, "amount_rials": amount,
                          "payee": loan_payee(REZA_MORTGAGE)});
        let (bank, sara) = (&bank, &sara);
        async move {
            bank.as_customer(sara, Method::POST, "/v1/dynamic-pins", Some(body))
                .await
                .expect(201);
            bank.last_otp(&sara.demo.mobile).await
        }
    };
    let settlement_before = balance(&bank, internal::SHETAB_SETTLEMENT).await;
    let pay = |pin: &str, amount: i64| {
        json!({"loan_number": REZA_MORTGAGE, "instalment_count": 2, "amount_rials": amount,
               "source": {"kind": "card", "card": {"pan": mellat}, "expiry": "0806", "cvv2": "000",
                          "pin": pin, "pin_kind": "sms"}})
    };
    // A PIN bound to another amount is refused (and not recorded).
    let key = key();
    let code = card_pin(key.clone(), two - 1000).await;
    bank.as_customer_once(
        &sara,
        Method::POST,
        "/v1/loan-payments",
        &key,
        pay(&code, two),
    )
    .await
    .expect_error(422, "otp.invalid");
    let key = payments::key();
    let code = card_pin(key.clone(), two).await;
    let paid = bank
        .as_customer_once(
            &sara,
            Method::POST,
            "/v1/loan-payments",
            &key,
            pay(&code, two),
        )
        .await
        .expect(201)
        .json;
    assert_eq!(paid["instalments_paid"], json!([12, 13]));
    assert_eq!(paid["holder_name_masked"], "رض* کری**");
    assert_eq!(paid["source_kind"], "card");
    assert!(paid.get("source_balance_after_rials").is_none());
    assert_eq!(
        balance(&bank, internal::SHETAB_SETTLEMENT).await,
        settlement_before - two
    );
    // The holder is told someone paid; a settlement of another's loan is refused.
    let texts = bank
        .admin(Method::GET, &format!("/admin/sms/{}", reza.mobile), None)
        .await
        .expect(200)
        .json;
    let last = texts["items"].as_array().unwrap().last().unwrap()["body"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        last.contains(REZA_MORTGAGE) && last.contains("توسط دیگری"),
        "{last}"
    );
    let key = payments::key();
    let account = sara_account(&bank).await;
    let body = json!({"loan_number": REZA_MORTGAGE, "settlement": true, "amount_rials": 1000,
                      "source": {"kind": "account", "account_id": account}});
    bank.as_customer_once(&sara, Method::POST, "/v1/loan-payments", &key, body)
        .await
        .expect_error(422, "loan.settlement_not_own");
    bank.finish().await;
}

#[tokio::test]
async fn early_settlement_at_the_quote() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let qard = loan(&bank, &sara, SARA_QARD).await;
    let id = qard["loan_id"].as_str().unwrap().to_owned();
    let path = format!("/v1/loans/{id}/settlement-quote");
    let quote = bank
        .as_customer(&sara, Method::GET, &path, None)
        .await
        .expect(200)
        .json;
    assert_eq!(quote["unpaid_rials"], qard["remaining_rials"]);
    let discount = quote["discount_rials"].as_i64().unwrap();
    assert!(discount > 0);
    let amount = quote["amount_rials"].as_i64().unwrap();
    assert_eq!(amount, qard["remaining_rials"].as_i64().unwrap() - discount);
    // The same day, the same quote: nothing is stored.
    let again = bank
        .as_customer(&sara, Method::GET, &path, None)
        .await
        .expect(200)
        .json;
    assert_eq!(again, quote);
    let paid = pay_from_account(
        &bank,
        &sara,
        &key(),
        SARA_QARD,
        json!({"settlement": true}),
        amount,
    )
    .await
    .expect(201)
    .json;
    assert_eq!(paid["paid_kind"], "settlement");
    assert_eq!(paid["discount_rials"], discount);
    assert_eq!(paid["loan_settled"], true);
    assert_eq!(paid["remaining_rials"], 0);
    assert_eq!(balance(&bank, "acc_loan1").await, 0);
    let settled = loan(&bank, &sara, SARA_QARD).await;
    assert_eq!(settled["state"], "settled");
    bank.as_customer(&sara, Method::GET, &path, None)
        .await
        .expect_error(422, "loan.settled");
    inquire(&bank, &sara, SARA_QARD)
        .await
        .expect_error(422, "loan.settled");
    bank.finish().await;
}

/// The SMS texts sent to Reza that name his mortgage.
async fn mortgage_texts(bank: &Bank, reza: &Customer) -> Vec<String> {
    let outbox = bank
        .admin(
            Method::GET,
            &format!("/admin/sms/{}", reza.demo.mobile),
            None,
        )
        .await
        .expect(200)
        .json;
    outbox["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["body"].as_str().unwrap().to_owned())
        .filter(|t| t.contains(REZA_MORTGAGE))
        .collect()
}

#[tokio::test]
async fn a_reminder_before_the_due_date_and_a_notice_once_overdue() {
    let bank = Bank::start().await;
    let reza = bank.login("reza.karimi").await;
    let mortgage = loan(&bank, &reza, REZA_MORTGAGE).await;
    assert!(
        mortgage_texts(&bank, &reza).await.is_empty(),
        "nothing due yet"
    );
    let due: jiff::civil::Date = mortgage["next_due_date"].as_str().unwrap().parse().unwrap();
    let today = jiff::Timestamp::from_second(bank.sandbox().state().clock.now())
        .unwrap()
        .to_zoned(hamrah_core::calendar::tehran())
        .date();
    let days_to_due = i64::from(due.since(today).unwrap().get_days());
    assert!(days_to_due > 4, "{days_to_due}");
    // Four days before: nothing; three days before: the reminder, once.
    advance(&bank, (days_to_due - 4) * 86_400).await;
    assert!(mortgage_texts(&bank, &reza).await.is_empty());
    advance(&bank, 86_400).await;
    advance(&bank, 3_600).await;
    let sent = mortgage_texts(&bank, &reza).await;
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert!(sent[0].starts_with("یادآوری قسط"), "{sent:?}");
    // The day after the due date: the overdue notice with its penalty, once.
    advance(&bank, 4 * 86_400).await;
    let sent = mortgage_texts(&bank, &reza).await;
    assert_eq!(sent.len(), 2, "{sent:?}");
    assert!(sent[1].starts_with("قسط معوق"), "{sent:?}");
    // (The clock moves run the notices; the session has ended meanwhile.)
    let reza = bank.login("reza.karimi").await;
    let overdue = loan(&bank, &reza, REZA_MORTGAGE).await;
    assert_eq!(
        mortgage_texts(&bank, &reza).await.len(),
        2,
        "each sent once"
    );
    assert_eq!(overdue["overdue_count"], 1);
    assert!(overdue["penalty_rials"].as_i64().unwrap() > 0);
    // Both also reach his inbox, as instalment notices.
    let inbox = bank
        .as_customer(&reza, Method::GET, "/v1/notices", None)
        .await
        .expect(200)
        .json;
    let instalments: Vec<&str> = inbox["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == "instalment")
        .map(|n| n["text_fa"].as_str().unwrap())
        .collect();
    assert_eq!(instalments.len(), 2, "{inbox}");
    assert!(instalments[0].starts_with("یادآوری قسط"), "{instalments:?}");
    bank.finish().await;
}
