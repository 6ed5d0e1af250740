//! The SMS gateway (`sms_key_agree`, `sms_inbound`): every SMS operation
//! end to end in both encodings, one SMS each way, executed through the same
//! ledger and idempotency store as HTTPS; and every kind of bad frame refused
//! with nothing executed and the customer told why.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly

mod common;
mod payments;
mod sms_phone;

use common::Bank;
use hamrah_core::Coded;
use hamrah_core::sms::text::{self, ReplyText};
use hamrah_core::sms::{
    BillSource, CardCredentials, Encoding, OpCode, Payee, PinKind, ReplyBody, Request, SmsError,
    SmsKey,
};
use payments::{card_balance, journals, number, other_card, seed};
use reqwest::Method;
use serde_json::json;
use sms_phone::Phone;
use uuid::Uuid;
use zeroize::Zeroizing;

const AMOUNT: u64 = 25_000_000;

fn sms_credentials(phone: &Phone, pin: &str) -> CardCredentials {
    CardCredentials {
        expiry: Zeroizing::new(phone.customer.demo.card_expiry.clone()),
        cvv2: Zeroizing::new(phone.customer.demo.card_cvv2.clone()),
        pin: Zeroizing::new(pin.to_owned()),
        pin_kind: PinKind::Sms,
    }
}

const FIRST_ACCOUNT: &str = "SELECT balance FROM accounts WHERE kind = 'deposit' AND customer_id = (SELECT id FROM customers WHERE mobile = ?1) ORDER BY id LIMIT 1";

async fn every_operation(encoding: Encoding) {
    let bank = Bank::start().await;
    let mut phone = Phone::enrolled(&bank, "sara.ahmadi").await;
    phone.encoding = encoding;
    let answer = phone.agree(&bank).await;
    assert_eq!(answer["hkdf_info"], "hamrah/sms/v1");
    let mobile = phone.customer.demo.mobile.clone();
    let pan = phone.customer.demo.card_pan.clone();

    // Balance: the ledger's.
    let reply = phone.send(&bank, &Request::Balance { account: 0 }).await;
    let ledger = number(&bank, FIRST_ACCOUNT, &mobile).await;
    assert_eq!(
        reply.body,
        ReplyBody::Balance {
            balance: ledger,
            available: ledger as u64
        }
    );

    // Card to card, with a dynamic PIN asked for over SMS too.
    let destination = other_card(&bank, "mellat").await;
    let key = Uuid::new_v4();
    let payee = Payee::Card(destination.clone());
    let reply = phone
        .send(
            &bank,
            &Request::DynamicPin {
                key,
                card: 0,
                amount: AMOUNT,
                payee,
            },
        )
        .await;
    assert!(
        matches!(reply.body, ReplyBody::PinSent { seconds_left } if seconds_left > 0),
        "{reply:?}"
    );
    let pin = bank.last_otp(&mobile).await;
    let before = card_balance(&bank, &pan).await;
    let transfers = journals(&bank, "card_transfer").await;
    let transfer = Request::CardTransfer {
        key,
        card: 0,
        destination: destination.clone(),
        amount: AMOUNT,
        credentials: sms_credentials(&phone, &pin),
    };
    let reply = phone.send(&bank, &transfer).await;
    let ReplyBody::Transfer {
        reversed: false,
        amount,
        fee,
        ref trace,
        balance_after: Some(after),
        ..
    } = reply.body
    else {
        panic!("not a transfer receipt: {reply:?}");
    };
    assert_eq!(
        (amount, reply.replayed, reply.op),
        (AMOUNT, false, OpCode::CardTransfer)
    );
    assert_eq!(trace.len(), 6);
    assert_eq!(
        card_balance(&bank, &pan).await,
        before - (AMOUNT + fee) as i64
    );
    assert_eq!(after, before - (AMOUNT + fee) as i64);
    assert_eq!(journals(&bank, "card_transfer").await, transfers + 1);
    let channel_sql = r#"SELECT COUNT(*) FROM transfers WHERE idempotency_key = ?1 AND receipt LIKE '%"channel":"sms"%'"#;
    assert_eq!(
        number(&bank, channel_sql, &key.hyphenated().to_string()).await,
        1
    );

    // The same operation again (a new SMS, the same key): the recorded receipt, no new postings.
    let again = phone.send(&bank, &transfer).await;
    assert!(again.replayed);
    assert_eq!(journals(&bank, "card_transfer").await, transfers + 1);
    let query = phone.send(&bank, &Request::OperationQuery { key }).await;
    assert!(
        query.replayed && matches!(query.body, ReplyBody::Transfer { .. }),
        "{query:?}"
    );
    let unknown = phone
        .send(
            &bank,
            &Request::OperationQuery {
                key: Uuid::new_v4(),
            },
        )
        .await;
    assert_eq!(unknown.body, ReplyBody::NotFound);

    // The last five: the transfer first.
    let reply = phone.send(&bank, &Request::Statement { account: 0 }).await;
    let ReplyBody::Statement { entries, .. } = reply.body else {
        panic!("{reply:?}")
    };
    assert!(!entries.is_empty() && entries.len() <= 5);
    assert_eq!(entries[0].amount, -((AMOUNT + fee) as i64));

    // A bill from the account.
    let bill = seed(&bank).await["bills"][0].clone();
    let bill_amount = bill["amount_rials"].as_u64().unwrap();
    let request = Request::BillPayment {
        key: Uuid::new_v4(),
        bill_id: bill["bill_id"].as_str().unwrap().to_owned(),
        payment_id: bill["payment_id"].as_str().unwrap().to_owned(),
        amount: bill_amount,
        source: BillSource::Account(0),
    };
    let reply = phone.send(&bank, &request).await;
    assert!(
        matches!(reply.body, ReplyBody::Bill { amount, .. } if amount == bill_amount),
        "{reply:?}"
    );

    // A refusal by the bank comes back sealed, with its code.
    let too_much = Request::CardTransfer {
        key: Uuid::new_v4(),
        card: 0,
        destination,
        amount: AMOUNT,
        credentials: sms_credentials(&phone, "123456"),
    };
    let reply = phone.send(&bank, &too_much).await;
    assert_eq!(
        reply.body,
        ReplyBody::Refused {
            code: "otp.not_requested".into()
        }
    );

    // Block the card (as lost).
    let reply = phone
        .send(
            &bank,
            &Request::CardBlock {
                key: Uuid::new_v4(),
                card: 0,
            },
        )
        .await;
    assert!(
        matches!(reply.body, ReplyBody::Blocked { ref reference } if reference.len() == 12),
        "{reply:?}"
    );
    let blocked = number(
        &bank,
        "SELECT COUNT(*) FROM cards WHERE pan = ?1 AND status = 'blocked'",
        &pan,
    )
    .await;
    assert_eq!(blocked, 1);
    bank.finish().await;
}

#[tokio::test]
async fn every_operation_over_data_sms() {
    every_operation(Encoding::Binary).await;
}

#[tokio::test]
async fn every_operation_over_text_sms() {
    every_operation(Encoding::Gsm7).await;
}

/// What a refused frame must leave: no block, no recorded operation.
async fn nothing_executed(bank: &Bank, pan: &str) {
    let blocked = number(
        bank,
        "SELECT COUNT(*) FROM cards WHERE pan = ?1 AND status != 'active'",
        pan,
    )
    .await;
    assert_eq!(blocked, 0, "a refused frame was executed");
    assert_eq!(
        number(bank, "SELECT COUNT(*) FROM idempotency WHERE key != ?1", "").await,
        0
    );
}

/// Delivers a bad frame and checks the plain refusal the customer reads.
async fn refused(bank: &Bank, phone: &Phone, frame: &[u8], expected: SmsError) {
    let answer = phone.deliver(bank, frame).await.expect(200).json;
    assert_eq!(answer["result_code"], expected.code(), "{answer}");
    assert_eq!(answer["reply"]["encoding"], "text");
    let body = answer["reply"]["body"].as_str().unwrap();
    assert_eq!(
        text::parse_reply_text(body).unwrap(),
        ReplyText::Refusal(expected.code().to_owned())
    );
    let told = SmsError::from_code(expected.code()).unwrap();
    assert!(!told.message_fa().is_empty() && !told.message_en().is_empty());
    nothing_executed(bank, &phone.customer.demo.card_pan).await;
}

#[tokio::test]
async fn bad_frames_are_refused_and_nothing_is_executed() {
    let bank = Bank::start().await;
    let mut phone = Phone::enrolled(&bank, "sara.ahmadi").await;
    phone.agree(&bank).await;
    let block = Request::CardBlock {
        key: Uuid::new_v4(),
        card: 0,
    };

    // A captured frame replayed.
    let captured = phone.frame(&Request::Balance { account: 0 });
    phone.deliver(&bank, &captured).await.expect(200);
    refused(&bank, &phone, &captured, SmsError::Replayed).await;

    // A flipped bit, anywhere after the header.
    let good = phone.frame(&block);
    for byte in [7, good.len() / 2, good.len() - 1] {
        let mut flipped = good.clone();
        flipped[byte] ^= 0x10;
        refused(&bank, &phone, &flipped, SmsError::TagInvalid).await;
    }
    // Truncated: too short for a frame, or missing its last byte.
    refused(&bank, &phone, &good[..20], SmsError::FrameTruncated).await;
    refused(&bank, &phone, &good[..good.len() - 1], SmsError::TagInvalid).await;
    // Sealed under a wrong key (right id), or naming no key.
    let key_id = phone.key.as_ref().unwrap().key_id();
    let mut thief = Phone {
        key: Some(SmsKey::from_bytes(key_id, &[7; 32]).unwrap()),
        ..phone.clone_for_tests()
    };
    refused(&bank, &phone, &thief.frame(&block), SmsError::TagInvalid).await;
    thief.key = Some(SmsKey::from_bytes(key_id + 9, &[7; 32]).unwrap());
    refused(&bank, &phone, &thief.frame(&block), SmsError::KeyUnknown).await;
    // A reused counter (0, used by the balance) with other content; a counter far ahead.
    refused(
        &bank,
        &phone,
        &phone.frame_at(&block, 0),
        SmsError::Replayed,
    )
    .await;
    refused(
        &bank,
        &phone,
        &phone.frame_at(&block, 100_000),
        SmsError::CounterOutOfWindow,
    )
    .await;
    // A frame of another version.
    let mut version = good.clone();
    version[0] = 0x20;
    refused(&bank, &phone, &version, SmsError::VersionUnsupported).await;

    // Requests the gateway cannot take at all.
    let request = json!({"from_mobile": "09120000000", "encoding": "binary", "frame": "AAAA"});
    bank.call(Method::POST, "/v1/sms/inbound", &[], Some(request))
        .await
        .expect_error(404, "sms.mobile_unknown");
    let mobile = phone.customer.demo.mobile.clone();
    use base64::Engine;
    let too_long = base64::engine::general_purpose::STANDARD.encode([0u8; 141]);
    let cases = [
        ("binary", "not base64!"),
        ("gsm7", "سلام"),
        ("binary", too_long.as_str()),
    ];
    for (encoding, frame) in cases {
        let request = json!({"from_mobile": mobile, "encoding": encoding, "frame": frame});
        bank.call(Method::POST, "/v1/sms/inbound", &[], Some(request))
            .await
            .expect_error(400, "sms.encoding_invalid");
    }
    nothing_executed(&bank, &phone.customer.demo.card_pan).await;

    // A valid frame sent from another customer's number: the key is not that number's.
    let reza = bank.demo(Some("reza.karimi")).mobile;
    let frame = base64::engine::general_purpose::STANDARD.encode(phone.frame(&block));
    let request = json!({"from_mobile": reza, "encoding": "binary", "frame": frame});
    let answer = bank
        .call(Method::POST, "/v1/sms/inbound", &[], Some(request))
        .await
        .expect(200)
        .json;
    assert_eq!(answer["result_code"], "sms.key_unknown");
    nothing_executed(&bank, &phone.customer.demo.card_pan).await;

    // The good frame itself still works: the refusals above were about the frames.
    let answer = phone.deliver(&bank, &good).await.expect(200).json;
    assert_eq!(answer["result_code"], "ok");
    assert!(matches!(
        phone.open(&answer).body,
        ReplyBody::Blocked { .. }
    ));
    bank.finish().await;
}

#[tokio::test]
async fn the_key_needs_an_enrolled_device_and_a_new_key_retires_the_old() {
    let bank = Bank::start().await;
    let unenrolled = bank.login("reza.karimi").await;
    let body = json!({"device_public_key": hamrah_core::sms::SmsKeyAgreement::new().public_key()});
    bank.as_customer(
        &unenrolled,
        Method::POST,
        "/v1/devices/current/sms-key",
        Some(body),
    )
    .await
    .expect_error(403, "device.not_enrolled");
    let mut phone = Phone::enrolled(&bank, "sara.ahmadi").await;
    phone
        .signed(
            &bank,
            Method::POST,
            "/v1/devices/current/sms-key",
            Some(json!({"device_public_key": "AAAA"})),
        )
        .await
        .expect_error(400, "device.public_key_invalid");
    let first = phone.agree(&bank).await;
    let old = phone.clone_for_tests();
    let second = phone.agree(&bank).await;
    assert_ne!(first["key_id"], second["key_id"]);
    let mut old = old;
    let frame = old.frame(&Request::Balance { account: 0 });
    refused(&bank, &phone, &frame, SmsError::KeyUnknown).await;
    assert!(matches!(
        phone
            .send(&bank, &Request::Balance { account: 0 })
            .await
            .body,
        ReplyBody::Balance { .. }
    ));
    bank.finish().await;
}
