//! A soft-token code the bank accepted for a payment. It is used up whatever
//! the payment's outcome: a payment refused after the code was checked (a
//! limit, an unknown destination) rolls back its own savepoint, and the code's
//! mark is written again after it, so the same code cannot pay twice.

use rusqlite::{Transaction, params};

use crate::error::ApiResult;

use super::CodeKind;

/// One accepted code: its token, kind, time step and OCRA question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AcceptedCode {
    pub(super) token_id: String,
    pub(super) kind: CodeKind,
    pub(super) step: i64,
    pub(super) question: String,
    pub(super) at: i64,
}

impl AcceptedCode {
    /// Marks the code used; false when it already was.
    pub fn record(&self, tx: &Transaction<'_>) -> ApiResult<bool> {
        let inserted = tx
            .prepare_cached(
                "INSERT OR IGNORE INTO soft_token_codes (token_id, kind, step, question, used_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![
                self.token_id,
                self.kind.as_str(),
                self.step,
                self.question,
                self.at
            ])?;
        Ok(inserted == 1)
    }
}
