//! `hamrah otp`: one-time passwords like oathtool — HOTP, TOTP and OCRA from a
//! secret given on the command line, or from an `otpauth://` URI. For QA and test vectors; a customer's seed
//! never passes through here.

use clap::{ArgGroup, Args, Subcommand, ValueEnum};
use hamrah_core::token::{
    Algorithm, Hotp, OcraInput, OcraSuite, OtpAuth, OtpError, OtpKind, Pin, Secret, Totp,
};
use serde_json::json;

use crate::report::Report;

/// Compute a one-time password.
#[derive(Debug, Subcommand)]
pub enum Otp {
    /// HOTP (RFC 4226): from a counter.
    Hotp {
        #[command(flatten)]
        key: Key,
        /// The counter.
        #[arg(long, short = 'c', default_value_t = 0)]
        counter: u64,
        /// Digits of the code (6 to 8).
        #[arg(long, short = 'd', default_value_t = 6)]
        digits: u8,
        /// The HMAC hash.
        #[arg(long, value_enum, default_value_t = Hash::Sha1)]
        algorithm: Hash,
    },
    /// TOTP (RFC 6238): from the time.
    Totp {
        #[command(flatten)]
        key: Key,
        /// Unix time in seconds (default: now).
        #[arg(long)]
        time: Option<u64>,
        /// Digits of the code (6 to 8).
        #[arg(long, short = 'd', default_value_t = 6)]
        digits: u8,
        /// The HMAC hash.
        #[arg(long, value_enum, default_value_t = Hash::Sha1)]
        algorithm: Hash,
        /// The time step in seconds.
        #[arg(long, default_value_t = 30)]
        period: u64,
    },
    /// The code of an `otpauth://` URI (the QR code of an authenticator app):
    /// TOTP from the time, HOTP from the URI's counter.
    Uri {
        /// The `otpauth://totp/...` or `otpauth://hotp/...` URI.
        uri: String,
        /// Unix time in seconds, for a TOTP URI (default: now).
        #[arg(long)]
        time: Option<u64>,
    },
    /// OCRA (RFC 6287): challenge-response or signature, by suite.
    Ocra {
        #[command(flatten)]
        key: Key,
        /// The OCRASuite, e.g. `OCRA-1:HOTP-SHA1-6:QN08`.
        #[arg(long)]
        suite: String,
        /// The challenge, written as the suite's `Q` says (decimal, text or hex).
        #[arg(long, short = 'q')]
        question: String,
        /// The counter, for a suite with `C`.
        #[arg(long, short = 'c')]
        counter: Option<u64>,
        /// The PIN, for a suite with `P` (hashed as the suite says).
        #[arg(long)]
        pin: Option<String>,
        /// Session information in hex, for a suite with `S`.
        #[arg(long)]
        session: Option<String>,
        /// Unix time in seconds, for a suite with `T` (default: now).
        #[arg(long)]
        time: Option<u64>,
    },
}

/// The secret, in hex or base32.
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("secret").required(true)))]
pub struct Key {
    /// The secret key in hexadecimal.
    #[arg(long, alias = "key-hex", group = "secret")]
    secret_hex: Option<String>,
    /// The secret key in base32, as authenticator apps show it.
    #[arg(long, group = "secret")]
    secret_base32: Option<String>,
}

impl Key {
    fn secret(&self) -> Result<Secret, OtpError> {
        match (&self.secret_hex, &self.secret_base32) {
            (Some(hex), _) => Secret::from_hex(hex),
            (None, Some(b32)) => Secret::from_base32(b32),
            (None, None) => Err(OtpError::Secret),
        }
    }
}

/// The HMAC hash, as oathtool names it.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Hash {
    /// HMAC-SHA1.
    Sha1,
    /// HMAC-SHA256.
    Sha256,
    /// HMAC-SHA512.
    Sha512,
}

impl From<Hash> for Algorithm {
    fn from(hash: Hash) -> Self {
        match hash {
            Hash::Sha1 => Self::Sha1,
            Hash::Sha256 => Self::Sha256,
            Hash::Sha512 => Self::Sha512,
        }
    }
}

impl Otp {
    /// Runs the command.
    pub fn run(self) -> Report {
        match self.compute() {
            Ok(report) => report,
            Err(error) => Report::invalid(&error),
        }
    }

    fn compute(self) -> Result<Report, OtpError> {
        match self {
            Self::Hotp {
                key,
                counter,
                digits,
                algorithm,
            } => {
                let code = Hotp::new(key.secret()?, algorithm.into(), digits)?.generate(counter);
                Ok(Report::valid(json!({ "otp": code }), false, code))
            }
            Self::Totp {
                key,
                time,
                digits,
                algorithm,
                period,
            } => totp_report(
                &Totp::new(key.secret()?, algorithm.into(), digits, period)?,
                time,
            ),
            Self::Uri { uri, time } => {
                let token: OtpAuth = uri.parse()?;
                match token.kind() {
                    OtpKind::Totp { .. } => totp_report(&token.totp()?, time),
                    OtpKind::Hotp { .. } => {
                        let (hotp, counter) = token.hotp()?;
                        let code = hotp.generate(counter);
                        Ok(Report::valid(
                            json!({ "otp": code, "counter": counter }),
                            false,
                            code,
                        ))
                    }
                }
            }
            Self::Ocra {
                key,
                suite,
                question,
                counter,
                pin,
                session,
                time,
            } => {
                let suite: OcraSuite = suite.parse()?;
                let session = session
                    .map(|hex| Secret::from_hex(&hex).map_err(|_| OtpError::Session))
                    .transpose()?;
                let time = match (time, suite.time_step()) {
                    (Some(time), _) => Some(time),
                    (None, Some(_)) => Some(now()?),
                    (None, None) => None,
                };
                let input = OcraInput {
                    counter,
                    question: &question,
                    pin: pin.as_deref().map(Pin::Plain),
                    session: session.as_ref().map(Secret::expose),
                    time,
                };
                let code = suite.generate(&key.secret()?, &input)?;
                Ok(Report::valid(json!({ "otp": code }), false, code))
            }
        }
    }
}

/// A TOTP code at `time` (now when absent), with its seconds left.
fn totp_report(totp: &Totp, time: Option<u64>) -> Result<Report, OtpError> {
    let code = match time {
        Some(time) => totp.code(time),
        None => totp.now()?,
    };
    let text = format!(
        "{}\n  {} ثانیه مانده / {} s left",
        code.code, code.seconds_left, code.seconds_left
    );
    Ok(Report::valid(
        json!({ "otp": code.code, "seconds_left": code.seconds_left, "step": code.step }),
        false,
        text,
    ))
}

fn now() -> Result<u64, OtpError> {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .map_err(|_| OtpError::Time)
}
