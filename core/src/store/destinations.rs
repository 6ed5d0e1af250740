//! Saved destinations: the cards and SHEBAs the customer paid to, with their
//! holders' names, for one-tap reuse.

use rusqlite::params;

use super::{Store, StoreError};

/// What a saved destination is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DestinationKind {
    /// A card number.
    Card,
    /// A SHEBA number.
    Sheba,
}

impl DestinationKind {
    fn as_str(self) -> &'static str {
        match self {
            Self::Card => "card",
            Self::Sheba => "sheba",
        }
    }
}

/// A destination the customer used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedDestination {
    /// Card or SHEBA.
    pub kind: DestinationKind,
    /// The card number or SHEBA, normalized.
    pub value: String,
    /// The holder's name as the bank's inquiry gave it.
    pub holder: String,
    /// When it was last paid to, Unix seconds.
    pub last_used_at: i64,
}

impl Store {
    /// Remembers a destination (or refreshes its holder and time).
    pub fn save_destination(
        &self,
        kind: DestinationKind,
        value: &str,
        holder: &str,
        now: i64,
    ) -> Result<(), StoreError> {
        let id = hex(&self.sealer.blind_index(kind.as_str(), value));
        let sealed_value = self.sealer.seal(&binding("value", &id), value.as_bytes())?;
        let sealed_holder = self
            .sealer
            .seal(&binding("holder", &id), holder.as_bytes())?;
        self.conn()?.execute(
            "INSERT INTO destinations (id, kind, value, holder, last_used_at) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (id) DO UPDATE SET holder = excluded.holder, last_used_at = excluded.last_used_at",
            params![id, kind.as_str(), sealed_value, sealed_holder, now],
        )?;
        Ok(())
    }

    /// Saved destinations, most recently used first.
    pub fn destinations(&self) -> Result<Vec<SavedDestination>, StoreError> {
        let rows = {
            let conn = self.conn()?;
            let mut statement = conn.prepare_cached(
                "SELECT id, kind, value, holder, last_used_at FROM destinations ORDER BY last_used_at DESC",
            )?;
            statement
                .query_map([], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, Vec<u8>>(2)?,
                        r.get::<_, Vec<u8>>(3)?,
                        r.get::<_, i64>(4)?,
                    ))
                })?
                .collect::<Result<Vec<_>, _>>()?
        };
        rows.into_iter()
            .map(|(id, kind, value, holder, last_used_at)| {
                let text = |column: &str, sealed: &[u8]| -> Result<String, StoreError> {
                    let bytes = self.sealer.open(&binding(column, &id), sealed)?;
                    String::from_utf8(bytes.to_vec()).map_err(|_| StoreError::Format)
                };
                Ok(SavedDestination {
                    kind: if kind == "sheba" {
                        DestinationKind::Sheba
                    } else {
                        DestinationKind::Card
                    },
                    value: text("value", &value)?,
                    holder: text("holder", &holder)?,
                    last_used_at,
                })
            })
            .collect()
    }
}

fn binding(column: &str, id: &str) -> String {
    format!("destinations.{column}.{id}")
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
