//! Saved flow states: a journey's state survives the process being killed.

use rusqlite::{OptionalExtension, params};
use serde_json::Value;

use super::{Store, StoreError, from_json, to_json};

impl Store {
    /// Saves a flow's state, sealed, with the operation key it waits for.
    pub fn save_flow(
        &self,
        flow_id: &str,
        state: &Value,
        waiting_on: Option<&str>,
        now: i64,
    ) -> Result<(), StoreError> {
        let sealed = self.sealer.seal(&binding(flow_id), &to_json(state)?)?;
        self.conn()?.execute(
            "INSERT INTO flows (flow_id, state, waiting_on, updated_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (flow_id) DO UPDATE SET state = excluded.state,
                 waiting_on = excluded.waiting_on, updated_at = excluded.updated_at",
            params![flow_id, sealed, waiting_on, now],
        )?;
        Ok(())
    }

    /// Deletes the flows last saved before `before` (Unix seconds), except
    /// those waiting on an operation still pending in the journal; how many.
    pub fn prune_flows(&self, before: i64) -> Result<usize, StoreError> {
        Ok(self.conn()?.execute(
            "DELETE FROM flows WHERE updated_at < ?1 AND (waiting_on IS NULL
                 OR waiting_on NOT IN (SELECT idempotency_key FROM operations WHERE state = 'pending'))",
            params![before],
        )?)
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

    /// The ids of the saved flows whose id starts with `prefix`, the most
    /// recently saved first.
    pub fn saved_flows(&self, prefix: &str) -> Result<Vec<String>, StoreError> {
        let conn = self.conn()?;
        let mut statement = conn.prepare(
            "SELECT flow_id FROM flows WHERE substr(flow_id, 1, length(?1)) = ?1
             ORDER BY updated_at DESC, rowid DESC",
        )?;
        let ids = statement
            .query_map(params![prefix], |r| r.get(0))?
            .collect::<Result<Vec<String>, _>>()?;
        Ok(ids)
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
