//! The bank's public information as it last came: one sealed body per
//! document, with its `ETag` and when the bank last confirmed it current.

use rusqlite::{OptionalExtension, params};
use zeroize::Zeroizing;

use super::{Store, StoreError};

/// A cached document.
pub struct CachedDocument {
    /// The bank's `ETag` for it.
    pub etag: Option<String>,
    /// When the bank last sent or confirmed it (bank clock, Unix seconds).
    pub fetched_at: i64,
    /// The JSON body as the bank sent it.
    pub body: Zeroizing<Vec<u8>>,
}

impl Store {
    /// Keeps a new version of the document `name`.
    pub fn save_document(
        &self,
        name: &str,
        etag: Option<&str>,
        fetched_at: i64,
        body: &[u8],
    ) -> Result<(), StoreError> {
        let sealed = self.sealer.seal(&binding(name), body)?;
        self.conn()?
            .prepare_cached(
                "INSERT OR REPLACE INTO documents (name, etag, fetched_at, body) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![name, etag, fetched_at, sealed])?;
        Ok(())
    }

    /// Records that the bank confirmed the document `name` current at `fetched_at`.
    pub fn touch_document(&self, name: &str, fetched_at: i64) -> Result<(), StoreError> {
        self.conn()?
            .prepare_cached("UPDATE documents SET fetched_at = ?2 WHERE name = ?1")?
            .execute(params![name, fetched_at])?;
        Ok(())
    }

    /// The document `name`, when it was fetched once.
    pub fn document(&self, name: &str) -> Result<Option<CachedDocument>, StoreError> {
        let row: Option<(Option<String>, i64, Vec<u8>)> = self
            .conn()?
            .prepare_cached("SELECT etag, fetched_at, body FROM documents WHERE name = ?1")?
            .query_row(params![name], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        row.map(|(etag, fetched_at, sealed)| {
            Ok(CachedDocument {
                etag,
                fetched_at,
                body: self.sealer.open(&binding(name), &sealed)?,
            })
        })
        .transpose()
    }
}

fn binding(name: &str) -> String {
    format!("documents.body.{name}")
}
