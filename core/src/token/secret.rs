//! Key bytes that are wiped from memory on drop and never printed.

use std::fmt;

use zeroize::Zeroizing;

use super::{OtpError, constant_time_eq};

/// An OTP seed: raw key bytes, zeroized when dropped.
///
/// `Debug` shows only the length. The bytes leave only through the explicitly named
/// [`Secret::expose`] and [`Secret::to_base32`].
#[derive(Clone)]
pub struct Secret(Zeroizing<Vec<u8>>);

impl Secret {
    /// Wraps key bytes; an empty key is refused.
    pub fn new(bytes: Vec<u8>) -> Result<Self, OtpError> {
        let bytes = Zeroizing::new(bytes);
        if bytes.is_empty() {
            return Err(OtpError::Secret);
        }
        Ok(Self(bytes))
    }

    /// Reads a key written in hexadecimal (either case; spaces ignored), as oathtool takes it.
    pub fn from_hex(text: &str) -> Result<Self, OtpError> {
        let digits: Zeroizing<String> =
            Zeroizing::new(text.chars().filter(|c| !c.is_whitespace()).collect());
        Self::new(hex_decode(&digits).ok_or(OtpError::Secret)?)
    }

    /// Reads a key written in RFC 4648 base32 (either case; padding and spaces ignored),
    /// as authenticator apps show it.
    pub fn from_base32(text: &str) -> Result<Self, OtpError> {
        let cleaned: Zeroizing<String> = Zeroizing::new(
            text.chars()
                .filter(|c| !c.is_whitespace() && *c != '=')
                .map(|c| c.to_ascii_uppercase())
                .collect(),
        );
        // base32 accepts trailing bits that a canonical encoding never has; refuse
        // lengths that cannot come from whole bytes (1, 3 and 6 characters mod 8).
        if matches!(cleaned.len() % 8, 1 | 3 | 6) {
            return Err(OtpError::Secret);
        }
        let bytes = base32::decode(base32::Alphabet::Rfc4648 { padding: false }, &cleaned)
            .ok_or(OtpError::Secret)?;
        Self::new(bytes)
    }

    /// The key bytes. Named so that every use is easy to find in review.
    pub fn expose(&self) -> &[u8] {
        &self.0
    }

    /// The key in unpadded upper-case base32, for an `otpauth://` export.
    pub fn to_base32(&self) -> Zeroizing<String> {
        Zeroizing::new(base32::encode(
            base32::Alphabet::Rfc4648 { padding: false },
            &self.0,
        ))
    }

    /// The key length in bytes.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Always false: an empty secret cannot be built.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl PartialEq for Secret {
    /// Constant-time comparison of the key bytes.
    fn eq(&self, other: &Self) -> bool {
        constant_time_eq(&self.0, &other.0)
    }
}

impl Eq for Secret {}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secret({} bytes, redacted)", self.0.len())
    }
}

/// Decodes hexadecimal of even length; `None` on any other character.
pub(crate) fn hex_decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    bytes
        .chunks_exact(2)
        .map(|pair| Some(hex_value(pair[0])? << 4 | hex_value(pair[1])?))
        .collect()
}

/// The value of one hexadecimal digit.
pub(crate) fn hex_value(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}
