//! `otpauth://` URIs (the Google Authenticator key URI format), for test seeds.
//!
//! `otpauth://totp/Issuer:account?secret=BASE32&issuer=Issuer&algorithm=SHA256&digits=6&period=30`
//! and `otpauth://hotp/...&counter=N`. Parsed by hand (a few lines of percent
//! decoding) rather than with `totp-rs`'s `otpauth` feature, which knows only
//! `totp`, panics on a URI without a host and puts the refused secret in its errors.

use std::fmt;
use std::str::FromStr;

use zeroize::Zeroizing;

use super::hotp::check_digits;
use super::secret::hex_value;
use super::{Algorithm, Hotp, OtpError, Secret, Totp};

/// Which kind of token a URI describes, with its moving factor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OtpKind {
    /// Time-based, with the period in seconds.
    Totp {
        /// The period in seconds (default 30).
        period: u64,
    },
    /// Counter-based, with the next counter.
    Hotp {
        /// The counter of the next code.
        counter: u64,
    },
}

/// A token as an `otpauth://` URI carries it. `Debug` redacts the secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtpAuth {
    kind: OtpKind,
    secret: Secret,
    algorithm: Algorithm,
    digits: u8,
    issuer: Option<String>,
    account: String,
}

impl OtpAuth {
    /// A token description; digits 6 to 8, a period of at least one second, and no
    /// `:` in the issuer or the account (it separates them in the label).
    pub fn new(
        kind: OtpKind,
        secret: Secret,
        algorithm: Algorithm,
        digits: u8,
        issuer: Option<String>,
        account: String,
    ) -> Result<Self, OtpError> {
        check_digits(digits)?;
        if kind == (OtpKind::Totp { period: 0 }) {
            return Err(OtpError::Period);
        }
        if account.contains(':') || issuer.as_deref().is_some_and(|i| i.contains(':')) {
            return Err(OtpError::Uri);
        }
        Ok(Self {
            kind,
            secret,
            algorithm,
            digits,
            issuer,
            account,
        })
    }

    /// The description of a TOTP generator.
    pub fn from_totp(
        totp: &Totp,
        issuer: Option<String>,
        account: String,
    ) -> Result<Self, OtpError> {
        let kind = OtpKind::Totp {
            period: totp.period(),
        };
        Self::new(
            kind,
            totp.secret()?,
            totp.algorithm(),
            totp.digits(),
            issuer,
            account,
        )
    }

    /// The description of an HOTP generator whose next counter is `counter`.
    pub fn from_hotp(
        hotp: &Hotp,
        counter: u64,
        issuer: Option<String>,
        account: String,
    ) -> Result<Self, OtpError> {
        let kind = OtpKind::Hotp { counter };
        Self::new(
            kind,
            hotp.secret()?,
            hotp.algorithm(),
            hotp.digits(),
            issuer,
            account,
        )
    }

    /// TOTP or HOTP, with its period or counter.
    pub fn kind(&self) -> OtpKind {
        self.kind
    }

    /// The seed.
    pub fn secret(&self) -> &Secret {
        &self.secret
    }

    /// The hash algorithm.
    pub fn algorithm(&self) -> Algorithm {
        self.algorithm
    }

    /// The number of digits.
    pub fn digits(&self) -> u8 {
        self.digits
    }

    /// The issuer (the bank), if given.
    pub fn issuer(&self) -> Option<&str> {
        self.issuer.as_deref()
    }

    /// The account name.
    pub fn account(&self) -> &str {
        &self.account
    }

    /// The TOTP generator; `otp.uri` for an HOTP URI.
    pub fn totp(&self) -> Result<Totp, OtpError> {
        match self.kind {
            OtpKind::Totp { period } => {
                Totp::new(self.secret.clone(), self.algorithm, self.digits, period)
            }
            OtpKind::Hotp { .. } => Err(OtpError::Uri),
        }
    }

    /// The HOTP generator and its next counter; `otp.uri` for a TOTP URI.
    pub fn hotp(&self) -> Result<(Hotp, u64), OtpError> {
        match self.kind {
            OtpKind::Hotp { counter } => Ok((
                Hotp::new(self.secret.clone(), self.algorithm, self.digits)?,
                counter,
            )),
            OtpKind::Totp { .. } => Err(OtpError::Uri),
        }
    }

    /// The URI, with every parameter written out. It contains the secret: it is
    /// for exporting test seeds, never for a log.
    pub fn to_uri(&self) -> Zeroizing<String> {
        let (kind, moving) = match self.kind {
            OtpKind::Totp { period } => ("totp", format!("period={period}")),
            OtpKind::Hotp { counter } => ("hotp", format!("counter={counter}")),
        };
        let label = match &self.issuer {
            Some(issuer) => format!("{}:{}", encode(issuer), encode(&self.account)),
            None => encode(&self.account),
        };
        let issuer = self
            .issuer
            .as_deref()
            .map(|i| format!("&issuer={}", encode(i)))
            .unwrap_or_default();
        Zeroizing::new(format!(
            "otpauth://{kind}/{label}?secret={}{issuer}&algorithm={}&digits={}&{moving}",
            self.secret.to_base32().as_str(),
            self.algorithm,
            self.digits,
        ))
    }
}

impl FromStr for OtpAuth {
    type Err = OtpError;

    /// Reads a URI; missing parameters take the usual defaults (SHA1, 6 digits,
    /// 30 seconds); `counter` is required for HOTP; unknown parameters are ignored.
    fn from_str(uri: &str) -> Result<Self, Self::Err> {
        let rest = uri
            .get(..10)
            .filter(|scheme| scheme.eq_ignore_ascii_case("otpauth://"))
            .and_then(|_| uri.get(10..))
            .ok_or(OtpError::Uri)?;
        let (kind, rest) = rest.split_once('/').ok_or(OtpError::Uri)?;
        let (label, query) = rest.split_once('?').unwrap_or((rest, ""));
        let (label_issuer, account) = match split_label(label) {
            Some((issuer, account)) => (
                Some(decode(issuer, false)?),
                decode(account.trim_start_matches(' '), false)?,
            ),
            None => (None, decode(label, false)?),
        };

        let mut params = Params::default();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            params.set(key, decode(value, true)?)?;
        }

        let secret = Secret::from_base32(params.secret.as_deref().ok_or(OtpError::Secret)?)?;
        let algorithm = match params.algorithm.as_deref() {
            Some(a) => a.parse()?,
            None => Algorithm::Sha1,
        };
        let digits = match params.digits.as_deref() {
            Some(d) => d.parse().map_err(|_| OtpError::Digits)?,
            None => 6,
        };
        let kind = if kind.eq_ignore_ascii_case("totp") {
            let period = match params.period.as_deref() {
                Some(p) => p.parse().map_err(|_| OtpError::Period)?,
                None => Totp::DEFAULT_PERIOD,
            };
            OtpKind::Totp { period }
        } else if kind.eq_ignore_ascii_case("hotp") {
            let counter = params.counter.as_deref().ok_or(OtpError::Counter)?;
            OtpKind::Hotp {
                counter: counter.parse().map_err(|_| OtpError::Counter)?,
            }
        } else {
            return Err(OtpError::Uri);
        };
        let issuer = match (label_issuer, params.issuer) {
            (Some(a), Some(b)) if a != b => return Err(OtpError::Uri),
            (a, b) => a.or(b),
        };
        Self::new(kind, secret, algorithm, digits, issuer, account)
    }
}

impl fmt::Display for OtpKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Totp { period } => write!(f, "totp (period {period} s)"),
            Self::Hotp { counter } => write!(f, "hotp (counter {counter})"),
        }
    }
}

/// The parameters a URI may carry, each at most once.
#[derive(Default)]
struct Params {
    secret: Option<Zeroizing<String>>,
    issuer: Option<String>,
    algorithm: Option<String>,
    digits: Option<String>,
    period: Option<String>,
    counter: Option<String>,
}

impl Params {
    fn set(&mut self, key: &str, value: String) -> Result<(), OtpError> {
        if key == "secret" {
            if self.secret.is_some() {
                return Err(OtpError::Uri);
            }
            self.secret = Some(Zeroizing::new(value));
            return Ok(());
        }
        let slot = match key {
            "issuer" => &mut self.issuer,
            "algorithm" => &mut self.algorithm,
            "digits" => &mut self.digits,
            "period" => &mut self.period,
            "counter" => &mut self.counter,
            _ => return Ok(()),
        };
        if slot.replace(value).is_some() {
            return Err(OtpError::Uri);
        }
        Ok(())
    }
}

/// Splits a raw label at its first `:` (literal or `%3A`) into issuer and account.
fn split_label(label: &str) -> Option<(&str, &str)> {
    let literal = label.find(':').map(|at| (at, 1));
    let encoded = label.to_ascii_uppercase().find("%3A").map(|at| (at, 3));
    let (at, len) = match (literal, encoded) {
        (Some(a), Some(b)) => a.min(b),
        (a, b) => a.or(b)?,
    };
    Some((label.get(..at)?, label.get(at + len..)?))
}

/// Percent-decodes UTF-8 text; in a query value `+` is a space.
fn decode(text: &str, plus_is_space: bool) -> Result<String, OtpError> {
    let mut bytes = Vec::with_capacity(text.len());
    let mut input = text.bytes();
    while let Some(b) = input.next() {
        match b {
            b'%' => {
                let high = input.next().and_then(hex_value).ok_or(OtpError::Uri)?;
                let low = input.next().and_then(hex_value).ok_or(OtpError::Uri)?;
                bytes.push(high << 4 | low);
            }
            b'+' if plus_is_space => bytes.push(b' '),
            _ => bytes.push(b),
        }
    }
    String::from_utf8(bytes).map_err(|_| OtpError::Uri)
}

/// Percent-encodes everything but RFC 3986's unreserved characters.
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
