//! The edge of the world: the phone's SMS radio, as a trait the shells
//! implement ([`SmsTransport`]: send one SMS to the bank), and the
//! [`SmsMailbox`] into which the shell delivers every SMS from the bank
//! (Android: the data-SMS receiver; iPhone: the reply the customer pastes).

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::Duration;

use tokio::sync::Notify;

use super::text::Encoding;

/// Why the shell could not send an SMS.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the SMS could not be sent: {reason}")]
pub struct SmsTransportError {
    /// What the platform said (never message content).
    pub reason: String,
}

/// One SMS to the bank: a frame, as a data SMS or as GSM-7 text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutboundSms {
    /// A data SMS: the frame's bytes (≤140), to the bank's number and data port.
    Binary(Vec<u8>),
    /// A text SMS: GSM-7 text (≤160 characters). On an iPhone the shell opens
    /// the composer prefilled with it and the customer taps Send.
    Text(String),
}

impl OutboundSms {
    /// Its encoding.
    pub fn encoding(&self) -> Encoding {
        match self {
            Self::Binary(_) => Encoding::Binary,
            Self::Text(_) => Encoding::Gsm7,
        }
    }
}

/// One SMS from the bank's number, as the shell received it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InboundSms {
    /// A data SMS on the bank's data port.
    Binary(Vec<u8>),
    /// A text SMS (received, or pasted back by the customer).
    Text(String),
}

/// Sends SMS to the bank. Implemented by the shells (Android `SmsManager`,
/// the iPhone's message composer) and, on the desktop, by a transport that
/// hands the SMS to the sandbox bank's gateway over HTTPS.
pub trait SmsTransport: Send + Sync {
    /// Hands one SMS to the radio; returns once it is queued. The reply, if
    /// any, comes back through the [`SmsMailbox`].
    fn send(&self, sms: OutboundSms) -> Result<(), SmsTransportError>;
}

/// SMS from the bank waiting to be read by the SMS client.
#[derive(Debug, Default)]
pub struct SmsMailbox {
    queue: Mutex<VecDeque<InboundSms>>,
    arrived: Notify,
}

impl SmsMailbox {
    /// An empty mailbox.
    pub fn new() -> Self {
        Self::default()
    }

    /// Delivers one SMS from the bank (the shell calls this).
    pub fn deliver(&self, sms: InboundSms) {
        if let Ok(mut queue) = self.queue.lock() {
            queue.push_back(sms);
        }
        self.arrived.notify_one();
    }

    /// The oldest waiting SMS, waiting at most `timeout` for one.
    pub async fn next(&self, timeout: Duration) -> Option<InboundSms> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let notified = self.arrived.notified();
            if let Some(sms) = self.queue.lock().ok().and_then(|mut q| q.pop_front()) {
                return Some(sms);
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                return None;
            }
        }
    }
}
