//! Independent oracles for the tests: check-digit arithmetic written from the
//! specification, not taken from the crate, and a reader of Persian number words.

#![allow(dead_code)]

use hamrah_core::ids::{Bill, CardNumber, NationalId, Sheba};

fn digits(s: &str) -> Vec<u32> {
    s.bytes().map(|b| u32::from(b - b'0')).collect()
}

/// The Luhn check digit that completes `body`.
pub fn luhn_digit(body: &str) -> u32 {
    let sum: u32 = digits(body)
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            if i % 2 == 0 {
                [0, 2, 4, 6, 8, 1, 3, 5, 7, 9][d as usize]
            } else {
                d
            }
        })
        .sum();
    (10 - sum % 10) % 10
}

/// The bill mod-11 check digit of `body`.
pub fn mod11_digit(body: &str) -> u32 {
    let weights = [2, 3, 4, 5, 6, 7];
    let sum: u32 = digits(body)
        .iter()
        .rev()
        .zip(weights.iter().cycle())
        .map(|(d, w)| d * w)
        .sum();
    let r = sum % 11;
    if r < 2 { 0 } else { 11 - r }
}

/// A valid card from 15 digits.
pub fn valid_card(body: &str) -> CardNumber {
    format!("{body}{}", luhn_digit(body))
        .parse()
        .expect("valid card")
}

/// A valid SHEBA from its 22 digits after the check digits.
pub fn valid_sheba(body: &str) -> Sheba {
    let rearranged = format!("{body}182700");
    let remainder = rearranged
        .bytes()
        .fold(0u32, |acc, b| (acc * 10 + u32::from(b - b'0')) % 97);
    format!("IR{:02}{body}", 98 - remainder)
        .parse()
        .expect("valid sheba")
}

/// A valid bill from a company code, a type digit, an amount in thousands and 3 digits of year and period.
pub fn valid_bill(company: &str, kind: &str, thousands: u64, period: &str) -> Bill {
    let bill_body = format!("{company}{kind}");
    let bill_id = format!("{bill_body}{}", mod11_digit(&bill_body));
    let payment_body = format!("{thousands}{period}");
    let with_first = format!("{payment_body}{}", mod11_digit(&payment_body));
    let payment_id = format!(
        "{with_first}{}",
        mod11_digit(&format!("{bill_id}{with_first}"))
    );
    Bill::new(&bill_id, &payment_id).expect("valid bill")
}

/// A valid national ID from 9 digits, unless all ten would be the same digit.
pub fn valid_national_id(body: &str) -> Option<NationalId> {
    let sum: u32 = digits(body)
        .iter()
        .zip((2..=10).rev())
        .map(|(d, w)| d * w)
        .sum();
    let r = sum % 11;
    let check = if r < 2 { r } else { 11 - r };
    let id = format!("{body}{check}");
    if id.bytes().all(|b| b == id.as_bytes()[0]) {
        return None;
    }
    Some(id.parse().expect("valid national id"))
}

/// The number that Persian words name, read back independently of the crate.
pub fn words_value(text: &str) -> Option<u64> {
    if text == "صفر" {
        return Some(0);
    }
    let small = |w: &str| -> Option<u64> {
        let table = [
            ("یک", 1),
            ("دو", 2),
            ("سه", 3),
            ("چهار", 4),
            ("پنج", 5),
            ("شش", 6),
            ("هفت", 7),
            ("هشت", 8),
            ("نه", 9),
            ("ده", 10),
            ("یازده", 11),
            ("دوازده", 12),
            ("سیزده", 13),
            ("چهارده", 14),
            ("پانزده", 15),
            ("شانزده", 16),
            ("هفده", 17),
            ("هجده", 18),
            ("نوزده", 19),
            ("بیست", 20),
            ("سی", 30),
            ("چهل", 40),
            ("پنجاه", 50),
            ("شصت", 60),
            ("هفتاد", 70),
            ("هشتاد", 80),
            ("نود", 90),
            ("صد", 100),
            ("دویست", 200),
            ("سیصد", 300),
            ("چهارصد", 400),
            ("پانصد", 500),
            ("ششصد", 600),
            ("هفتصد", 700),
            ("هشتصد", 800),
            ("نهصد", 900),
        ];
        table.iter().find(|(name, _)| *name == w).map(|&(_, v)| v)
    };
    let scale = |w: &str| -> Option<u64> {
        let table = [
            ("هزار", 1_000u64),
            ("میلیون", 1_000_000),
            ("میلیارد", 1_000_000_000),
            ("تریلیون", 1_000_000_000_000),
            ("کوادریلیون", 1_000_000_000_000_000),
            ("کوینتیلیون", 1_000_000_000_000_000_000),
        ];
        table.iter().find(|(name, _)| *name == w).map(|&(_, v)| v)
    };
    let mut total: u64 = 0;
    let mut group: u64 = 0;
    for word in text.split(' ').filter(|w| *w != "و") {
        if let Some(v) = small(word) {
            group += v;
        } else {
            let s = scale(word)?;
            total = total.checked_add(group.checked_mul(s)?)?;
            group = 0;
        }
    }
    total.checked_add(group)
}
