//! The frame: a 7-byte header (version and direction, key id, counter), the
//! operation sealed with AES-256-GCM under the SMS key, and the 16-byte tag.
//!
//! ```text
//! byte 0      version (high nibble, 1) | reserved (3 bits, 0) | direction (bit 0: 0 up, 1 down)
//! bytes 1-2   key id, u16 big-endian
//! bytes 3-6   counter, u32 big-endian, per key and direction
//! bytes 7..   ciphertext (same length as the plaintext)
//! last 16     GCM tag; AAD = the 7 header bytes
//! nonce       direction (1 byte) || 7 zero bytes || counter (u32 BE)
//! ```

use aes_gcm::aead::{Aead, Payload};
use aes_gcm::{Aes256Gcm, KeyInit, Nonce};
use zeroize::Zeroizing;

use super::{SmsError, SmsKey};

/// The frame version this code speaks.
pub const VERSION: u8 = 1;
/// Header bytes.
pub const HEADER_LEN: usize = 7;
/// GCM tag bytes.
pub const TAG_LEN: usize = 16;
/// The shortest frame: a header, a one-byte operation, a tag.
pub const MIN_FRAME_LEN: usize = HEADER_LEN + 1 + TAG_LEN;
/// The longest frame: one data SMS.
pub const MAX_FRAME_LEN: usize = 140;

/// Which way a frame travels; part of the nonce, so the two directions
/// never share one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Phone to bank.
    Up,
    /// Bank to phone.
    Down,
}

/// A frame's clear header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    /// Up or down.
    pub direction: Direction,
    /// The SMS key it is sealed under.
    pub key_id: u16,
    /// Its counter: never reused for one key and direction.
    pub counter: u32,
}

impl Header {
    fn bytes(self) -> [u8; HEADER_LEN] {
        let mut out = [0u8; HEADER_LEN];
        out[0] = (VERSION << 4) | u8::from(self.direction == Direction::Down);
        out[1..3].copy_from_slice(&self.key_id.to_be_bytes());
        out[3..7].copy_from_slice(&self.counter.to_be_bytes());
        out
    }

    fn nonce(self) -> [u8; 12] {
        let mut nonce = [0u8; 12];
        nonce[0] = u8::from(self.direction == Direction::Down);
        nonce[8..].copy_from_slice(&self.counter.to_be_bytes());
        nonce
    }

    /// Reads the clear header of a frame without opening it: the length, the
    /// version and the reserved bits are checked here.
    pub fn peek(frame: &[u8]) -> Result<Self, SmsError> {
        let Some(head) = frame.first_chunk::<HEADER_LEN>() else {
            return Err(SmsError::FrameTruncated);
        };
        if head[0] >> 4 != VERSION || head[0] & 0x0e != 0 {
            return Err(SmsError::VersionUnsupported);
        }
        if frame.len() < MIN_FRAME_LEN {
            return Err(SmsError::FrameTruncated);
        }
        if frame.len() > MAX_FRAME_LEN {
            return Err(SmsError::TooLong);
        }
        Ok(Self {
            direction: if head[0] & 1 == 0 {
                Direction::Up
            } else {
                Direction::Down
            },
            key_id: u16::from_be_bytes([head[1], head[2]]),
            counter: u32::from_be_bytes([head[3], head[4], head[5], head[6]]),
        })
    }
}

/// Seals `plaintext` into a frame under `key` with `header`.
pub fn seal(key: &SmsKey, header: Header, plaintext: &[u8]) -> Result<Vec<u8>, SmsError> {
    if HEADER_LEN + plaintext.len() + TAG_LEN > MAX_FRAME_LEN {
        return Err(SmsError::TooLong);
    }
    let cipher = Aes256Gcm::new(key.bytes().into());
    let aad = header.bytes();
    let sealed = cipher
        .encrypt(
            Nonce::from_slice(&header.nonce()),
            Payload {
                msg: plaintext,
                aad: &aad,
            },
        )
        .map_err(|_| SmsError::TooLong)?;
    let mut frame = aad.to_vec();
    frame.extend_from_slice(&sealed);
    Ok(frame)
}

/// Opens a frame under `key`: its header and plaintext, or
/// [`SmsError::TagInvalid`] if any byte (header included) was altered.
pub fn open(key: &SmsKey, frame: &[u8]) -> Result<(Header, Zeroizing<Vec<u8>>), SmsError> {
    let header = Header::peek(frame)?;
    if header.key_id != key.key_id() {
        return Err(SmsError::KeyUnknown);
    }
    let cipher = Aes256Gcm::new(key.bytes().into());
    let (aad, sealed) = frame.split_at(HEADER_LEN);
    let plaintext = cipher
        .decrypt(
            Nonce::from_slice(&header.nonce()),
            Payload { msg: sealed, aad },
        )
        .map_err(|_| SmsError::TagInvalid)?;
    Ok((header, Zeroizing::new(plaintext)))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly
    use super::*;

    fn key(id: u16, byte: u8) -> SmsKey {
        SmsKey::from_bytes(id, &[byte; 32]).unwrap()
    }

    #[test]
    fn seal_open_and_every_flipped_bit_is_refused() {
        let header = Header {
            direction: Direction::Up,
            key_id: 3,
            counter: 41,
        };
        let frame = seal(&key(3, 9), header, b"\x01\x00").unwrap();
        assert_eq!(frame.len(), MIN_FRAME_LEN + 1);
        let (read, plain) = open(&key(3, 9), &frame).unwrap();
        assert_eq!((read, plain.as_slice()), (header, &b"\x01\x00"[..]));
        for bit in 0..frame.len() * 8 {
            let mut bad = frame.clone();
            bad[bit / 8] ^= 1 << (bit % 8);
            assert!(open(&key(3, 9), &bad).is_err(), "bit {bit}");
        }
        assert_eq!(open(&key(3, 8), &frame).err(), Some(SmsError::TagInvalid));
        assert_eq!(open(&key(4, 9), &frame).err(), Some(SmsError::KeyUnknown));
        assert_eq!(
            open(&key(3, 9), &frame[..20]).err(),
            Some(SmsError::FrameTruncated)
        );
        assert_eq!(
            open(&key(3, 9), &frame[..frame.len() - 1]).err(),
            Some(SmsError::TagInvalid)
        );
    }

    #[test]
    fn directions_never_share_a_nonce() {
        let up = Header {
            direction: Direction::Up,
            key_id: 1,
            counter: 5,
        };
        let down = Header {
            direction: Direction::Down,
            ..up
        };
        assert_ne!(up.nonce(), down.nonce());
        assert_ne!(up.bytes(), down.bytes());
    }
}
