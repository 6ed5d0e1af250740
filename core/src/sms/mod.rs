//! Banking over SMS when mobile data is down: one encrypted frame each way
//! (`docs/sms-protocol.md`).
//!
//! - [`frame`]: the header, AES-256-GCM sealing, the nonce from the counter;
//! - [`request`] / [`reply`]: operations and answers, compactly encoded ([`wire`]);
//! - [`text`] and [`gsm7`]: the data-SMS and GSM-7 text encodings, one SMS each;
//! - [`key`] and [`vault`]: the per-device SMS key (ECDH + HKDF), kept only in
//!   the SecretStore, and counters that never go backwards;
//! - [`transport`]: the [`SmsTransport`] trait the shells implement, and the
//!   [`SmsMailbox`] they deliver replies into; [`desktop`]: the desktop's;
//! - the [`Connectivity`] signal and the [`FallbackPolicy`] (from
//!   [`crate::channel::connectivity`], which the HTTPS channel feeds);
//! - [`client`]: [`SmsClient`], the operations a customer sends.

pub mod client;
mod credentials;
pub mod desktop;
pub mod directory;
mod error;
mod exchange;
pub mod frame;
pub mod gsm7;
pub mod key;
pub mod reply;
pub mod request;
pub mod rows;
pub mod sender;
pub mod summary;
pub mod text;
pub mod transport;
pub mod vault;
pub mod wire;

pub use crate::channel::connectivity::{
    Channel, ChannelDecision, Connectivity, FallbackPolicy, SmsPlan, SwitchConnectivity,
};
pub use client::SmsClient;
pub use desktop::DesktopSmsTransport;
pub use error::SmsError;
pub use exchange::{FrameStats, SmsExchange};
pub use frame::{Direction, Header};
pub use key::{SmsKey, SmsKeyAgreement};
pub use reply::{Entry, Reply, ReplyBody};
pub use request::{BillSource, CardCredentials, OpCode, Payee, PinKind, Request};
pub use text::Encoding;
pub use transport::{InboundSms, OutboundSms, SmsMailbox, SmsTransport, SmsTransportError};

#[cfg(test)]
mod tests;
