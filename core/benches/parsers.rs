//! How long each parser takes on a valid input (goal: below 1 µs per check).
//!
//! `cargo bench -p hamrah-core --bench parsers`

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use hamrah_core::calendar::JalaliDate;
use hamrah_core::ids::{Bill, CardNumber, MobileNumber, NationalId, Sheba};
use hamrah_core::money::Rials;

fn parsers(c: &mut Criterion) {
    c.bench_function("card", |b| {
        b.iter(|| black_box("6037-9998-3690-0602").parse::<CardNumber>())
    });
    c.bench_function("card+bank", |b| {
        b.iter(|| {
            black_box("6037999836900602")
                .parse::<CardNumber>()
                .map(|card| card.bank().map(|bank| bank.id))
        })
    });
    c.bench_function("sheba", |b| {
        b.iter(|| black_box("IR26 0171 0000 0362 2461 4162 74").parse::<Sheba>())
    });
    c.bench_function("bill", |b| {
        b.iter(|| Bill::new(black_box("6366691367513"), black_box("374180484")))
    });
    c.bench_function("national_id", |b| {
        b.iter(|| black_box("0012246141").parse::<NationalId>())
    });
    c.bench_function("mobile", |b| {
        b.iter(|| black_box("+989121234567").parse::<MobileNumber>())
    });
    c.bench_function("rials", |b| {
        b.iter(|| black_box("1,234,567,890").parse::<Rials>())
    });
    c.bench_function("rials_words", |b| {
        b.iter(|| black_box(Rials::new(2_500_123_456)).words_fa())
    });
    c.bench_function("jalali_parse_and_convert", |b| {
        b.iter(|| {
            black_box("1403/12/30")
                .parse::<JalaliDate>()
                .map(|d| d.to_gregorian())
        })
    });
}

criterion_group!(benches, parsers);
criterion_main!(benches);
