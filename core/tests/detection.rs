//! How many typing mistakes each check digit catches: every single-digit
//! substitution and every adjacent transposition of random valid identifiers.
//!
//! Run with `cargo test -p hamrah-core --test detection -- --nocapture` to see the rates.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly

use hamrah_core::ids::{Bill, CardNumber, NationalId, Sheba};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::TestRunner;

mod support;
use support::{valid_bill, valid_card, valid_national_id, valid_sheba};

const SAMPLES: usize = 1000;

#[derive(Default)]
struct Tally {
    substitutions: (u64, u64),
    transpositions: (u64, u64),
    undetected_transpositions: Vec<(u8, u8)>,
}

impl Tally {
    fn rate(pair: (u64, u64)) -> f64 {
        pair.0 as f64 / pair.1 as f64 * 100.0
    }

    /// Mutates the digits at `range` of `text` and asks `accepts` about each mutant.
    fn measure(
        &mut self,
        text: &str,
        range: std::ops::Range<usize>,
        accepts: impl Fn(&str) -> bool,
    ) {
        let bytes = text.as_bytes();
        for i in range.clone() {
            for d in b'0'..=b'9' {
                if d == bytes[i] {
                    continue;
                }
                let mut mutant = bytes.to_vec();
                mutant[i] = d;
                self.substitutions.1 += 1;
                if !accepts(std::str::from_utf8(&mutant).unwrap()) {
                    self.substitutions.0 += 1;
                }
            }
            if i + 1 < range.end && bytes[i] != bytes[i + 1] {
                let mut mutant = bytes.to_vec();
                mutant.swap(i, i + 1);
                self.transpositions.1 += 1;
                if accepts(std::str::from_utf8(&mutant).unwrap()) {
                    self.undetected_transpositions
                        .push((bytes[i], bytes[i + 1]));
                } else {
                    self.transpositions.0 += 1;
                }
            }
        }
    }

    fn report(&self, name: &str) -> (f64, f64) {
        let (s, t) = (
            Self::rate(self.substitutions),
            Self::rate(self.transpositions),
        );
        println!(
            "{name}: substitutions {s:.2}% of {}, adjacent transpositions {t:.2}% of {}",
            self.substitutions.1, self.transpositions.1
        );
        (s, t)
    }
}

fn samples(pattern: &str) -> Vec<String> {
    let mut runner = TestRunner::deterministic();
    let strategy = proptest::string::string_regex(pattern).unwrap();
    (0..SAMPLES)
        .map(|_| strategy.new_tree(&mut runner).unwrap().current())
        .collect()
}

#[test]
fn card_numbers() {
    let mut tally = Tally::default();
    for body in samples("[0-9]{15}") {
        let card = valid_card(&body);
        tally.measure(card.as_str(), 0..16, |m| m.parse::<CardNumber>().is_ok());
    }
    let (s, t) = tally.report("card (Luhn)");
    assert_eq!(s, 100.0);
    assert!(t > 95.0);
    // Luhn's one blind spot: swapping adjacent 0 and 9.
    assert!(
        tally
            .undetected_transpositions
            .iter()
            .all(|p| matches!(p, (b'0', b'9') | (b'9', b'0')))
    );
}

#[test]
fn sheba_numbers() {
    let mut tally = Tally::default();
    for body in samples("[0-9]{3}[0-3][0-9]{18}") {
        let sheba = valid_sheba(&body);
        tally.measure(sheba.as_str(), 2..26, |m| m.parse::<Sheba>().is_ok());
    }
    let (s, t) = tally.report("SHEBA (mod 97)");
    assert_eq!((s, t), (100.0, 100.0));
}

#[test]
fn bill_ids() {
    let mut bill_tally = Tally::default();
    let mut payment_tally = Tally::default();
    for (i, company) in samples("[1-9][0-9]{4,10}").iter().enumerate() {
        let kind = ["1", "2", "3", "4", "5", "6", "8", "9"][i % 8];
        let bill = valid_bill(company, kind, 1 + i as u64 * 7919 % 100_000, "123");
        let (bill_id, payment_id) = (bill.bill_id(), bill.payment_id());
        bill_tally.measure(bill_id, 0..bill_id.len(), |m| {
            Bill::new(m, payment_id).is_ok()
        });
        payment_tally.measure(payment_id, 0..payment_id.len(), |m| {
            Bill::new(bill_id, m).is_ok()
        });
    }
    let (bs, bt) = bill_tally.report("bill ID (mod 11)");
    let (ps, pt) = payment_tally.report("payment ID (two mod 11 digits)");
    // The mod-11 rule maps remainders 0 and 1 to the same digit, so about one
    // mistake in eleven slips through a single check digit; the payment ID's
    // second digit also covers the first, catching nearly all.
    assert!(bs > 85.0 && bt > 85.0, "bill id {bs} {bt}");
    assert!(ps > 98.0 && pt > 98.0, "payment id {ps} {pt}");
}

#[test]
fn national_ids() {
    let mut tally = Tally::default();
    for body in samples("[0-9]{9}") {
        if let Some(id) = valid_national_id(&body) {
            tally.measure(id.as_str(), 0..10, |m| m.parse::<NationalId>().is_ok());
        }
    }
    let (s, t) = tally.report("national ID (mod 11)");
    assert!(s > 85.0 && t > 85.0);
}
