//! How long the soft token takes to make a code (goal: below 5 µs).
//!
//! `cargo bench -p hamrah-core --bench otp`

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use hamrah_core::money::Rials;
use hamrah_core::token::{
    Algorithm, Hotp, OcraInput, OcraSuite, Payee, Pin, Secret, SoftToken, TokenParams, Totp,
    transaction_code,
};

fn otp(c: &mut Criterion) {
    let seed20 = Secret::new(b"12345678901234567890".to_vec()).unwrap();
    let seed32 = Secret::new(b"12345678901234567890123456789012".to_vec()).unwrap();

    let hotp = Hotp::new(seed20.clone(), Algorithm::Sha1, 6).unwrap();
    c.bench_function("hotp_sha1", |b| b.iter(|| hotp.generate(black_box(7))));

    let totp = Totp::new(seed20.clone(), Algorithm::Sha1, 6, 30).unwrap();
    c.bench_function("totp_sha1", |b| {
        b.iter(|| totp.code(black_box(1_700_000_000)))
    });
    let totp256 = Totp::new(seed32.clone(), Algorithm::Sha256, 8, 30).unwrap();
    c.bench_function("totp_sha256", |b| {
        b.iter(|| totp256.at(black_box(1_700_000_000)))
    });
    c.bench_function("totp_verify_skew1", |b| {
        b.iter(|| totp.verify(black_box("000000"), black_box(1_700_000_000), 1))
    });

    let suite: OcraSuite = "OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1".parse().unwrap();
    let input = OcraInput {
        counter: Some(7),
        question: "12345678",
        pin: Some(Pin::Plain("1234")),
        ..OcraInput::default()
    };
    c.bench_function("ocra_sha256_c_qn08_psha1", |b| {
        b.iter(|| suite.generate(&seed32, black_box(&input)))
    });
    c.bench_function("ocra_suite_parse", |b| {
        b.iter(|| black_box("OCRA-1:HOTP-SHA512-8:QN08-T1M").parse::<OcraSuite>())
    });

    let payee = Payee::Card("6037999836900602".parse().unwrap());
    c.bench_function("ocra_transaction_code", |b| {
        b.iter(|| {
            transaction_code(
                &seed32,
                black_box(Rials::new(2_500_000)),
                &payee,
                black_box(1_700_000_000),
            )
        })
    });

    // The soft token of a card as the phone holds it (the bank's parameters).
    let token = SoftToken::new(
        TokenParams {
            card_id: "crd_bench".to_owned(),
            token_id: "tok_bench".to_owned(),
            digits: 6,
            period_seconds: 30,
            algorithm: "sha256".to_owned(),
            ocra_suite: "OCRA-1:HOTP-SHA256-8:QH40-T30S".to_owned(),
        },
        seed32.clone(),
    )
    .unwrap();
    c.bench_function("soft_token_code", |b| {
        b.iter(|| token.code_at(black_box(1_700_000_000)))
    });
    c.bench_function("soft_token_transaction_code", |b| {
        b.iter(|| {
            token.transaction_code_at(
                black_box(Rials::new(2_500_000)),
                &payee,
                black_box(1_700_000_000),
            )
        })
    });
}

criterion_group!(benches, otp);
criterion_main!(benches);
