//! Helpers of the accounts and SHEBA tests: demo identifiers, Tehran days and
//! the sandbox clock.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashSet;

use hamrah_core::calendar::tehran;
use jiff::Timestamp;
use jiff::civil::{Date, Weekday};
use reqwest::Method;
use serde_json::{Value, json};

use crate::common::{Bank, Customer};

/// A PAYA amount well under the limit.
pub const PAYA_AMOUNT: i64 = 10_000_000;
/// A SATNA amount at the minimum.
pub const SATNA_AMOUNT: i64 = 200_000_000;

/// The sheba-transfers path.
pub const SHEBA_TRANSFERS: &str = "/v1/sheba-transfers";

/// The seeded data (`admin_seed_get`).
pub async fn seed(bank: &Bank) -> Value {
    bank.admin(Method::GET, "/admin/seed", None)
        .await
        .expect(200)
        .json
}

/// Another bank's seeded SHEBA by its 3-digit bank code (012 mellat, 018 tejarat, 056 saman).
pub async fn other_sheba(bank: &Bank, code: &str) -> String {
    seed(bank).await["other_bank_shebas"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_owned())
        .find(|s| &s[4..7] == code)
        .unwrap()
}

/// A demo customer's first account's SHEBA.
pub async fn customer_sheba(bank: &Bank, username: &str) -> String {
    seed(bank).await["customers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["username"] == username)
        .unwrap()["accounts"][0]["sheba"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// The customer's account of a type (`current` or `savings`).
pub async fn account(bank: &Bank, customer: &Customer, kind: &str) -> Value {
    bank.as_customer(customer, Method::GET, "/v1/accounts", None)
        .await
        .expect(200)
        .json["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["type"] == kind)
        .cloned()
        .unwrap()
}

/// An account's balance now.
pub async fn balance(bank: &Bank, customer: &Customer, account_id: &str) -> i64 {
    bank.as_customer(
        customer,
        Method::GET,
        &format!("/v1/accounts/{account_id}"),
        None,
    )
    .await
    .expect(200)
    .json["balance_rials"]
        .as_i64()
        .unwrap()
}

/// `body` with the dynamic PIN of a SHEBA transfer under `key` merged in;
/// unchanged when the bank refuses the PIN request (an order it will refuse
/// anyway, for its own reason).
pub async fn with_sheba_pin(bank: &Bank, customer: &Customer, key: &str, mut body: Value) -> Value {
    let payee = json!({"kind": "sheba", "sheba": body["destination_sheba"]});
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

/// Orders a SHEBA transfer with a fresh key, confirmed with its dynamic PIN.
pub async fn order(
    bank: &Bank,
    customer: &Customer,
    source: &str,
    destination: &str,
    amount: i64,
    method: &str,
) -> crate::common::Reply {
    let key = uuid::Uuid::new_v4().to_string();
    let body = json!({"source_account_id": source, "destination_sheba": destination,
               "amount_rials": amount, "method": method});
    let body = with_sheba_pin(bank, customer, &key, body).await;
    bank.as_customer_once(customer, Method::POST, SHEBA_TRANSFERS, &key, body)
        .await
}

/// A transfer as `transfer_get` shows it.
pub async fn transfer(bank: &Bank, customer: &Customer, id: &str) -> Value {
    bank.as_customer(customer, Method::GET, &format!("/v1/transfers/{id}"), None)
        .await
        .expect(200)
        .json
}

/// The sandbox clock's now.
pub async fn now(bank: &Bank) -> Timestamp {
    bank.admin(Method::GET, "/admin/clock", None)
        .await
        .expect(200)
        .json["now"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap()
}

/// Today in Tehran on the sandbox clock.
pub async fn today(bank: &Bank) -> Date {
    now(bank).await.to_zoned(tehran()).date()
}

/// The bank's holidays (`config_get`).
pub async fn holidays(bank: &Bank) -> HashSet<Date> {
    bank.call(Method::GET, "/v1/config", &[], None)
        .await
        .expect(200)
        .json["holidays"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["date"].as_str().unwrap().parse().unwrap())
        .collect()
}

/// Whether the default rules make `date` a business day.
pub fn is_business(date: Date, holidays: &HashSet<Date>) -> bool {
    date.weekday() != Weekday::Friday && !holidays.contains(&date)
}

/// The day `n` days after `date`.
pub fn plus(date: Date, n: i64) -> Date {
    date.checked_add(jiff::Span::new().days(n)).unwrap()
}

/// The first day from `today + 2` for which `wanted(day)` holds.
pub fn find_day(today: Date, wanted: impl Fn(Date) -> bool) -> Date {
    (2..60)
        .map(|n| plus(today, n))
        .find(|d| wanted(*d))
        .expect("a suitable day within 60 days")
}

/// The moment of a Tehran wall time.
pub fn tehran_at(date: Date, hour: i8, minute: i8) -> Timestamp {
    date.at(hour, minute, 0, 0)
        .to_zoned(tehran())
        .unwrap()
        .timestamp()
}

/// Moves the sandbox clock to `at` (settlements run) and logs the customer in again.
pub async fn move_to(bank: &Bank, at: Timestamp, username: &str) -> Customer {
    bank.admin(
        Method::POST,
        "/admin/clock",
        Some(json!({"set_to": at.to_string()})),
    )
    .await
    .expect(200);
    bank.login(username).await
}

/// Makes `date` a bank holiday (straight into the holidays table, as the bank's list).
pub async fn add_holiday(bank: &Bank, date: Date) {
    let jalali = hamrah_core::calendar::JalaliDate::from_gregorian(date)
        .unwrap()
        .to_string();
    let gregorian = date.to_string();
    bank.sandbox()
        .state()
        .db
        .tx(move |tx| {
            tx.execute(
                "INSERT OR IGNORE INTO holidays (date, date_jalali, title_fa) VALUES (?1, ?2, 'تعطیل آزمون')",
                rusqlite::params![gregorian, jalali],
            )?;
            Ok(())
        })
        .await
        .unwrap();
}

/// Parses a receipt's time.
pub fn ts(value: &Value) -> Timestamp {
    value.as_str().unwrap().parse().unwrap()
}

/// SMS messages of a kind sent to a mobile.
pub async fn sms_of_kind(bank: &Bank, mobile: &str, kind: &str) -> Vec<Value> {
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
        .clone()
}
