//! `hamrah check`, `words` and `date` answer every public vector as the issue specifies.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly

use std::path::PathBuf;

use assert_cmd::Command;
use serde_json::Value;

fn vectors() -> Value {
    let path = std::env::var_os("HAMRAH_VECTORS").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/vectors/identifiers.json"),
        PathBuf::from,
    );
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read the public vectors at {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

/// Runs `hamrah --json ARGS`, checks the exit status against `valid`, and returns the JSON.
fn run(args: &[&str], valid: bool) -> Value {
    let output = Command::cargo_bin("hamrah")
        .unwrap()
        .arg("--json")
        .args(args)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(if valid { 0 } else { 1 }),
        "{args:?}"
    );
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    json
}

fn check_case(kind: &str, args: &[&str], case: &Value, module: &str) -> Value {
    let valid = case["valid"].as_bool().unwrap();
    let mut all = vec!["check", kind];
    all.extend_from_slice(args);
    let json = run(&all, valid);
    assert_eq!(json["valid"], Value::Bool(valid), "{case}");
    if !valid {
        assert_eq!(
            json["error"]["code"],
            format!("{module}.{}", case["error"].as_str().unwrap())
        );
        assert!(!json["error"]["message_fa"].as_str().unwrap().is_empty());
        assert!(!json["error"]["message_en"].as_str().unwrap().is_empty());
    }
    json
}

#[test]
fn cards() {
    for case in vectors()["cards"].as_array().unwrap() {
        let json = check_case("card", &[case["input"].as_str().unwrap()], case, "card");
        if json["valid"] == true {
            assert_eq!(json["bank"]["id"], case["bank"]);
            assert!(json["bank"]["name_fa"].as_str().unwrap().contains("بانک"));
            let normalized = json["normalized"].as_str().unwrap();
            assert_eq!(
                json["masked"],
                format!("{}******{}", &normalized[..6], &normalized[12..])
            );
        }
    }
}

#[test]
fn shebas() {
    for case in vectors()["shebas"].as_array().unwrap() {
        let json = check_case("sheba", &[case["input"].as_str().unwrap()], case, "sheba");
        if json["valid"] == true {
            assert_eq!(json["bank"]["id"], case["bank"]);
            assert_eq!(json["normalized"].as_str().unwrap().len(), 26);
            assert!(json["grouped"].as_str().unwrap().starts_with("IR"));
            assert!(json["account_type"].is_string());
        }
    }
}

#[test]
fn bills() {
    for case in vectors()["bills"].as_array().unwrap() {
        let args = [
            case["bill_id"].as_str().unwrap(),
            case["payment_id"].as_str().unwrap(),
        ];
        let json = check_case("bill", &args, case, "bill");
        if json["valid"] == true {
            assert_eq!(json["bill_type"], case["bill_type"]);
            assert_eq!(json["amount_rials"], case["amount_rials"]);
            assert_eq!(json["barcode"].as_str().unwrap().len(), 26);
        }
    }
}

#[test]
fn national_ids_and_mobiles() {
    let all = vectors();
    for case in all["national_ids"].as_array().unwrap() {
        check_case(
            "national-id",
            &[case["input"].as_str().unwrap()],
            case,
            "national_id",
        );
    }
    for case in all["mobiles"].as_array().unwrap() {
        let json = check_case("mobile", &[case["input"].as_str().unwrap()], case, "mobile");
        if json["valid"] == true {
            assert_eq!(json["normalized"], case["normalized"]);
            assert_eq!(json["operator"], case["operator"]);
        }
    }
}

#[test]
fn words() {
    for case in vectors()["words"].as_array().unwrap() {
        let rials = case["rials"].as_u64().unwrap().to_string();
        let json = run(&["words", &rials], true);
        assert_eq!(json["rials"], case["rials"]);
        let strip = |t: &str| -> String {
            t.chars()
                .filter(|c| !c.is_whitespace() && *c != '\u{200C}')
                .collect()
        };
        assert_eq!(
            strip(json["text"].as_str().unwrap()),
            strip(case["text"].as_str().unwrap())
        );
    }
    assert_eq!(
        run(&["words", "12x"], false)["error"]["code"],
        "money.invalid_character"
    );
}

#[test]
fn dates_both_ways() {
    for case in vectors()["jalali"].as_array().unwrap() {
        for input in [&case["gregorian"], &case["jalali"]] {
            let json = run(&["date", input.as_str().unwrap()], true);
            assert_eq!(json["gregorian"], case["gregorian"]);
            assert_eq!(json["jalali"], case["jalali"]);
            assert!(
                json["weekday_fa"].as_str().unwrap().contains("شنبه")
                    || json["weekday_fa"] == "جمعه"
            );
        }
    }
    let json = run(&["date", "2025/03/20"], true);
    assert_eq!(json["jalali"], "1403/12/30");
    assert_eq!(json["weekday_fa"], "پنج‌شنبه");
    assert_eq!(
        run(&["date", "1404/12/30"], false)["error"]["code"],
        "calendar.invalid_date"
    );
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["check"][..],
        &["check", "card"],
        &["frobnicate"],
        &["check", "card", "1", "2"],
    ] {
        let output = Command::cargo_bin("hamrah")
            .unwrap()
            .args(args)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn readable_output_is_bilingual() {
    let output = Command::cargo_bin("hamrah")
        .unwrap()
        .args(["check", "card", "6037999836900602"])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains("معتبر") && text.contains("Valid") && text.contains("Bank Melli Iran"),
        "{text}"
    );
    assert!(text.contains("603799******0602"));
    let output = Command::cargo_bin("hamrah")
        .unwrap()
        .args(["check", "card", "6037999836900605"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains("card.checksum") && text.contains("نادرست"),
        "{text}"
    );
}
