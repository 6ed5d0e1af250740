//! `hamrah demo --json`: every step succeeds against the in-process sandbox,
//! the balances moved by exactly what the receipts say, and nothing secret
//! (full PAN, password, SMS code) reaches the output.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly

use assert_cmd::Command;
use hamrah_core::ids::CardNumber;
use serde_json::Value;

const STEPS: &[&str] = &[
    "activation",
    "login",
    "enrollment",
    "quick_login",
    "card_transfer",
    "soft_token_payment",
    "paya_transfer",
    "satna_transfer",
    "bill_payment",
    "topup",
    "account_transfer",
    "other_bank_card",
    "loan_payment",
    "statement",
    "payment_history",
    "sms_fallback",
    "second_pin_change",
    "block_card",
    "cheque_register",
    "cheque_accept",
    "bank_info",
    "inbox",
];

fn debited(step: &Value) -> i64 {
    step["detail"]["total_debited_rials"].as_i64().unwrap()
}

#[test]
fn the_demo_walks_every_step_and_leaks_nothing() {
    let output = Command::cargo_bin("hamrah")
        .unwrap()
        .args(["demo", "--json"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stdout}\n{stderr}");
    // Exactly one JSON object.
    assert_eq!(stdout.trim().lines().count(), 1);
    let json: Value = serde_json::from_str(&stdout).unwrap();

    let steps = json["steps"].as_array().unwrap();
    let names: Vec<&str> = steps.iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(names, STEPS);
    for step in steps {
        assert_eq!(step["ok"], true, "{step}");
        assert!(step["detail"].is_object(), "{step}");
    }
    let step = |name: &str| steps.iter().find(|s| s["name"] == name).unwrap();
    assert_eq!(step("paya_transfer")["detail"]["method_id"], "paya");
    assert_eq!(step("enrollment")["detail"]["enrolled"], true);
    assert_eq!(step("quick_login")["detail"]["enrolled_devices"], 1);
    assert_eq!(step("satna_transfer")["detail"]["method_id"], "satna");
    // The cheque group: registered with its PIN, then confirmed after the colour is shown.
    assert_eq!(
        step("cheque_register")["detail"]["amount_rials"],
        45_000_000
    );
    assert_eq!(step("cheque_accept")["detail"]["colour"], "white");
    let pin_change = &step("second_pin_change")["detail"];
    assert!(
        pin_change["pan_masked"]
            .as_str()
            .unwrap()
            .contains("******")
    );
    assert!(!pin_change["reference_number"].as_str().unwrap().is_empty());
    // Mobile data cut: a transfer and a balance check over SMS, one SMS each way.
    // The bank's information: rates, Vanak's branch nearest, a search typed with Arabic yeh.
    // The payment history lists every kind the walk paid, the bill found on the phone.
    let history = &step("payment_history")["detail"];
    assert_eq!(history["bills_found"], 1);
    let paid = history["payments"].as_array().unwrap();
    let bill = step("bill_payment")["detail"]["amount_rials"].clone();
    assert!(
        paid.iter()
            .any(|p| p["kind_fa"] == "پرداخت قبض" && p["amount_rials"] == bill),
        "{history}"
    );
    assert!(
        paid.iter().any(|p| p["kind_fa"] == "خرید شارژ"),
        "{history}"
    );
    let info = &step("bank_info")["detail"];
    assert_eq!(info["nearest_codes"][0], "1018");
    assert_eq!(info["search_code"], "1012");
    assert_eq!(info["rates"][0]["currency"], "USD");
    assert_eq!(info["products"], 6);
    // Her inbox holds the session's notices (never a code), all read afterwards.
    let inbox = &step("inbox")["detail"];
    let kinds: Vec<&str> = inbox["kinds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap())
        .collect();
    for kind in ["login_notice", "debit", "bill", "card_block"] {
        assert!(kinds.contains(&kind), "{kind} not in {kinds:?}");
    }
    assert_eq!(inbox["unread_count"], inbox["notices"]);
    assert_eq!(inbox["unread_after"], 0);
    let sms = &step("sms_fallback")["detail"];
    assert_eq!(sms["decision_reason"], "data_off");
    let frames = sms["sms"]["frames"].as_array().unwrap();
    assert_eq!(
        frames.len(),
        6,
        "PIN request, transfer, balance: up and down each"
    );
    for frame in frames {
        assert_eq!(frame["segments"], 1, "{frame}");
        assert!(frame["gsm7_chars"].as_u64().unwrap() <= 160, "{frame}");
        assert!(frame["bytes"].as_u64().unwrap() <= 140, "{frame}");
    }
    // Paid with an offline soft-token code: no SMS dynamic PIN was asked for.
    assert_eq!(step("soft_token_payment")["detail"]["status"], "succeeded");
    assert_eq!(
        step("soft_token_payment")["detail"]["sms_pin_requested"],
        false
    );
    assert_eq!(
        step("card_transfer")["detail"]["amount_words_fa"],
        "پنج میلیون"
    );
    assert!(
        step("card_transfer")["detail"]["created_at_jalali"]
            .as_str()
            .unwrap()
            .starts_with("14")
    );

    // A top-up for another number, its operator read from the prefix, with
    // the operator's reference; a transfer to Reza's account, instant.
    let topup = &step("topup")["detail"];
    assert_eq!(topup["mobile_masked"], "0935***4567");
    assert_eq!(topup["operator_id"], "irancell");
    assert_eq!(topup["amount_words_fa"], "دویست هزار");
    assert_eq!(topup["operator_reference"].as_str().unwrap().len(), 12);
    let deposit = &step("account_transfer")["detail"];
    assert_eq!(deposit["destination_holder_name"], "رضا کریمی");
    assert_eq!(deposit["fee_rials"], 0);

    // Maryam paid the card transfer, the PAYA order, the bill, the top-up and
    // the transfer to Reza (amount + fee each); Sara's savings paid the SATNA order.
    let before = &json["balances_before"];
    let after = &json["balances_after"];
    let maryam = "acc_100200300601";
    let spent = debited(step("card_transfer"))
        + debited(step("soft_token_payment"))
        + debited(step("paya_transfer"))
        + debited(step("bill_payment"))
        + debited(step("other_bank_card"))
        + debited(step("loan_payment"))
        + debited(step("topup"))
        + debited(step("account_transfer"))
        + debited(step("sms_fallback"));
    // Another bank's card paid through Shetab, its dynamic PIN from its issuer.
    let other = &step("other_bank_card")["detail"];
    assert_eq!(other["added_holder_name"], "علی رضایی");
    assert_eq!(other["sms_pin"], true);
    assert!(other["debited_through_shetab_rials"].as_i64().unwrap() > 0);
    // Another person's instalment by loan number, the holder masked.
    let loan = &step("loan_payment")["detail"];
    assert_eq!(loan["holder_name_masked"], "رض* کری**");
    assert_eq!(loan["own_overdue_instalments"], 1);
    let card = step("card_transfer")["detail"].clone();
    assert_eq!(
        debited(step("card_transfer")),
        card["amount_rials"].as_i64().unwrap() + card["fee_rials"].as_i64().unwrap()
    );
    assert_eq!(
        after["maryam.hosseini"][maryam].as_i64().unwrap(),
        before["maryam.hosseini"][maryam].as_i64().unwrap() - spent
    );
    let savings = "acc_100200300402";
    assert_eq!(
        after["sara.ahmadi"][savings].as_i64().unwrap(),
        before["sara.ahmadi"][savings].as_i64().unwrap() - debited(step("satna_transfer"))
    );
    assert_eq!(
        after["sara.ahmadi"]["acc_100200300401"],
        before["sara.ahmadi"]["acc_100200300401"]
    );
    // Reza's account received the transfer at once (no PAYA/SATNA cycle).
    let reza = "acc_100200300501";
    assert_eq!(
        after["reza.karimi"][reza].as_i64().unwrap(),
        before["reza.karimi"][reza].as_i64().unwrap() + deposit["amount_rials"].as_i64().unwrap()
    );

    // No secret in the output: the customers' full PANs (from the seed's
    // numbering) and both passwords. SMS codes are random; the demo itself
    // refuses to finish with exit 0 if any secret it handled reached its
    // output, which the exit status above checks.
    for body in ["603799100200601", "603799100200301"] {
        let pan = CardNumber::issue(body).unwrap();
        assert!(!stdout.contains(pan.as_str()), "full PAN in the output");
        assert!(stdout.contains(&pan.masked()) || body.ends_with("301"));
    }
    // Sara's seeded password and the one the demo chooses for Maryam.
    for password in ["Hamrah@1405", "Sepidar!Bahar7"] {
        assert!(!stdout.contains(password), "password in the output");
    }
}

#[test]
fn the_readable_demo_shows_persian_receipts() {
    let output = Command::cargo_bin("hamrah")
        .unwrap()
        .arg("demo")
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stdout}\n{stderr}");
    for expected in [
        "کارت به کارت / Card to card",
        "پایا / PAYA",
        "ساتنا / SATNA",
        "پنج میلیون ریال",
        "603799******",
        "مسدود / blocked",
        "کارت بانک دیگر / Another bank's card",
        "پرداخت قسط / Loan instalment",
        "رض* کری**",
        "خرید شارژ / Mobile top-up",
        "شماره پیگیری اپراتور / Operator reference",
        "انتقال وجه به سپرده / Transfer to an account of the bank",
        "رضا کریمی",
    ] {
        assert!(stdout.contains(expected), "{expected} missing:\n{stdout}");
    }
}
