//! [`OperationKey`]: the idempotency key that names one money-moving
//! operation on every channel (the `Idempotency-Key` header over HTTPS, 16
//! bytes in an SMS frame) and in the phone's journal.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use uuid::Uuid;

/// A random (version 4) UUID, written lowercase with hyphens.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OperationKey(Uuid);

impl OperationKey {
    /// A fresh key for a new operation.
    pub fn new() -> Self {
        Self(Uuid::new_v4())
    }

    /// The UUID (for the SMS frame's 16 bytes).
    pub fn uuid(&self) -> Uuid {
        self.0
    }

    /// `3f1c2b9e-5a7d-4c61-9e0b-2d8f6a4b7c10`, as the header and the journal carry it.
    pub fn to_text(&self) -> String {
        self.0.hyphenated().to_string()
    }
}

impl Default for OperationKey {
    fn default() -> Self {
        Self::new()
    }
}

impl From<Uuid> for OperationKey {
    fn from(uuid: Uuid) -> Self {
        Self(uuid)
    }
}

/// A text that is not a UUID.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not an operation key")]
pub struct KeyFormatError;

impl FromStr for OperationKey {
    type Err = KeyFormatError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Uuid::parse_str(text).map(Self).map_err(|_| KeyFormatError)
    }
}

impl fmt::Display for OperationKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0.hyphenated(), f)
    }
}

impl fmt::Debug for OperationKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "OperationKey({self})")
    }
}

impl Serialize for OperationKey {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for OperationKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly
    use super::*;

    #[test]
    fn a_key_is_written_as_its_hyphenated_uuid_and_read_back() {
        let key = OperationKey::new();
        let text = key.to_text();
        assert_eq!(text.len(), 36);
        assert_eq!(text.parse::<OperationKey>().unwrap(), key);
        assert_eq!(serde_json::to_value(key).unwrap(), text.as_str());
        let back: OperationKey = serde_json::from_value(text.clone().into()).unwrap();
        assert_eq!(back, key);
        assert_ne!(OperationKey::new(), key);
        assert!("not-a-key".parse::<OperationKey>().is_err());
    }
}
