//! The bank's side of the SMS keys: agreement (`sms_key_agree`), lookup of
//! a frame's key, claiming an uplink counter, and downlink counters.

use hamrah_core::sms::SmsError;
use hamrah_core::sms::key::{self, SmsKey};
use hamrah_core::store::Sealer;
use p256::PublicKey;
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::window::Window;
use crate::error::{ApiError, ApiResult};
use crate::vault;

/// The bank's answer to an agreement, before it is put in JSON.
#[derive(Debug)]
pub struct Agreed {
    /// The new key's id.
    pub key_id: u16,
    /// The bank's ephemeral public key, base64url.
    pub server_public_key: String,
    /// The HKDF salt (32 bytes).
    pub salt: [u8; 32],
}

/// Agrees a key with the device's public key, retiring the device's earlier keys.
pub fn agree(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    customer_id: &str,
    device_id: &str,
    device_key: &PublicKey,
    now: i64,
) -> ApiResult<Agreed> {
    let last: i64 = tx
        .prepare_cached("SELECT COALESCE(MAX(key_id), 0) FROM sms_keys WHERE customer_id = ?1")?
        .query_row(params![customer_id], |r| r.get(0))?;
    let key_id = u16::try_from(last + 1).map_err(|_| ApiError::internal())?;
    let secret = key::fresh_secret();
    let mut salt = [0u8; 32];
    rand::fill(&mut salt);
    let sms_key = key::derive(&secret, device_key, &salt, key_id);
    tx.prepare_cached(
        "UPDATE sms_keys SET retired_at = ?3 WHERE customer_id = ?1 AND device_id = ?2 AND retired_at IS NULL",
    )?
    .execute(params![customer_id, device_id, now])?;
    tx.prepare_cached(
        "INSERT INTO sms_keys (customer_id, key_id, device_id, key, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        customer_id,
        key_id,
        device_id,
        vault::seal(
            sealer,
            &vault::sms_key_binding(customer_id, i64::from(key_id)),
            &sms_key.bytes()[..]
        )?,
        now
    ])?;
    Ok(Agreed {
        key_id,
        server_public_key: key::public_key_to_base64url(&secret.public_key()),
        salt,
    })
}

/// A live key of a customer, found by a frame's key id.
#[derive(Debug)]
pub struct LiveKey {
    /// The customer.
    pub customer_id: String,
    /// The device it was agreed with.
    pub device_id: String,
    /// The key.
    pub key: SmsKey,
    /// Its uplink window.
    pub window: Window,
}

/// The live key `key_id` of any customer with this mobile number: not
/// retired, its device not revoked.
pub fn find(
    conn: &Connection,
    sealer: &Sealer,
    mobile: &str,
    key_id: u16,
) -> ApiResult<Option<LiveKey>> {
    let row: Option<(String, String, Vec<u8>, i64, i64)> = conn
        .prepare_cached(
            "SELECT k.customer_id, k.device_id, k.key, k.up_highest, k.up_seen
             FROM sms_keys k
             JOIN customers c ON c.id = k.customer_id
             JOIN devices d ON d.customer_id = k.customer_id AND d.device_id = k.device_id
             WHERE c.mobile = ?1 AND k.key_id = ?2 AND k.retired_at IS NULL AND d.revoked_at IS NULL",
        )?
        .query_row(params![mobile, key_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .optional()?;
    let Some((customer_id, device_id, sealed, highest, seen)) = row else {
        return Ok(None);
    };
    let binding = vault::sms_key_binding(&customer_id, i64::from(key_id));
    let bytes = vault::open(sealer, &binding, &sealed)?;
    Ok(Some(LiveKey {
        customer_id,
        device_id,
        key: SmsKey::from_bytes(key_id, &bytes).map_err(|_| ApiError::internal())?,
        window: window_of(highest, seen),
    }))
}

fn window_of(highest: i64, seen: i64) -> Window {
    Window {
        highest: u32::try_from(highest).ok(),
        seen: seen as u64,
    }
}

/// Accepts `counter` of an authenticated frame, atomically: a concurrent
/// duplicate loses here and is refused as a replay.
pub fn claim(
    tx: &Transaction<'_>,
    customer_id: &str,
    key_id: u16,
    counter: u32,
) -> ApiResult<Result<(), SmsError>> {
    let (highest, seen): (i64, i64) = tx
        .prepare_cached(
            "SELECT up_highest, up_seen FROM sms_keys WHERE customer_id = ?1 AND key_id = ?2",
        )?
        .query_row(params![customer_id, key_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let window = window_of(highest, seen);
    if let Err(refusal) = window.check(counter) {
        return Ok(Err(refusal));
    }
    let next = window.accept(counter);
    tx.prepare_cached(
        "UPDATE sms_keys SET up_highest = ?3, up_seen = ?4 WHERE customer_id = ?1 AND key_id = ?2",
    )?
    .execute(params![
        customer_id,
        key_id,
        next.highest.map_or(-1, i64::from),
        next.seen as i64
    ])?;
    Ok(Ok(()))
}

/// The next downlink counter of a key (each used once).
pub fn next_down(tx: &Transaction<'_>, customer_id: &str, key_id: u16) -> ApiResult<u32> {
    let counter: i64 = tx
        .prepare_cached(
            "UPDATE sms_keys SET down_next = down_next + 1 WHERE customer_id = ?1 AND key_id = ?2
             RETURNING down_next - 1",
        )?
        .query_row(params![customer_id, key_id], |r| r.get(0))?;
    u32::try_from(counter).map_err(|_| ApiError::internal())
}
