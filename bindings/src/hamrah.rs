//! [`Hamrah`]: the root object. It opens one install (device id and store key
//! in the app's vault, the sealed store, the pinned channel to the bank, the
//! session) and hands out the sub-clients.

use std::path::PathBuf;
use std::sync::Arc;

use hamrah_core::channel::{BankClient, SpkiPin, Timeouts};
use hamrah_core::client::Api;
use hamrah_core::client::signing::DeviceProfile;
use hamrah_core::flows::{self, Context};
use hamrah_core::operation;
use hamrah_core::session::{Session, device_id};
use hamrah_core::store::Store;
use hamrah_core::token::SoftTokenVault;

use crate::account_transfer::AccountTransfers;
use crate::accounts::AccountsClient;
use crate::bills::BillPayments;
use crate::card_transfer::CardTransfers;
use crate::cheques::ChequesClient;
use crate::device::{DevicePlatform, DeviceSigner, ForeignSigner};
use crate::error::HamrahError;
use crate::info::InfoClient;
use crate::install::Install;
use crate::loans::Loans;
use crate::notices::NoticesClient;
use crate::other_cards::OtherCards;
use crate::platform::{ForeignSecretStore, SecretStore};
use crate::runtime::run;
use crate::session::SessionClient;
use crate::sheba_transfer::ShebaTransfers;
use crate::sms::{Connectivity, SmsChannel, SmsTransport};
use crate::token::TokenClient;
use crate::topup::Topups;

/// Where the bank is and where the install keeps its files.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct HamrahConfig {
    /// The bank's base URL (`https://...`).
    pub bank_url: String,
    /// The bank's key pins, `sha256/<base64 of the SPKI's SHA-256>`; no other key is trusted.
    pub spki_pins: Vec<String>,
    /// The app's private directory; the sealed store is `hamrah.sqlite3` in it.
    pub data_dir: String,
    /// The phone's name, as the customer's device list shows it.
    pub device_name: String,
    /// The phone's platform (it also decides how SMS frames travel).
    pub device_platform: DevicePlatform,
    /// The bank's SMS number (the SMS channel reads only SMS from exactly it).
    pub bank_sms_number: String,
}

/// The root client: one per install.
#[derive(uniffi::Object)]
pub struct Hamrah {
    install: Arc<Install>,
}

#[uniffi::export]
impl Hamrah {
    /// Opens the install: the device id and the store's key come from
    /// `secrets` (created on first use); `signer` holds the device key (the
    /// device is enrolled at the first login with an SMS code); the bank's
    /// config is read (offline defaults when it cannot be reached).
    #[uniffi::constructor]
    pub async fn open(
        config: HamrahConfig,
        secrets: Arc<dyn SecretStore>,
        signer: Arc<dyn DeviceSigner>,
    ) -> Result<Arc<Self>, HamrahError> {
        run(async move {
            let secrets: Arc<dyn hamrah_core::platform::SecretStore> =
                Arc::new(ForeignSecretStore(secrets));
            let pins = config
                .spki_pins
                .iter()
                .map(|pin| pin.parse::<SpkiPin>())
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| HamrahError::of(&e))?;
            let device = device_id(&*secrets)?;
            let path = PathBuf::from(&config.data_dir).join("hamrah.sqlite3");
            let store = Store::open(&path, &*secrets).map_err(|e| HamrahError::of(&e))?;
            let bank = BankClient::new(&config.bank_url, &pins, Timeouts::default())
                .map_err(|e| HamrahError::of(&e))?;
            let api = Api::new(bank, device);
            let platform = config.device_platform.into();
            let profile = DeviceProfile {
                name: config.device_name,
                platform,
            };
            api.set_device_signer(Arc::new(ForeignSigner(signer)), profile);
            let ctx = Context::connect(api.clone(), Arc::new(store))
                .await
                .with_soft_tokens(SoftTokenVault::new(Arc::clone(&secrets)));
            let session = Session::new(api, ctx.config.session.inactivity_timeout_seconds);
            Ok(Arc::new(Self {
                install: Arc::new(Install {
                    session,
                    ctx,
                    secrets,
                    platform,
                    bank_sms_number: config.bank_sms_number,
                }),
            }))
        })
        .await
    }

    /// Login, activation, password and the session's state.
    pub fn session(&self) -> Arc<SessionClient> {
        SessionClient::new(Arc::clone(&self.install))
    }

    /// Accounts, cards and statements.
    pub fn accounts(&self) -> Arc<AccountsClient> {
        AccountsClient::new(Arc::clone(&self.install))
    }

    /// Card-to-card journeys.
    pub fn card_transfers(&self) -> Arc<CardTransfers> {
        CardTransfers::new(Arc::clone(&self.install))
    }

    /// SHEBA (PAYA/SATNA) journeys.
    pub fn sheba_transfers(&self) -> Arc<ShebaTransfers> {
        ShebaTransfers::new(Arc::clone(&self.install))
    }

    /// Loans and instalments: the list, schedules and payments.
    pub fn loans(&self) -> Arc<Loans> {
        Loans::new(Arc::clone(&self.install))
    }

    /// Other banks' Shetab cards on this phone.
    pub fn other_cards(&self) -> Arc<OtherCards> {
        OtherCards::new(Arc::clone(&self.install))
    }

    /// Bill payments.
    pub fn bills(&self) -> Arc<BillPayments> {
        BillPayments::new(Arc::clone(&self.install))
    }

    /// Sayad cheques: books, cheques received, status, registering and answering.
    pub fn cheques(&self) -> Arc<ChequesClient> {
        ChequesClient::new(Arc::clone(&self.install))
    }

    /// The bank's information: exchange rates, branches, deposit products.
    pub fn info(&self) -> Arc<InfoClient> {
        InfoClient::new(Arc::clone(&self.install))
    }

    /// The inbox of the bank's notices.
    pub fn notices(&self) -> Arc<NoticesClient> {
        NoticesClient::new(Arc::clone(&self.install))
    }

    /// Mobile top-ups and internet packages.
    pub fn topups(&self) -> Arc<Topups> {
        Topups::new(Arc::clone(&self.install))
    }

    /// Transfers to accounts of this bank, by account number.
    pub fn account_transfers(&self) -> Arc<AccountTransfers> {
        AccountTransfers::new(Arc::clone(&self.install))
    }

    /// The soft token: activation, codes, deactivation.
    pub fn token(&self) -> Arc<TokenClient> {
        TokenClient::new(Arc::clone(&self.install))
    }

    /// Banking over SMS when mobile data is down, through the app's radio
    /// (`transport`), in the encoding the core chooses for the platform
    /// (data SMS on Android, GSM-7 text on iPhone: `Encoding::for_platform`);
    /// the app hands received SMS to [`SmsChannel::deliver_received`] (or a
    /// pasted reply to [`SmsChannel::deliver`]).
    pub fn sms(
        &self,
        transport: Arc<dyn SmsTransport>,
        connectivity: Arc<dyn Connectivity>,
    ) -> Arc<SmsChannel> {
        SmsChannel::new(Arc::clone(&self.install), transport, connectivity)
    }

    /// Asks the bank about every payment whose outcome is still unknown, and
    /// prunes journeys left untouched for a week (the app calls it at start,
    /// before any new work).
    pub async fn resolve_pending(&self) -> Result<ResolveReport, HamrahError> {
        let install = Arc::clone(&self.install);
        run(async move {
            let report =
                operation::resolve_unresolved(&install.ctx.api, &install.ctx.store).await?;
            flows::prune_saved(&install.ctx)?;
            Ok(ResolveReport {
                succeeded: report.succeeded.len() as u32,
                failed: report.failed.len() as u32,
                unresolved: report.unresolved.len() as u32,
            })
        })
        .await
    }
}

/// What [`Hamrah::resolve_pending`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct ResolveReport {
    /// Payments found completed.
    pub succeeded: u32,
    /// Payments found refused or never received.
    pub failed: u32,
    /// Payments still unknown.
    pub unresolved: u32,
}
