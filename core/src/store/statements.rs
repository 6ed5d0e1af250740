//! Statement entries cached from the bank: pages newest first, and offline
//! search by counterparty or amount through blind indexes.

use rusqlite::params;
use serde_json::Value;

use super::{Store, StoreError, from_json, to_json};

/// One statement entry to cache.
#[derive(Debug, Clone)]
pub struct StatementRow {
    /// The bank's entry id.
    pub entry_id: String,
    /// The account it belongs to.
    pub account_id: String,
    /// When it was posted, Unix seconds.
    pub posted_at: i64,
    /// The amount in rials (signed as the bank sends it, or unsigned with a direction).
    pub amount_rials: i64,
    /// The counterparty as searched: a name, a masked PAN or a SHEBA.
    pub counterparty: Option<String>,
    /// The bank's whole entry, kept sealed.
    pub entry: Value,
}

/// How to search an account's statement.
#[derive(Debug, Clone)]
pub enum StatementSearch {
    /// Entries with exactly this counterparty (case and spacing ignored).
    Counterparty(String),
    /// Entries of exactly this amount in rials.
    Amount(i64),
}

fn normalize(counterparty: &str) -> String {
    counterparty
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl Store {
    /// Caches entries, replacing any with the same id.
    pub fn save_statement(&self, rows: &[StatementRow]) -> Result<(), StoreError> {
        let mut conn = self.conn()?;
        let tx = conn.transaction()?;
        {
            let mut insert = tx.prepare_cached(
                "INSERT OR REPLACE INTO statement_entries
                 (entry_id, account_id, posted_at, entry, counterparty_index, amount_index)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for row in rows {
                let sealed = self
                    .sealer
                    .seal(&binding(&row.entry_id), &to_json(&row.entry)?)?;
                let counterparty = row
                    .counterparty
                    .as_deref()
                    .map(|c| self.sealer.blind_index("counterparty", &normalize(c)));
                let amount = self
                    .sealer
                    .blind_index("amount", &row.amount_rials.unsigned_abs().to_string());
                insert.execute(params![
                    row.entry_id,
                    row.account_id,
                    row.posted_at,
                    sealed,
                    counterparty,
                    amount
                ])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// A page of an account's cached entries, newest first, after the cursor
    /// `(posted_at, entry_id)` of the previous page's last entry.
    pub fn statement_page(
        &self,
        account_id: &str,
        after: Option<(i64, &str)>,
        limit: u32,
    ) -> Result<Vec<Value>, StoreError> {
        // The first page starts above every real entry.
        let (posted_at, entry_id) = after.unwrap_or((i64::MAX, "\u{10FFFF}"));
        let rows = {
            let conn = self.conn()?;
            let mut statement = conn.prepare_cached(
                "SELECT entry_id, entry FROM statement_entries
                 WHERE account_id = ?1 AND (posted_at, entry_id) < (?2, ?3)
                 ORDER BY posted_at DESC, entry_id DESC LIMIT ?4",
            )?;
            statement
                .query_map(params![account_id, posted_at, entry_id, limit], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, Vec<u8>>(1)?))
                })?
                .collect::<Result<Vec<_>, _>>()?
        };
        self.open_entries(rows)
    }

    /// An account's cached entries matching a search, newest first.
    pub fn search_statement(
        &self,
        account_id: &str,
        search: &StatementSearch,
    ) -> Result<Vec<Value>, StoreError> {
        let (sql, index) = match search {
            StatementSearch::Counterparty(name) => (
                "SELECT entry_id, entry FROM statement_entries WHERE account_id = ?1 AND counterparty_index = ?2
                 ORDER BY posted_at DESC, entry_id DESC",
                self.sealer.blind_index("counterparty", &normalize(name)),
            ),
            StatementSearch::Amount(amount) => (
                "SELECT entry_id, entry FROM statement_entries WHERE account_id = ?1 AND amount_index = ?2
                 ORDER BY posted_at DESC, entry_id DESC",
                self.sealer
                    .blind_index("amount", &amount.unsigned_abs().to_string()),
            ),
        };
        let rows = {
            let conn = self.conn()?;
            let mut statement = conn.prepare_cached(sql)?;
            statement
                .query_map(params![account_id, index], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, Vec<u8>>(1)?))
                })?
                .collect::<Result<Vec<_>, _>>()?
        };
        self.open_entries(rows)
    }

    fn open_entries(&self, rows: Vec<(String, Vec<u8>)>) -> Result<Vec<Value>, StoreError> {
        rows.into_iter()
            .map(|(id, sealed)| from_json(&self.sealer.open(&binding(&id), &sealed)?))
            .collect()
    }
}

fn binding(entry_id: &str) -> String {
    format!("statement_entries.entry.{entry_id}")
}
