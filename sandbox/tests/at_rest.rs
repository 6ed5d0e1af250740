//! What the bank keeps at rest: no CVV2 in its cards table (a keyed hash),
//! no SMS code in clear in its outbox (sealed under the column key), and
//! database files readable by their owner only; rows an earlier sandbox kept
//! in clear are converted at start.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
mod payments;

use common::Bank;
use payments::*;
use serde_json::Value;

/// Every card's stored `cvv2` column, by PAN.
async fn stored_cvv2s(bank: &Bank) -> Vec<(String, String)> {
    bank.sandbox()
        .state()
        .db
        .read(|conn| {
            Ok(conn
                .prepare("SELECT pan, cvv2 FROM cards ORDER BY pan")?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<Vec<_>, _>>()?)
        })
        .await
        .unwrap()
}

/// Every seeded card with its CVV2, as `GET /admin/seed` shows them.
async fn seeded_cards(bank: &Bank) -> Vec<Value> {
    let seed = seed(bank).await;
    let mut cards: Vec<Value> = seed["customers"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["cards"].as_array().unwrap().clone())
        .collect();
    cards.extend(seed["other_bank_cards"].as_array().unwrap().clone());
    cards
}

/// Asserts the cards table holds keyed hashes only, no seeded CVV2.
async fn assert_no_cvv2_stored(bank: &Bank) {
    let seeded = seeded_cards(bank).await;
    let stored = stored_cvv2s(bank).await;
    assert!(seeded.len() >= 6);
    for card in &seeded {
        let pan = card["pan"].as_str().unwrap();
        let (_, kept) = stored.iter().find(|(p, _)| p == pan).unwrap();
        assert_ne!(kept, card["cvv2"].as_str().unwrap(), "{pan}");
        assert_eq!(kept.len(), 64, "{pan}: {kept}");
        assert!(kept.bytes().all(|b| b.is_ascii_hexdigit()), "{pan}");
    }
}

#[tokio::test]
async fn the_cards_table_keeps_a_keyed_hash_not_the_cvv2() {
    let bank = Bank::start().await;
    assert_no_cvv2_stored(&bank).await;
    // The same CVV2 on two cards is two different hashes (bound to the card).
    let stored = stored_cvv2s(&bank).await;
    let others: Vec<&String> = stored
        .iter()
        .filter(|(pan, _)| !pan.starts_with("603799"))
        .map(|(_, h)| h)
        .collect();
    assert!(others.len() >= 2);
    assert_ne!(others[0], others[1]);
    // QA still reads the CVV2s from the seed, and they still pay.
    let sara = bank.login("sara.ahmadi").await;
    let mellat = other_card(&bank, "mellat").await;
    send(&bank, &sara, &mellat, 1_000_000).await.expect(201);
    bank.finish().await;
}

#[tokio::test]
async fn a_clear_cvv2_of_an_earlier_sandbox_is_hashed_at_start() {
    let mut bank = Bank::start().await;
    let sara = bank.demo(Some("sara.ahmadi"));
    let (pan, cvv2) = (sara.card_pan.clone(), sara.card_cvv2.clone());
    bank.sandbox()
        .state()
        .db
        .tx(move |tx| {
            tx.execute("UPDATE cards SET cvv2 = ?2 WHERE pan = ?1", [pan, cvv2])?;
            Ok(())
        })
        .await
        .unwrap();
    bank.restart().await;
    assert_no_cvv2_stored(&bank).await;
    let sara = bank.login("sara.ahmadi").await;
    let mellat = other_card(&bank, "mellat").await;
    send(&bank, &sara, &mellat, 1_000_000).await.expect(201);
    bank.finish().await;
}

#[tokio::test]
async fn the_settings_keep_no_demo_password_or_cvv2() {
    let mut bank = Bank::start().await;
    let text = bank_settings(&bank).await;
    let sara = bank.demo(Some("sara.ahmadi"));
    assert!(!text.contains(sara.password.as_deref().unwrap()), "{text}");
    assert!(!text.contains("card_cvv2"), "{text}");
    // QA reads them from the admin API.
    let seed = seed(&bank).await;
    let customer = seed["customers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["username"] == "sara.ahmadi")
        .unwrap()
        .clone();
    assert_eq!(
        customer["password"],
        sara.password.clone().unwrap().as_str()
    );
    assert_eq!(customer["cards"][0]["cvv2"], sara.card_cvv2.as_str());
    // An earlier sandbox's settings with them in clear are rewritten at start.
    let old = serde_json::to_string(&serde_json::json!([{
        "username": "sara.ahmadi", "password": sara.password, "national_id": sara.national_id,
        "mobile": sara.mobile, "birth_date": sara.birth_date, "name_fa": sara.name_fa,
        "name_en": sara.name_en, "card_pan": sara.card_pan, "card_expiry": sara.card_expiry,
        "card_cvv2": sara.card_cvv2,
    }]))
    .unwrap();
    bank.sandbox()
        .state()
        .db
        .tx(move |tx| {
            tx.execute(
                "UPDATE settings SET value = ?1 WHERE key = 'demo_customers'",
                [old],
            )?;
            Ok(())
        })
        .await
        .unwrap();
    bank.restart().await;
    let text = bank_settings(&bank).await;
    assert!(!text.contains(sara.password.as_deref().unwrap()), "{text}");
    assert!(!text.contains("card_cvv2"), "{text}");
    assert_eq!(bank.demo(Some("sara.ahmadi")).password, sara.password);
    bank.finish().await;
}

/// The settings table as text.
async fn bank_settings(bank: &Bank) -> String {
    bank.sandbox()
        .state()
        .db
        .read(|conn| {
            Ok(conn
                .prepare("SELECT key || '=' || value FROM settings")?
                .query_map([], |r| r.get::<_, String>(0))?
                .collect::<Result<Vec<_>, _>>()?
                .join("\n"))
        })
        .await
        .unwrap()
}

/// The outbox rows of a mobile as stored: (kind, text, otp, sealed?).
async fn stored_outbox(bank: &Bank, mobile: &str) -> Vec<(String, String, Option<String>, bool)> {
    let mobile = mobile.to_owned();
    bank.sandbox()
        .state()
        .db
        .read(move |conn| {
            Ok(conn
                .prepare(
                    "SELECT kind, text, otp, sealed IS NOT NULL FROM sms_outbox WHERE mobile = ?1 ORDER BY id",
                )?
                .query_map([mobile], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
                .collect::<Result<Vec<_>, _>>()?)
        })
        .await
        .unwrap()
}

/// The outbox of a mobile through the admin API: (kind, body, otp).
async fn admin_outbox(bank: &Bank, mobile: &str) -> Vec<(String, String, Option<String>)> {
    bank.admin(reqwest::Method::GET, &format!("/admin/sms/{mobile}"), None)
        .await
        .expect(200)
        .json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["kind"].as_str().unwrap().to_owned(),
                m["body"].as_str().unwrap().to_owned(),
                m["otp"].as_str().map(String::from),
            )
        })
        .collect()
}

#[tokio::test]
async fn sms_codes_are_sealed_in_the_outbox() {
    let mut bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let mellat = other_card(&bank, "mellat").await;
    pin(&bank, &sara, &key(), 1_000_000, card_payee(&mellat)).await;
    let mobile = sara.demo.mobile.clone();
    let check = |stored: Vec<(String, String, Option<String>, bool)>,
                 shown: Vec<(String, String, Option<String>)>| {
        assert_eq!(stored.len(), shown.len());
        let mut codes = 0;
        for ((kind, text, otp, sealed), (_, body, code)) in stored.iter().zip(&shown) {
            assert_eq!(*otp, None, "{kind}: the code column is empty");
            match code {
                // QA sees the code and the whole text; the table has neither.
                Some(code) => {
                    codes += 1;
                    assert!(*sealed, "{kind}");
                    assert!(body.contains(code.as_str()), "{body}");
                    assert_ne!(text, body);
                    assert_eq!(*text, body.replace(code.as_str(), "******"));
                }
                None => assert_eq!(text, body),
            }
        }
        codes
    };
    let codes = check(
        stored_outbox(&bank, &mobile).await,
        admin_outbox(&bank, &mobile).await,
    );
    assert_eq!(codes, 2, "the login code and the dynamic PIN");
    // A code an earlier sandbox kept in clear is sealed at start.
    let old = mobile.clone();
    bank.sandbox()
        .state()
        .db
        .tx(move |tx| {
            tx.execute(
                "INSERT INTO sms_outbox (mobile, kind, text, otp, created_at)
                 VALUES (?1, 'otp', 'بانک ملی ایران\nکد ورود: 987654', '987654', 1)",
                [old],
            )?;
            Ok(())
        })
        .await
        .unwrap();
    bank.restart().await;
    let stored = stored_outbox(&bank, &mobile).await;
    assert!(
        stored
            .iter()
            .all(|(_, text, _, _)| !text.contains("987654"))
    );
    let shown = admin_outbox(&bank, &mobile).await;
    assert_eq!(shown.last().unwrap().2.as_deref(), Some("987654"));
    assert_eq!(check(stored, shown), 3);
    bank.finish().await;
}

/// The permission bits of the database and its WAL and shared-memory files.
fn database_modes(bank: &Bank) -> Vec<(String, u32)> {
    use std::os::unix::fs::PermissionsExt;
    ["bank.sqlite3", "bank.sqlite3-wal", "bank.sqlite3-shm"]
        .iter()
        .map(|name| {
            let path = bank.dir.path().join(name);
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            ((*name).to_owned(), mode)
        })
        .collect()
}

#[tokio::test]
async fn database_files_are_readable_by_their_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let mut bank = Bank::start().await;
    bank.login("sara.ahmadi").await;
    for (name, mode) in database_modes(&bank) {
        assert_eq!(mode, 0o600, "{name}: {mode:o}");
    }
    // An earlier sandbox left them world-readable: made owner-only at start.
    for (name, _) in database_modes(&bank) {
        let path = bank.dir.path().join(name);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    bank.restart().await;
    for (name, mode) in database_modes(&bank) {
        assert_eq!(mode, 0o600, "{name}: {mode:o}");
    }
    bank.finish().await;
}
