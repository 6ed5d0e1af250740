//! The phone's local store: SQLite (WAL, migrated), with every sensitive
//! column sealed under a key kept in the platform's [`SecretStore`].

mod destinations;
mod documents;
mod flows;
mod notices;
mod operations;
mod other_cards;
mod receipts;
mod sealer;
mod sms_counters;
mod sms_directory;
mod statements;
mod views;

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use rusqlite::Connection;
use rusqlite_migration::{M, Migrations};
use zeroize::Zeroizing;

pub use destinations::{DestinationKind, SavedDestination};
pub use documents::CachedDocument;
pub use notices::StoredNotice;
pub use operations::{OperationRecord, OperationState};
pub use other_cards::StoredOtherCard;
pub use receipts::{KEPT_RECEIPTS, ReceiptRow};
pub use sealer::Sealer;
pub use sms_counters::SmsUplink;
pub use sms_directory::DirectoryKind;
pub use statements::{StatementRow, StatementSearch};

use crate::platform::SecretStore;

/// The name of the store's master key in the [`SecretStore`].
pub const STORE_KEY_NAME: &str = "hamrah.store.key.v1";

const MIGRATIONS: &[M<'static>] = &[
    M::up(include_str!("schema.sql")),
    M::up(include_str!("sms_counters.sql")),
    M::up(include_str!("sms_directory.sql")),
    M::up(include_str!("flows_waiting.sql")),
    M::up(include_str!("views.sql")),
    M::up(include_str!("other_cards.sql")),
    M::up(include_str!("documents.sql")),
    M::up(include_str!("notices.sql")),
    M::up(include_str!("receipts.sql")),
];

crate::coded_error! {
    kind = Device;
    /// Why the local store failed.
    pub enum StoreError {
        /// SQLite failed (disk full, file damaged, ...).
        Database => (
            "store.database",
            "خطا در حافظه داخلی برنامه.",
            "The app's local storage failed."
        ),
        /// A sealed value did not open: damaged, moved, or sealed under another key.
        Crypto => (
            "store.crypto",
            "اطلاعات محلی برنامه قابل بازگشایی نیست.",
            "Local data could not be decrypted."
        ),
        /// The platform's secret store refused.
        Secrets => (
            "store.secrets",
            "دسترسی به انبار امن دستگاه ممکن نشد.",
            "The device's secure store is not available."
        ),
        /// A stored value has an unexpected shape.
        Format => (
            "store.format",
            "اطلاعات محلی برنامه نامعتبر است.",
            "Local data has an unexpected format."
        ),
    }
}

impl From<StoreError> for crate::error::Problem {
    fn from(error: StoreError) -> Self {
        Self::of(&error)
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(_: rusqlite::Error) -> Self {
        Self::Database
    }
}

impl From<rusqlite_migration::Error> for StoreError {
    fn from(_: rusqlite_migration::Error) -> Self {
        Self::Database
    }
}

/// The local store.
pub struct Store {
    conn: Mutex<Connection>,
    sealer: Sealer,
}

impl Store {
    /// Opens (creating and migrating) the store at `path`, with the master key
    /// from `secrets` (created on first use).
    pub fn open(path: &Path, secrets: &dyn SecretStore) -> Result<Self, StoreError> {
        let master = master_key(secrets)?;
        let mut conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "secure_delete", "ON")?;
        Migrations::from_slice(MIGRATIONS).to_latest(&mut conn)?;
        Ok(Self {
            conn: Mutex::new(conn),
            sealer: Sealer::new(&master)?,
        })
    }

    fn conn(&self) -> Result<MutexGuard<'_, Connection>, StoreError> {
        self.conn.lock().map_err(|_| StoreError::Database)
    }
}

fn master_key(secrets: &dyn SecretStore) -> Result<Zeroizing<[u8; 32]>, StoreError> {
    let mut key = Zeroizing::new([0u8; 32]);
    match secrets
        .load(STORE_KEY_NAME)
        .map_err(|_| StoreError::Secrets)?
    {
        Some(stored) if stored.len() == 32 => key.copy_from_slice(&stored),
        Some(_) => return Err(StoreError::Crypto),
        None => {
            rand::fill(&mut *key);
            secrets
                .save(STORE_KEY_NAME, &*key)
                .map_err(|_| StoreError::Secrets)?;
        }
    }
    Ok(key)
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<Vec<u8>, StoreError> {
    serde_json::to_vec(value).map_err(|_| StoreError::Format)
}

fn from_json<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, StoreError> {
    serde_json::from_slice(bytes).map_err(|_| StoreError::Format)
}
