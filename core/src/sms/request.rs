//! The operations a customer can send over SMS, and their compact encoding:
//! one opcode byte, then the fields (cards and accounts by their index in
//! `card_list` / `account_list`, digits packed, amounts as varints, the
//! 16-byte idempotency key shared with HTTPS).

use uuid::Uuid;
use zeroize::Zeroizing;

use super::SmsError;
pub use super::credentials::{CardCredentials, PinKind};
use super::wire::{Reader, Writer};

/// The opcode of each operation (first plaintext byte of a frame, both ways).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpCode {
    /// Balance of an account.
    Balance = 1,
    /// The last five statement entries of an account.
    Statement = 2,
    /// Card to card (Shetab).
    CardTransfer = 3,
    /// Bill payment.
    BillPayment = 4,
    /// Block a card.
    CardBlock = 5,
    /// Ask the card's issuer for an SMS dynamic PIN for one payment.
    DynamicPin = 6,
    /// The outcome of an operation by its idempotency key.
    OperationQuery = 7,
}

impl OpCode {
    /// The opcode of a byte.
    pub fn from_byte(byte: u8) -> Result<Self, SmsError> {
        Ok(match byte {
            1 => Self::Balance,
            2 => Self::Statement,
            3 => Self::CardTransfer,
            4 => Self::BillPayment,
            5 => Self::CardBlock,
            6 => Self::DynamicPin,
            7 => Self::OperationQuery,
            _ => return Err(SmsError::OperationUnknown),
        })
    }
}

/// Where a bill is paid from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BillSource {
    /// An own account, by its index in `account_list`.
    Account(u8),
    /// An own card, by its index in `card_list`, with its credentials.
    Card(u8, CardCredentials),
}

/// Who a dynamic PIN's payment pays. `Debug` masks the PAN.
#[derive(Clone, PartialEq, Eq)]
pub enum Payee {
    /// A card, by PAN.
    Card(String),
    /// A bill: bill ID and payment ID.
    Bill(String, String),
}

/// One operation sent over SMS. `Debug` shows the operation and its key,
/// never a PAN or a credential.
#[derive(Clone, PartialEq, Eq)]
pub enum Request {
    /// Balance of the account at this index.
    Balance {
        /// Index in `account_list`.
        account: u8,
    },
    /// The last five entries of the account at this index.
    Statement {
        /// Index in `account_list`.
        account: u8,
    },
    /// Card to card.
    CardTransfer {
        /// The idempotency key (shared with HTTPS).
        key: Uuid,
        /// Source card, its index in `card_list`.
        card: u8,
        /// Destination PAN, 16 digits.
        destination: String,
        /// Rials.
        amount: u64,
        /// Proof of the payment.
        credentials: CardCredentials,
    },
    /// Bill payment.
    BillPayment {
        /// The idempotency key.
        key: Uuid,
        /// Bill ID.
        bill_id: String,
        /// Payment ID.
        payment_id: String,
        /// Rials.
        amount: u64,
        /// Account or card.
        source: BillSource,
    },
    /// Block a card (always as `lost` over SMS).
    CardBlock {
        /// The idempotency key.
        key: Uuid,
        /// Index in `card_list`.
        card: u8,
    },
    /// Ask for an SMS dynamic PIN bound to one payment.
    DynamicPin {
        /// The idempotency key the payment will carry.
        key: Uuid,
        /// Index in `card_list`.
        card: u8,
        /// Rials.
        amount: u64,
        /// The payee.
        payee: Payee,
    },
    /// The outcome recorded under a key.
    OperationQuery {
        /// The idempotency key.
        key: Uuid,
    },
}

impl std::fmt::Debug for Payee {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Card(pan) => write!(f, "Card({})", mask(pan)),
            Self::Bill(bill_id, payment_id) => write!(f, "Bill({bill_id}, {payment_id})"),
        }
    }
}

impl std::fmt::Debug for Request {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Request")
            .field("op", &self.op())
            .field("key", &self.key())
            .finish_non_exhaustive()
    }
}

/// A PAN as `603799******1234` (anything else fully masked).
fn mask(pan: &str) -> String {
    match (pan.get(..6), pan.get(pan.len().saturating_sub(4)..)) {
        (Some(bin), Some(last4)) if pan.len() == 16 => format!("{bin}******{last4}"),
        _ => "****".to_owned(),
    }
}

impl Request {
    /// The operation's opcode.
    pub fn op(&self) -> OpCode {
        match self {
            Self::Balance { .. } => OpCode::Balance,
            Self::Statement { .. } => OpCode::Statement,
            Self::CardTransfer { .. } => OpCode::CardTransfer,
            Self::BillPayment { .. } => OpCode::BillPayment,
            Self::CardBlock { .. } => OpCode::CardBlock,
            Self::DynamicPin { .. } => OpCode::DynamicPin,
            Self::OperationQuery { .. } => OpCode::OperationQuery,
        }
    }

    /// The idempotency key, for the operations that carry one.
    pub fn key(&self) -> Option<Uuid> {
        match self {
            Self::Balance { .. } | Self::Statement { .. } => None,
            Self::CardTransfer { key, .. }
            | Self::BillPayment { key, .. }
            | Self::CardBlock { key, .. }
            | Self::DynamicPin { key, .. }
            | Self::OperationQuery { key } => Some(*key),
        }
    }

    /// The plaintext of a frame.
    pub fn encode(&self) -> Result<Zeroizing<Vec<u8>>, SmsError> {
        let mut w = Writer::new();
        w.u8(self.op() as u8);
        match self {
            Self::Balance { account } | Self::Statement { account } => {
                w.u8(*account);
            }
            Self::CardTransfer {
                key,
                card,
                destination,
                amount,
                credentials,
            } => {
                w.bytes(key.as_bytes())
                    .u8(*card)
                    .digits(destination)?
                    .varint(*amount);
                credentials.write(&mut w)?;
            }
            Self::BillPayment {
                key,
                bill_id,
                payment_id,
                amount,
                source,
            } => {
                w.bytes(key.as_bytes())
                    .digits(bill_id)?
                    .digits(payment_id)?
                    .varint(*amount);
                match source {
                    BillSource::Account(index) => {
                        w.u8(0).u8(*index);
                    }
                    BillSource::Card(index, credentials) => {
                        w.u8(1).u8(*index);
                        credentials.write(&mut w)?;
                    }
                }
            }
            Self::CardBlock { key, card } => {
                w.bytes(key.as_bytes()).u8(*card);
            }
            Self::DynamicPin {
                key,
                card,
                amount,
                payee,
            } => {
                w.bytes(key.as_bytes()).u8(*card).varint(*amount);
                match payee {
                    Payee::Card(pan) => {
                        w.u8(0).digits(pan)?;
                    }
                    Payee::Bill(bill_id, payment_id) => {
                        w.u8(1).digits(bill_id)?.digits(payment_id)?;
                    }
                }
            }
            Self::OperationQuery { key } => {
                w.bytes(key.as_bytes());
            }
        }
        Ok(Zeroizing::new(w.finish()))
    }

    /// Reads a frame's plaintext; every byte must be used.
    pub fn decode(plaintext: &[u8]) -> Result<Self, SmsError> {
        let mut r = Reader::new(plaintext);
        let key = |r: &mut Reader<'_>| r.array::<16>().map(Uuid::from_bytes);
        let request = match OpCode::from_byte(r.u8()?)? {
            OpCode::Balance => Self::Balance { account: r.u8()? },
            OpCode::Statement => Self::Statement { account: r.u8()? },
            OpCode::CardTransfer => Self::CardTransfer {
                key: key(&mut r)?,
                card: r.u8()?,
                destination: r.digits()?,
                amount: r.varint()?,
                credentials: CardCredentials::read(&mut r)?,
            },
            OpCode::BillPayment => Self::BillPayment {
                key: key(&mut r)?,
                bill_id: r.digits()?,
                payment_id: r.digits()?,
                amount: r.varint()?,
                source: match r.u8()? {
                    0 => BillSource::Account(r.u8()?),
                    1 => BillSource::Card(r.u8()?, CardCredentials::read(&mut r)?),
                    _ => return Err(SmsError::FieldInvalid),
                },
            },
            OpCode::CardBlock => Self::CardBlock {
                key: key(&mut r)?,
                card: r.u8()?,
            },
            OpCode::DynamicPin => Self::DynamicPin {
                key: key(&mut r)?,
                card: r.u8()?,
                amount: r.varint()?,
                payee: match r.u8()? {
                    0 => Payee::Card(r.digits()?),
                    1 => Payee::Bill(r.digits()?, r.digits()?),
                    _ => return Err(SmsError::FieldInvalid),
                },
            },
            OpCode::OperationQuery => Self::OperationQuery { key: key(&mut r)? },
        };
        r.end()?;
        Ok(request)
    }
}
