//! The SMS channel's counters, per key: the next uplink counter (reserved
//! before a frame leaves) and the highest downlink counter accepted. Neither
//! ever goes backwards: updates only move them up, in one statement.

use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError};

/// The uplink counters of one key as the store holds them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SmsUplink {
    /// The next counter to use.
    pub next_up: u32,
    /// The ceiling of reserved counters the store last saw.
    pub ceiling: u32,
}

impl Store {
    /// Starts the counters of a new key at 0 (a new key always starts at 0;
    /// its nonces differ from every earlier key's because the key differs).
    pub fn sms_key_installed(&self, key_id: u16, ceiling: u32, now: i64) -> Result<(), StoreError> {
        self.conn()?.execute(
            "INSERT OR REPLACE INTO sms_counters (key_id, next_up, ceiling, highest_down, created_at)
             VALUES (?1, 0, ?2, -1, ?3)",
            params![key_id, ceiling, now],
        )?;
        Ok(())
    }

    /// The uplink counters of a key, if the store knows it.
    pub fn sms_uplink(&self, key_id: u16) -> Result<Option<SmsUplink>, StoreError> {
        let row: Option<(i64, i64)> = self
            .conn()?
            .query_row(
                "SELECT next_up, ceiling FROM sms_counters WHERE key_id = ?1",
                params![key_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        row.map(|(next_up, ceiling)| {
            Ok(SmsUplink {
                next_up: u32::try_from(next_up).map_err(|_| StoreError::Format)?,
                ceiling: u32::try_from(ceiling).map_err(|_| StoreError::Format)?,
            })
        })
        .transpose()
    }

    /// Records that `counter` is used and `ceiling` reserved: both only move up.
    pub fn sms_use_uplink(
        &self,
        key_id: u16,
        counter: u32,
        ceiling: u32,
    ) -> Result<(), StoreError> {
        let changed = self.conn()?.execute(
            "UPDATE sms_counters SET next_up = MAX(next_up, ?2 + 1), ceiling = MAX(ceiling, ?3, ?2 + 1)
             WHERE key_id = ?1",
            params![key_id, counter, ceiling],
        )?;
        if changed == 1 {
            Ok(())
        } else {
            Err(StoreError::Format)
        }
    }

    /// Accepts a downlink counter if it is above every one accepted before.
    pub fn sms_accept_downlink(&self, key_id: u16, counter: u32) -> Result<bool, StoreError> {
        let changed = self.conn()?.execute(
            "UPDATE sms_counters SET highest_down = ?2 WHERE key_id = ?1 AND highest_down < ?2",
            params![key_id, counter],
        )?;
        Ok(changed == 1)
    }
}
