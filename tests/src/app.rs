//! The core as a phone runs it: device id and store key in a vault, the
//! sealed store, the API with the session's token, the session, the flows'
//! context; optionally the desktop device signer, so the device enrolls.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use hamrah_core::channel::Timeouts;
use hamrah_core::client::Api;
use hamrah_core::client::signing::{DevicePlatform, DeviceProfile};
use hamrah_core::flows::Context;
use hamrah_core::platform::{MemorySecretStore, SoftwareDeviceSigner};
use hamrah_core::session::{Session, SessionState, device_id};
use hamrah_core::store::Store;

use crate::{Bank, Error};

/// One install of the app.
pub struct App {
    /// The vault (device id, store key); reuse it to reopen the same install.
    pub secrets: Arc<MemorySecretStore>,
    /// The store's file.
    pub store_path: PathBuf,
    /// The session.
    pub session: Session,
    /// The flows' context (API, store, config).
    pub ctx: Context,
}

impl App {
    /// A fresh install whose store lives in the bank's temporary directory.
    pub async fn install(bank: &Bank) -> Result<Self, Error> {
        let path = bank
            .dir
            .path()
            .join(format!("phone-{}.sqlite3", uuid_like()));
        Self::open(
            bank,
            &path,
            Arc::new(MemorySecretStore::new()),
            Timeouts::default(),
        )
        .await
    }

    /// Opens an install: its vault, its store file, a new process's API.
    pub async fn open(
        bank: &Bank,
        store_path: &Path,
        secrets: Arc<MemorySecretStore>,
        timeouts: Timeouts,
    ) -> Result<Self, Error> {
        let device = device_id(&*secrets)?;
        let store = Arc::new(Store::open(store_path, &*secrets)?);
        let api = Api::new(bank.client_with(timeouts)?, device);
        let ctx = Context::connect(api.clone(), store).await;
        let session = Session::new(api, ctx.config.session.inactivity_timeout_seconds);
        Ok(Self {
            secrets,
            store_path: store_path.to_owned(),
            session,
            ctx,
        })
    }

    /// Logs in a demo customer, with the SMS code of a new device.
    pub async fn login(&self, bank: &Bank, username: &str) -> Result<(), Error> {
        let demo = bank.demo(Some(username))?;
        let password = demo.password.clone().unwrap_or_default();
        let mut state = self.session.login(username, &password).await?;
        if let SessionState::LoginCodeSent { .. } = state {
            let code = bank.last_otp(&demo.mobile).await?;
            state = self.session.verify_login(&code).await?;
        }
        match state {
            SessionState::Active { .. } => Ok(()),
            other => Err(format!("not logged in: {other:?}").into()),
        }
    }

    /// A fresh install with `username` logged in.
    pub async fn logged_in(bank: &Bank, username: &str) -> Result<Self, Error> {
        let app = Self::install(bank).await?;
        app.login(bank, username).await?;
        Ok(app)
    }

    /// Gives the API the desktop device signer (its key in this install's
    /// vault, shown as "QA desktop"): an SMS-confirmed login or activation
    /// then enrolls the device, and every later request is signed.
    pub fn add_device_signer(&self) -> Arc<SoftwareDeviceSigner> {
        let signer = Arc::new(SoftwareDeviceSigner::new(self.secrets.clone()));
        self.ctx.api.set_device_signer(
            signer.clone(),
            DeviceProfile {
                name: "QA desktop".to_owned(),
                platform: DevicePlatform::Desktop,
            },
        );
        signer
    }

    /// A fresh install with `username` logged in with the SMS code and the
    /// device enrolled (what soft-token activation needs).
    pub async fn enrolled(bank: &Bank, username: &str) -> Result<Self, Error> {
        let app = Self::install(bank).await?;
        app.add_device_signer();
        app.login(bank, username).await?;
        if !app.ctx.api.device_enrolled() {
            return Err("the device was not enrolled".into());
        }
        Ok(app)
    }
}

fn uuid_like() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    format!(
        "{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}
