//! `hamrah check sayad` and `hamrah check cheque-serial`: valid inputs as
//! customers type them, and each refusal with its own code.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly

use assert_cmd::Command;
use serde_json::Value;

/// Runs `hamrah --json check ARGS`; the exit status and the JSON.
fn check(args: &[&str]) -> (i32, Value) {
    let output = Command::cargo_bin("hamrah")
        .unwrap()
        .arg("--json")
        .arg("check")
        .args(args)
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    (output.status.code().unwrap(), json)
}

#[test]
fn sayad_ids() {
    let (status, json) = check(&["sayad", "۱۰۰۲-۰۰۳۰-۰۴۰۱-۰۰۰۱"]);
    assert_eq!(status, 0);
    assert_eq!(json["normalized"], "1002003004010001");
    assert_eq!(json["grouped"], "1002 0030 0401 0001");
    for (input, code) in [
        ("", "sayad.empty"),
        ("10020030040100a1", "sayad.invalid_character"),
        ("100200300401000", "sayad.length"),
    ] {
        let (status, json) = check(&["sayad", input]);
        assert_eq!(status, 1, "{input}");
        assert_eq!(json["valid"], false);
        assert_eq!(json["error"]["code"], code, "{input}");
        assert!(!json["error"]["message_fa"].as_str().unwrap().is_empty());
    }
}

#[test]
fn cheque_serials() {
    let (status, json) = check(&["cheque-serial", "۳۰۰۴۰۱/۰۰۰۰۰۰۰۱"]);
    assert_eq!(status, 0);
    assert_eq!(json["normalized"], "300401/00000001");
    assert_eq!(json["series"], "300401");
    for (input, code) in [
        (" ", "cheque_serial.empty"),
        ("30a/00000001", "cheque_serial.invalid_character"),
        ("30040100000001", "cheque_serial.format"),
        ("3004011/00000001", "cheque_serial.series_length"),
        ("300401/0001", "cheque_serial.serial_length"),
    ] {
        let (status, json) = check(&["cheque-serial", input]);
        assert_eq!(status, 1, "{input}");
        assert_eq!(json["error"]["code"], code, "{input}");
    }
}
