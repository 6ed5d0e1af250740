//! [`SmsClient`]: the customer's operations over SMS, one encrypted frame
//! each way. Money-moving operations go through the operation engine
//! ([`crate::operation`]) like HTTPS ones: the same [`OperationKey`],
//! journal and verdicts; a key already journaled (its HTTPS outcome unknown)
//! is resolved by asking the bank about that key, and sent again only with
//! the same key when the bank never recorded it.

use std::sync::Arc;
use std::time::Duration;

use serde_json::json;

use super::exchange::SmsExchange;
use super::exchange::{open_reply, outbound};
use super::frame::{self, Direction, Header};
use super::reply::{Reply, ReplyBody};
use super::request::{self, BillSource, CardCredentials, Request};
use super::text::Encoding;
use super::transport::{SmsMailbox, SmsTransport};
use super::{SmsError, summary, vault};
use crate::channel::{FallbackPolicy, SmsPlan};
use crate::client::local_now;
use crate::error::Problem;
use crate::ids::{Bill, CardNumber, Payee};
use crate::money::Rials;
use crate::operation::{OperationKey, Outcome, Verdict, journal};
use crate::platform::SecretStore;
use crate::store::Store;

/// How long to wait for the bank's reply SMS by default.
pub const REPLY_TIMEOUT: Duration = Duration::from_secs(60);

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
    pub async fn agree_key(&self, api: &crate::client::Api) -> Result<u16, Problem> {
        let agreement = super::SmsKeyAgreement::new();
        let answer = api.sms_key_agree(&agreement.public_key()).await?;
        let key = agreement
            .finish(&answer.server_public_key, &answer.salt, answer.key_id)
            .map_err(|e| Problem::of(&e))?;
        vault::install(&*self.secrets, &self.store, &key, local_now())
            .map_err(|e| Problem::of(&e))?;
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
        key: OperationKey,
        card: u8,
        destination: &CardNumber,
        amount: Rials,
        credentials: CardCredentials,
    ) -> Result<SmsExchange, SmsError> {
        let request = Request::CardTransfer {
            key: key.uuid(),
            card,
            destination: destination.as_str().to_owned(),
            amount: amount.get(),
            credentials,
        };
        let journal = json!({"channel": "sms", "card_index": card, "destination": destination.masked(), "amount_rials": amount.get()});
        self.submit(key, "card_transfer", &request, &journal).await
    }

    /// Pays a bill from an account or a card.
    pub async fn bill_payment(
        &self,
        key: OperationKey,
        bill: &Bill,
        amount: Rials,
        source: BillSource,
    ) -> Result<SmsExchange, SmsError> {
        let request = Request::BillPayment {
            key: key.uuid(),
            bill_id: bill.bill_id().to_owned(),
            payment_id: bill.payment_id().to_owned(),
            amount: amount.get(),
            source,
        };
        let journal =
            json!({"channel": "sms", "bill_id": bill.bill_id(), "amount_rials": amount.get()});
        self.submit(key, "bill_payment", &request, &journal).await
    }

    /// Blocks the card at `card` (as lost).
    pub async fn card_block(&self, key: OperationKey, card: u8) -> Result<SmsExchange, SmsError> {
        let journal = json!({"channel": "sms", "card_index": card, "reason": "lost"});
        let request = Request::CardBlock {
            key: key.uuid(),
            card,
        };
        self.submit(key, "card_block", &request, &journal).await
    }

    /// Asks the card's issuer for an SMS dynamic PIN bound to the payment
    /// `key` of `amount` to `payee` (a card or a bill over SMS).
    pub async fn dynamic_pin(
        &self,
        key: OperationKey,
        card: u8,
        amount: Rials,
        payee: &Payee,
    ) -> Result<SmsExchange, SmsError> {
        let payee = match payee {
            Payee::Card(pan) => request::Payee::Card(pan.as_str().to_owned()),
            Payee::Bill(bill) => {
                request::Payee::Bill(bill.bill_id().to_owned(), bill.payment_id().to_owned())
            }
            Payee::Sheba(_)
            | Payee::Loan(_)
            | Payee::Cheque { .. }
            | Payee::Topup(_)
            | Payee::Deposit(_) => {
                return Err(SmsError::OperationUnknown);
            }
        };
        self.exchange(&Request::DynamicPin {
            key: key.uuid(),
            card,
            amount: amount.get(),
            payee,
        })
        .await
    }

    /// The outcome the bank recorded under `key` (journaled here if final).
    pub async fn resolve(&self, key: OperationKey) -> Result<SmsExchange, SmsError> {
        let query = Request::OperationQuery { key: key.uuid() };
        let exchange = self.exchange(&query).await?;
        journal::record(&self.store, &key, &outcome_of(&exchange.reply));
        Ok(exchange)
    }

    async fn submit(
        &self,
        key: OperationKey,
        kind: &str,
        request: &Request,
        journaled: &serde_json::Value,
    ) -> Result<SmsExchange, SmsError> {
        let plan = FallbackPolicy::plan(&self.store, &key).map_err(|_| SmsError::KeyStale)?;
        let mut frames = Vec::new();
        if plan == SmsPlan::Resolve {
            let query = self
                .exchange(&Request::OperationQuery { key: key.uuid() })
                .await?;
            if query.reply.body != ReplyBody::NotFound {
                journal::record(&self.store, &key, &outcome_of(&query.reply));
                return Ok(query);
            }
            frames = query.frames;
        } else {
            journal::begin(&self.store, &key, kind, journaled).map_err(|_| SmsError::KeyStale)?;
        }
        let mut exchange = self.exchange(request).await?;
        journal::record(&self.store, &key, &outcome_of(&exchange.reply));
        frames.append(&mut exchange.frames);
        exchange.frames = frames;
        Ok(exchange)
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

/// What an SMS reply says of an operation, for the journal: a receipt, a
/// refusal under the same verdicts as HTTPS, or still unknown.
fn outcome_of(reply: &Reply) -> Outcome {
    match &reply.body {
        ReplyBody::Transfer {
            reversed,
            amount,
            fee,
            trace,
            reference,
            ..
        } => Outcome::Succeeded(json!({
            "channel": "sms",
            "status": if *reversed { "reversed" } else { "succeeded" },
            "amount_rials": amount,
            "fee_rials": fee,
            "trace_number": trace,
            "reference_number": reference,
            "replayed": reply.replayed,
        })),
        ReplyBody::Bill {
            amount,
            trace,
            reference,
        } => Outcome::Succeeded(json!({
            "channel": "sms",
            "status": "succeeded",
            "amount_rials": amount,
            "trace_number": trace,
            "reference_number": reference,
            "replayed": reply.replayed,
        })),
        ReplyBody::Blocked { reference } => Outcome::Succeeded(json!({
            "channel": "sms",
            "status": "blocked",
            "reference_number": reference,
            "replayed": reply.replayed,
        })),
        ReplyBody::Refused { code } => {
            let problem = Problem::new(code, &summary::fa(reply), &summary::en(reply));
            Outcome::of_refusal(Verdict::of_refusal(code, None), problem)
        }
        _ => Outcome::Unknown,
    }
}
