//! The bank's secrets at rest: soft-token seeds and SMS keys are sealed in the
//! database (AES-256-GCM, each value bound to its table, column and row) with
//! the core's [`Sealer`], under a key kept beside the database in
//! `column.key` (owner-only). A real bank holds that key in an HSM; the
//! sandbox keeps it in its data directory, so a copied database alone gives
//! up no seed. CVV2s and second PINs are not sealed but kept as keyed hashes
//! ([`cvv2`]).

pub mod cvv2;

use std::fs::OpenOptions;
use std::io::{Read, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use hamrah_core::store::Sealer;
use rusqlite::{OptionalExtension, Transaction, params};
use zeroize::Zeroizing;

use crate::error::{ApiError, ApiResult};

/// Bytes of a plain seed or SMS key (sealed values are longer: nonce and tag).
const PLAIN_LEN: i64 = 32;

/// What the column key gives: the sealer of secret columns and the CVV2 key.
pub struct ColumnKeys {
    /// Seals seeds, SMS keys and SMS codes.
    pub sealer: Sealer,
    /// Verifies CVV2s and second PINs against their keyed hashes.
    pub cvv2: cvv2::Cvv2Mac,
}

/// Reads the column key from `path`, creating it (mode 0600) on first start.
pub fn load_or_create(path: &Path) -> std::io::Result<ColumnKeys> {
    let mut key = Zeroizing::new([0u8; 32]);
    match OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
    {
        Ok(mut file) => {
            rand::fill(key.as_mut());
            file.write_all(key.as_ref())?;
            file.sync_all()?;
        }
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
            std::fs::File::open(path)?.read_exact(key.as_mut())?;
        }
        Err(error) => return Err(error),
    }
    let sealer = Sealer::new(&key).map_err(|_| std::io::Error::other("column key"))?;
    let cvv2 =
        cvv2::Cvv2Mac::from_column_key(&key).map_err(|_| std::io::Error::other("cvv2 key"))?;
    Ok(ColumnKeys { sealer, cvv2 })
}

/// What a soft-token seed is bound to.
pub fn seed_binding(token_id: &str) -> String {
    format!("soft_tokens.seed.{token_id}")
}

/// What an SMS key is bound to.
pub fn sms_key_binding(customer_id: &str, key_id: i64) -> String {
    format!("sms_keys.key.{customer_id}.{key_id}")
}

/// `value` sealed to `binding`.
pub fn seal(sealer: &Sealer, binding: &str, value: &[u8]) -> ApiResult<Vec<u8>> {
    sealer
        .seal(binding, value)
        .map_err(|_| ApiError::internal())
}

/// The plain value of a sealed column; a value that does not open (another
/// key, moved to another row) is an internal error, never a wrong answer.
pub fn open(sealer: &Sealer, binding: &str, sealed: &[u8]) -> ApiResult<Zeroizing<Vec<u8>>> {
    sealer
        .open(binding, sealed)
        .map_err(|_| ApiError::internal())
}

/// Checks that the key opens a sealed seed, a sealed SMS key and a sealed
/// SMS code of the database, if it has any: a data directory given another directory's key
/// refuses to start rather than fail every soft-token payment later.
pub fn check_key(tx: &Transaction<'_>, sealer: &Sealer) -> ApiResult<()> {
    let seed: Option<(String, Vec<u8>)> = tx
        .query_row(
            "SELECT token_id, seed FROM soft_tokens WHERE length(seed) > ?1 LIMIT 1",
            params![PLAIN_LEN],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((token_id, sealed)) = seed {
        open(sealer, &seed_binding(&token_id), &sealed).map_err(|_| wrong_key())?;
    }
    let key: Option<(String, i64, Vec<u8>)> = tx
        .query_row(
            "SELECT customer_id, key_id, key FROM sms_keys WHERE length(key) > ?1 LIMIT 1",
            params![PLAIN_LEN],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    if let Some((customer_id, key_id, sealed)) = key {
        let binding = sms_key_binding(&customer_id, key_id);
        open(sealer, &binding, &sealed).map_err(|_| wrong_key())?;
    }
    if !crate::sms::key_opens(tx, sealer)? {
        return Err(wrong_key());
    }
    Ok(())
}

fn wrong_key() -> ApiError {
    ApiError::new(
        axum::http::StatusCode::INTERNAL_SERVER_ERROR,
        "internal.column_key",
        "کلید ستون‌های محرمانه با پایگاه داده نمی‌خواند.",
        "column.key does not open this database's sealed secrets (a key from another data directory?)",
    )
}

/// Seals the seeds and SMS keys a sandbox of an earlier version stored in
/// the clear; run once at start, a no-op afterwards.
pub fn seal_plain_rows(tx: &Transaction<'_>, sealer: &Sealer) -> ApiResult<usize> {
    let mut sealed = 0;
    let seeds: Vec<(String, Vec<u8>)> = tx
        .prepare("SELECT token_id, seed FROM soft_tokens WHERE length(seed) = ?1")?
        .query_map(params![PLAIN_LEN], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    for (token_id, seed) in seeds {
        let seed = Zeroizing::new(seed);
        let value = seal(sealer, &seed_binding(&token_id), &seed)?;
        sealed += tx.execute(
            "UPDATE soft_tokens SET seed = ?2 WHERE token_id = ?1",
            params![token_id, value],
        )?;
    }
    let keys: Vec<(String, i64, Vec<u8>)> = tx
        .prepare("SELECT customer_id, key_id, key FROM sms_keys WHERE length(key) = ?1")?
        .query_map(params![PLAIN_LEN], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<Result<_, _>>()?;
    for (customer_id, key_id, key) in keys {
        let key = Zeroizing::new(key);
        let value = seal(sealer, &sms_key_binding(&customer_id, key_id), &key)?;
        sealed += tx.execute(
            "UPDATE sms_keys SET key = ?3 WHERE customer_id = ?1 AND key_id = ?2",
            params![customer_id, key_id, value],
        )?;
    }
    Ok(sealed)
}
