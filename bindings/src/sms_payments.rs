//! The money-moving and card operations over SMS, each named by its
//! idempotency key from the start, so a resend or a later `resolve` (over SMS
//! or HTTPS) can never make a second payment.

use std::sync::Arc;

use hamrah_core::Problem;
use hamrah_core::ids::{Bill, CardNumber, Payee};
use hamrah_core::money::Rials;
use hamrah_core::operation::{OperationKey, journal};
use hamrah_core::sms::{BillSource, CardCredentials, PinKind, SmsClient};
use hamrah_core::store::Store;
use zeroize::Zeroizing;

use crate::error::HamrahError;
use crate::sms::exchanged;
use crate::sms_types::SmsResult;

/// What every SMS operation needs: the channel, and the journal its key is in.
pub(crate) struct SmsOps {
    pub(crate) client: Arc<SmsClient>,
    pub(crate) store: Arc<Store>,
}

impl SmsOps {
    /// Whether the operation `key` left the phone and its outcome is still
    /// unknown (no reply came, or the bank said it was still running): the
    /// screen then offers to ask the bank by the key, never to send a new one.
    fn outcome_unknown(&self, key: &OperationKey) -> bool {
        journal::contains(&self.store, key).unwrap_or(false)
            && matches!(journal::outcome(&self.store, key), Ok(None))
    }
}

fn amount_of(text: &str) -> Result<Rials, HamrahError> {
    text.parse()
        .map_err(|e| HamrahError::from(Problem::of(&e).at("amount_rials")))
}

/// A card's expiry, CVV2 and SMS dynamic PIN, zeroized when dropped.
fn sms_credentials(pin: String, cvv2: String, expiry: String) -> CardCredentials {
    CardCredentials {
        expiry: Zeroizing::new(expiry),
        cvv2: Zeroizing::new(cvv2),
        pin: Zeroizing::new(pin),
        pin_kind: PinKind::Sms,
    }
}

/// One card-to-card transfer over SMS, named by its idempotency key.
#[derive(uniffi::Object)]
pub struct SmsCardTransfer {
    ops: SmsOps,
    key: OperationKey,
    card_index: u8,
    destination: CardNumber,
    amount: Rials,
}

impl SmsCardTransfer {
    pub(crate) fn new(
        ops: SmsOps,
        card_index: u8,
        destination_pan: &str,
        amount: &str,
    ) -> Result<Arc<Self>, HamrahError> {
        let destination: CardNumber = destination_pan
            .parse()
            .map_err(|e| HamrahError::from(Problem::of(&e).at("destination_pan")))?;
        Ok(Arc::new(Self {
            ops,
            key: OperationKey::new(),
            card_index,
            destination,
            amount: amount_of(amount)?,
        }))
    }
}

/// One input on an SMS card-to-card transfer (one export for them all: each
/// export costs the phones' library kilobytes).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum SmsTransferInput {
    /// Asks the card's issuer, over SMS, for a dynamic PIN bound to this payment.
    RequestPin,
    /// Sends the transfer with the dynamic PIN, CVV2 and expiry, exactly once
    /// (a journaled key is resolved before anything is resent).
    Submit {
        /// The SMS dynamic PIN.
        pin: String,
        /// The card's CVV2.
        cvv2: String,
        /// The card's expiry, `YYMM`.
        expiry: String,
    },
    /// Asks the bank, over SMS, for this transfer's outcome.
    Resolve,
}

#[uniffi::export]
impl SmsCardTransfer {
    /// One exchange for `input`, one SMS each way.
    pub async fn step(self: Arc<Self>, input: SmsTransferInput) -> Result<SmsResult, HamrahError> {
        exchanged(async move {
            let client = &self.ops.client;
            match input {
                SmsTransferInput::RequestPin => {
                    let payee = Payee::Card(self.destination.clone());
                    client
                        .dynamic_pin(self.key, self.card_index, self.amount, &payee)
                        .await
                }
                SmsTransferInput::Submit { pin, cvv2, expiry } => {
                    let credentials = sms_credentials(pin, cvv2, expiry);
                    client
                        .card_transfer(
                            self.key,
                            self.card_index,
                            &self.destination,
                            self.amount,
                            credentials,
                        )
                        .await
                }
                SmsTransferInput::Resolve => client.resolve(self.key).await,
            }
        })
        .await
    }

    /// Whether the transfer's outcome is unknown: offer «resolve», never a new transfer.
    pub fn outcome_unknown(&self) -> bool {
        self.ops.outcome_unknown(&self.key)
    }
}

/// One bill payment over SMS, named by its idempotency key.
#[derive(uniffi::Object)]
pub struct SmsBillPayment {
    ops: SmsOps,
    key: OperationKey,
    bill: Bill,
    amount: Rials,
}

impl SmsBillPayment {
    pub(crate) fn new(
        ops: SmsOps,
        bill_id: &str,
        payment_id: &str,
        amount: &str,
    ) -> Result<Arc<Self>, HamrahError> {
        let bill = Bill::new(bill_id, payment_id)
            .map_err(|e| HamrahError::from(Problem::of(&e).at(e.field())))?;
        Ok(Arc::new(Self {
            ops,
            key: OperationKey::new(),
            bill,
            amount: amount_of(amount)?,
        }))
    }
}

/// One input on an SMS bill payment.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum SmsBillInput {
    /// Asks the issuer of the card at `card_index`, over SMS, for a dynamic
    /// PIN bound to this bill.
    RequestPin {
        /// The card's row in the bank's list.
        card_index: u8,
    },
    /// Pays from the account at `account_index`, exactly once.
    PayFromAccount {
        /// The account's row in the bank's list.
        account_index: u8,
    },
    /// Pays from the card at `card_index` with its SMS dynamic PIN, CVV2 and
    /// expiry, exactly once.
    PayFromCard {
        /// The card's row in the bank's list.
        card_index: u8,
        /// The SMS dynamic PIN.
        pin: String,
        /// The card's CVV2.
        cvv2: String,
        /// The card's expiry, `YYMM`.
        expiry: String,
    },
    /// Asks the bank, over SMS, for this payment's outcome.
    Resolve,
}

#[uniffi::export]
impl SmsBillPayment {
    /// One exchange for `input`, one SMS each way.
    pub async fn step(self: Arc<Self>, input: SmsBillInput) -> Result<SmsResult, HamrahError> {
        exchanged(async move {
            let client = &self.ops.client;
            let pay = |source| client.bill_payment(self.key, &self.bill, self.amount, source);
            match input {
                SmsBillInput::RequestPin { card_index } => {
                    let payee = Payee::Bill(self.bill.clone());
                    client
                        .dynamic_pin(self.key, card_index, self.amount, &payee)
                        .await
                }
                SmsBillInput::PayFromAccount { account_index } => {
                    pay(BillSource::Account(account_index)).await
                }
                SmsBillInput::PayFromCard {
                    card_index,
                    pin,
                    cvv2,
                    expiry,
                } => {
                    let credentials = sms_credentials(pin, cvv2, expiry);
                    pay(BillSource::Card(card_index, credentials)).await
                }
                SmsBillInput::Resolve => client.resolve(self.key).await,
            }
        })
        .await
    }

    /// Whether the payment's outcome is unknown: offer «resolve», never a new payment.
    pub fn outcome_unknown(&self) -> bool {
        self.ops.outcome_unknown(&self.key)
    }
}

/// Blocking one card (as lost) over SMS, named by its idempotency key.
#[derive(uniffi::Object)]
pub struct SmsCardBlock {
    ops: SmsOps,
    key: OperationKey,
    card_index: u8,
}

impl SmsCardBlock {
    pub(crate) fn new(ops: SmsOps, card_index: u8) -> Arc<Self> {
        Arc::new(Self {
            ops,
            key: OperationKey::new(),
            card_index,
        })
    }
}

#[uniffi::export]
impl SmsCardBlock {
    /// Sends the block exactly once (`resolve` false), or asks the bank, over
    /// SMS, for its outcome (`resolve` true).
    pub async fn step(self: Arc<Self>, resolve: bool) -> Result<SmsResult, HamrahError> {
        exchanged(async move {
            if resolve {
                self.ops.client.resolve(self.key).await
            } else {
                self.ops.client.card_block(self.key, self.card_index).await
            }
        })
        .await
    }

    /// Whether the block's outcome is unknown: offer «resolve», never a new block.
    pub fn outcome_unknown(&self) -> bool {
        self.ops.outcome_unknown(&self.key)
    }
}
