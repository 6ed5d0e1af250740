//! Other banks' cards the customer added, sealed whole; and the loans' last
//! replies, sealed, for offline reading. Neither ever holds a CVV2 or PIN.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{Store, StoreError, from_json, to_json};

/// An added card as the store keeps it (`Debug` masks the number).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredOtherCard {
    /// The card number, normalized.
    pub pan: String,
    /// `YYMM`, Jalali, as printed.
    pub expiry: String,
    /// The customer's label for it.
    pub label: String,
    /// The holder's name as the bank's inquiry gave it.
    pub holder_name: String,
    /// When it was added, Unix seconds.
    #[serde(default)]
    pub added_at: i64,
}

impl std::fmt::Debug for StoredOtherCard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoredOtherCard")
            .field("pan", &crate::logging::redact(&self.pan))
            .field("label", &self.label)
            .finish_non_exhaustive()
    }
}

impl Store {
    /// The row id an added card has: a keyed blind index of its number.
    pub fn other_card_id(&self, pan: &str) -> String {
        hex(&self.sealer.blind_index("other_card", pan))
    }

    /// Adds a card (or replaces the one with the same number); returns its id.
    pub fn save_other_card(&self, card: &StoredOtherCard) -> Result<String, StoreError> {
        let id = self.other_card_id(&card.pan);
        let sealed = self.sealer.seal(&binding(&id), &to_json(card)?)?;
        self.conn()?.execute(
            "INSERT INTO other_cards (id, card, added_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (id) DO UPDATE SET card = excluded.card",
            params![id, sealed, card.added_at],
        )?;
        Ok(id)
    }

    /// The added cards with their ids, oldest first.
    pub fn other_cards(&self) -> Result<Vec<(String, StoredOtherCard)>, StoreError> {
        let rows: Vec<(String, Vec<u8>)> = {
            let conn = self.conn()?;
            let mut statement =
                conn.prepare_cached("SELECT id, card FROM other_cards ORDER BY added_at, id")?;
            statement
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?
        };
        rows.into_iter()
            .map(|(id, sealed)| {
                let card = from_json(&self.sealer.open(&binding(&id), &sealed)?)?;
                Ok((id, card))
            })
            .collect()
    }

    /// Removes an added card; whether there was one.
    pub fn remove_other_card(&self, id: &str) -> Result<bool, StoreError> {
        let removed = self
            .conn()?
            .execute("DELETE FROM other_cards WHERE id = ?1", params![id])?;
        Ok(removed > 0)
    }

    /// Keeps a reply of the bank about loans under `key`.
    pub fn cache_loans(&self, key: &str, body: &Value, now: i64) -> Result<(), StoreError> {
        let sealed = self.sealer.seal(&cache_binding(key), &to_json(body)?)?;
        self.conn()?.execute(
            "INSERT INTO loan_cache (key, body, fetched_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (key) DO UPDATE SET body = excluded.body, fetched_at = excluded.fetched_at",
            params![key, sealed, now],
        )?;
        Ok(())
    }

    /// The reply kept under `key` and when it came, if any.
    pub fn cached_loans(&self, key: &str) -> Result<Option<(Value, i64)>, StoreError> {
        let row: Option<(Vec<u8>, i64)> = self
            .conn()?
            .prepare_cached("SELECT body, fetched_at FROM loan_cache WHERE key = ?1")?
            .query_row(params![key], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        row.map(|(sealed, at)| {
            let body = from_json(&self.sealer.open(&cache_binding(key), &sealed)?)?;
            Ok((body, at))
        })
        .transpose()
    }
}

fn binding(id: &str) -> String {
    format!("other_cards.card.{id}")
}

fn cache_binding(key: &str) -> String {
    format!("loan_cache.body.{key}")
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly
    use super::*;
    use crate::platform::MemorySecretStore;

    #[test]
    fn cards_are_sealed_and_replaced_by_number() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("store.sqlite3");
        let secrets = MemorySecretStore::new();
        let store = Store::open(&path, &secrets).unwrap();
        let card = StoredOtherCard {
            pan: "6104337000004689".into(),
            expiry: "0806".into(),
            label: "کارت ملت".into(),
            holder_name: "علی رضایی".into(),
            added_at: 1,
        };
        let id = store.save_other_card(&card).unwrap();
        let renamed = StoredOtherCard {
            label: "حقوق".into(),
            ..card.clone()
        };
        assert_eq!(store.save_other_card(&renamed).unwrap(), id);
        let listed = store.other_cards().unwrap();
        assert_eq!(listed, vec![(id.clone(), renamed)]);
        assert!(!format!("{listed:?}").contains("6104337000004689"));
        // Nothing of the card is in the file in clear.
        drop(store);
        let bytes = std::fs::read(&path).unwrap();
        let wal = std::fs::read(path.with_extension("sqlite3-wal")).unwrap_or_default();
        for haystack in [bytes, wal] {
            let text = String::from_utf8_lossy(&haystack);
            assert!(!text.contains("6104337000004689") && !text.contains("حقوق"));
        }
        let store = Store::open(&path, &secrets).unwrap();
        assert!(store.remove_other_card(&id).unwrap());
        assert!(!store.remove_other_card(&id).unwrap());
        assert!(store.other_cards().unwrap().is_empty());
    }

    #[test]
    fn loan_replies_are_kept_sealed() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("s.sqlite3"), &MemorySecretStore::new()).unwrap();
        assert_eq!(store.cached_loans("loans").unwrap(), None);
        let body = serde_json::json!({"items": [{"loan_number": "0101234567001"}]});
        store.cache_loans("loans", &body, 42).unwrap();
        assert_eq!(store.cached_loans("loans").unwrap(), Some((body, 42)));
    }
}
