//! The inbox: every notice the bank sends by SMS (logins, debits, credits,
//! bills, card blocks, security notices) is also an inbox item with its kind,
//! text, amount and Jalali time; codes never are; a read mark per customer.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
mod payments;

use common::{Bank, Customer, Reply};
use payments::*;
use reqwest::Method;
use serde_json::{Value, json};

const AMOUNT: i64 = 3_000_000;
const FEE: i64 = 7_200;

async fn list(bank: &Bank, customer: &Customer, query: &str) -> Reply {
    bank.as_customer(customer, Method::GET, &format!("/v1/notices{query}"), None)
        .await
}

async fn all(bank: &Bank, customer: &Customer) -> Value {
    list(bank, customer, "?limit=100").await.expect(200).json
}

async fn mark(bank: &Bank, customer: &Customer, up_to: Value) -> Reply {
    bank.as_customer(
        customer,
        Method::POST,
        "/v1/notices/read",
        Some(json!({"up_to": up_to})),
    )
    .await
}

fn items(page: &Value) -> Vec<Value> {
    page["items"].as_array().unwrap().clone()
}

fn of_kind(page: &Value, kind: &str) -> Vec<Value> {
    items(page)
        .into_iter()
        .filter(|n| n["kind"] == kind)
        .collect()
}

async fn outbox(bank: &Bank, mobile: &str) -> Vec<Value> {
    bank.admin(Method::GET, &format!("/admin/sms/{mobile}"), None)
        .await
        .expect(200)
        .json["items"]
        .as_array()
        .unwrap()
        .clone()
}

#[tokio::test]
async fn every_notice_sent_by_sms_reaches_the_inbox_and_no_code_does() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let reza = bank.login("reza.karimi").await;
    // A card-to-card to Reza's card of this bank: a debit for her, a credit for him.
    send(&bank, &sara, &reza.demo.card_pan, AMOUNT)
        .await
        .expect(201);
    // A bill from her account.
    let seed = seed(&bank).await;
    let bill = seed["bills"][0].clone();
    let account = seed["customers"][0]["accounts"][0]["account_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let key = key();
    let payee =
        json!({"kind": "bill", "bill_id": bill["bill_id"], "payment_id": bill["payment_id"]});
    let factor = bank
        .account_pin(
            &sara,
            &key,
            &account,
            bill["amount_rials"].as_i64().unwrap(),
            payee,
        )
        .await;
    let mut source = json!({"kind": "account", "account_id": account});
    source["pin"] = factor["pin"].clone();
    source["pin_kind"] = factor["pin_kind"].clone();
    let body = json!({"bill_id": bill["bill_id"], "payment_id": bill["payment_id"],
                      "amount_rials": bill["amount_rials"], "source": source});
    let paid = bank
        .as_customer_once(&sara, Method::POST, "/v1/bill-payments", &key, body)
        .await
        .expect(201)
        .json;
    // A card blocked.
    let cards = bank
        .as_customer(&sara, Method::GET, "/v1/cards", None)
        .await
        .expect(200)
        .json;
    let card_id = cards["items"][0]["card_id"].as_str().unwrap().to_owned();
    bank.as_customer_once(
        &sara,
        Method::POST,
        &format!("/v1/cards/{card_id}/block"),
        &payments::key(),
        json!({"reason": "lost"}),
    )
    .await
    .expect(200);
    // A security notice: her password changed.
    let password = sara.demo.password.clone().unwrap();
    let changed = bank
        .as_customer(
            &sara,
            Method::PUT,
            "/v1/me/password",
            Some(json!({"current_password": password, "new_password": "Golestan#Bahar92"})),
        )
        .await
        .expect(200)
        .json;
    // The change ends her sessions and starts a new one.
    let mut sara = sara;
    sara.token = changed["token"].as_str().unwrap().to_owned();

    let inbox = all(&bank, &sara).await;
    assert_eq!(of_kind(&inbox, "login_notice").len(), 1, "{inbox}");
    let debit = of_kind(&inbox, "debit");
    assert_eq!(debit.len(), 1, "{inbox}");
    assert_eq!(debit[0]["amount_rials"], AMOUNT + FEE);
    assert!(debit[0]["text_fa"].as_str().unwrap().contains("******"));
    let bills = of_kind(&inbox, "bill");
    assert_eq!(bills.len(), 1, "{inbox}");
    assert_eq!(bills[0]["amount_rials"], paid["total_debited_rials"]);
    assert_eq!(of_kind(&inbox, "card_block").len(), 1, "{inbox}");
    assert_eq!(of_kind(&inbox, "security").len(), 1, "{inbox}");
    let credit = of_kind(&all(&bank, &reza).await, "credit");
    assert_eq!(credit.len(), 1);
    assert_eq!(credit[0]["amount_rials"], AMOUNT);

    // Exactly the SMS without a code, in the same order and words; no code anywhere.
    let sent = outbox(&bank, &sara.demo.mobile).await;
    let codes: Vec<&str> = sent.iter().filter_map(|m| m["otp"].as_str()).collect();
    assert!(codes.len() >= 2, "a login code and a dynamic PIN were sent");
    let notices: Vec<(&Value, &Value)> = sent
        .iter()
        .filter(|m| m["otp"].is_null())
        .map(|m| (&m["kind"], &m["body"]))
        .collect();
    let items = items(&inbox);
    let inbox_notices: Vec<(&Value, &Value)> =
        items.iter().map(|n| (&n["kind"], &n["text_fa"])).collect();
    assert_eq!(inbox_notices, notices);
    for notice in &items {
        let text = notice["text_fa"].as_str().unwrap();
        assert!(codes.iter().all(|code| !text.contains(code)), "{text}");
        assert_eq!(notice["read"], false);
    }
    assert_eq!(inbox["unread_count"], items.len());
    bank.finish().await;
}

#[tokio::test]
async fn the_inbox_syncs_after_an_id_and_keeps_one_read_mark() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let tejarat = other_card(&bank, "tejarat").await;
    for n in 0..4 {
        send(&bank, &sara, &tejarat, AMOUNT + n).await.expect(201);
    }
    // Oldest first, two a page, each page after the last id seen.
    let first = list(&bank, &sara, "?limit=2").await.expect(200).json;
    assert_eq!(first["has_more"], true);
    assert_eq!(first["read_up_to"], 0);
    assert_eq!(first["unread_count"], 5, "a login and four debits");
    let ids = |page: &Value| -> Vec<i64> {
        items(page)
            .iter()
            .map(|n| n["notice_id"].as_i64().unwrap())
            .collect()
    };
    let mut seen = ids(&first);
    let mut after = *seen.last().unwrap();
    loop {
        let page = list(&bank, &sara, &format!("?after={after}&limit=2"))
            .await
            .expect(200)
            .json;
        seen.extend(ids(&page));
        after = *seen.last().unwrap();
        if page["has_more"] == false {
            break;
        }
    }
    assert_eq!(seen.len(), 5);
    assert!(seen.windows(2).all(|w| w[0] < w[1]), "{seen:?}");
    // Nothing after the newest.
    let empty = list(&bank, &sara, &format!("?after={after}"))
        .await
        .expect(200)
        .json;
    assert!(items(&empty).is_empty());
    assert_eq!(empty["has_more"], false);

    // Read up to the third: two left; another device of hers sees the same.
    let state = mark(&bank, &sara, seen[2].into()).await.expect(200).json;
    assert_eq!(state, json!({"read_up_to": seen[2], "unread_count": 2}));
    let other_phone = bank.login("sara.ahmadi").await;
    let page = all(&bank, &other_phone).await;
    let read: Vec<bool> = items(&page)
        .iter()
        .map(|n| n["read"].as_bool().unwrap())
        .collect();
    // Her second login is a notice too, unread.
    assert_eq!(read, [true, true, true, false, false, false]);
    assert_eq!(page["unread_count"], 3);
    // Never back; never past her newest notice.
    let state = mark(&bank, &sara, seen[0].into()).await.expect(200).json;
    assert_eq!(state["read_up_to"], seen[2]);
    let state = mark(&bank, &sara, (i64::MAX / 2).into())
        .await
        .expect(200)
        .json;
    assert_eq!(state["unread_count"], 0);
    let newest = state["read_up_to"].as_i64().unwrap();
    assert_eq!(
        newest,
        items(&page).last().unwrap()["notice_id"].as_i64().unwrap()
    );
    send(&bank, &sara, &tejarat, AMOUNT).await.expect(201);
    assert_eq!(all(&bank, &sara).await["unread_count"], 1);

    // Reza's inbox is his own.
    let reza = bank.login("reza.karimi").await;
    let his = all(&bank, &reza).await;
    assert_eq!(his["read_up_to"], 0);
    assert!(items(&his).iter().all(|n| n["kind"] == "login_notice"));
    bank.finish().await;
}

#[tokio::test]
async fn inbox_requests_are_checked() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    list(&bank, &sara, "?after=-1")
        .await
        .expect_error(400, "request.cursor_invalid");
    list(&bank, &sara, "?after=abc")
        .await
        .expect_error(400, "request.cursor_invalid");
    list(&bank, &sara, "?limit=0")
        .await
        .expect_error(400, "request.limit_out_of_range");
    list(&bank, &sara, "?limit=101")
        .await
        .expect_error(400, "request.limit_out_of_range");
    mark(&bank, &sara, json!(-1))
        .await
        .expect_error(400, "request.malformed");
    bank.as_customer(
        &sara,
        Method::POST,
        "/v1/notices/read",
        Some(json!({"up_to": 1, "all": true})),
    )
    .await
    .expect_error(400, "request.malformed");
    bank.call(
        Method::GET,
        "/v1/notices",
        &[("x-device-id", &sara.device_id)],
        None,
    )
    .await
    .expect_error(401, "session.missing");
    bank.finish().await;
}
