//! SHEBA transfers: PAYA cycles and SATNA cut-off on business days, limits,
//! funds, returns with the return fee, idempotency, history and a restart.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod banking;
mod common;

use banking::*;
use common::Bank;
use hamrah_core::ids::{AccountType, Sheba};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn paya_settles_at_the_next_cycle_skipping_friday() {
    let bank = Bank::start().await;
    let holidays = holidays(&bank).await;
    let thursday = find_day(today(&bank).await, |d| {
        d.weekday() == jiff::civil::Weekday::Thursday
            && !holidays.contains(&d)
            && is_business(plus(d, 2), &holidays)
    });
    let saturday = plus(thursday, 2);
    let sara = move_to(&bank, tehran_at(thursday, 19, 0), "sara.ahmadi").await;
    let current = account(&bank, &sara, "current").await;
    let source = current["account_id"].as_str().unwrap().to_owned();
    let before = current["balance_rials"].as_i64().unwrap();
    let mellat = other_sheba(&bank, "012").await;

    let receipt = order(&bank, &sara, &source, &mellat, PAYA_AMOUNT, "paya")
        .await
        .expect(201)
        .json;
    assert_eq!(receipt["status"], "accepted");
    assert_eq!(receipt["method"], "paya");
    assert_eq!(receipt["fee_rials"], 20_000);
    assert_eq!(receipt["total_debited_rials"], PAYA_AMOUNT + 20_000);
    assert_eq!(receipt["destination_bank"]["bank_id"], "mellat");
    assert_eq!(receipt["destination_holder_name"], "علی رضایی");
    assert_eq!(receipt["effective_date"], saturday.to_string());
    assert_eq!(
        ts(&receipt["expected_settlement_at"]),
        tehran_at(saturday, 3, 45)
    );
    assert!(
        receipt["expected_settlement_at_jalali"]
            .as_str()
            .unwrap()
            .ends_with(" 03:45:00")
    );
    assert_eq!(
        balance(&bank, &sara, &source).await,
        before - PAYA_AMOUNT - 20_000
    );
    let debits = sms_of_kind(&bank, &sara.demo.mobile, "debit").await;
    assert_eq!(debits.len(), 1);

    // Friday passes without a cycle.
    let id = receipt["transfer_id"].as_str().unwrap().to_owned();
    let sara = move_to(&bank, tehran_at(saturday, 3, 44), "sara.ahmadi").await;
    assert_eq!(transfer(&bank, &sara, &id).await["status"], "accepted");
    let sara = move_to(&bank, tehran_at(saturday, 3, 46), "sara.ahmadi").await;
    let settled = transfer(&bank, &sara, &id).await;
    assert_eq!(settled["status"], "settled");
    assert_eq!(ts(&settled["settled_at"]), tehran_at(saturday, 3, 45));
    assert_eq!(
        balance(&bank, &sara, &source).await,
        before - PAYA_AMOUNT - 20_000
    );
    bank.finish().await;
}

#[tokio::test]
async fn holidays_move_paya_cycles_and_satna_effective_dates() {
    let bank = Bank::start().await;
    let known = holidays(&bank).await;
    // A Monday made a holiday, between two business days.
    let monday = find_day(today(&bank).await, |d| {
        d.weekday() == jiff::civil::Weekday::Monday
            && is_business(plus(d, -1), &known)
            && is_business(d, &known)
            && is_business(plus(d, 1), &known)
    });
    add_holiday(&bank, monday).await;
    let tuesday = plus(monday, 1);
    let sara = move_to(&bank, tehran_at(plus(monday, -1), 19, 0), "sara.ahmadi").await;
    let source = account(&bank, &sara, "current").await["account_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let mellat = other_sheba(&bank, "012").await;
    let paya = order(&bank, &sara, &source, &mellat, PAYA_AMOUNT, "paya")
        .await
        .expect(201)
        .json;
    assert_eq!(
        ts(&paya["expected_settlement_at"]),
        tehran_at(tuesday, 3, 45)
    );

    // A SATNA order on the holiday takes effect the next business day.
    let sara = move_to(&bank, tehran_at(monday, 10, 0), "sara.ahmadi").await;
    let savings = account(&bank, &sara, "savings").await["account_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let tejarat = other_sheba(&bank, "018").await;
    let satna = order(&bank, &sara, &savings, &tejarat, SATNA_AMOUNT, "satna")
        .await
        .expect(201)
        .json;
    assert_eq!(satna["effective_date"], tuesday.to_string());
    assert_eq!(
        ts(&satna["expected_settlement_at"]),
        tehran_at(tuesday, 0, 0)
    );
    assert_eq!(satna["fee_rials"], 50_000);
    let id = satna["transfer_id"].as_str().unwrap().to_owned();
    assert_eq!(transfer(&bank, &sara, &id).await["status"], "accepted");

    // An effective date asked for on the holiday moves as well.
    let key = uuid::Uuid::new_v4().to_string();
    let body = json!({"source_account_id": savings, "destination_sheba": tejarat,
                   "amount_rials": SATNA_AMOUNT, "method": "satna",
                   "effective_date": monday.to_string()});
    let body = with_sheba_pin(&bank, &sara, &key, body).await;
    let asked = bank
        .as_customer_once(&sara, Method::POST, SHEBA_TRANSFERS, &key, body)
        .await
        .expect(201)
        .json;
    assert_eq!(asked["effective_date"], tuesday.to_string());

    let sara = move_to(&bank, tehran_at(tuesday, 4, 0), "sara.ahmadi").await;
    assert_eq!(transfer(&bank, &sara, &id).await["status"], "settled");
    let paya_id = paya["transfer_id"].as_str().unwrap();
    assert_eq!(transfer(&bank, &sara, paya_id).await["status"], "settled");
    bank.finish().await;
}

#[tokio::test]
async fn satna_before_and_after_the_cutoff() {
    let bank = Bank::start().await;
    let holidays = holidays(&bank).await;
    let day = find_day(today(&bank).await, |d| {
        is_business(d, &holidays) && is_business(plus(d, 1), &holidays)
    });
    let next = plus(day, 1);
    let sara = move_to(&bank, tehran_at(day, 10, 0), "sara.ahmadi").await;
    let savings = account(&bank, &sara, "savings").await["account_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let reza_sheba = customer_sheba(&bank, "reza.karimi").await;

    // Before the cut-off: effective today, settled at once (to an account of this bank).
    let early = order(&bank, &sara, &savings, &reza_sheba, SATNA_AMOUNT, "satna")
        .await
        .expect(201)
        .json;
    assert_eq!(early["status"], "accepted");
    assert_eq!(early["effective_date"], day.to_string());
    assert_eq!(early["destination_bank"]["bank_id"], "melli");
    assert_eq!(early["expected_settlement_at"], early["accepted_at"]);
    let id = early["transfer_id"].as_str().unwrap().to_owned();
    assert_eq!(transfer(&bank, &sara, &id).await["status"], "settled");
    let reza = bank.login("reza.karimi").await;
    let reza_account = account(&bank, &reza, "current").await;
    assert_eq!(reza_account["balance_rials"], 300_000_000 + SATNA_AMOUNT);
    assert_eq!(
        sms_of_kind(&bank, &reza.demo.mobile, "credit").await.len(),
        1
    );
    // The credit shows on Reza's statement, without Sara's transfer id.
    let statement = bank
        .as_customer(
            &reza,
            Method::GET,
            &format!(
                "/v1/accounts/{}/statement",
                reza_account["account_id"].as_str().unwrap()
            ),
            None,
        )
        .await
        .expect(200)
        .json;
    let credit = &statement["items"][0];
    assert_eq!(credit["direction"], "credit");
    assert_eq!(credit["kind"], "sheba_transfer");
    assert_eq!(credit["amount_rials"], SATNA_AMOUNT);
    assert!(credit.get("transfer_id").is_none());

    // After the cut-off: the next business day.
    let sara = move_to(&bank, tehran_at(day, 15, 0), "sara.ahmadi").await;
    let late = order(&bank, &sara, &savings, &reza_sheba, SATNA_AMOUNT, "satna")
        .await
        .expect(201)
        .json;
    assert_eq!(late["effective_date"], next.to_string());
    assert_eq!(ts(&late["expected_settlement_at"]), tehran_at(next, 0, 0));
    let id = late["transfer_id"].as_str().unwrap().to_owned();
    assert_eq!(transfer(&bank, &sara, &id).await["status"], "accepted");
    let sara = move_to(&bank, tehran_at(next, 0, 1), "sara.ahmadi").await;
    assert_eq!(transfer(&bank, &sara, &id).await["status"], "settled");
    bank.finish().await;
}

#[tokio::test]
async fn method_limits_funds_and_bad_orders() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let source = account(&bank, &sara, "current").await["account_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let source_sheba = account(&bank, &sara, "current").await["sheba"]
        .as_str()
        .unwrap()
        .to_owned();
    let mellat = other_sheba(&bank, "012").await;
    order(&bank, &sara, &source, &mellat, 150_000_000, "paya")
        .await
        .expect_error(422, "limit.paya_max");
    order(&bank, &sara, &source, &mellat, 149_999_999, "satna")
        .await
        .expect_error(422, "limit.satna_min");
    order(&bank, &sara, &source, &source_sheba, PAYA_AMOUNT, "paya")
        .await
        .expect_error(422, "transfer.same_account");
    let unknown = Sheba::issue("012", AccountType::NonCentral, "555000111").unwrap();
    order(&bank, &sara, &source, unknown.as_str(), PAYA_AMOUNT, "paya")
        .await
        .expect_error(422, "transfer.destination_not_found");
    let mut broken = mellat.clone();
    broken.replace_range(25..26, if mellat.ends_with('0') { "1" } else { "0" });
    order(&bank, &sara, &source, &broken, PAYA_AMOUNT, "paya")
        .await
        .expect_error(400, "sheba.checksum");
    order(
        &bank,
        &sara,
        "acc_100200300501",
        &mellat,
        PAYA_AMOUNT,
        "paya",
    )
    .await
    .expect_error(404, "account.not_found");
    order(&bank, &sara, &source, &mellat, 0, "paya")
        .await
        .expect_error(400, "amount.invalid");
    let key = uuid::Uuid::new_v4().to_string();
    let reply = bank
        .as_customer_once(
            &sara,
            Method::POST,
            SHEBA_TRANSFERS,
            &key,
            json!({"source_account_id": source, "destination_sheba": mellat,
                   "amount_rials": PAYA_AMOUNT, "method": "paya", "effective_date": "2030-01-01"}),
        )
        .await
        .expect_error(400, "transfer.effective_date_invalid");
    assert_eq!(reply.json["field"], "effective_date");
    bank.as_customer(
        &sara,
        Method::POST,
        SHEBA_TRANSFERS,
        Some(
            json!({"source_account_id": source, "destination_sheba": mellat,
                    "amount_rials": PAYA_AMOUNT, "method": "paya"}),
        ),
    )
    .await
    .expect_error(400, "idempotency.key_missing");

    // Reza has 300,000,000 rials: a larger SATNA leaves nothing behind.
    let reza = bank.login("reza.karimi").await;
    let reza_account = account(&bank, &reza, "current").await;
    let reza_id = reza_account["account_id"].as_str().unwrap().to_owned();
    let statement = format!("/v1/accounts/{reza_id}/statement");
    let entries_before = bank
        .as_customer(&reza, Method::GET, &statement, None)
        .await
        .expect(200)
        .json["items"]
        .as_array()
        .unwrap()
        .len();
    order(&bank, &reza, &reza_id, &mellat, 400_000_000, "satna")
        .await
        .expect_error(422, "funds.insufficient");
    assert_eq!(balance(&bank, &reza, &reza_id).await, 300_000_000);
    let entries_after = bank
        .as_customer(&reza, Method::GET, &statement, None)
        .await
        .expect(200)
        .json["items"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(entries_after, entries_before);
    let history = bank
        .as_customer(&reza, Method::GET, "/v1/transfers", None)
        .await
        .expect(200)
        .json;
    assert!(history["items"].as_array().unwrap().is_empty());
    bank.finish().await;
}

#[tokio::test]
async fn a_destination_that_cannot_be_credited_is_returned() {
    let bank = Bank::start().await;
    let holidays = holidays(&bank).await;
    let day = find_day(today(&bank).await, |d| {
        is_business(d, &holidays) && is_business(plus(d, 1), &holidays)
    });
    let sara = move_to(&bank, tehran_at(day, 15, 0), "sara.ahmadi").await;
    let savings = account(&bank, &sara, "savings").await;
    let source = savings["account_id"].as_str().unwrap().to_owned();
    let before = savings["balance_rials"].as_i64().unwrap();
    let mellat = other_sheba(&bank, "012").await;
    let tejarat = other_sheba(&bank, "018").await;
    let paya = order(&bank, &sara, &source, &mellat, PAYA_AMOUNT, "paya")
        .await
        .expect(201)
        .json;
    let satna = order(&bank, &sara, &source, &tejarat, SATNA_AMOUNT, "satna")
        .await
        .expect(201)
        .json;
    for sheba in [&mellat, &tejarat] {
        bank.admin(
            Method::PUT,
            "/admin/destinations",
            Some(json!({"sheba": sheba, "creditable": false})),
        )
        .await
        .expect(200);
    }
    let sara = move_to(&bank, tehran_at(plus(day, 1), 12, 0), "sara.ahmadi").await;
    let paya = transfer(&bank, &sara, paya["transfer_id"].as_str().unwrap()).await;
    assert_eq!(paya["status"], "returned");
    assert_eq!(paya["refunded_rials"], PAYA_AMOUNT);
    assert_eq!(paya["return_fee_rials"], 0);
    assert!(paya.get("returned_at").is_some());
    let satna = transfer(&bank, &sara, satna["transfer_id"].as_str().unwrap()).await;
    assert_eq!(satna["status"], "returned");
    assert_eq!(satna["return_fee_rials"], 50_000);
    assert_eq!(satna["refunded_rials"], SATNA_AMOUNT - 50_000);
    assert_eq!(
        balance(&bank, &sara, &source).await,
        before - 20_000 - 50_000 - 50_000
    );
    assert_eq!(
        sms_of_kind(&bank, &sara.demo.mobile, "credit").await.len(),
        2
    );
    let statement = bank
        .as_customer(
            &sara,
            Method::GET,
            &format!("/v1/accounts/{source}/statement"),
            None,
        )
        .await
        .expect(200)
        .json;
    assert_eq!(statement["items"][0]["kind"], "return");
    assert_eq!(statement["items"][0]["direction"], "credit");
    bank.finish().await;
}

#[tokio::test]
async fn the_same_key_makes_one_transfer() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let source = account(&bank, &sara, "current").await["account_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let before = balance(&bank, &sara, &source).await;
    let mellat = other_sheba(&bank, "012").await;
    let key = uuid::Uuid::new_v4().to_string();
    let pin = with_sheba_pin(
        &bank,
        &sara,
        &key,
        json!({"source_account_id": source, "destination_sheba": mellat,
               "amount_rials": PAYA_AMOUNT}),
    )
    .await;
    let body = |amount: i64| {
        json!({"source_account_id": source, "destination_sheba": mellat,
               "amount_rials": amount, "method": "paya", "description": "اجاره",
               "pin": pin["pin"], "pin_kind": "sms"})
    };
    let first = bank
        .as_customer_once(
            &sara,
            Method::POST,
            SHEBA_TRANSFERS,
            &key,
            body(PAYA_AMOUNT),
        )
        .await
        .expect(201);
    assert!(first.headers.get("idempotent-replayed").is_none());
    let again = bank
        .as_customer_once(
            &sara,
            Method::POST,
            SHEBA_TRANSFERS,
            &key,
            body(PAYA_AMOUNT),
        )
        .await
        .expect(201);
    assert_eq!(again.headers["idempotent-replayed"], "true");
    assert_eq!(again.json, first.json);
    assert_eq!(first.json["description"], "اجاره");
    bank.as_customer_once(
        &sara,
        Method::POST,
        SHEBA_TRANSFERS,
        &key,
        body(PAYA_AMOUNT + 1),
    )
    .await
    .expect_error(409, "idempotency.conflict");
    assert_eq!(
        balance(&bank, &sara, &source).await,
        before - PAYA_AMOUNT - 20_000
    );
    let history = bank
        .as_customer(&sara, Method::GET, "/v1/transfers", None)
        .await
        .expect(200)
        .json;
    assert_eq!(history["items"].as_array().unwrap().len(), 1);
    bank.finish().await;
}

#[tokio::test]
async fn transfer_history_pages_newest_first() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let source = account(&bank, &sara, "current").await["account_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let mellat = other_sheba(&bank, "012").await;
    let mut ids = Vec::new();
    for n in 0..3 {
        let receipt = order(&bank, &sara, &source, &mellat, PAYA_AMOUNT + n, "paya")
            .await
            .expect(201)
            .json;
        ids.push(receipt["transfer_id"].as_str().unwrap().to_owned());
    }
    let first = bank
        .as_customer(&sara, Method::GET, "/v1/transfers?limit=2", None)
        .await
        .expect(200)
        .json;
    let cursor = first["next_cursor"].as_str().unwrap();
    let second = bank
        .as_customer(
            &sara,
            Method::GET,
            &format!("/v1/transfers?limit=2&cursor={cursor}"),
            None,
        )
        .await
        .expect(200)
        .json;
    assert!(second.get("next_cursor").is_none());
    let seen: Vec<&str> = first["items"]
        .as_array()
        .unwrap()
        .iter()
        .chain(second["items"].as_array().unwrap())
        .map(|t| t["transfer_id"].as_str().unwrap())
        .collect();
    assert_eq!(seen, [&ids[2], &ids[1], &ids[0]]);
    bank.as_customer(&sara, Method::GET, "/v1/transfers/trf_nothing", None)
        .await
        .expect_error(404, "transfer.not_found");
    let reza = bank.login("reza.karimi").await;
    bank.as_customer(
        &reza,
        Method::GET,
        &format!("/v1/transfers/{}", ids[0]),
        None,
    )
    .await
    .expect_error(404, "transfer.not_found");
    bank.as_customer(&sara, Method::GET, "/v1/transfers?cursor=zz!", None)
        .await
        .expect_error(400, "request.cursor_invalid");
    bank.finish().await;
}

#[tokio::test]
async fn a_restart_keeps_balances_and_a_pending_order() {
    let mut bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let source = account(&bank, &sara, "current").await["account_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let mellat = other_sheba(&bank, "012").await;
    let receipt = order(&bank, &sara, &source, &mellat, PAYA_AMOUNT, "paya")
        .await
        .expect(201)
        .json;
    let after_order = balance(&bank, &sara, &source).await;
    bank.restart().await;
    let sara = bank.login("sara.ahmadi").await;
    assert_eq!(balance(&bank, &sara, &source).await, after_order);
    let id = receipt["transfer_id"].as_str().unwrap();
    assert_eq!(transfer(&bank, &sara, id).await["status"], "accepted");
    let due = ts(&receipt["expected_settlement_at"]);
    let sara = move_to(
        &bank,
        due.checked_add(jiff::SignedDuration::from_secs(60))
            .unwrap(),
        "sara.ahmadi",
    )
    .await;
    assert_eq!(transfer(&bank, &sara, id).await["status"], "settled");
    assert_eq!(balance(&bank, &sara, &source).await, after_order);
    bank.finish().await;
}
