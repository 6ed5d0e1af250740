//! The inbox's notices, sealed one by one, with a read flag each and a read
//! mark waiting to reach the bank.

use rusqlite::{OptionalExtension, params};
use zeroize::Zeroizing;

use super::{Store, StoreError};

/// A notice as kept: its id, whether it is read, its JSON.
pub struct StoredNotice {
    /// The bank's id.
    pub notice_id: i64,
    /// Read.
    pub read: bool,
    /// The bank's `Notice`, as JSON.
    pub body: Zeroizing<Vec<u8>>,
}

impl Store {
    /// Keeps notices `(id, read, json)`; one already held keeps its read flag
    /// unless this one is read.
    pub fn save_notices(&self, notices: &[(i64, bool, Vec<u8>)]) -> Result<(), StoreError> {
        let mut conn = self.conn()?;
        let tx = conn.transaction()?;
        {
            let mut insert = tx.prepare_cached(
                "INSERT INTO notices (notice_id, read, body) VALUES (?1, ?2, ?3)
                 ON CONFLICT (notice_id) DO UPDATE SET body = excluded.body,
                     read = MAX(read, excluded.read)",
            )?;
            for (id, read, json) in notices {
                let sealed = self.sealer.seal(&binding(*id), json)?;
                insert.execute(params![id, read, sealed])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Marks every notice up to `up_to` read.
    pub fn mark_notices_read(&self, up_to: i64) -> Result<(), StoreError> {
        self.conn()?
            .prepare_cached("UPDATE notices SET read = 1 WHERE notice_id <= ?1 AND read = 0")?
            .execute(params![up_to])?;
        Ok(())
    }

    /// How many notices are unread.
    pub fn unread_notices(&self) -> Result<u32, StoreError> {
        Ok(self
            .conn()?
            .prepare_cached("SELECT COUNT(*) FROM notices WHERE read = 0")?
            .query_row([], |r| r.get(0))?)
    }

    /// The newest notice's id (0 with none): where the next sync starts.
    pub fn newest_notice(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn()?
            .prepare_cached("SELECT COALESCE(MAX(notice_id), 0) FROM notices")?
            .query_row([], |r| r.get(0))?)
    }

    /// Up to `limit` notices older than `before` (all when `None`), newest first.
    pub fn notice_page(
        &self,
        before: Option<i64>,
        limit: u32,
    ) -> Result<Vec<StoredNotice>, StoreError> {
        let rows: Vec<(i64, bool, Vec<u8>)> = {
            let conn = self.conn()?;
            let mut statement = conn.prepare_cached(
                "SELECT notice_id, read, body FROM notices WHERE notice_id < ?1
                 ORDER BY notice_id DESC LIMIT ?2",
            )?;
            statement
                .query_map(params![before.unwrap_or(i64::MAX), limit], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })?
                .collect::<Result<_, _>>()?
        };
        rows.into_iter()
            .map(|(notice_id, read, sealed)| {
                Ok(StoredNotice {
                    notice_id,
                    read,
                    body: self.sealer.open(&binding(notice_id), &sealed)?,
                })
            })
            .collect()
    }

    /// A read mark the bank has not heard of yet.
    pub fn pending_read_mark(&self) -> Result<Option<i64>, StoreError> {
        Ok(self
            .conn()?
            .prepare_cached("SELECT pending FROM notice_marks WHERE id = 1")?
            .query_row([], |r| r.get(0))
            .optional()?)
    }

    /// Keeps (`Some`, never lowering one held) or clears (`None`) the read mark to send.
    pub fn set_pending_read_mark(&self, mark: Option<i64>) -> Result<(), StoreError> {
        let conn = self.conn()?;
        match mark {
            Some(mark) => conn
                .prepare_cached(
                    "INSERT INTO notice_marks (id, pending) VALUES (1, ?1)
                     ON CONFLICT (id) DO UPDATE SET pending = MAX(pending, excluded.pending)",
                )?
                .execute(params![mark])?,
            None => conn
                .prepare_cached("DELETE FROM notice_marks")?
                .execute([])?,
        };
        Ok(())
    }
}

fn binding(id: i64) -> String {
    format!("notices.body.{id}")
}
