//! [`SmsClient`]: the customer's operations over SMS, one encrypted frame
//! each way. Money-moving operations share the HTTPS journal and idempotency
//! key: a key already journaled (its HTTPS outcome unknown) is resolved by
//! asking the bank about that key, and sent again only with the same key
//! when the bank never recorded it.

use std::sync::Arc;
use std::time::Duration;

use serde_json::json;
use uuid::Uuid;

use super::connectivity::{FallbackPolicy, SmsPlan};
use super::exchange::SmsExchange;
use super::exchange::{open_reply, outbound};
use super::frame::{self, Direction, Header};
use super::reply::{Reply, ReplyBody};
use super::request::{BillSource, CardCredentials, Payee, Request};
use super::text::Encoding;
use super::transport::{SmsMailbox, SmsTransport};
use super::{SmsError, summary, vault};
use crate::client::local_now;
use crate::ids::{Bill, CardNumber};
use crate::money::Rials;
use crate::platform::SecretStore;
use crate::store::{OperationState, Store};

/// How long to wait for the bank's reply SMS by default.
pub const REPLY_TIMEOUT: Duration = Duration::from_secs(60);

/// Refusals the bank does not record (the customer corrects and resends with the same key).
const CORRECTABLE: &[&str] = &[
    "otp.invalid",
    "otp.expired",
    "otp.not_requested",
    "otp.attempts_exceeded",
    "card.credentials_invalid",
];

/// The SMS channel of one install.
pub struct SmsClient {
    secrets: Arc<dyn SecretStore>,
    store: Arc<Store>,
    transport: Arc<dyn SmsTransport>,
    mailbox: Arc<SmsMailbox>,
    encoding: Encoding,
    reply_timeout: Duration,
    /// One exchange at a time: replies share one mailbox, and a reply read by
    /// an exchange it does not answer would be lost to the one it does.
    in_flight: tokio::sync::Mutex<()>,
}

impl std::fmt::Debug for SmsClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmsClient")
            .field("encoding", &self.encoding)
            .finish_non_exhaustive()
    }
}

impl SmsClient {
    /// The SMS channel over `transport`, reading replies from `mailbox`,
    /// sending frames as `encoding` (binary on Android, GSM-7 on iPhone).
    pub fn new(
        secrets: Arc<dyn SecretStore>,
        store: Arc<Store>,
        transport: Arc<dyn SmsTransport>,
        mailbox: Arc<SmsMailbox>,
        encoding: Encoding,
    ) -> Self {
        Self {
            secrets,
            store,
            transport,
            mailbox,
            encoding,
            reply_timeout: REPLY_TIMEOUT,
            in_flight: tokio::sync::Mutex::new(()),
        }
    }

    /// Waits at most `timeout` for each reply.
    pub fn with_reply_timeout(mut self, timeout: Duration) -> Self {
        self.reply_timeout = timeout;
        self
    }

    /// Sends frames as `encoding` from now on.
    pub fn set_encoding(&mut self, encoding: Encoding) {
        self.encoding = encoding;
    }

    /// Whether an SMS key is agreed on this install.
    pub fn is_ready(&self) -> bool {
        matches!(vault::load(&*self.secrets), Ok(Some(_)))
    }

    /// Agrees a new SMS key with the bank over HTTPS (`sms_key_agree`),
    /// retiring the previous one; its counters start at 0.
    pub async fn agree_key(&self, api: &crate::client::Api) -> Result<u16, crate::flows::Problem> {
        let agreement = super::SmsKeyAgreement::new();
        let answer = api.sms_key_agree(&agreement.public_key()).await?;
        let key = agreement
            .finish(&answer.server_public_key, &answer.salt, answer.key_id)
            .map_err(|e| crate::flows::Problem::of(&e))?;
        vault::install(&*self.secrets, &self.store, &key, local_now())
            .map_err(|e| crate::flows::Problem::of(&e))?;
        Ok(key.key_id())
    }

    /// The balance of the account at `account` in `account_list`.
    pub async fn balance(&self, account: u8) -> Result<SmsExchange, SmsError> {
        self.exchange(&Request::Balance { account }).await
    }

    /// The last five entries of the account at `account`.
    pub async fn last_five(&self, account: u8) -> Result<SmsExchange, SmsError> {
        self.exchange(&Request::Statement { account }).await
    }

    /// Card to card from the card at `card` in `card_list`.
    pub async fn card_transfer(
        &self,
        key: Uuid,
        card: u8,
        destination: &CardNumber,
        amount: Rials,
        credentials: CardCredentials,
    ) -> Result<SmsExchange, SmsError> {
        let request = Request::CardTransfer {
            key,
            card,
            destination: destination.as_str().to_owned(),
            amount: amount.get(),
            credentials,
        };
        let journal = json!({"channel": "sms", "card_index": card, "destination": destination.masked(), "amount_rials": amount.get()});
        self.submit("card_transfer", &request, &journal).await
    }

    /// Pays a bill from an account or a card.
    pub async fn bill_payment(
        &self,
        key: Uuid,
        bill: &Bill,
        amount: Rials,
        source: BillSource,
    ) -> Result<SmsExchange, SmsError> {
        let request = Request::BillPayment {
            key,
            bill_id: bill.bill_id().to_owned(),
            payment_id: bill.payment_id().to_owned(),
            amount: amount.get(),
            source,
        };
        let journal =
            json!({"channel": "sms", "bill_id": bill.bill_id(), "amount_rials": amount.get()});
        self.submit("bill_payment", &request, &journal).await
    }

    /// Blocks the card at `card` (as lost).
    pub async fn card_block(&self, key: Uuid, card: u8) -> Result<SmsExchange, SmsError> {
        let journal = json!({"channel": "sms", "card_index": card, "reason": "lost"});
        self.submit("card_block", &Request::CardBlock { key, card }, &journal)
            .await
    }

    /// Asks the card's issuer for an SMS dynamic PIN bound to the payment `key`.
    pub async fn dynamic_pin(
        &self,
        key: Uuid,
        card: u8,
        amount: Rials,
        payee: Payee,
    ) -> Result<SmsExchange, SmsError> {
        self.exchange(&Request::DynamicPin {
            key,
            card,
            amount: amount.get(),
            payee,
        })
        .await
    }

    /// The outcome the bank recorded under `key` (journaled here if final).
    pub async fn resolve(&self, key: Uuid) -> Result<SmsExchange, SmsError> {
        let exchange = self.exchange(&Request::OperationQuery { key }).await?;
        self.journal_outcome(&key.hyphenated().to_string(), &exchange.reply);
        Ok(exchange)
    }

    async fn submit(
        &self,
        kind: &str,
        request: &Request,
        journal: &serde_json::Value,
    ) -> Result<SmsExchange, SmsError> {
        let key = request.key().ok_or(SmsError::OperationUnknown)?;
        let name = key.hyphenated().to_string();
        let plan = FallbackPolicy::plan(&self.store, &name).map_err(|_| SmsError::KeyStale)?;
        let mut frames = Vec::new();
        if plan == SmsPlan::Resolve {
            let query = self.exchange(&Request::OperationQuery { key }).await?;
            if query.reply.body != ReplyBody::NotFound {
                self.journal_outcome(&name, &query.reply);
                return Ok(query);
            }
            frames = query.frames;
        } else {
            self.store
                .begin_operation(&name, kind, journal, local_now())
                .map_err(|_| SmsError::KeyStale)?;
        }
        let mut exchange = self.exchange(request).await?;
        self.journal_outcome(&name, &exchange.reply);
        frames.append(&mut exchange.frames);
        exchange.frames = frames;
        Ok(exchange)
    }

    /// Journals a final outcome; an unknown one stays pending.
    fn journal_outcome(&self, key: &str, reply: &Reply) {
        let state = match &reply.body {
            ReplyBody::Transfer { .. } | ReplyBody::Bill { .. } | ReplyBody::Blocked { .. } => {
                OperationState::Succeeded
            }
            ReplyBody::Refused { code }
                if !CORRECTABLE.contains(&code.as_str()) && !code.starts_with("token.") =>
            {
                OperationState::Failed
            }
            _ => return,
        };
        let outcome =
            json!({"channel": "sms", "summary_en": summary::en(reply), "replayed": reply.replayed});
        if let Err(error) = self
            .store
            .finish_operation(key, state, &outcome, local_now())
        {
            tracing::warn!(code = %crate::Coded::code(&error), "could not journal an SMS outcome");
        }
    }

    /// Sends one request frame and waits for its reply. Exchanges asked for
    /// at the same time go one after the other.
    pub async fn exchange(&self, request: &Request) -> Result<SmsExchange, SmsError> {
        let _one_at_a_time = self.in_flight.lock().await;
        let plaintext = request.encode()?;
        let (key, counter) = vault::reserve_uplink(&*self.secrets, &self.store)?;
        let header = Header {
            direction: Direction::Up,
            key_id: key.key_id(),
            counter,
        };
        let frame = frame::seal(&key, header, &plaintext)?;
        let (sms, up) = outbound(frame, self.encoding)?;
        self.transport
            .send(sms)
            .map_err(|_| SmsError::TransportFailed)?;
        let deadline = tokio::time::Instant::now() + self.reply_timeout;
        loop {
            let left = deadline.saturating_duration_since(tokio::time::Instant::now());
            let inbound = self.mailbox.next(left).await.ok_or(SmsError::NoReply)?;
            if let Some((reply, down)) = open_reply(&self.store, &key, counter, inbound)? {
                return Ok(SmsExchange {
                    message_fa: summary::fa(&reply),
                    message_en: summary::en(&reply),
                    reply,
                    frames: vec![up, down],
                });
            }
        }
    }
}
