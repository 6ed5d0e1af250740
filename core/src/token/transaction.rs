//! Hamrah's transaction-bound code: an OCRA signature over one payment's amount and payee.
//!
//! Suite [`TRANSACTION_SUITE`] (`OCRA-1:HOTP-SHA256-8:QH40-T30S`); the question is
//! 40 hexadecimal digits: the amount in rials as 8 bytes big-endian, then the first
//! 12 bytes of SHA-256 of the payee's canonical string (`card:{pan}`,
//! `sheba:{sheba}`, `bill:{bill_id}:{payment_id}`). A code made for one amount and
//! payee is refused for any other.

use sha2::{Digest, Sha256};

use super::{OcraInput, OcraSuite, OtpError, Secret};
pub use crate::ids::Payee;
use crate::money::Rials;

/// The OCRA suite of transaction-bound codes.
pub const TRANSACTION_SUITE: &str = "OCRA-1:HOTP-SHA256-8:QH40-T30S";

/// The 40-hex-digit OCRA question for `amount` paid to `payee` (upper case).
pub fn transaction_question(amount: Rials, payee: &Payee) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let digest = Sha256::digest(payee.canonical().as_bytes());
    let mut question = String::with_capacity(40);
    for byte in amount
        .get()
        .to_be_bytes()
        .iter()
        .chain(digest.iter().take(12))
    {
        question.push(char::from(HEX[usize::from(byte >> 4)]));
        question.push(char::from(HEX[usize::from(byte & 0x0f)]));
    }
    question
}

/// The 8-digit code that approves paying `amount` to `payee` at Unix time `unix`.
pub fn transaction_code(
    secret: &Secret,
    amount: Rials,
    payee: &Payee,
    unix: u64,
) -> Result<String, OtpError> {
    let question = transaction_question(amount, payee);
    suite()?.generate(secret, &input(&question, unix))
}

/// The 30-second step at which `code` approves paying `amount` to `payee`, looking
/// `skew` steps either side of `unix`; `None` if it approves nothing of the kind.
pub fn verify_transaction_code(
    secret: &Secret,
    amount: Rials,
    payee: &Payee,
    code: &str,
    unix: u64,
    skew: u64,
) -> Result<Option<u64>, OtpError> {
    let question = transaction_question(amount, payee);
    suite()?.verify(secret, &input(&question, unix), code, skew)
}

fn suite() -> Result<OcraSuite, OtpError> {
    TRANSACTION_SUITE.parse()
}

fn input(question: &str, unix: u64) -> OcraInput<'_> {
    OcraInput {
        question,
        time: Some(unix),
        ..OcraInput::default()
    }
}
