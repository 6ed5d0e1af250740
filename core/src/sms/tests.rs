//! Round trips of every operation and answer, and the byte budget of
//! `docs/sms-protocol.md`: every one fits one SMS in both encodings.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly

use proptest::prelude::*;
use uuid::Uuid;
use zeroize::Zeroizing;

use super::frame::{self, Direction, HEADER_LEN, Header, TAG_LEN};
use super::*;

fn credentials() -> CardCredentials {
    CardCredentials {
        expiry: Zeroizing::new("0512".into()),
        cvv2: Zeroizing::new("1234".into()),
        pin: Zeroizing::new("12345678".into()),
        pin_kind: PinKind::Ocra,
    }
}

fn largest_requests() -> Vec<(&'static str, Request)> {
    let key = Uuid::from_u128(u128::MAX);
    vec![
        ("balance", Request::Balance { account: 255 }),
        ("last five", Request::Statement { account: 255 }),
        (
            "card to card",
            Request::CardTransfer {
                key,
                card: 255,
                destination: "6104337812345678".into(),
                amount: 9_999_999_999,
                credentials: credentials(),
            },
        ),
        (
            "bill payment (card)",
            Request::BillPayment {
                key,
                bill_id: "1234567890123".into(),
                payment_id: "1234567890123".into(),
                amount: 9_999_999_999,
                source: BillSource::Card(255, credentials()),
            },
        ),
        ("block card", Request::CardBlock { key, card: 255 }),
        (
            "dynamic PIN",
            Request::DynamicPin {
                key,
                card: 255,
                amount: 9_999_999_999,
                payee: Payee::Bill("1234567890123".into(), "1234567890123".into()),
            },
        ),
        ("operation query", Request::OperationQuery { key }),
    ]
}

/// The uplink frame size of each operation at its largest; printed for the protocol's table.
#[test]
fn every_request_fits_one_sms_both_ways() {
    for (name, request) in largest_requests() {
        let plain = request.encode().unwrap();
        assert_eq!(Request::decode(&plain).unwrap(), request, "{name}");
        let bytes = HEADER_LEN + plain.len() + TAG_LEN;
        let chars = text::frame_to_text(&vec![0; bytes]).len();
        println!("{name}: {bytes} bytes, {chars} GSM-7 characters");
        assert!(
            bytes <= gsm7::SINGLE_SMS_BYTES && chars <= gsm7::SINGLE_SMS_SEPTETS,
            "{name}"
        );
    }
}

fn largest_replies() -> Vec<Reply> {
    let entry = Entry {
        amount: -9_999_999_999,
        posted_at: 1_899_999_960,
    };
    let bodies = vec![
        ReplyBody::Refused {
            code: "limit.daily_exceeded".into(),
        },
        ReplyBody::Balance {
            balance: -9_999_999_999_999,
            available: 9_999_999_999_999,
        },
        ReplyBody::Statement {
            balance: 9_999_999_999_999,
            entries: vec![entry; 5],
        },
        ReplyBody::Transfer {
            reversed: true,
            amount: 9_999_999_999,
            fee: 99_999,
            trace: "123456".into(),
            reference: "123456789012".into(),
            balance_after: Some(9_999_999_999_999),
        },
        ReplyBody::Bill {
            amount: 9_999_999_999,
            trace: "123456".into(),
            reference: "123456789012".into(),
        },
        ReplyBody::Blocked {
            reference: "123456789012".into(),
        },
        ReplyBody::PinSent { seconds_left: 120 },
        ReplyBody::Pending,
        ReplyBody::NotFound,
    ];
    bodies
        .into_iter()
        .map(|body| Reply {
            op: OpCode::Statement,
            answers: u32::MAX,
            replayed: true,
            body,
        })
        .collect()
}

#[test]
fn every_reply_fits_one_sms_with_its_summary() {
    let key = SmsKey::from_bytes(1, &[5; 32]).unwrap();
    for reply in largest_replies() {
        let plain = reply.encode().unwrap();
        assert_eq!(Reply::decode(&plain).unwrap(), reply);
        let header = Header {
            direction: Direction::Down,
            key_id: 1,
            counter: u32::MAX,
        };
        let sealed = frame::seal(&key, header, &plain).unwrap();
        let sms = text::reply_text(&summary::gsm7_line(&reply), &sealed).unwrap();
        let chars = gsm7::septet_count(&sms).unwrap();
        println!(
            "{:?}: {} bytes, {chars} characters: {sms:?}",
            reply.body,
            sealed.len()
        );
        assert!(sealed.len() <= 140 && chars <= 160);
        assert!(!summary::fa(&reply).is_empty());
    }
}

proptest! {
    #[test]
    fn decoders_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..160)) {
        let _ = Request::decode(&bytes);
        let _ = Reply::decode(&bytes);
        let _ = Header::peek(&bytes);
        let _ = frame::open(&SmsKey::from_bytes(1, &[0; 32]).unwrap(), &bytes);
    }

    #[test]
    fn transfers_round_trip(amount in 1u64.., card in any::<u8>(), pan in "[0-9]{16}", pin in "[0-9]{4,8}") {
        let request = Request::CardTransfer {
            key: Uuid::new_v4(),
            card,
            destination: pan,
            amount,
            credentials: CardCredentials { pin: Zeroizing::new(pin), ..credentials() },
        };
        prop_assert_eq!(Request::decode(&request.encode().unwrap()).unwrap(), request);
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The vectors of `docs/sms-protocol.md` §9: a bank checks its implementation against them.
#[test]
fn public_vectors() {
    let key = SmsKey::from_bytes(1, &[5; 32]).unwrap();
    let up = Header {
        direction: Direction::Up,
        key_id: 1,
        counter: 0,
    };
    let request = Request::Balance { account: 0 }.encode().unwrap();
    let frame = frame::seal(&key, up, &request).unwrap();
    println!(
        "balance frame: {} / {}",
        hex(&frame),
        text::frame_to_text(&frame)
    );
    assert_eq!(hex(&frame), BALANCE_FRAME_HEX);
    let reply = Reply {
        op: OpCode::CardTransfer,
        answers: 0,
        replayed: false,
        body: ReplyBody::Transfer {
            reversed: false,
            amount: 25_000_000,
            fee: 7_200,
            trace: "048213".into(),
            reference: "402118377765".into(),
            balance_after: Some(774_992_800),
        },
    };
    let down = Header {
        direction: Direction::Down,
        key_id: 1,
        counter: 0,
    };
    let sealed = frame::seal(&key, down, &reply.encode().unwrap()).unwrap();
    let sms = text::reply_text(&summary::gsm7_line(&reply), &sealed).unwrap();
    println!("transfer reply: {} / {sms:?}", hex(&sealed));
    assert_eq!(sms, TRANSFER_REPLY_TEXT);
}

const BALANCE_FRAME_HEX: &str = "1000010000000008ed308dbd6d80b75249a9ae261c1413a58d";
const TRANSFER_REPLY_TEXT: &str = "Hamrah card transfer OK 25,000,000 IRR fee:7,200 trace:048213 ref:402118377765\nEQABAAAAADEaf69OQkSNZJfukD0uiVojJPOGZ81SBqiWpOvUEL30QSkzkb0yO3tmY60";
