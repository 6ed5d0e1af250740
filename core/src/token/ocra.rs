//! OCRA (RFC 6287): challenge-response and signature codes over HMAC.
//!
//! Written by hand over RustCrypto's `hmac`, `sha1` and `sha2`: the data input is
//! the suite, a zero byte, then the inputs the suite names, in order — counter
//! (8 bytes), question (128 bytes), PIN hash, session information, time steps
//! (8 bytes) — and the code is HOTP's dynamic truncation of its HMAC.

use std::fmt;
use std::str::FromStr;

use zeroize::Zeroizing;

use super::hotp::truncate;
use super::secret::hex_value;
use super::{Algorithm, OtpError, Secret, constant_time_eq};

/// The question field is always 128 bytes.
const QUESTION_BYTES: usize = 128;

/// How the challenge question is written: `QN` decimal, `QA` alphanumeric, `QH` hexadecimal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuestionFormat {
    /// `QN`: decimal digits, hashed as the hexadecimal of the number.
    Numeric,
    /// `QA`: printable ASCII, hashed as its bytes.
    Alphanumeric,
    /// `QH`: hexadecimal digits, hashed as their nibbles.
    Hex,
}

/// The time step of a `T` input: `30S`, `1M`, `24H`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TimeStep {
    count: u8,
    unit: char,
}

impl TimeStep {
    /// The step in seconds.
    pub fn seconds(self) -> u64 {
        let unit = match self.unit {
            'S' => 1,
            'M' => 60,
            _ => 3600,
        };
        u64::from(self.count) * unit
    }
}

/// A parsed `OCRASuite`, such as `OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1`.
///
/// Parsing is strict: upper case as RFC 6287 writes it, inputs in order (`C`, `Q`,
/// then `P`, `S`, `T`), ranges checked (digits 0 or 4..=10; question length
/// 04..=64; session 001..=512 bytes; time steps 1..=59 seconds or minutes, 1..=48
/// hours) and no spare leading zeros, so `Display` gives back exactly the text
/// parsed — the text that goes under the HMAC.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OcraSuite {
    algorithm: Algorithm,
    digits: u8,
    counter: bool,
    question: QuestionFormat,
    question_len: u8,
    pin: Option<Algorithm>,
    session: Option<u16>,
    time_step: Option<TimeStep>,
}

/// The PIN input of a suite with `P`: the PIN itself (hashed here with the
/// suite's hash) or its hash.
#[derive(Clone, Copy)]
pub enum Pin<'a> {
    /// The PIN as the customer types it.
    Plain(&'a str),
    /// The PIN already hashed with the suite's `P` algorithm.
    Hash(&'a [u8]),
}

impl fmt::Debug for Pin<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Pin(redacted)")
    }
}

/// The data inputs of one OCRA computation; only those the suite names are used
/// (and those are required).
#[derive(Debug, Clone, Copy, Default)]
pub struct OcraInput<'a> {
    /// `C`: the counter.
    pub counter: Option<u64>,
    /// `Q`: the challenge question, written in the suite's format.
    pub question: &'a str,
    /// `P`: the PIN.
    pub pin: Option<Pin<'a>>,
    /// `S`: session information, left-padded with zeros to the suite's length.
    pub session: Option<&'a [u8]>,
    /// `T`: the Unix time in seconds (divided by the suite's time step).
    pub time: Option<u64>,
}

impl OcraSuite {
    /// The hash of the HMAC.
    pub fn algorithm(&self) -> Algorithm {
        self.algorithm
    }

    /// Digits of the code; 0 means no truncation (the whole HMAC in hexadecimal).
    pub fn digits(&self) -> u8 {
        self.digits
    }

    /// Whether the suite takes a counter `C`.
    pub fn uses_counter(&self) -> bool {
        self.counter
    }

    /// The question's format and its nominal maximum length `xx`.
    pub fn question(&self) -> (QuestionFormat, u8) {
        (self.question, self.question_len)
    }

    /// The PIN hash, if the suite takes a PIN `P`.
    pub fn pin(&self) -> Option<Algorithm> {
        self.pin
    }

    /// The session information length in bytes, if the suite takes `S`.
    pub fn session_len(&self) -> Option<u16> {
        self.session
    }

    /// The time step, if the suite takes a timestamp `T`.
    pub fn time_step(&self) -> Option<TimeStep> {
        self.time_step
    }

    /// The code for `input` under `secret`.
    pub fn generate(&self, secret: &Secret, input: &OcraInput<'_>) -> Result<String, OtpError> {
        let steps = match self.time_step {
            Some(step) => Some(input.time.ok_or(OtpError::Time)? / step.seconds()),
            None => None,
        };
        self.generate_at(secret, input, steps)
    }

    /// The step whose code is `code`, looking `skew` time steps either side of
    /// `input.time`; for a suite without `T` only the exact input is tried and the
    /// answer is `Some(0)` on a match. Codes are compared in constant time.
    pub fn verify(
        &self,
        secret: &Secret,
        input: &OcraInput<'_>,
        code: &str,
        skew: u64,
    ) -> Result<Option<u64>, OtpError> {
        let Some(step) = self.time_step else {
            let ok = constant_time_eq(self.generate(secret, input)?.as_bytes(), code.as_bytes());
            return Ok(ok.then_some(0));
        };
        let now = input.time.ok_or(OtpError::Time)? / step.seconds();
        for candidate in now.saturating_sub(skew)..=now.saturating_add(skew) {
            let expected = self.generate_at(secret, input, Some(candidate))?;
            if constant_time_eq(expected.as_bytes(), code.as_bytes()) {
                return Ok(Some(candidate));
            }
        }
        Ok(None)
    }

    /// The code with the `T` input given as a number of time steps.
    fn generate_at(
        &self,
        secret: &Secret,
        input: &OcraInput<'_>,
        steps: Option<u64>,
    ) -> Result<String, OtpError> {
        let message = Zeroizing::new(self.data_input(input, steps)?);
        let mac = self.algorithm.hmac(secret.expose(), &message)?;
        if self.digits == 0 {
            return Ok(mac.iter().map(|b| format!("{b:02x}")).collect());
        }
        Ok(truncate(&mac, self.digits))
    }

    /// The bytes under the HMAC (RFC 6287, section 5.2).
    fn data_input(&self, input: &OcraInput<'_>, steps: Option<u64>) -> Result<Vec<u8>, OtpError> {
        let mut message = self.to_string().into_bytes();
        message.push(0);
        if self.counter {
            let counter = input.counter.ok_or(OtpError::Counter)?;
            message.extend_from_slice(&counter.to_be_bytes());
        }
        message.extend_from_slice(&self.question_bytes(input.question)?);
        if let Some(hash) = self.pin {
            let pin_hash = match input.pin.ok_or(OtpError::Pin)? {
                Pin::Plain(pin) => hash.digest(pin.as_bytes()),
                Pin::Hash(bytes) if bytes.len() == hash.output_len() => bytes.to_vec(),
                Pin::Hash(_) => return Err(OtpError::Pin),
            };
            message.extend_from_slice(&pin_hash);
        }
        if let Some(len) = self.session {
            let session = input.session.ok_or(OtpError::Session)?;
            let padding = usize::from(len)
                .checked_sub(session.len())
                .ok_or(OtpError::Session)?;
            message.resize(message.len() + padding, 0);
            message.extend_from_slice(session);
        }
        if self.time_step.is_some() {
            let steps = steps.ok_or(OtpError::Time)?;
            message.extend_from_slice(&steps.to_be_bytes());
        }
        Ok(message)
    }

    /// The question as its 128-byte field: nibbles or bytes left-aligned, zero-filled.
    ///
    /// A question may be up to twice the suite's `xx` long: mutual challenge-response
    /// (RFC 6287, section 7.3) sends the client's and the server's challenge together.
    fn question_bytes(&self, question: &str) -> Result<[u8; QUESTION_BYTES], OtpError> {
        let max = 2 * usize::from(self.question_len);
        if question.is_empty() || question.len() > max {
            return Err(OtpError::Question);
        }
        let mut field = [0u8; QUESTION_BYTES];
        match self.question {
            QuestionFormat::Alphanumeric => {
                if !question.bytes().all(|b| b.is_ascii_graphic()) {
                    return Err(OtpError::Question);
                }
                field[..question.len()].copy_from_slice(question.as_bytes());
            }
            QuestionFormat::Hex => {
                let nibbles: Option<Vec<u8>> = question.bytes().map(hex_value).collect();
                pack_nibbles(&nibbles.ok_or(OtpError::Question)?, &mut field);
            }
            QuestionFormat::Numeric => {
                if !question.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(OtpError::Question);
                }
                pack_nibbles(&decimal_to_nibbles(question), &mut field);
            }
        }
        Ok(field)
    }
}

/// Writes hexadecimal digit values into `field`, two per byte, from the left.
fn pack_nibbles(nibbles: &[u8], field: &mut [u8]) {
    for (i, nibble) in nibbles.iter().enumerate() {
        if let Some(byte) = field.get_mut(i / 2) {
            *byte |= if i % 2 == 0 { nibble << 4 } else { *nibble };
        }
    }
}

/// The hexadecimal digits of a decimal number, without leading zeros ("0" for zero).
fn decimal_to_nibbles(decimal: &str) -> Vec<u8> {
    // Big-endian base-256 digits of the number.
    let mut bytes: Vec<u8> = Vec::new();
    for digit in decimal.bytes() {
        let mut carry = u32::from(digit - b'0');
        for byte in bytes.iter_mut().rev() {
            let value = u32::from(*byte) * 10 + carry;
            *byte = (value & 0xff) as u8;
            carry = value >> 8;
        }
        if carry > 0 {
            bytes.insert(0, carry as u8);
        }
    }
    let nibbles: Vec<u8> = bytes
        .iter()
        .flat_map(|b| [b >> 4, b & 0x0f])
        .skip_while(|&n| n == 0)
        .collect();
    if nibbles.is_empty() { vec![0] } else { nibbles }
}

impl FromStr for OcraSuite {
    type Err = OtpError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let mut parts = text.split(':');
        let (Some("OCRA-1"), Some(function), Some(inputs), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(OtpError::Suite);
        };
        let (algorithm, digits) = parse_function(function)?;
        let mut suite = Self {
            algorithm,
            digits,
            counter: false,
            question: QuestionFormat::Numeric,
            question_len: 0,
            pin: None,
            session: None,
            time_step: None,
        };
        let mut fields = inputs.split('-').peekable();
        if fields.peek() == Some(&"C") {
            suite.counter = true;
            fields.next();
        }
        let question = fields.next().ok_or(OtpError::Suite)?;
        (suite.question, suite.question_len) = parse_question(question)?;
        let mut last = 0; // P = 1, S = 2, T = 3: each at most once, in that order
        for field in fields {
            let (rank, rest) = match field.split_at_checked(1) {
                Some(("P", rest)) => (1, rest),
                Some(("S", rest)) => (2, rest),
                Some(("T", rest)) => (3, rest),
                _ => return Err(OtpError::Suite),
            };
            if rank <= last {
                return Err(OtpError::Suite);
            }
            last = rank;
            match rank {
                1 => suite.pin = Some(parse_hash(rest)?),
                2 => suite.session = Some(parse_session(rest)?),
                _ => suite.time_step = Some(parse_time_step(rest)?),
            }
        }
        Ok(suite)
    }
}

/// `HOTP-SHA1-6`: the hash and the digits (0, or 4 to 10).
fn parse_function(function: &str) -> Result<(Algorithm, u8), OtpError> {
    let mut parts = function.split('-');
    let (Some("HOTP"), Some(hash), Some(digits), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(OtpError::Suite);
    };
    let algorithm = parse_hash(hash)?;
    let digits = small_number(digits, None)?;
    if digits == 0 || (4..=10).contains(&digits) {
        Ok((algorithm, digits as u8))
    } else {
        Err(OtpError::Suite)
    }
}

/// `SHA1`, `SHA256` or `SHA512`, exactly.
fn parse_hash(text: &str) -> Result<Algorithm, OtpError> {
    match text {
        "SHA1" => Ok(Algorithm::Sha1),
        "SHA256" => Ok(Algorithm::Sha256),
        "SHA512" => Ok(Algorithm::Sha512),
        _ => Err(OtpError::Suite),
    }
}

/// `QN08`, `QA10`, `QH40`: the format and the length 04..=64.
fn parse_question(field: &str) -> Result<(QuestionFormat, u8), OtpError> {
    let format = match field.get(..2) {
        Some("QN") => QuestionFormat::Numeric,
        Some("QA") => QuestionFormat::Alphanumeric,
        Some("QH") => QuestionFormat::Hex,
        _ => return Err(OtpError::Suite),
    };
    let rest = field.get(2..).ok_or(OtpError::Suite)?;
    let len = small_number(rest, Some(2))?;
    if (4..=64).contains(&len) {
        Ok((format, len as u8))
    } else {
        Err(OtpError::Suite)
    }
}

/// `S064` (after the `S`): 3 digits, 1 to 512 bytes.
fn parse_session(rest: &str) -> Result<u16, OtpError> {
    let len = small_number(rest, Some(3))?;
    if (1..=512).contains(&len) {
        Ok(len as u16)
    } else {
        Err(OtpError::Suite)
    }
}

/// `30S`, `1M`, `24H` (after the `T`).
fn parse_time_step(rest: &str) -> Result<TimeStep, OtpError> {
    let unit = rest.chars().last().ok_or(OtpError::Suite)?;
    let count = small_number(rest.strip_suffix(unit).ok_or(OtpError::Suite)?, None)?;
    let ok = match unit {
        'S' | 'M' => (1..=59).contains(&count),
        'H' => (1..=48).contains(&count),
        _ => false,
    };
    if ok {
        Ok(TimeStep {
            count: count as u8,
            unit,
        })
    } else {
        Err(OtpError::Suite)
    }
}

/// A number of ASCII digits: exactly `width` of them, or else 1 or 2 without a
/// leading zero (`0` itself allowed).
fn small_number(text: &str, width: Option<usize>) -> Result<u32, OtpError> {
    let shape_ok = match width {
        Some(width) => text.len() == width,
        None => matches!(text.len(), 1 | 2) && (text == "0" || !text.starts_with('0')),
    };
    if !shape_ok || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(OtpError::Suite);
    }
    text.parse().map_err(|_| OtpError::Suite)
}

impl fmt::Display for OcraSuite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "OCRA-1:HOTP-{}-{}:", self.algorithm, self.digits)?;
        if self.counter {
            f.write_str("C-")?;
        }
        let format = match self.question {
            QuestionFormat::Numeric => 'N',
            QuestionFormat::Alphanumeric => 'A',
            QuestionFormat::Hex => 'H',
        };
        write!(f, "Q{format}{:02}", self.question_len)?;
        if let Some(pin) = self.pin {
            write!(f, "-P{pin}")?;
        }
        if let Some(session) = self.session {
            write!(f, "-S{session:03}")?;
        }
        if let Some(step) = self.time_step {
            write!(f, "-T{}{}", step.count, step.unit)?;
        }
        Ok(())
    }
}
