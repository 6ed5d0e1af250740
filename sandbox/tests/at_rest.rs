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
