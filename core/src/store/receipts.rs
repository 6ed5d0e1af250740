//! The payment history's receipts, sealed one by one, newest first; at most
//! [`KEPT_RECEIPTS`] are kept (the oldest go first).

use rusqlite::params;
use zeroize::Zeroizing;

use super::{Store, StoreError};

/// How many receipts the phone keeps for the history offline.
pub const KEPT_RECEIPTS: u32 = 1000;

/// One receipt to keep: the bank's id, when it was made, its JSON.
pub struct ReceiptRow {
    /// The bank's id.
    pub receipt_id: String,
    /// When it was made, Unix seconds.
    pub at: i64,
    /// The bank's receipt, as JSON.
    pub body: Vec<u8>,
}

impl Store {
    /// Keeps receipts (one already held is replaced: its status may have
    /// moved), then drops all but the newest [`KEPT_RECEIPTS`].
    pub fn save_receipts(&self, rows: &[ReceiptRow]) -> Result<(), StoreError> {
        let mut conn = self.conn()?;
        let tx = conn.transaction()?;
        {
            let mut insert = tx.prepare_cached(
                "INSERT OR REPLACE INTO receipts (receipt_id, at, body) VALUES (?1, ?2, ?3)",
            )?;
            for row in rows {
                let sealed = self.sealer.seal(&binding(&row.receipt_id), &row.body)?;
                insert.execute(params![row.receipt_id, row.at, sealed])?;
            }
            tx.prepare_cached(
                "DELETE FROM receipts WHERE receipt_id NOT IN
                 (SELECT receipt_id FROM receipts ORDER BY at DESC, receipt_id DESC LIMIT ?1)",
            )?
            .execute(params![KEPT_RECEIPTS])?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Up to `limit` kept receipts older than the cursor `(at, receipt_id)`
    /// of the previous page's last one (from the newest when `None`).
    pub fn receipt_page(
        &self,
        after: Option<(i64, &str)>,
        limit: u32,
    ) -> Result<Vec<Zeroizing<Vec<u8>>>, StoreError> {
        let (at, id) = after.unwrap_or((i64::MAX, "\u{10FFFF}"));
        let rows: Vec<(String, Vec<u8>)> = {
            let conn = self.conn()?;
            let mut statement = conn.prepare_cached(
                "SELECT receipt_id, body FROM receipts WHERE (at, receipt_id) < (?1, ?2)
                 ORDER BY at DESC, receipt_id DESC LIMIT ?3",
            )?;
            statement
                .query_map(params![at, id, limit], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?
        };
        rows.into_iter()
            .map(|(id, sealed)| self.sealer.open(&binding(&id), &sealed))
            .collect()
    }
}

fn binding(receipt_id: &str) -> String {
    format!("receipts.body.{receipt_id}")
}
