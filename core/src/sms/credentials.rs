//! A card payment's credentials as an SMS frame carries them, inside the
//! encryption: expiry, CVV2, and the second PIN with its kind (an SMS dynamic
//! PIN, or a soft-token code: OCRA, bound to amount and payee, is the one
//! recommended over SMS).

use zeroize::Zeroizing;

use super::SmsError;
use super::wire::{Reader, Writer};

/// How the payer proves a card payment (the contract's `PinKind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinKind {
    /// An SMS dynamic PIN asked for with [`Request::DynamicPin`] (or over HTTPS).
    Sms = 1,
    /// A soft-token time-based code.
    Totp = 2,
    /// A soft-token code bound to the amount and payee (recommended over SMS).
    Ocra = 3,
}

impl PinKind {
    /// The contract's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Sms => "sms",
            Self::Totp => "totp",
            Self::Ocra => "ocra",
        }
    }

    pub(super) fn from_byte(byte: u8) -> Result<Self, SmsError> {
        Ok(match byte {
            1 => Self::Sms,
            2 => Self::Totp,
            3 => Self::Ocra,
            _ => return Err(SmsError::FieldInvalid),
        })
    }
}

/// A card's payment credentials: expiry `YYMM`, CVV2, the second PIN and its
/// kind. Wiped when dropped; `Debug` shows none of it.
#[derive(Clone, PartialEq, Eq)]
pub struct CardCredentials {
    /// Expiry as printed, `YYMM`.
    pub expiry: Zeroizing<String>,
    /// CVV2 (3 or 4 digits).
    pub cvv2: Zeroizing<String>,
    /// The second PIN: a dynamic PIN or a soft-token code.
    pub pin: Zeroizing<String>,
    /// Which kind of second PIN.
    pub pin_kind: PinKind,
}

impl std::fmt::Debug for CardCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CardCredentials")
            .field("pin_kind", &self.pin_kind)
            .finish_non_exhaustive()
    }
}

impl CardCredentials {
    pub(super) fn write(&self, w: &mut Writer) -> Result<(), SmsError> {
        w.digits(&self.expiry)?
            .digits(&self.cvv2)?
            .u8(self.pin_kind as u8)
            .digits(&self.pin)?;
        Ok(())
    }

    pub(super) fn read(r: &mut Reader<'_>) -> Result<Self, SmsError> {
        Ok(Self {
            expiry: Zeroizing::new(r.digits()?),
            cvv2: Zeroizing::new(r.digits()?),
            pin_kind: PinKind::from_byte(r.u8()?)?,
            pin: Zeroizing::new(r.digits()?),
        })
    }
}
