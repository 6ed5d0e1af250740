//! The bank's answer to one frame, encoded like a request: the opcode it
//! answers, flags, the uplink counter it answers, then one body.

use jiff::Timestamp;

use super::SmsError;
use super::request::OpCode;
use super::wire::{Reader, Writer};
use crate::calendar::TehranDateTime;

/// Statement entries' times are minutes since this instant (2020-01-01T00:00Z).
pub const MINUTES_EPOCH: i64 = 1_577_836_800;

/// Longest refusal code carried in a reply.
pub const MAX_CODE_LEN: usize = 48;

/// One statement entry as SMS carries it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// Signed rials: negative for a debit.
    pub amount: i64,
    /// When posted, Unix seconds (to the minute).
    pub posted_at: i64,
}

impl Entry {
    /// When posted, as a Jalali date and Tehran wall time (`None` outside
    /// the calendar's range).
    pub fn posted_at_tehran(&self) -> Option<TehranDateTime> {
        Timestamp::from_second(self.posted_at)
            .ok()
            .and_then(|t| TehranDateTime::from_timestamp(t).ok())
    }
}

/// What the bank answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReplyBody {
    /// Refused by the bank (nothing done), with the contract's error code.
    Refused {
        /// `funds.insufficient`, `otp.invalid`, ...
        code: String,
    },
    /// An account's balance.
    Balance {
        /// Ledger balance, rials.
        balance: i64,
        /// Available balance, rials.
        available: u64,
    },
    /// The newest entries (at most five), newest first.
    Statement {
        /// Ledger balance now.
        balance: i64,
        /// The entries.
        entries: Vec<Entry>,
    },
    /// A card transfer's receipt.
    Transfer {
        /// The destination could not be credited: debited and reversed.
        reversed: bool,
        /// Rials sent.
        amount: u64,
        /// Fee charged.
        fee: u64,
        /// Trace number.
        trace: String,
        /// Reference number.
        reference: String,
        /// The source account's balance after, when it has one.
        balance_after: Option<i64>,
    },
    /// A bill payment's receipt.
    Bill {
        /// Rials paid.
        amount: u64,
        /// Trace number.
        trace: String,
        /// Reference number.
        reference: String,
    },
    /// The card is blocked.
    Blocked {
        /// Reference number of the block.
        reference: String,
    },
    /// The issuer sent a dynamic PIN by SMS.
    PinSent {
        /// Seconds it stays valid.
        seconds_left: u32,
    },
    /// The operation is still running at the bank: ask again.
    Pending,
    /// The bank never recorded this key: resend with the same key.
    NotFound,
}

/// A reply frame's plaintext.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// The operation it answers (for a query: the operation found).
    pub op: OpCode,
    /// The uplink counter of the frame it answers.
    pub answers: u32,
    /// A recorded outcome returned again for the idempotency key.
    pub replayed: bool,
    /// The answer.
    pub body: ReplyBody,
}

impl Reply {
    /// The plaintext of a reply frame.
    pub fn encode(&self) -> Result<Vec<u8>, SmsError> {
        let mut w = Writer::new();
        w.u8(self.op as u8)
            .u8(u8::from(self.replayed))
            .varint(u64::from(self.answers));
        match &self.body {
            ReplyBody::Refused { code } => {
                if code.len() > MAX_CODE_LEN || !code.bytes().all(code_byte) {
                    return Err(SmsError::FieldInvalid);
                }
                w.u8(0).u8(code.len() as u8).bytes(code.as_bytes());
            }
            ReplyBody::Balance { balance, available } => {
                w.u8(1).signed(*balance).varint(*available);
            }
            ReplyBody::Statement { balance, entries } => {
                w.u8(2).signed(*balance).u8(entries.len().min(255) as u8);
                for entry in entries.iter().take(255) {
                    let minutes = (entry.posted_at - MINUTES_EPOCH).max(0) / 60;
                    w.signed(entry.amount).varint(minutes as u64);
                }
            }
            ReplyBody::Transfer {
                reversed,
                amount,
                fee,
                trace,
                reference,
                balance_after,
            } => {
                w.u8(3)
                    .u8(u8::from(*reversed) | (u8::from(balance_after.is_some()) << 1));
                w.varint(*amount)
                    .varint(*fee)
                    .digits(trace)?
                    .digits(reference)?;
                if let Some(balance) = balance_after {
                    w.signed(*balance);
                }
            }
            ReplyBody::Bill {
                amount,
                trace,
                reference,
            } => {
                w.u8(4).varint(*amount).digits(trace)?.digits(reference)?;
            }
            ReplyBody::Blocked { reference } => {
                w.u8(5).digits(reference)?;
            }
            ReplyBody::PinSent { seconds_left } => {
                w.u8(6).varint(u64::from(*seconds_left));
            }
            ReplyBody::Pending => {
                w.u8(7);
            }
            ReplyBody::NotFound => {
                w.u8(8);
            }
        }
        Ok(w.finish())
    }

    /// Reads a reply's plaintext; every byte must be used.
    pub fn decode(plaintext: &[u8]) -> Result<Self, SmsError> {
        let mut r = Reader::new(plaintext);
        let op = OpCode::from_byte(r.u8()?)?;
        let flags = r.u8()?;
        let answers = u32::try_from(r.varint()?).map_err(|_| SmsError::FieldInvalid)?;
        let body = match r.u8()? {
            0 => {
                let len = usize::from(r.u8()?);
                if len > MAX_CODE_LEN {
                    return Err(SmsError::FieldInvalid);
                }
                let mut code = String::with_capacity(len);
                for _ in 0..len {
                    let byte = r.u8()?;
                    if !code_byte(byte) {
                        return Err(SmsError::FieldInvalid);
                    }
                    code.push(char::from(byte));
                }
                ReplyBody::Refused { code }
            }
            1 => ReplyBody::Balance {
                balance: r.signed()?,
                available: r.varint()?,
            },
            2 => {
                let balance = r.signed()?;
                let count = r.u8()?;
                let mut entries = Vec::with_capacity(usize::from(count));
                for _ in 0..count {
                    let amount = r.signed()?;
                    let minutes = i64::try_from(r.varint()?).map_err(|_| SmsError::FieldInvalid)?;
                    let posted_at = minutes
                        .checked_mul(60)
                        .and_then(|s| s.checked_add(MINUTES_EPOCH))
                        .ok_or(SmsError::FieldInvalid)?;
                    entries.push(Entry { amount, posted_at });
                }
                ReplyBody::Statement { balance, entries }
            }
            3 => {
                let bits = r.u8()?;
                let amount = r.varint()?;
                let fee = r.varint()?;
                let trace = r.digits()?;
                let reference = r.digits()?;
                let balance_after = if bits & 2 != 0 {
                    Some(r.signed()?)
                } else {
                    None
                };
                ReplyBody::Transfer {
                    reversed: bits & 1 != 0,
                    amount,
                    fee,
                    trace,
                    reference,
                    balance_after,
                }
            }
            4 => ReplyBody::Bill {
                amount: r.varint()?,
                trace: r.digits()?,
                reference: r.digits()?,
            },
            5 => ReplyBody::Blocked {
                reference: r.digits()?,
            },
            6 => ReplyBody::PinSent {
                seconds_left: u32::try_from(r.varint()?).map_err(|_| SmsError::FieldInvalid)?,
            },
            7 => ReplyBody::Pending,
            8 => ReplyBody::NotFound,
            _ => return Err(SmsError::FieldInvalid),
        };
        r.end()?;
        Ok(Self {
            op,
            answers,
            replayed: flags & 1 != 0,
            body,
        })
    }
}

/// The bytes of an error code: `a-z`, `0-9`, `.` and `_`.
fn code_byte(byte: u8) -> bool {
    byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'.' || byte == b'_'
}
