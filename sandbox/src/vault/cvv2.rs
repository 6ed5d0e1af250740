//! CVV2s at rest: a bank never stores a card's CVV2, only what verifies it.
//! The sandbox keeps HMAC-SHA256 of the card number and CVV2 under a key
//! derived from the column key (HKDF-SHA256, its own `info`), as lowercase
//! hex in `cards.cvv2`: the database alone gives up no CVV2, and the same
//! CVV2 on two cards gives two different values.

use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use rusqlite::{Transaction, params};
use sha2::Sha256;
use zeroize::Zeroizing;

use crate::error::{ApiError, ApiResult};

/// The HKDF `info` of the CVV2 key.
const INFO: &[u8] = b"hamrah-sandbox/cvv2-mac/v1";

/// Verifies CVV2s against their stored keyed hashes.
pub struct Cvv2Mac {
    key: Zeroizing<[u8; 32]>,
}

impl std::fmt::Debug for Cvv2Mac {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Cvv2Mac(..)")
    }
}

impl Cvv2Mac {
    /// The CVV2 key derived from the column key.
    pub fn from_column_key(column_key: &[u8; 32]) -> ApiResult<Self> {
        let mut key = Zeroizing::new([0u8; 32]);
        Hkdf::<Sha256>::new(None, column_key)
            .expand(INFO, key.as_mut())
            .map_err(|_| ApiError::internal())?;
        Ok(Self { key })
    }

    fn mac(&self, pan: &str, cvv2: &str) -> ApiResult<Hmac<Sha256>> {
        let mut mac =
            Hmac::<Sha256>::new_from_slice(self.key.as_ref()).map_err(|_| ApiError::internal())?;
        mac.update(b"cvv2\n");
        mac.update(pan.as_bytes());
        mac.update(b"\n");
        mac.update(cvv2.as_bytes());
        Ok(mac)
    }

    /// What the cards table keeps for this card's CVV2 (64 hex digits).
    pub fn digest(&self, pan: &str, cvv2: &str) -> ApiResult<String> {
        let tag = self.mac(pan, cvv2)?.finalize().into_bytes();
        Ok(tag.iter().map(|b| format!("{b:02x}")).collect())
    }

    /// Whether `cvv2` is the card's, compared in constant time with `stored`.
    pub fn verifies(&self, pan: &str, cvv2: &str, stored: &str) -> bool {
        let Some(tag) = from_hex(stored) else {
            return false;
        };
        self.mac(pan, cvv2)
            .is_ok_and(|mac| mac.verify_slice(&tag).is_ok())
    }
}

fn from_hex(text: &str) -> Option<Vec<u8>> {
    if text.len() != 64 {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

/// Replaces the clear CVV2s an earlier sandbox stored (3 or 4 digits) by
/// their keyed hashes; run once at start, a no-op afterwards.
pub fn hash_plain_rows(tx: &Transaction<'_>, mac: &Cvv2Mac) -> ApiResult<usize> {
    let plain: Vec<(String, String, String)> = tx
        .prepare("SELECT id, pan, cvv2 FROM cards WHERE length(cvv2) <= 4")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    let mut hashed = 0;
    for (id, pan, cvv2) in plain {
        let cvv2 = Zeroizing::new(cvv2);
        hashed += tx.execute(
            "UPDATE cards SET cvv2 = ?2 WHERE id = ?1",
            params![id, mac.digest(&pan, &cvv2)?],
        )?;
    }
    Ok(hashed)
}
