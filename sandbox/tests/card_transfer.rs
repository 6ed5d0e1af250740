//! Card-to-card transfers: dynamic PINs, receipts, postings, every refusal, reversal.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
mod payments;

use common::{Bank, test_rules};
use hamrah_sandbox::ledger::internal;
use payments::*;
use reqwest::Method;
use serde_json::json;

const AMOUNT: i64 = 25_000_000;
const FEE: i64 = 7_200;

#[tokio::test]
async fn to_another_banks_card_debits_amount_and_fee() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let mellat = other_card(&bank, "mellat").await;
    let before = card_balance(&bank, &sara.demo.card_pan).await;
    let receipt = send(&bank, &sara, &mellat, AMOUNT).await.expect(201).json;
    assert_eq!(receipt["kind"], "card_transfer");
    assert_eq!(receipt["status"], "succeeded");
    assert_eq!(receipt["amount_rials"], AMOUNT);
    assert_eq!(receipt["fee_rials"], FEE);
    assert_eq!(receipt["total_debited_rials"], AMOUNT + FEE);
    assert_eq!(receipt["destination_holder_name"], "علی رضایی");
    assert_eq!(receipt["destination_bank"]["bank_id"], "mellat");
    assert_eq!(
        receipt["destination_pan_masked"],
        format!("{}******{}", &mellat[..6], &mellat[12..])
    );
    assert_eq!(receipt["source_pan_masked"].as_str().unwrap().len(), 16);
    assert_eq!(receipt["trace_number"].as_str().unwrap().len(), 6);
    assert!(receipt["reference_number"].as_str().unwrap().len() >= 8);
    assert!(
        receipt["created_at_jalali"]
            .as_str()
            .unwrap()
            .starts_with("14")
    );
    assert_eq!(receipt["channel"], "https");
    let after = card_balance(&bank, &sara.demo.card_pan).await;
    assert_eq!(after, before - AMOUNT - FEE);
    assert_eq!(receipt["source_balance_after_rials"], after);
    assert_eq!(balance(&bank, internal::SHETAB_SETTLEMENT).await, AMOUNT);
    assert_eq!(balance(&bank, internal::FEE_INCOME).await, FEE);
    assert!(
        sms_kinds(&bank, &sara.demo.mobile)
            .await
            .contains(&"debit".to_owned())
    );
    let stored = number(
        &bank,
        "SELECT COUNT(*) FROM transfers WHERE kind = 'card' AND id = ?1",
        receipt["transfer_id"].as_str().unwrap(),
    )
    .await;
    assert_eq!(stored, 1);
    bank.finish().await;
}

#[tokio::test]
async fn to_an_own_bank_card_credits_the_payees_account() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let reza = bank.demo(Some("reza.karimi"));
    let sara_before = card_balance(&bank, &sara.demo.card_pan).await;
    let reza_before = card_balance(&bank, &reza.card_pan).await;
    let receipt = send(&bank, &sara, &reza.card_pan, AMOUNT)
        .await
        .expect(201)
        .json;
    assert_eq!(receipt["destination_holder_name"], "رضا کریمی");
    assert_eq!(receipt["destination_bank"]["bank_id"], "melli");
    assert_eq!(
        card_balance(&bank, &sara.demo.card_pan).await,
        sara_before - AMOUNT - FEE
    );
    assert_eq!(
        card_balance(&bank, &reza.card_pan).await,
        reza_before + AMOUNT
    );
    assert_eq!(balance(&bank, internal::SHETAB_SETTLEMENT).await, 0);
    assert_eq!(sms_kinds(&bank, &reza.mobile).await, vec!["credit"]);
    bank.finish().await;
}

#[tokio::test]
async fn malformed_fields_are_refused_before_anything() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let mellat = other_card(&bank, "mellat").await;
    let mut bad_pan = mellat.clone();
    bad_pan.replace_range(15.., if mellat.ends_with('0') { "1" } else { "0" });
    let reply = transfer(
        &bank,
        &sara,
        &key(),
        transfer_body(&sara, &bad_pan, AMOUNT, "123456"),
    )
    .await
    .expect_error(400, "card.checksum");
    assert_eq!(reply.json["field"], "destination_pan");
    let mut body = transfer_body(&sara, &mellat, AMOUNT, "123456");
    body["cvv2"] = json!("12");
    transfer(&bank, &sara, &key(), body)
        .await
        .expect_error(400, "card.cvv2_format");
    let mut body = transfer_body(&sara, &mellat, AMOUNT, "123");
    body["expiry"] = json!("0813");
    transfer(&bank, &sara, &key(), body)
        .await
        .expect_error(400, "card.expiry_format");
    transfer(
        &bank,
        &sara,
        &key(),
        transfer_body(&sara, &mellat, AMOUNT, "12"),
    )
    .await
    .expect_error(400, "pin.format");
    transfer(
        &bank,
        &sara,
        &key(),
        transfer_body(&sara, &mellat, 0, "123456"),
    )
    .await
    .expect_error(400, "amount.invalid");
    bank.finish().await;
}

#[tokio::test]
async fn an_unknown_destination_is_refused_and_recorded() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    // A valid PAN no one holds.
    let unknown = hamrah_core::ids::CardNumber::issue("610433700000000").unwrap();
    let unknown = unknown.as_str();
    let key = key();
    let code = pin(&bank, &sara, &key, AMOUNT, card_payee(unknown)).await;
    let body = transfer_body(&sara, unknown, AMOUNT, &code);
    transfer(&bank, &sara, &key, body.clone())
        .await
        .expect_error(422, "transfer.destination_not_found");
    let replay = transfer(&bank, &sara, &key, body)
        .await
        .expect_error(422, "transfer.destination_not_found");
    assert_eq!(replay.headers["idempotent-replayed"], "true");
    assert_eq!(journals(&bank, "card_transfer").await, 0);
    bank.finish().await;
}

#[tokio::test]
async fn wrong_cvv2_spends_the_pin_and_is_correctable_with_the_same_key() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let mellat = other_card(&bank, "mellat").await;
    let key = key();
    let code = pin(&bank, &sara, &key, AMOUNT, card_payee(&mellat)).await;
    let mut body = transfer_body(&sara, &mellat, AMOUNT, &code);
    body["cvv2"] = json!("999");
    transfer(&bank, &sara, &key, body)
        .await
        .expect_error(422, "card.credentials_invalid");
    // The PIN that was right is spent: the CVV2 cannot be tried again with it.
    transfer(
        &bank,
        &sara,
        &key,
        transfer_body(&sara, &mellat, AMOUNT, &code),
    )
    .await
    .expect_error(422, "otp.invalid");
    let code = pin(&bank, &sara, &key, AMOUNT, card_payee(&mellat)).await;
    let mut body = transfer_body(&sara, &mellat, AMOUNT, &code);
    body["expiry"] = json!("0901");
    transfer(&bank, &sara, &key, body)
        .await
        .expect_error(422, "card.credentials_invalid");
    let code = pin(&bank, &sara, &key, AMOUNT, card_payee(&mellat)).await;
    transfer(
        &bank,
        &sara,
        &key,
        transfer_body(&sara, &mellat, AMOUNT, &code),
    )
    .await
    .expect(201);
    bank.finish().await;
}

/// The body of a card transfer with this CVV2 and PIN kind.
fn with_card(
    customer: &common::Customer,
    to: &str,
    cvv2: &str,
    pin: &str,
    kind: &str,
) -> serde_json::Value {
    let mut body = transfer_body(customer, to, AMOUNT, pin);
    body["cvv2"] = json!(cvv2);
    body["pin_kind"] = json!(kind);
    body
}

#[tokio::test]
async fn the_cvv2_says_nothing_before_the_second_factor() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let mellat = other_card(&bank, "mellat").await;
    let right = sara.demo.card_cvv2.clone();
    let key = key();
    // No PIN requested, a wrong PIN, no soft token: a wrong CVV2 answers
    // exactly as the right one.
    for (pin, kind) in [("123456", "sms"), ("123456", "totp"), ("12345678", "ocra")] {
        let wrong_cvv2 = transfer(
            &bank,
            &sara,
            &key,
            with_card(&sara, &mellat, "999", pin, kind),
        )
        .await;
        let right_cvv2 = transfer(
            &bank,
            &sara,
            &key,
            with_card(&sara, &mellat, &right, pin, kind),
        )
        .await;
        assert_eq!(
            (wrong_cvv2.status, &wrong_cvv2.json),
            (right_cvv2.status, &right_cvv2.json),
            "{kind}"
        );
        assert_ne!(wrong_cvv2.code(), "card.credentials_invalid");
    }
    let code = pin(&bank, &sara, &key, AMOUNT, card_payee(&mellat)).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let wrong_cvv2 = transfer(
        &bank,
        &sara,
        &key,
        with_card(&sara, &mellat, "999", wrong, "sms"),
    )
    .await
    .expect_error(422, "otp.invalid");
    let right_cvv2 = transfer(
        &bank,
        &sara,
        &key,
        with_card(&sara, &mellat, &right, wrong, "sms"),
    )
    .await
    .expect_error(422, "otp.invalid");
    assert_eq!(wrong_cvv2.json, right_cvv2.json);
    transfer(
        &bank,
        &sara,
        &key,
        with_card(&sara, &mellat, &right, &code, "sms"),
    )
    .await
    .expect(201);
    bank.finish().await;
}

/// A fresh payment from Sara's card to `to` with this CVV2 (a new PIN each time).
async fn try_cvv2(
    bank: &Bank,
    sara: &common::Customer,
    source: &str,
    to: &str,
    cvv2: &str,
) -> common::Reply {
    let key = key();
    let mut body = transfer_body(sara, to, AMOUNT, "000000");
    body["source"] = json!({"pan": source});
    let request = json!({
        "idempotency_key": key,
        "source": {"pan": source},
        "amount_rials": AMOUNT,
        "payee": card_payee(to),
    });
    let issued = bank
        .as_customer(sara, Method::POST, "/v1/dynamic-pins", Some(request))
        .await;
    if issued.status != 201 {
        return issued;
    }
    body["pin"] = json!(bank.last_otp(&sara.demo.mobile).await);
    body["cvv2"] = json!(cvv2);
    transfer(bank, sara, &key, body).await
}

/// The bank's clock, Unix seconds.
async fn bank_now(bank: &Bank) -> i64 {
    let clock = bank
        .admin(Method::GET, "/admin/clock", None)
        .await
        .expect(200);
    let now: jiff::Timestamp = clock.json["now"].as_str().unwrap().parse().unwrap();
    now.as_second()
}

/// The next Tehran midnight after `now`, Unix seconds.
fn tehran_midnight_after(now: i64) -> i64 {
    let here = jiff::Timestamp::from_second(now)
        .unwrap()
        .to_zoned(hamrah_core::calendar::tehran());
    let midnight = here.tomorrow().unwrap().start_of_day().unwrap();
    midnight.timestamp().as_second()
}

#[tokio::test]
async fn five_wrong_card_credentials_lock_the_card_until_the_next_day() {
    let bank = Bank::start().await;
    // Noon in Tehran, so that the test does not run into a midnight.
    let noon = tehran_midnight_after(bank_now(&bank).await) + 12 * 3600;
    let to_noon = json!({"set_to": jiff::Timestamp::from_second(noon).unwrap().to_string()});
    bank.admin(Method::POST, "/admin/clock", Some(to_noon))
        .await
        .expect(200);
    let sara = bank.login("sara.ahmadi").await;
    let mellat = other_card(&bank, "mellat").await;
    let own = sara.demo.card_pan.clone();
    let mut codes = Vec::new();
    for _ in 0..5 {
        codes.push(
            try_cvv2(&bank, &sara, &own, &mellat, "999")
                .await
                .code()
                .to_owned(),
        );
    }
    assert_eq!(
        codes,
        [
            "card.credentials_invalid",
            "card.credentials_invalid",
            "card.credentials_invalid",
            "card.credentials_invalid",
            "card.credentials_locked"
        ]
    );
    // Locked for the rest of the Tehran day, even with the right CVV2, and no
    // dynamic PIN is sent for the card meanwhile.
    let sent = sms_kinds(&bank, &sara.demo.mobile).await.len();
    let before = bank_now(&bank).await;
    let locked = try_cvv2(&bank, &sara, &own, &mellat, &sara.demo.card_cvv2)
        .await
        .expect_error(423, "card.credentials_locked");
    let after = bank_now(&bank).await;
    let midnight = tehran_midnight_after(before);
    let wait = locked.json["retry_after_seconds"].as_i64().unwrap();
    assert!(
        (midnight - after..=midnight - before).contains(&wait),
        "{wait}"
    );
    assert_eq!(sms_kinds(&bank, &sara.demo.mobile).await.len(), sent);
    // The owner was told once, when the card was locked.
    let kinds = sms_kinds(&bank, &sara.demo.mobile).await;
    assert_eq!(kinds.iter().filter(|k| *k == "other").count(), 1);
    // Another card of hers still pays.
    let tejarat = other_card(&bank, "tejarat").await;
    try_cvv2(&bank, &sara, &tejarat, &mellat, "000")
        .await
        .expect(201);
    advance(&bank, midnight - after).await;
    let sara = bank.login("sara.ahmadi").await;
    try_cvv2(&bank, &sara, &own, &mellat, &sara.demo.card_cvv2)
        .await
        .expect(201);
    bank.finish().await;
}

#[tokio::test]
async fn wrong_card_credentials_over_several_cards_lock_the_customer_until_unlocked() {
    let mut rules = test_rules();
    rules.card_credentials.failures_per_customer_per_day = 3;
    let bank = Bank::start_with(rules).await;
    let sara = bank.login("sara.ahmadi").await;
    let mellat = other_card(&bank, "mellat").await;
    let tejarat = other_card(&bank, "tejarat").await;
    let own = sara.demo.card_pan.clone();
    try_cvv2(&bank, &sara, &own, &mellat, "999")
        .await
        .expect_error(422, "card.credentials_invalid");
    try_cvv2(&bank, &sara, &tejarat, &mellat, "999")
        .await
        .expect_error(422, "card.credentials_invalid");
    try_cvv2(&bank, &sara, &mellat, &own, "999")
        .await
        .expect_error(423, "card.credentials_locked");
    // Every card payment of hers is refused now, with any card.
    try_cvv2(&bank, &sara, &own, &mellat, &sara.demo.card_cvv2)
        .await
        .expect_error(423, "card.credentials_locked");
    // Another customer may still pay with a card she tried.
    let reza = bank.login("reza.karimi").await;
    try_cvv2(&bank, &reza, &tejarat, &mellat, "000")
        .await
        .expect(201);
    bank.admin(Method::POST, "/admin/users/sara.ahmadi/unlock", None)
        .await
        .expect(204);
    try_cvv2(&bank, &sara, &own, &mellat, &sara.demo.card_cvv2)
        .await
        .expect(201);
    bank.finish().await;
}

#[tokio::test]
async fn a_wrong_pin_counts_and_the_right_one_still_works() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let mellat = other_card(&bank, "mellat").await;
    let key = key();
    let code = pin(&bank, &sara, &key, AMOUNT, card_payee(&mellat)).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    transfer(
        &bank,
        &sara,
        &key,
        transfer_body(&sara, &mellat, AMOUNT, wrong),
    )
    .await
    .expect_error(422, "otp.invalid");
    let attempts = number(
        &bank,
        "SELECT attempts_left FROM dynamic_pins WHERE idempotency_key = ?1",
        &key,
    )
    .await;
    assert_eq!(
        attempts, 2,
        "the wrong attempt is kept although the request failed"
    );
    transfer(
        &bank,
        &sara,
        &key,
        transfer_body(&sara, &mellat, AMOUNT, &code),
    )
    .await
    .expect(201);
    bank.finish().await;
}

#[tokio::test]
async fn three_wrong_pins_exhaust_the_code() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let mellat = other_card(&bank, "mellat").await;
    let key = key();
    let code = pin(&bank, &sara, &key, AMOUNT, card_payee(&mellat)).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for expected in ["otp.invalid", "otp.invalid", "otp.attempts_exceeded"] {
        transfer(
            &bank,
            &sara,
            &key,
            transfer_body(&sara, &mellat, AMOUNT, wrong),
        )
        .await
        .expect_error(422, expected);
    }
    transfer(
        &bank,
        &sara,
        &key,
        transfer_body(&sara, &mellat, AMOUNT, &code),
    )
    .await
    .expect_error(422, "otp.attempts_exceeded");
    // A dead code may be replaced at once.
    let fresh = pin(&bank, &sara, &key, AMOUNT, card_payee(&mellat)).await;
    transfer(
        &bank,
        &sara,
        &key,
        transfer_body(&sara, &mellat, AMOUNT, &fresh),
    )
    .await
    .expect(201);
    bank.finish().await;
}

#[tokio::test]
async fn an_expired_pin_is_refused_and_a_new_one_works() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let mellat = other_card(&bank, "mellat").await;
    let key = key();
    let code = pin(&bank, &sara, &key, AMOUNT, card_payee(&mellat)).await;
    advance(&bank, 121).await;
    transfer(
        &bank,
        &sara,
        &key,
        transfer_body(&sara, &mellat, AMOUNT, &code),
    )
    .await
    .expect_error(422, "otp.expired");
    let issued = request_pin(&bank, &sara, &key, AMOUNT, card_payee(&mellat))
        .await
        .expect(201)
        .json;
    assert_eq!(issued["requests_used"], 2);
    assert_eq!(issued["requests_left"], 3);
    let fresh = bank.last_otp(&sara.demo.mobile).await;
    transfer(
        &bank,
        &sara,
        &key,
        transfer_body(&sara, &mellat, AMOUNT, &fresh),
    )
    .await
    .expect(201);
    bank.finish().await;
}

#[tokio::test]
async fn a_pin_is_bound_to_its_amount_and_payee() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let mellat = other_card(&bank, "mellat").await;
    let tejarat = other_card(&bank, "tejarat").await;
    let key = key();
    let code = pin(&bank, &sara, &key, AMOUNT, card_payee(&mellat)).await;
    transfer(
        &bank,
        &sara,
        &key,
        transfer_body(&sara, &mellat, AMOUNT + 1, &code),
    )
    .await
    .expect_error(422, "otp.invalid");
    transfer(
        &bank,
        &sara,
        &key,
        transfer_body(&sara, &tejarat, AMOUNT, &code),
    )
    .await
    .expect_error(422, "otp.invalid");
    transfer(
        &bank,
        &sara,
        &key,
        transfer_body(&sara, &mellat, AMOUNT, &code),
    )
    .await
    .expect(201);
    assert_eq!(journals(&bank, "card_transfer").await, 1);
    bank.finish().await;
}

#[tokio::test]
async fn a_pin_must_be_requested_first() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let mellat = other_card(&bank, "mellat").await;
    transfer(
        &bank,
        &sara,
        &key(),
        transfer_body(&sara, &mellat, AMOUNT, "123456"),
    )
    .await
    .expect_error(422, "otp.not_requested");
    let mut body = transfer_body(&sara, &mellat, AMOUNT, "123456");
    body["pin_kind"] = json!("totp");
    transfer(&bank, &sara, &key(), body)
        .await
        .expect_error(422, "token.not_active");
    bank.finish().await;
}

#[tokio::test]
async fn a_second_request_before_expiry_is_too_early() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let mellat = other_card(&bank, "mellat").await;
    let key = key();
    pin(&bank, &sara, &key, AMOUNT, card_payee(&mellat)).await;
    advance(&bank, 30).await;
    let reply = request_pin(&bank, &sara, &key, AMOUNT, card_payee(&mellat))
        .await
        .expect_error(429, "otp.request_too_early");
    let left = reply.json["retry_after_seconds"].as_u64().unwrap();
    assert!((85..=90).contains(&left), "seconds left: {left}");
    assert_eq!(reply.headers["retry-after"], left.to_string().as_str());
    // The same key for another payment is a conflict.
    request_pin(&bank, &sara, &key, AMOUNT + 1, card_payee(&mellat))
        .await
        .expect_error(409, "idempotency.conflict");
    bank.finish().await;
}

#[tokio::test]
async fn the_sixth_request_fails_the_payment_for_good() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let mellat = other_card(&bank, "mellat").await;
    let key = key();
    let mut last = String::new();
    for used in 1..=5 {
        let issued = request_pin(&bank, &sara, &key, AMOUNT, card_payee(&mellat))
            .await
            .expect(201)
            .json;
        assert_eq!(issued["requests_used"], used);
        last = bank.last_otp(&sara.demo.mobile).await;
        advance(&bank, 121).await;
    }
    request_pin(&bank, &sara, &key, AMOUNT, card_payee(&mellat))
        .await
        .expect_error(422, "otp.budget_exhausted");
    let replay = transfer(
        &bank,
        &sara,
        &key,
        transfer_body(&sara, &mellat, AMOUNT, &last),
    )
    .await
    .expect_error(422, "otp.budget_exhausted");
    assert_eq!(replay.headers["idempotent-replayed"], "true");
    let operation = bank
        .as_customer(&sara, Method::GET, &format!("/v1/operations/{key}"), None)
        .await
        .expect(200)
        .json;
    assert_eq!(operation["status"], "failed");
    assert_eq!(operation["kind"], "card_transfer");
    assert_eq!(operation["error"]["code"], "otp.budget_exhausted");
    assert_eq!(journals(&bank, "card_transfer").await, 0);
    bank.finish().await;
}

#[tokio::test]
async fn an_issuer_off_central_otp_gets_that_answer() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let mellat = other_card(&bank, "mellat").await;
    // Saman is not connected in the demo: its card as a source.
    let saman = other_card(&bank, "saman").await;
    let body = json!({
        "idempotency_key": key(),
        "source": {"pan": saman},
        "amount_rials": AMOUNT,
        "payee": card_payee(&mellat),
    });
    bank.as_customer(&sara, Method::POST, "/v1/dynamic-pins", Some(body))
        .await
        .expect_error(422, "otp.issuer_not_connected");
    bank.admin(
        Method::PUT,
        "/admin/issuers/melli",
        Some(json!({"otp_connected": false})),
    )
    .await
    .expect(200);
    request_pin(&bank, &sara, &key(), AMOUNT, card_payee(&mellat))
        .await
        .expect_error(422, "otp.issuer_not_connected");
    bank.finish().await;
}

#[tokio::test]
async fn per_transfer_bounds_are_enforced() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let mellat = other_card(&bank, "mellat").await;
    let limits = test_rules().limits.card_to_card;
    send(&bank, &sara, &mellat, limits.per_transfer_min_rials - 1)
        .await
        .expect_error(422, "limit.per_transfer_min");
    send(&bank, &sara, &mellat, limits.per_transfer_max_rials + 1)
        .await
        .expect_error(422, "limit.per_transfer_max");
    send(&bank, &sara, &mellat, limits.per_transfer_min_rials)
        .await
        .expect(201);
    bank.finish().await;
}

#[tokio::test]
async fn the_daily_limit_adds_up_several_transfers() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let mellat = other_card(&bank, "mellat").await;
    let daily = test_rules().limits.card_to_card.daily_per_card_rials;
    send(&bank, &sara, &mellat, daily / 2).await.expect(201);
    send(&bank, &sara, &mellat, daily / 3).await.expect(201);
    let before = card_balance(&bank, &sara.demo.card_pan).await;
    send(&bank, &sara, &mellat, daily / 3)
        .await
        .expect_error(422, "limit.daily_exceeded");
    assert_eq!(card_balance(&bank, &sara.demo.card_pan).await, before);
    send(&bank, &sara, &mellat, daily - daily / 2 - daily / 3)
        .await
        .expect(201);
    bank.finish().await;
}

#[tokio::test]
async fn insufficient_funds_leave_no_posting() {
    let mut rules = test_rules();
    rules.limits.card_to_card.per_transfer_max_rials = 10_000_000_000;
    rules.limits.card_to_card.daily_per_card_rials = 10_000_000_000;
    rules.limits.card_to_card.monthly_per_card_rials = 10_000_000_000;
    let bank = Bank::start_with(rules).await;
    let sara = bank.login("sara.ahmadi").await;
    let mellat = other_card(&bank, "mellat").await;
    let before = card_balance(&bank, &sara.demo.card_pan).await;
    send(&bank, &sara, &mellat, before)
        .await
        .expect_error(422, "funds.insufficient");
    assert_eq!(card_balance(&bank, &sara.demo.card_pan).await, before);
    assert_eq!(journals(&bank, "card_transfer").await, 0);
    let usage = number(
        &bank,
        "SELECT COALESCE(SUM(used), 0) FROM card_usage WHERE card_id = ?1",
        "crd_demo0",
    )
    .await;
    assert_eq!(usage, 0);
    send(&bank, &sara, &mellat, before - FEE).await.expect(201);
    assert_eq!(card_balance(&bank, &sara.demo.card_pan).await, 0);
    bank.finish().await;
}

#[tokio::test]
async fn a_destination_that_cannot_be_credited_is_reversed_without_fee() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let mellat = other_card(&bank, "mellat").await;
    bank.admin(
        Method::PUT,
        "/admin/destinations",
        Some(json!({"pan": mellat, "creditable": false})),
    )
    .await
    .expect(200);
    let before = card_balance(&bank, &sara.demo.card_pan).await;
    let receipt = send(&bank, &sara, &mellat, AMOUNT).await.expect(201).json;
    assert_eq!(receipt["status"], "reversed");
    assert_eq!(receipt["total_debited_rials"], 0);
    assert_eq!(receipt["fee_rials"], 0);
    assert_eq!(
        receipt["reversal_reason"],
        "transfer.destination_not_creditable"
    );
    assert!(receipt["reversed_at"].is_string());
    assert_eq!(card_balance(&bank, &sara.demo.card_pan).await, before);
    assert_eq!(balance(&bank, internal::FEE_INCOME).await, 0);
    assert_eq!(balance(&bank, internal::SHETAB_SETTLEMENT).await, 0);
    assert_eq!(journals(&bank, "card_transfer").await, 1);
    assert_eq!(journals(&bank, "reversal").await, 1);
    let usage = number(
        &bank,
        "SELECT COALESCE(SUM(used), 0) FROM card_usage WHERE card_id = ?1",
        "crd_demo0",
    )
    .await;
    assert_eq!(usage, 0);
    bank.finish().await;
}

#[tokio::test]
async fn the_same_card_cannot_be_both_ends() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let own = sara.demo.card_pan.clone();
    send(&bank, &sara, &own, AMOUNT)
        .await
        .expect_error(422, "card.same_source_destination");
    bank.finish().await;
}
