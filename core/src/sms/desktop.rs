//! The desktop's [`SmsTransport`]: instead of a radio, each SMS goes to the
//! (sandbox) bank's SMS gateway over pinned HTTPS (`sms_inbound`), as the
//! operator link would deliver it; the gateway's reply SMS is delivered into
//! the [`SmsMailbox`], as a phone's SMS receiver would.

use std::sync::Arc;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use super::transport::{InboundSms, OutboundSms, SmsMailbox, SmsTransport, SmsTransportError};
use crate::client::Api;

/// SMS through the bank's gateway over HTTPS.
#[derive(Debug, Clone)]
pub struct DesktopSmsTransport {
    api: Api,
    from_mobile: String,
    mailbox: Arc<SmsMailbox>,
    runtime: tokio::runtime::Handle,
}

impl DesktopSmsTransport {
    /// A transport sending as the phone number `from_mobile` (`09xxxxxxxxx`);
    /// must be made inside a Tokio runtime, which carries the HTTPS calls.
    pub fn new(
        api: Api,
        from_mobile: &str,
        mailbox: Arc<SmsMailbox>,
    ) -> Result<Self, SmsTransportError> {
        let runtime = tokio::runtime::Handle::try_current().map_err(|_| SmsTransportError {
            reason: "no async runtime".into(),
        })?;
        Ok(Self {
            api,
            from_mobile: from_mobile.to_owned(),
            mailbox,
            runtime,
        })
    }
}

impl SmsTransport for DesktopSmsTransport {
    fn send(&self, sms: OutboundSms) -> Result<(), SmsTransportError> {
        let (encoding, frame) = match sms {
            OutboundSms::Binary(bytes) => ("binary", STANDARD.encode(bytes)),
            OutboundSms::Text(text) => ("gsm7", text),
        };
        let api = self.api.clone();
        let from = self.from_mobile.clone();
        let mailbox = Arc::clone(&self.mailbox);
        self.runtime.spawn(async move {
            match api.sms_inbound(&from, encoding, &frame).await {
                Ok(answer) => {
                    let inbound = if answer.reply.encoding == "binary" {
                        match STANDARD.decode(&answer.reply.body) {
                            Ok(bytes) => InboundSms::Binary(bytes),
                            Err(_) => return,
                        }
                    } else {
                        InboundSms::Text(answer.reply.body)
                    };
                    mailbox.deliver(inbound);
                }
                // Lost, as an SMS can be: the client times out and resolves by key.
                Err(error) => tracing::warn!(code = %crate::Coded::code(&error), "the SMS gateway did not take the SMS"),
            }
        });
        Ok(())
    }
}
