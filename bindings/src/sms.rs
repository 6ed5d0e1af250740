//! [`SmsChannel`]: banking over SMS when mobile data is down. The radio is
//! the app's ([`SmsTransport`]); the bank's replies come back through
//! [`SmsChannel::deliver`]; the channel to use is the core's decision,
//! re-made when the app reports a connectivity change.

use std::sync::{Arc, Mutex};

use hamrah_core::sms::{self as core, SmsClient, SmsMailbox};
use hamrah_core::store::DirectoryKind;
use uuid::Uuid;

use hamrah_core::platform::{LocalUnlock as _, UnlockReason};

use crate::device::{ForeignUnlock, LocalUnlock};
use crate::error::{HamrahError, PlatformError};
use crate::install::Install;
use crate::observe::ObservationHandle;
use crate::runtime::run;
use crate::sms_payments::SmsOps;
pub use crate::sms_payments::{
    SmsBillInput, SmsBillPayment, SmsCardBlock, SmsCardTransfer, SmsTransferInput,
};
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
    ) -> Arc<Self> {
        let mailbox = Arc::new(SmsMailbox::new());
        let client = SmsClient::new(
            Arc::clone(&install.secrets),
            Arc::clone(&install.ctx.store),
            Arc::new(ForeignTransport(transport)),
            Arc::clone(&mailbox),
            core::Encoding::for_platform(install.platform),
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

impl SmsChannel {
    fn ops(&self) -> SmsOps {
        SmsOps {
            client: Arc::clone(&self.client),
            store: Arc::clone(&self.install.ctx.store),
        }
    }
}

fn sms_error(error: core::SmsError) -> HamrahError {
    HamrahError::of(&error)
}

/// Runs one SMS exchange on the library's runtime, as the app sees it.
pub(crate) async fn exchanged<F>(exchange: F) -> Result<SmsResult, HamrahError>
where
    F: Future<Output = Result<core::SmsExchange, core::SmsError>> + Send + 'static,
{
    run(async move { Ok(exchange.await.map_err(sms_error)?.into()) }).await
}

/// The index (from 0) of the row a customer typed (from 1, any digits) on
/// an SMS screen whose rows no list names; refused outside 1 to 256.
#[uniffi::export]
pub fn sms_row_index(typed: String) -> Result<u8, HamrahError> {
    core::rows::row_index(&typed)
        .map_err(|e| HamrahError::from(hamrah_core::Problem::of(&e).at("row")))
}

#[uniffi::export]
impl SmsChannel {
    /// A reply the customer pasted (iPhone: she read it in Messages, in the
    /// bank's thread); an SMS the radio received goes to [`Self::deliver_received`].
    pub fn deliver(&self, sms: InboundSms) {
        self.mailbox.deliver(sms.into());
    }

    /// An SMS the radio received from `sender` (as the radio reports it):
    /// read only when it is from exactly the bank's number (any form of it);
    /// whether it was.
    pub fn deliver_received(&self, sender: String, sms: InboundSms) -> bool {
        let from_bank = core::sender::is_bank_number(&sender, &self.install.bank_sms_number);
        if from_bank {
            self.mailbox.deliver(sms.into());
        } else {
            tracing::info!("an SMS not from the bank's number was ignored");
        }
        from_bank
    }

    /// Asks the person holding the phone (biometric, passcode) before SMS
    /// banking without a bank session: the core's prompt, and its errors
    /// (`platform.unlock_refused`, `platform.unlock_unavailable`).
    pub async fn unlock(&self, unlock: Arc<dyn LocalUnlock>) -> Result<(), HamrahError> {
        run(async move {
            let gate = ForeignUnlock(unlock);
            let reason = UnlockReason::sms_banking();
            tokio::task::spawn_blocking(move || gate.unlock(&reason))
                .await
                .map_err(|_| HamrahError::internal("internal.unlock_task"))?
                .map_err(|e| HamrahError::of(&e))
        })
        .await
    }

    /// What each account and card index names, kept from the last time the
    /// lists came over HTTPS (empty before that): the SMS screens' choices
    /// when data is off.
    pub fn directory(&self) -> Result<SmsDirectory, HamrahError> {
        let store = &self.install.ctx.store;
        let of = |kind| store.sms_directory(kind).map_err(|e| HamrahError::of(&e));
        Ok(SmsDirectory {
            accounts: of(DirectoryKind::Account)?,
            cards: of(DirectoryKind::Card)?,
        })
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
        exchanged(async move { client.balance(account_index).await }).await
    }

    /// The last five entries of an account over SMS, newest first.
    pub async fn last_five(&self, account_index: u8) -> Result<SmsResult, HamrahError> {
        let client = Arc::clone(&self.client);
        exchanged(async move { client.last_five(account_index).await }).await
    }

    /// A card-to-card transfer over SMS from the card at `card_index`: the
    /// destination and amount are parsed here, the payment gets its key.
    pub fn card_transfer(
        &self,
        card_index: u8,
        destination_pan: String,
        amount: String,
    ) -> Result<Arc<SmsCardTransfer>, HamrahError> {
        SmsCardTransfer::new(self.ops(), card_index, &destination_pan, &amount)
    }

    /// A bill payment over SMS: the bill ID, payment ID (check digits) and
    /// amount are checked here, the payment gets its key.
    pub fn bill_payment(
        &self,
        bill_id: String,
        payment_id: String,
        amount: String,
    ) -> Result<Arc<SmsBillPayment>, HamrahError> {
        SmsBillPayment::new(self.ops(), &bill_id, &payment_id, &amount)
    }

    /// Blocking the card at `card_index` (as lost) over SMS.
    pub fn card_block(&self, card_index: u8) -> Arc<SmsCardBlock> {
        SmsCardBlock::new(self.ops(), card_index)
    }
}
