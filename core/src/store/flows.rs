//! Saved flow states: a journey's state survives the process being killed.

use rusqlite::{OptionalExtension, params};
use serde_json::Value;

use super::{Store, StoreError, from_json, to_json};

impl Store {
    /// Saves a flow's state, sealed.
    pub fn save_flow(&self, flow_id: &str, state: &Value, now: i64) -> Result<(), StoreError> {
        let sealed = self.sealer.seal(&binding(flow_id), &to_json(state)?)?;
        self.conn()?.execute(
            "INSERT INTO flows (flow_id, state, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (flow_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at",
            params![flow_id, sealed, now],
        )?;
        Ok(())
    }

    /// A saved flow's state.
    pub fn load_flow(&self, flow_id: &str) -> Result<Option<Value>, StoreError> {
        let sealed: Option<Vec<u8>> = self
            .conn()?
            .query_row(
                "SELECT state FROM flows WHERE flow_id = ?1",
                params![flow_id],
                |r| r.get(0),
            )
            .optional()?;
        sealed
            .map(|s| from_json(&self.sealer.open(&binding(flow_id), &s)?))
            .transpose()
    }

    /// Forgets a finished flow.
    pub fn delete_flow(&self, flow_id: &str) -> Result<(), StoreError> {
        self.conn()?
            .execute("DELETE FROM flows WHERE flow_id = ?1", params![flow_id])?;
        Ok(())
    }
}

fn binding(flow_id: &str) -> String {
    format!("flows.state.{flow_id}")
}
