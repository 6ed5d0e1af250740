//! The start banner of `hamrah-sandbox serve --seed demo`: URL, pin, admin
//! token and the demo customers with their card numbers masked and no
//! passwords, unless QA asks for them with `--show-demo-secrets`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

/// The banner of a fresh `serve --seed demo` with `extra` arguments.
fn banner(extra: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_hamrah-sandbox"))
        .args([
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--seed",
            "demo",
            "--data-dir",
        ])
        .arg(dir.path())
        .args(extra)
        .env("RUST_LOG", "off")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = Vec::new();
    for line in BufReader::new(child.stdout.take().unwrap()).lines() {
        let line = line.unwrap();
        let last = line.starts_with("SMS codes:");
        lines.push(line);
        if last {
            break;
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
    lines.join("\n")
}

const PASSWORDS: [&str; 2] = ["Hamrah@1405", "Tehran#2026"];
/// Sara's, Reza's and Maryam's cards.
const PANS: [&str; 3] = ["6037991002003014", "6037991002005019", "6037991002006017"];

#[test]
fn the_banner_masks_card_numbers_and_prints_no_password() {
    let text = banner(&[]);
    assert!(text.contains("listening on https://127.0.0.1:"), "{text}");
    assert!(text.contains("TLS pin (SPKI SHA-256): sha256/"), "{text}");
    assert!(text.contains("Admin token (X-Admin-Token): "), "{text}");
    for secret in PASSWORDS.iter().chain(&PANS) {
        assert!(!text.contains(secret), "{secret} in\n{text}");
    }
    for pan in PANS {
        let masked = format!("{}******{}", &pan[..6], &pan[12..]);
        assert!(text.contains(&masked), "{masked} not in\n{text}");
    }
    assert!(text.contains("sara.ahmadi"), "{text}");
    assert!(text.contains("/admin/seed"), "{text}");
}

#[test]
fn qa_may_ask_for_the_demo_secrets() {
    let text = banner(&["--show-demo-secrets"]);
    for secret in PASSWORDS.iter().chain(&PANS) {
        assert!(text.contains(secret), "{secret} not in\n{text}");
    }
}
