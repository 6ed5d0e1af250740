//! The SMS channel's records: what goes to and comes from the radio, and the
//! bank's replies as the app shows them.

use hamrah_core::sms::{self as core, ReplyBody};

/// An SMS for the radio.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum OutboundSms {
    /// A data SMS (Android `sendDataMessage`) to the bank's number and data port.
    Binary {
        /// The frame (at most 140 bytes).
        bytes: Vec<u8>,
    },
    /// A text SMS in the GSM alphabet (iPhone: the composer, prefilled).
    Text {
        /// At most 160 characters.
        text: String,
    },
}

impl From<core::OutboundSms> for OutboundSms {
    fn from(sms: core::OutboundSms) -> Self {
        match sms {
            core::OutboundSms::Binary(bytes) => Self::Binary { bytes },
            core::OutboundSms::Text(text) => Self::Text { text },
        }
    }
}

/// An SMS from the bank, as the phone received it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum InboundSms {
    /// A data SMS on the bank's data port.
    Binary {
        /// Its bytes.
        bytes: Vec<u8>,
    },
    /// A text SMS (received, or pasted back by the customer).
    Text {
        /// Its text.
        text: String,
    },
}

impl From<InboundSms> for core::InboundSms {
    fn from(sms: InboundSms) -> Self {
        match sms {
            InboundSms::Binary { bytes } => Self::Binary(bytes),
            InboundSms::Text { text } => Self::Text(text),
        }
    }
}

/// The channel the core chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum BankChannel {
    /// HTTPS over mobile data or Wi-Fi.
    Https,
    /// One encrypted SMS each way.
    Sms,
}

/// The channel to use now and why.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ChannelDecision {
    /// The channel.
    pub channel: BankChannel,
    /// Whether the UI offers "send by SMS".
    pub sms_offered: bool,
    /// `data_on`, `data_off`, `https_failing` or `sms_not_set_up`.
    pub reason: String,
    /// The reason for the customer, in Persian.
    pub reason_fa: String,
    /// In English.
    pub reason_en: String,
}

impl From<core::ChannelDecision> for ChannelDecision {
    fn from(d: core::ChannelDecision) -> Self {
        Self {
            channel: match d.channel {
                core::Channel::Https => BankChannel::Https,
                core::Channel::Sms => BankChannel::Sms,
            },
            sms_offered: d.sms_offered,
            reason: d.reason.to_owned(),
            reason_fa: d.reason_fa().to_owned(),
            reason_en: d.reason_en().to_owned(),
        }
    }
}

/// The bank's answer over SMS.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum SmsReply {
    /// Refused (nothing done).
    Refused {
        /// The contract's code.
        code: String,
    },
    /// An account's balance.
    Balance {
        /// Ledger balance.
        balance_rials: i64,
        /// Available balance.
        available_rials: u64,
    },
    /// A transfer's receipt.
    Transfer {
        /// Debited and reversed (the destination could not be credited).
        reversed: bool,
        /// Rials sent.
        amount_rials: u64,
        /// Fee.
        fee_rials: u64,
        /// Trace number.
        trace: String,
        /// Reference number.
        reference: String,
    },
    /// A bill's receipt.
    Bill {
        /// Rials paid.
        amount_rials: u64,
        /// Trace number.
        trace: String,
    },
    /// The card is blocked.
    Blocked,
    /// The issuer sent a dynamic PIN by SMS.
    PinSent {
        /// Seconds it stays valid.
        seconds_left: u32,
    },
    /// Still running at the bank.
    Pending,
    /// The bank never recorded the operation.
    NotFound,
    /// The newest entries of an account (at most five), newest first.
    Statement {
        /// The ledger balance now.
        balance_rials: i64,
        /// The entries.
        entries: Vec<SmsStatementEntry>,
    },
}

/// One entry of a statement over SMS.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SmsStatementEntry {
    /// Signed rials: negative for a debit.
    pub amount_rials: i64,
    /// When posted, Jalali date and Tehran time to the minute (`1405/09/01 14:57`).
    pub posted_at_jalali: String,
}

/// What each SMS index names, as the bank's lists were when data was last on.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SmsDirectory {
    /// The accounts' labels (title and the SHEBA's last four digits), index order.
    pub accounts: Vec<String>,
    /// The cards' labels (bank and masked PAN), index order.
    pub cards: Vec<String>,
}

/// One exchange over SMS: the reply, its text, and the SMS it took.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SmsResult {
    /// The bank's answer.
    pub reply: SmsReply,
    /// A recorded outcome returned again.
    pub replayed: bool,
    /// The answer for the customer, in Persian.
    pub message_fa: String,
    /// In English.
    pub message_en: String,
    /// SMS sent.
    pub sms_sent: u32,
    /// SMS received.
    pub sms_received: u32,
}

impl From<core::SmsExchange> for SmsResult {
    fn from(exchange: core::SmsExchange) -> Self {
        let count = |direction| {
            exchange
                .frames
                .iter()
                .filter(|f| f.direction == direction)
                .map(|f| f.segments as u32)
                .sum()
        };
        let reply = match exchange.reply.body.clone() {
            ReplyBody::Refused { code } => SmsReply::Refused { code },
            ReplyBody::Balance { balance, available } => SmsReply::Balance {
                balance_rials: balance,
                available_rials: available,
            },
            ReplyBody::Statement { balance, entries } => SmsReply::Statement {
                balance_rials: balance,
                entries: entries
                    .iter()
                    .map(|entry| SmsStatementEntry {
                        amount_rials: entry.amount,
                        posted_at_jalali: entry
                            .posted_at_tehran()
                            .map(|t| t.to_string())
                            .unwrap_or_default(),
                    })
                    .collect(),
            },
            ReplyBody::Transfer {
                reversed,
                amount,
                fee,
                trace,
                reference,
                ..
            } => SmsReply::Transfer {
                reversed,
                amount_rials: amount,
                fee_rials: fee,
                trace,
                reference,
            },
            ReplyBody::Bill { amount, trace, .. } => SmsReply::Bill {
                amount_rials: amount,
                trace,
            },
            ReplyBody::Blocked { .. } => SmsReply::Blocked,
            ReplyBody::PinSent { seconds_left } => SmsReply::PinSent { seconds_left },
            ReplyBody::Pending => SmsReply::Pending,
            ReplyBody::NotFound => SmsReply::NotFound,
        };
        Self {
            reply,
            replayed: exchange.reply.replayed,
            message_fa: exchange.message_fa.clone(),
            message_en: exchange.message_en.clone(),
            sms_sent: count(core::Direction::Up),
            sms_received: count(core::Direction::Down),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::error::HamrahError;
    use crate::sms::sms_row_index;

    #[test]
    fn a_typed_row_is_the_cores_to_check() {
        assert_eq!(sms_row_index("۱".into()), Ok(0));
        match sms_row_index("0".into()) {
            Err(HamrahError::Invalid { code, field, .. }) => {
                assert_eq!(code, "sms.row_invalid");
                assert_eq!(field.as_deref(), Some("row"));
            }
            other => panic!("expected a refused row, got {other:?}"),
        }
    }
}
