//! What one SMS frame costs the phone (and the bank): a card transfer sealed
//! into a GSM-7 text SMS, and a reply text opened and decoded.
//!
//! `cargo bench -p hamrah-core --bench sms`

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use hamrah_core::sms::frame::{self, Direction, Header};
use hamrah_core::sms::text::{self, ReplyText};
use hamrah_core::sms::{
    CardCredentials, OpCode, PinKind, Reply, ReplyBody, Request, SmsKey, summary,
};
use zeroize::Zeroizing;

fn sms(c: &mut Criterion) {
    let key = SmsKey::from_bytes(1, &[5; 32]).unwrap();
    let request = Request::CardTransfer {
        key: uuid::Uuid::from_u128(7),
        card: 0,
        destination: "6104337812345678".into(),
        amount: 25_000_000,
        credentials: CardCredentials {
            expiry: Zeroizing::new("0512".into()),
            cvv2: Zeroizing::new("412".into()),
            pin: Zeroizing::new("12345678".into()),
            pin_kind: PinKind::Ocra,
        },
    };
    let up = Header {
        direction: Direction::Up,
        key_id: 1,
        counter: 9,
    };
    c.bench_function("sms_seal_card_transfer_gsm7", |b| {
        b.iter(|| {
            let plain = black_box(&request).encode().unwrap();
            text::frame_to_text(&frame::seal(&key, up, &plain).unwrap())
        })
    });
    let reply = Reply {
        op: OpCode::CardTransfer,
        answers: 9,
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
        counter: 3,
    };
    let sealed = frame::seal(&key, down, &reply.encode().unwrap()).unwrap();
    let sms = text::reply_text(&summary::gsm7_line(&reply), &sealed).unwrap();
    c.bench_function("sms_open_reply_gsm7", |b| {
        b.iter(|| {
            let ReplyText::Frame(bytes) = text::parse_reply_text(black_box(&sms)).unwrap() else {
                panic!("not a frame")
            };
            let (_, plain) = frame::open(&key, &bytes).unwrap();
            Reply::decode(&plain).unwrap()
        })
    });
}

criterion_group!(benches, sms);
criterion_main!(benches);
