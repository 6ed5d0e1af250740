//! [`SmsChannel`]: banking over SMS when mobile data is down. The radio is
//! the app's ([`SmsTransport`]); the bank's replies come back through
//! [`SmsChannel::deliver`]; the channel to use is the core's decision,
//! re-made when the app reports a connectivity change.

use std::sync::{Arc, Mutex};

use hamrah_core::ids::CardNumber;
use hamrah_core::money::Rials;
use hamrah_core::sms::{self as core, CardCredentials, Payee, PinKind, SmsClient, SmsMailbox};
use uuid::Uuid;
use zeroize::Zeroizing;

use crate::error::{HamrahError, PlatformError};
use crate::hamrah::Install;
use crate::observe::ObservationHandle;
use crate::runtime::run;
pub use crate::sms_types::*;

/// The phone's SMS radio.
#[uniffi::export(foreign)]
pub trait SmsTransport: Send + Sync {
    /// Hands one SMS to the radio; returns once it is queued.
    fn send(&self, sms: OutboundSms) -> Result<(), PlatformError>;
}

/// Whether mobile data or Wi-Fi reaches the internet now.
#[uniffi::export(foreign)]
pub trait Connectivity: Send + Sync {
    /// True when data is available.
    fn data_available(&self) -> bool;
}

/// Receives the channel the core chooses, now and at each change.
#[uniffi::export(foreign)]
pub trait ChannelObserver: Send + Sync {
    /// The new decision.
    fn on_channel(&self, decision: ChannelDecision);
}

struct ForeignTransport(Arc<dyn SmsTransport>);

impl core::SmsTransport for ForeignTransport {
    fn send(&self, sms: core::OutboundSms) -> Result<(), core::SmsTransportError> {
        self.0
            .send(sms.into())
            .map_err(|error| core::SmsTransportError {
                reason: error.to_string(),
            })
    }
}

struct ForeignConnectivity(Arc<dyn Connectivity>);

impl core::Connectivity for ForeignConnectivity {
    fn data_available(&self) -> bool {
        self.0.data_available()
    }
}

type Watchers = Mutex<Vec<(u64, Arc<dyn ChannelObserver>)>>;

/// The SMS channel of the install.
#[derive(uniffi::Object)]
pub struct SmsChannel {
    install: Arc<Install>,
    client: Arc<SmsClient>,
    mailbox: Arc<SmsMailbox>,
    connectivity: ForeignConnectivity,
    watchers: Arc<Watchers>,
    last: Mutex<Option<ChannelDecision>>,
}

impl SmsChannel {
    pub(crate) fn new(
        install: Arc<Install>,
        transport: Arc<dyn SmsTransport>,
        connectivity: Arc<dyn Connectivity>,
        encoding: SmsEncoding,
    ) -> Arc<Self> {
        let mailbox = Arc::new(SmsMailbox::new());
        let client = SmsClient::new(
            Arc::clone(&install.secrets),
            Arc::clone(&install.ctx.store),
            Arc::new(ForeignTransport(transport)),
            Arc::clone(&mailbox),
            encoding.into(),
        );
        Arc::new(Self {
            install,
            client: Arc::new(client),
            mailbox,
            connectivity: ForeignConnectivity(connectivity),
            watchers: Arc::new(Mutex::new(Vec::new())),
            last: Mutex::new(None),
        })
    }
}

fn sms_error(error: core::SmsError) -> HamrahError {
    HamrahError::of(&error)
}

#[uniffi::export]
impl SmsChannel {
    /// An SMS the phone received from the bank.
    pub fn deliver(&self, sms: InboundSms) {
        self.mailbox.deliver(sms.into());
    }

    /// Whether the SMS key is agreed (the channel is set up).
    pub fn is_ready(&self) -> bool {
        self.client.is_ready()
    }

    /// Agrees the SMS key with the bank (after login, on an enrolled device).
    pub async fn set_up(&self) -> Result<(), HamrahError> {
        let (install, client) = (Arc::clone(&self.install), Arc::clone(&self.client));
        run(async move {
            client.agree_key(&install.ctx.api).await?;
            Ok(())
        })
        .await
    }

    /// The channel to use now.
    pub fn channel(&self) -> ChannelDecision {
        self.install
            .ctx
            .api
            .fallback()
            .decide(&self.connectivity, self.client.is_ready())
            .into()
    }

    /// The app's connectivity callback: re-decides and tells the observers
    /// when the decision changed.
    pub fn connectivity_changed(&self) {
        let decision = self.channel();
        let changed = self
            .last
            .lock()
            .map(|mut last| last.replace(decision.clone()).as_ref() != Some(&decision))
            .unwrap_or(false);
        if changed {
            let watchers: Vec<_> = self
                .watchers
                .lock()
                .map(|w| w.iter().map(|(_, o)| Arc::clone(o)).collect())
                .unwrap_or_default();
            for watcher in watchers {
                watcher.on_channel(decision.clone());
            }
        }
    }

    /// Calls `observer` with the channel now, then at each change.
    pub fn observe_channel(&self, observer: Arc<dyn ChannelObserver>) -> Arc<ObservationHandle> {
        observer.on_channel(self.channel());
        let id = Uuid::new_v4().as_u64_pair().0;
        if let Ok(mut watchers) = self.watchers.lock() {
            watchers.push((id, observer));
        }
        let watchers = Arc::downgrade(&self.watchers);
        ObservationHandle::registered(move || {
            if let Some(watchers) = watchers.upgrade()
                && let Ok(mut list) = watchers.lock()
            {
                list.retain(|(other, _)| *other != id);
            }
        })
    }

    /// An account's balance over SMS (`account_index` in the customer's list).
    pub async fn balance(&self, account_index: u8) -> Result<SmsResult, HamrahError> {
        let client = Arc::clone(&self.client);
        run(async move {
            Ok(client
                .balance(account_index)
                .await
                .map_err(sms_error)?
                .into())
        })
        .await
    }

    /// A card-to-card transfer over SMS from the card at `card_index`: the
    /// destination and amount are parsed here, the payment gets its key.
    pub fn card_transfer(
        &self,
        card_index: u8,
        destination_pan: String,
        amount: String,
    ) -> Result<Arc<SmsCardTransfer>, HamrahError> {
        let destination: CardNumber = destination_pan.parse().map_err(|e| {
            HamrahError::from(hamrah_core::flows::Problem::of(&e).at("destination_pan"))
        })?;
        let amount: Rials = amount.parse().map_err(|e| {
            HamrahError::from(hamrah_core::flows::Problem::of(&e).at("amount_rials"))
        })?;
        Ok(Arc::new(SmsCardTransfer {
            client: Arc::clone(&self.client),
            key: Uuid::new_v4(),
            card_index,
            destination,
            amount,
        }))
    }
}

/// One card-to-card transfer over SMS, named by its idempotency key.
#[derive(uniffi::Object)]
pub struct SmsCardTransfer {
    client: Arc<SmsClient>,
    key: Uuid,
    card_index: u8,
    destination: CardNumber,
    amount: Rials,
}

#[uniffi::export]
impl SmsCardTransfer {
    /// Asks the card's issuer, over SMS, for a dynamic PIN bound to this payment.
    pub async fn request_pin(self: Arc<Self>) -> Result<SmsResult, HamrahError> {
        run(async move {
            let payee = Payee::Card(self.destination.as_str().to_owned());
            let exchange = self
                .client
                .dynamic_pin(self.key, self.card_index, self.amount, payee)
                .await
                .map_err(sms_error)?;
            Ok(exchange.into())
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
        run(async move {
            let credentials = CardCredentials {
                expiry: Zeroizing::new(expiry),
                cvv2: Zeroizing::new(cvv2),
                pin: Zeroizing::new(pin),
                pin_kind: PinKind::Sms,
            };
            let exchange = self
                .client
                .card_transfer(
                    self.key,
                    self.card_index,
                    &self.destination,
                    self.amount,
                    credentials,
                )
                .await
                .map_err(sms_error)?;
            Ok(exchange.into())
        })
        .await
    }

    /// Asks the bank, over SMS, for this transfer's outcome.
    pub async fn resolve(self: Arc<Self>) -> Result<SmsResult, HamrahError> {
        run(async move {
            Ok(self
                .client
                .resolve(self.key)
                .await
                .map_err(sms_error)?
                .into())
        })
        .await
    }
}
