//! Every public example in `../shared/vectors/identifiers.json` must pass.
//!
//! The file is read, never copied: set `HAMRAH_VECTORS` to its path when the
//! shared folder is not beside the repository.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly

use std::path::PathBuf;

use hamrah_core::Coded;
use hamrah_core::calendar::{self, JalaliDate};
use hamrah_core::ids::{Bill, CardNumber, MobileNumber, NationalId, Sheba};
use hamrah_core::money::Rials;
use serde_json::Value;

fn vectors() -> Value {
    let path = std::env::var_os("HAMRAH_VECTORS").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/vectors/identifiers.json"),
        PathBuf::from,
    );
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read the public vectors at {}: {e}", path.display()));
    serde_json::from_str(&text).expect("vectors are JSON")
}

fn cases(section: &str) -> Vec<Value> {
    let all = vectors();
    let list = all[section]
        .as_array()
        .unwrap_or_else(|| panic!("no section {section}"));
    assert!(!list.is_empty(), "section {section} is empty");
    list.clone()
}

fn s<'a>(case: &'a Value, key: &str) -> &'a str {
    case[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} missing in {case}"))
}

/// Checks a parse result against a case: valid, or refused with `module.error`.
fn expect<T, E: Coded>(module: &str, case: &Value, result: Result<T, E>) -> Option<T> {
    let valid = case["valid"].as_bool().expect("valid flag");
    match result {
        Ok(value) => {
            assert!(valid, "{module}: accepted an invalid case {case}");
            Some(value)
        }
        Err(error) => {
            assert!(
                !valid,
                "{module}: refused a valid case {case}: {}",
                error.code()
            );
            assert_eq!(
                error.code(),
                format!("{module}.{}", s(case, "error")),
                "{case}"
            );
            None
        }
    }
}

fn persian_eq(a: &str, b: &str) -> bool {
    let strip = |t: &str| -> String {
        t.chars()
            .filter(|c| !c.is_whitespace() && *c != '\u{200C}')
            .collect()
    };
    strip(a) == strip(b)
}

#[test]
fn cards() {
    for case in cases("cards") {
        if let Some(card) = expect("card", &case, s(&case, "input").parse::<CardNumber>()) {
            assert_eq!(card.bank().map(|b| b.id), Some(s(&case, "bank")), "{case}");
        }
    }
}

#[test]
fn shebas() {
    for case in cases("shebas") {
        if let Some(sheba) = expect("sheba", &case, s(&case, "input").parse::<Sheba>()) {
            assert_eq!(sheba.bank().map(|b| b.id), Some(s(&case, "bank")), "{case}");
        }
    }
}

#[test]
fn bills() {
    for case in cases("bills") {
        let result = Bill::new(s(&case, "bill_id"), s(&case, "payment_id"));
        if let Some(bill) = expect("bill", &case, result) {
            assert_eq!(bill.bill_type().id(), s(&case, "bill_type"), "{case}");
            assert_eq!(
                Some(bill.amount().get()),
                case["amount_rials"].as_u64(),
                "{case}"
            );
        }
    }
}

#[test]
fn national_ids() {
    for case in cases("national_ids") {
        expect(
            "national_id",
            &case,
            s(&case, "input").parse::<NationalId>(),
        );
    }
}

#[test]
fn mobiles() {
    for case in cases("mobiles") {
        if let Some(mobile) = expect("mobile", &case, s(&case, "input").parse::<MobileNumber>()) {
            assert_eq!(mobile.as_str(), s(&case, "normalized"), "{case}");
            assert_eq!(mobile.operator().id(), s(&case, "operator"), "{case}");
        }
    }
}

#[test]
fn jalali_dates() {
    for case in cases("jalali") {
        let gregorian = calendar::parse_gregorian(s(&case, "gregorian")).expect("gregorian");
        let jalali: JalaliDate = s(&case, "jalali").parse().expect("jalali");
        assert_eq!(JalaliDate::from_gregorian(gregorian), Ok(jalali), "{case}");
        assert_eq!(jalali.to_gregorian(), gregorian, "{case}");
        assert_eq!(jalali.to_string(), s(&case, "jalali"), "{case}");
    }
}

#[test]
fn words() {
    for case in cases("words") {
        let rials = Rials::new(case["rials"].as_u64().expect("rials"));
        let words = rials.words_fa();
        assert!(persian_eq(&words, s(&case, "text")), "{case}: got {words}");
    }
}
