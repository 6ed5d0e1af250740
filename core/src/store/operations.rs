//! The operations journal: every money-moving request is written here with
//! its idempotency key before it leaves, and its outcome when known.

use rusqlite::{OptionalExtension, params};
use serde_json::Value;

use super::{Store, StoreError, from_json, to_json};

/// Where a money-moving operation stands on this phone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OperationState {
    /// Sent (or about to be); the outcome is not known yet.
    Pending,
    /// The bank confirmed it.
    Succeeded,
    /// The bank refused it, or it failed for good.
    Failed,
}

impl OperationState {
    fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Succeeded => "succeeded",
            Self::Failed => "failed",
        }
    }

    fn parse(text: &str) -> Result<Self, StoreError> {
        match text {
            "pending" => Ok(Self::Pending),
            "succeeded" => Ok(Self::Succeeded),
            "failed" => Ok(Self::Failed),
            _ => Err(StoreError::Format),
        }
    }
}

/// One journaled operation.
#[derive(Debug, Clone, PartialEq)]
pub struct OperationRecord {
    /// The idempotency key shared by HTTPS and SMS.
    pub idempotency_key: String,
    /// What it is: `card_transfer`, `sheba_transfer`, `bill_payment`, `card_block`.
    pub kind: String,
    /// Where it stands.
    pub state: OperationState,
    /// The request as sent.
    pub request: Value,
    /// The receipt or error, once known.
    pub outcome: Option<Value>,
    /// When it was journaled, Unix seconds.
    pub created_at: i64,
}

impl Store {
    /// Journals a request as pending; call before it leaves the phone.
    pub fn begin_operation(
        &self,
        idempotency_key: &str,
        kind: &str,
        request: &Value,
        now: i64,
    ) -> Result<(), StoreError> {
        let sealed = self
            .sealer
            .seal(&binding("request", idempotency_key), &to_json(request)?)?;
        self.conn()?.execute(
            "INSERT INTO operations (idempotency_key, kind, state, request, created_at, updated_at)
             VALUES (?1, ?2, 'pending', ?3, ?4, ?4)",
            params![idempotency_key, kind, sealed, now],
        )?;
        Ok(())
    }

    /// Records the outcome of a journaled operation.
    pub fn finish_operation(
        &self,
        idempotency_key: &str,
        state: OperationState,
        outcome: &Value,
        now: i64,
    ) -> Result<(), StoreError> {
        let sealed = self
            .sealer
            .seal(&binding("outcome", idempotency_key), &to_json(outcome)?)?;
        let changed = self.conn()?.execute(
            "UPDATE operations SET state = ?2, outcome = ?3, updated_at = ?4 WHERE idempotency_key = ?1",
            params![idempotency_key, state.as_str(), sealed, now],
        )?;
        if changed == 0 {
            return Err(StoreError::Format);
        }
        Ok(())
    }

    /// One operation by key.
    pub fn operation(&self, idempotency_key: &str) -> Result<Option<OperationRecord>, StoreError> {
        let row = self
            .conn()?
            .query_row(
                "SELECT idempotency_key, kind, state, request, outcome, created_at FROM operations WHERE idempotency_key = ?1",
                params![idempotency_key],
                raw_row,
            )
            .optional()?;
        row.map(|raw| self.open_row(raw)).transpose()
    }

    /// Every operation whose outcome is not known: resolve these before new work.
    pub fn unresolved_operations(&self) -> Result<Vec<OperationRecord>, StoreError> {
        let rows = {
            let conn = self.conn()?;
            let mut statement = conn.prepare_cached(
                "SELECT idempotency_key, kind, state, request, outcome, created_at FROM operations
                 WHERE state = 'pending' ORDER BY created_at",
            )?;
            statement
                .query_map([], raw_row)?
                .collect::<Result<Vec<_>, _>>()?
        };
        rows.into_iter().map(|raw| self.open_row(raw)).collect()
    }

    fn open_row(&self, raw: RawRow) -> Result<OperationRecord, StoreError> {
        let (key, kind, state, request, outcome, created_at) = raw;
        let request = from_json(&self.sealer.open(&binding("request", &key), &request)?)?;
        let outcome = outcome
            .map(|sealed| {
                self.sealer
                    .open(&binding("outcome", &key), &sealed)
                    .and_then(|bytes| from_json(&bytes))
            })
            .transpose()?;
        Ok(OperationRecord {
            state: OperationState::parse(&state)?,
            idempotency_key: key,
            kind,
            request,
            outcome,
            created_at,
        })
    }
}

type RawRow = (String, String, String, Vec<u8>, Option<Vec<u8>>, i64);

fn raw_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<RawRow> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
    ))
}

fn binding(column: &str, key: &str) -> String {
    format!("operations.{column}.{key}")
}
