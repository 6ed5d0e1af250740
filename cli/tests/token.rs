//! `hamrah token` on a demo profile: activation against the profile's bank
//! (the profile's device enrolled first, as the bank asks), then offline
//! codes that match the seed kept in the profile's vault, and the list of
//! tokens; refusals are coded. Activating again from the same profile, its
//! device already enrolled and its requests signed, replaces the seed.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly

use assert_cmd::Command;
use hamrah_core::ids::CardNumber;
use hamrah_core::money::Rials;
use hamrah_core::token::{Algorithm, Payee, Secret, Totp, transaction_code};
use serde_json::Value;

fn hamrah(profile: &std::path::Path, args: &[&str]) -> (Option<i32>, Value) {
    let output = Command::cargo_bin("hamrah")
        .unwrap()
        .arg("token")
        .arg("--profile")
        .arg(profile)
        .args(args)
        .arg("--json")
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    (output.status.code(), serde_json::from_str(&stdout).unwrap())
}

/// The seed as the profile's vault keeps it (file named by the hex of its name).
fn seed(profile: &std::path::Path, card_id: &str) -> Secret {
    let name: String = format!("soft-token/{card_id}/seed")
        .bytes()
        .map(|b| format!("{b:02x}"))
        .collect();
    Secret::new(std::fs::read(profile.join("secrets").join(name)).unwrap()).unwrap()
}

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

#[test]
fn activate_then_show_codes_offline() {
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("profile");

    let (status, json) = hamrah(&profile, &["code"]);
    assert_eq!(status, Some(1));
    assert_eq!(json["error"]["code"], "token.not_active");

    let (status, activated) = hamrah(&profile, &["activate"]);
    assert_eq!(status, Some(0), "{activated}");
    let card_id = activated["card_id"].as_str().unwrap().to_owned();
    assert!(activated["token_id"].as_str().unwrap().starts_with("tok_"));
    assert_eq!(activated["digits"], 6);
    assert_eq!(activated["algorithm"], "sha256");

    let (status, list) = hamrah(&profile, &["list"]);
    assert_eq!(status, Some(0));
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
    assert_eq!(list["items"][0]["card_id"], card_id.as_str());

    // The time-based code is the seed's, at the bank's time (the profile's
    // bank runs on real time here), give or take the step being crossed.
    let seed = seed(&profile, &card_id);
    let totp = Totp::new(seed.clone(), Algorithm::Sha256, 6, 30).unwrap();
    let (status, shown) = hamrah(&profile, &["code"]);
    assert_eq!(status, Some(0));
    let code = shown["code"].as_str().unwrap();
    assert!(totp.verify(code, now(), 1).is_some(), "{shown}");
    assert!((1..=30).contains(&shown["seconds_left"].as_u64().unwrap()));

    let mellat = "6104337730474689";
    let (status, bound) = hamrah(&profile, &["code", "--amount", "25000000", "--to", mellat]);
    assert_eq!(status, Some(0));
    let payee = Payee::Card(mellat.parse::<CardNumber>().unwrap());
    let at = now();
    let expected: Vec<String> = [at - 30, at, at + 30]
        .iter()
        .map(|t| transaction_code(&seed, Rials::new(25_000_000), &payee, *t).unwrap())
        .collect();
    assert!(
        expected.contains(&bound["transaction_code"].as_str().unwrap().to_owned()),
        "{bound}"
    );

    let (status, refused) = hamrah(
        &profile,
        &["code", "--amount", "1000", "--to", "6104337730474680"],
    );
    assert_eq!(status, Some(1));
    assert_eq!(refused["error"]["code"], "card.checksum");

    // Again from the same profile: the bank knows the device and its key.
    let (status, again) = hamrah(&profile, &["activate"]);
    assert_eq!(status, Some(0), "{again}");
    assert_eq!(again["card_id"], card_id.as_str());
    assert_ne!(again["token_id"], activated["token_id"]);
    assert_ne!(self::seed(&profile, &card_id), seed);
}
