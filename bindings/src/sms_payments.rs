//! The money-moving and card operations over SMS, each named by its
//! idempotency key from the start, so a resend or a later `resolve` (over SMS
//! or HTTPS) can never make a second payment.

use std::sync::Arc;

use hamrah_core::Problem;
use hamrah_core::ids::{Bill, CardNumber, Payee};
use hamrah_core::money::Rials;
use hamrah_core::operation::OperationKey;
use hamrah_core::sms::{BillSource, CardCredentials, PinKind, SmsClient};
use zeroize::Zeroizing;

use crate::error::HamrahError;
use crate::sms::exchanged;
use crate::sms_types::SmsResult;

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
    client: Arc<SmsClient>,
    key: OperationKey,
    card_index: u8,
    destination: CardNumber,
    amount: Rials,
}

impl SmsCardTransfer {
    pub(crate) fn new(
        client: Arc<SmsClient>,
        card_index: u8,
        destination_pan: &str,
        amount: &str,
    ) -> Result<Arc<Self>, HamrahError> {
        let destination: CardNumber = destination_pan
            .parse()
            .map_err(|e| HamrahError::from(Problem::of(&e).at("destination_pan")))?;
        Ok(Arc::new(Self {
            client,
            key: OperationKey::new(),
            card_index,
            destination,
            amount: amount_of(amount)?,
        }))
    }
}

#[uniffi::export]
impl SmsCardTransfer {
    /// Asks the card's issuer, over SMS, for a dynamic PIN bound to this payment.
    pub async fn request_pin(self: Arc<Self>) -> Result<SmsResult, HamrahError> {
        exchanged(async move {
            let payee = Payee::Card(self.destination.clone());
            (self.client)
                .dynamic_pin(self.key, self.card_index, self.amount, &payee)
                .await
        })
        .await
    }

    /// Sends the transfer with the dynamic PIN, CVV2 and expiry, exactly once
    /// (a journaled key is resolved before anything is resent).
    pub async fn submit(
        self: Arc<Self>,
        pin: String,
        cvv2: String,
        expiry: String,
    ) -> Result<SmsResult, HamrahError> {
        exchanged(async move {
            let credentials = sms_credentials(pin, cvv2, expiry);
            (self.client)
                .card_transfer(
                    self.key,
                    self.card_index,
                    &self.destination,
                    self.amount,
                    credentials,
                )
                .await
        })
        .await
    }

    /// Asks the bank, over SMS, for this transfer's outcome.
    pub async fn resolve(self: Arc<Self>) -> Result<SmsResult, HamrahError> {
        exchanged(async move { self.client.resolve(self.key).await }).await
    }
}

/// One bill payment over SMS, named by its idempotency key.
#[derive(uniffi::Object)]
pub struct SmsBillPayment {
    client: Arc<SmsClient>,
    key: OperationKey,
    bill: Bill,
    amount: Rials,
}

impl SmsBillPayment {
    pub(crate) fn new(
        client: Arc<SmsClient>,
        bill_id: &str,
        payment_id: &str,
        amount: &str,
    ) -> Result<Arc<Self>, HamrahError> {
        let bill = Bill::new(bill_id, payment_id)
            .map_err(|e| HamrahError::from(Problem::of(&e).at(e.field())))?;
        Ok(Arc::new(Self {
            client,
            key: OperationKey::new(),
            bill,
            amount: amount_of(amount)?,
        }))
    }

    async fn pay(self: Arc<Self>, source: BillSource) -> Result<SmsResult, HamrahError> {
        exchanged(async move {
            (self.client)
                .bill_payment(self.key, &self.bill, self.amount, source)
                .await
        })
        .await
    }
}

#[uniffi::export]
impl SmsBillPayment {
    /// Asks the card's issuer, over SMS, for a dynamic PIN bound to this bill.
    pub async fn request_pin(self: Arc<Self>, card_index: u8) -> Result<SmsResult, HamrahError> {
        exchanged(async move {
            let payee = Payee::Bill(self.bill.clone());
            (self.client)
                .dynamic_pin(self.key, card_index, self.amount, &payee)
                .await
        })
        .await
    }

    /// Pays from the account at `account_index`, exactly once.
    pub async fn pay_from_account(
        self: Arc<Self>,
        account_index: u8,
    ) -> Result<SmsResult, HamrahError> {
        self.pay(BillSource::Account(account_index)).await
    }

    /// Pays from the card at `card_index` with its SMS dynamic PIN, CVV2 and
    /// expiry, exactly once.
    pub async fn pay_from_card(
        self: Arc<Self>,
        card_index: u8,
        pin: String,
        cvv2: String,
        expiry: String,
    ) -> Result<SmsResult, HamrahError> {
        let credentials = sms_credentials(pin, cvv2, expiry);
        self.pay(BillSource::Card(card_index, credentials)).await
    }

    /// Asks the bank, over SMS, for this payment's outcome.
    pub async fn resolve(self: Arc<Self>) -> Result<SmsResult, HamrahError> {
        exchanged(async move { self.client.resolve(self.key).await }).await
    }
}

/// Blocking one card (as lost) over SMS, named by its idempotency key.
#[derive(uniffi::Object)]
pub struct SmsCardBlock {
    client: Arc<SmsClient>,
    key: OperationKey,
    card_index: u8,
}

impl SmsCardBlock {
    pub(crate) fn new(client: Arc<SmsClient>, card_index: u8) -> Arc<Self> {
        Arc::new(Self {
            client,
            key: OperationKey::new(),
            card_index,
        })
    }
}

#[uniffi::export]
impl SmsCardBlock {
    /// Sends the block, exactly once.
    pub async fn submit(self: Arc<Self>) -> Result<SmsResult, HamrahError> {
        exchanged(async move { self.client.card_block(self.key, self.card_index).await }).await
    }

    /// Asks the bank, over SMS, for the block's outcome.
    pub async fn resolve(self: Arc<Self>) -> Result<SmsResult, HamrahError> {
        exchanged(async move { self.client.resolve(self.key).await }).await
    }
}
