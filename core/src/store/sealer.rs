//! Sealing of sensitive columns: AES-256-GCM with the row bound in as
//! associated data, and keyed blind indexes for the columns searched by value.

use aes_gcm::aead::{Aead, Payload};
use aes_gcm::{Aes256Gcm, KeyInit, Nonce};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use zeroize::Zeroizing;

use super::StoreError;

/// Bytes of the random nonce stored before each ciphertext.
const NONCE_LEN: usize = 12;

/// Seals and opens column values under the store's key.
pub struct Sealer {
    cipher: Aes256Gcm,
    /// HMAC-SHA256 already keyed with the index key; cloned per digest.
    index_mac: Hmac<Sha256>,
}

impl Sealer {
    /// Derives the sealing and the index key from the store's master key.
    pub fn new(master: &[u8; 32]) -> Result<Self, StoreError> {
        let seal_key = derive(master, b"hamrah/store/seal/v1")?;
        let index_key = derive(master, b"hamrah/store/index/v1")?;
        Ok(Self {
            cipher: Aes256Gcm::new((&*seal_key).into()),
            index_mac: keyed(&*index_key)?,
        })
    }

    /// `nonce || ciphertext+tag` of `plaintext`, bound to `binding`
    /// (`table.column.row_id`): a value moved to another row or column no longer opens.
    pub fn seal(&self, binding: &str, plaintext: &[u8]) -> Result<Vec<u8>, StoreError> {
        let nonce_bytes: [u8; NONCE_LEN] = rand::random();
        let sealed = self
            .cipher
            .encrypt(
                Nonce::from_slice(&nonce_bytes),
                Payload {
                    msg: plaintext,
                    aad: binding.as_bytes(),
                },
            )
            .map_err(|_| StoreError::Crypto)?;
        let mut out = Vec::with_capacity(NONCE_LEN + sealed.len());
        out.extend_from_slice(&nonce_bytes);
        out.extend_from_slice(&sealed);
        Ok(out)
    }

    /// The plaintext of a sealed value, checked against its binding.
    pub fn open(&self, binding: &str, sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>, StoreError> {
        if sealed.len() < NONCE_LEN {
            return Err(StoreError::Crypto);
        }
        let (nonce, ciphertext) = sealed.split_at(NONCE_LEN);
        self.cipher
            .decrypt(
                Nonce::from_slice(nonce),
                Payload {
                    msg: ciphertext,
                    aad: binding.as_bytes(),
                },
            )
            .map(Zeroizing::new)
            .map_err(|_| StoreError::Crypto)
    }

    /// A keyed digest of `value` for equality search (`kind` separates the
    /// domains, e.g. `counterparty` and `amount`). Reveals only equality.
    pub fn blind_index(&self, kind: &str, value: &str) -> Vec<u8> {
        let mut mac = self.index_mac.clone();
        mac.update(kind.as_bytes());
        mac.update(&[0]);
        mac.update(value.as_bytes());
        mac.finalize().into_bytes()[..16].to_vec()
    }
}

fn keyed(key: &[u8]) -> Result<Hmac<Sha256>, StoreError> {
    <Hmac<Sha256> as Mac>::new_from_slice(key).map_err(|_| StoreError::Crypto)
}

/// A subkey of the master key for one purpose.
fn derive(master: &[u8; 32], label: &[u8]) -> Result<Zeroizing<[u8; 32]>, StoreError> {
    let mut mac = keyed(master)?;
    mac.update(label);
    let mut key = Zeroizing::new([0u8; 32]);
    key.copy_from_slice(&mac.finalize().into_bytes());
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seals_and_opens_bound_to_the_row() {
        let sealer = Sealer::new(&[7; 32]).unwrap();
        let sealed = sealer.seal("t.c.1", b"6037991002003014").unwrap();
        assert_eq!(
            &*sealer.open("t.c.1", &sealed).unwrap(),
            b"6037991002003014"
        );
        assert!(sealer.open("t.c.2", &sealed).is_err());
        let mut flipped = sealed.clone();
        flipped[20] ^= 1;
        assert!(sealer.open("t.c.1", &flipped).is_err());
        assert!(sealer.open("t.c.1", &sealed[..5]).is_err());
    }

    #[test]
    fn blind_index_is_keyed_and_deterministic() {
        let a = Sealer::new(&[1; 32]).unwrap();
        let b = Sealer::new(&[2; 32]).unwrap();
        assert_eq!(
            a.blind_index("amount", "100"),
            a.blind_index("amount", "100")
        );
        assert_ne!(
            a.blind_index("amount", "100"),
            a.blind_index("counterparty", "100")
        );
        assert_ne!(
            a.blind_index("amount", "100"),
            b.blind_index("amount", "100")
        );
    }
}
