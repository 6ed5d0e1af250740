//! CVV2s and second PINs at rest: a bank never stores a card's CVV2 or
//! static second PIN, only what verifies them. The sandbox keeps
//! HMAC-SHA256 of a label (`cvv2` or `pin2`), the card number and the secret
//! under a key derived from the column key (HKDF-SHA256, its own `info`), as
//! lowercase hex in `cards.cvv2` and `cards.second_pin`: the database alone
//! gives up neither, the same secret on two cards gives two different
//! values, and a CVV2's value never verifies as a second PIN.

use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use rusqlite::{Transaction, params};
use sha2::Sha256;
use zeroize::Zeroizing;

use crate::error::{ApiError, ApiResult};

/// The HKDF `info` of the CVV2 key.
const INFO: &[u8] = b"hamrah-sandbox/cvv2-mac/v1";

/// What a keyed hash is of: the label that starts its input.
#[derive(Debug, Clone, Copy)]
enum Secret {
    Cvv2,
    SecondPin,
}

impl Secret {
    fn label(self) -> &'static [u8] {
        match self {
            Self::Cvv2 => b"cvv2\n",
            Self::SecondPin => b"pin2\n",
        }
    }
}

/// Verifies CVV2s and second PINs against their stored keyed hashes.
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

    fn mac(&self, secret: Secret, pan: &str, value: &str) -> ApiResult<Hmac<Sha256>> {
        let mut mac =
            Hmac::<Sha256>::new_from_slice(self.key.as_ref()).map_err(|_| ApiError::internal())?;
        mac.update(secret.label());
        mac.update(pan.as_bytes());
        mac.update(b"\n");
        mac.update(value.as_bytes());
        Ok(mac)
    }

    fn hex(&self, secret: Secret, pan: &str, value: &str) -> ApiResult<String> {
        let tag = self.mac(secret, pan, value)?.finalize().into_bytes();
        Ok(tag.iter().map(|b| format!("{b:02x}")).collect())
    }

    /// Whether `value` is the card's, compared in constant time with `stored`.
    fn matches(&self, secret: Secret, pan: &str, value: &str, stored: &str) -> bool {
        let Some(tag) = from_hex(stored) else {
            return false;
        };
        self.mac(secret, pan, value)
            .is_ok_and(|mac| mac.verify_slice(&tag).is_ok())
    }

    /// What the cards table keeps for this card's CVV2 (64 hex digits).
    pub fn digest(&self, pan: &str, cvv2: &str) -> ApiResult<String> {
        self.hex(Secret::Cvv2, pan, cvv2)
    }

    /// Whether `cvv2` is the card's, compared in constant time with `stored`.
    pub fn verifies(&self, pan: &str, cvv2: &str, stored: &str) -> bool {
        self.matches(Secret::Cvv2, pan, cvv2, stored)
    }

    /// What the cards table keeps for this card's static second PIN (64 hex digits).
    pub fn second_pin_digest(&self, pan: &str, pin: &str) -> ApiResult<String> {
        self.hex(Secret::SecondPin, pan, pin)
    }

    /// Whether `pin` is the card's static second PIN, compared in constant
    /// time with `stored` (`None`, a card without one, never verifies).
    pub fn second_pin_verifies(&self, pan: &str, pin: &str, stored: Option<&str>) -> bool {
        stored.is_some_and(|stored| self.matches(Secret::SecondPin, pan, pin, stored))
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    const PAN: &str = "6037991002003014";

    fn mac() -> Cvv2Mac {
        Cvv2Mac::from_column_key(&[7; 32]).unwrap()
    }

    #[test]
    fn a_cvv2_hashes_as_it_always_did() {
        // Computed before second PINs shared the key: stored CVV2s still verify.
        let known = "95abd5ae3a50f1156edf4b9188294a36c43a7f56ac68d665b325d5a6fb502d67";
        assert_eq!(mac().digest(PAN, "412").unwrap(), known);
        assert!(mac().verifies(PAN, "412", known));
        assert!(!mac().verifies(PAN, "413", known));
    }

    #[test]
    fn a_second_pin_has_its_own_label() {
        let mac = mac();
        let stored = mac.second_pin_digest(PAN, "58214").unwrap();
        assert_eq!(
            stored,
            "1ab2f85ad065f67e0ce18432ef46bb815c31dd47f1d8d5a5d6466e3dd7b76f97"
        );
        assert!(mac.second_pin_verifies(PAN, "58214", Some(&stored)));
        assert!(!mac.second_pin_verifies(PAN, "58215", Some(&stored)));
        assert!(!mac.second_pin_verifies(PAN, "58214", None));
        // The same digits as a CVV2 give another value, which does not verify as a PIN.
        let as_cvv2 = mac.digest(PAN, "58214").unwrap();
        assert_ne!(as_cvv2, stored);
        assert!(!mac.second_pin_verifies(PAN, "58214", Some(&as_cvv2)));
    }
}
