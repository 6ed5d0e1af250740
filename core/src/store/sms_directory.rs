//! The SMS channel's directory: which account and card each index of an SMS
//! frame names (the bank's `account_list` and `card_list` order), kept from
//! the last time the lists came over HTTPS so that the SMS screens can name
//! them when data is off.

use rusqlite::params;

use super::{Store, StoreError};

/// A list an SMS index points into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DirectoryKind {
    /// The customer's accounts.
    Account,
    /// The customer's cards.
    Card,
}

impl DirectoryKind {
    fn as_str(self) -> &'static str {
        match self {
            Self::Account => "account",
            Self::Card => "card",
        }
    }
}

/// Indexes beyond this are not reachable over SMS (one byte).
const MAX_ENTRIES: usize = 256;

impl Store {
    /// Replaces the labels of `kind`, in the bank's order (an SMS frame's index).
    pub fn replace_sms_directory(
        &self,
        kind: DirectoryKind,
        labels: &[String],
    ) -> Result<(), StoreError> {
        let mut conn = self.conn()?;
        let tx = conn.transaction()?;
        tx.execute(
            "DELETE FROM sms_directory WHERE kind = ?1",
            params![kind.as_str()],
        )?;
        for (position, label) in labels.iter().take(MAX_ENTRIES).enumerate() {
            let sealed = self
                .sealer
                .seal(&binding(kind, position), label.as_bytes())?;
            tx.execute(
                "INSERT INTO sms_directory (kind, position, label) VALUES (?1, ?2, ?3)",
                params![kind.as_str(), position, sealed],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The labels of `kind` in index order; empty until the list was fetched once.
    pub fn sms_directory(&self, kind: DirectoryKind) -> Result<Vec<String>, StoreError> {
        let rows: Vec<(usize, Vec<u8>)> = {
            let conn = self.conn()?;
            let mut statement = conn.prepare_cached(
                "SELECT position, label FROM sms_directory WHERE kind = ?1 ORDER BY position",
            )?;
            statement
                .query_map(params![kind.as_str()], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?
        };
        rows.into_iter()
            .map(|(position, sealed)| {
                let bytes = self.sealer.open(&binding(kind, position), &sealed)?;
                String::from_utf8(bytes.to_vec()).map_err(|_| StoreError::Format)
            })
            .collect()
    }
}

fn binding(kind: DirectoryKind, position: usize) -> String {
    format!("sms_directory.label.{}.{position}", kind.as_str())
}
