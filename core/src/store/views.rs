//! Read models cached from the bank, sealed, one row per view: what a screen
//! shows when the bank cannot be reached, with when it was fetched.

use rusqlite::{OptionalExtension, params};
use serde_json::Value;

use super::{Store, StoreError, from_json, to_json};

impl Store {
    /// Keeps the latest `body` of the view `name`, fetched at `saved_at`.
    pub fn save_view(&self, name: &str, body: &Value, saved_at: i64) -> Result<(), StoreError> {
        let sealed = self.sealer.seal(&binding(name), &to_json(body)?)?;
        self.conn()?.execute(
            "INSERT INTO cached_views (name, body, saved_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (name) DO UPDATE SET body = excluded.body, saved_at = excluded.saved_at",
            params![name, sealed, saved_at],
        )?;
        Ok(())
    }

    /// The view `name` as last kept, with when it was fetched.
    pub fn load_view(&self, name: &str) -> Result<Option<(Value, i64)>, StoreError> {
        let row: Option<(Vec<u8>, i64)> = self
            .conn()?
            .query_row(
                "SELECT body, saved_at FROM cached_views WHERE name = ?1",
                params![name],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        row.map(|(sealed, at)| Ok((from_json(&self.sealer.open(&binding(name), &sealed)?)?, at)))
            .transpose()
    }
}

fn binding(name: &str) -> String {
    format!("cached_views.body.{name}")
}
