//! The compact field encodings inside a frame: LEB128 varints (zigzag for
//! signed amounts), digit strings packed two per byte (BCD, length first), and
//! fixed-size byte strings. Decoding never panics: a short or impossible
//! field is a typed error.

use super::SmsError;

/// Most digits one packed digit string may hold.
pub const MAX_DIGITS: usize = 40;

/// Builds a frame's plaintext.
#[derive(Debug, Default)]
pub struct Writer(Vec<u8>);

impl Writer {
    /// An empty writer.
    pub fn new() -> Self {
        Self::default()
    }

    /// One byte.
    pub fn u8(&mut self, value: u8) -> &mut Self {
        self.0.push(value);
        self
    }

    /// Raw bytes, as they are.
    pub fn bytes(&mut self, value: &[u8]) -> &mut Self {
        self.0.extend_from_slice(value);
        self
    }

    /// An unsigned LEB128 varint (1 byte below 128, 4 bytes below 2^28).
    pub fn varint(&mut self, mut value: u64) -> &mut Self {
        while value >= 0x80 {
            self.0.push((value as u8 & 0x7f) | 0x80);
            value >>= 7;
        }
        self.0.push(value as u8);
        self
    }

    /// A signed value as a zigzag varint (small magnitudes stay small).
    pub fn signed(&mut self, value: i64) -> &mut Self {
        self.varint(((value << 1) ^ (value >> 63)) as u64)
    }

    /// A string of ASCII digits: its length in one byte, then two digits a
    /// byte (high nibble first; an odd last digit is followed by `0xF`).
    /// Anything but `0-9`, or more than [`MAX_DIGITS`], is refused.
    pub fn digits(&mut self, digits: &str) -> Result<&mut Self, SmsError> {
        let bytes = digits.as_bytes();
        if bytes.len() > MAX_DIGITS || !bytes.iter().all(u8::is_ascii_digit) {
            return Err(SmsError::FieldInvalid);
        }
        self.0.push(bytes.len() as u8);
        for pair in bytes.chunks(2) {
            let high = pair[0] - b'0';
            let low = pair.get(1).map_or(0x0f, |d| d - b'0');
            self.0.push((high << 4) | low);
        }
        Ok(self)
    }

    /// The bytes written.
    pub fn finish(self) -> Vec<u8> {
        self.0
    }
}

/// Reads a frame's plaintext field by field.
#[derive(Debug)]
pub struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    /// Reads `bytes` from the start.
    pub fn new(bytes: &'a [u8]) -> Self {
        Self { rest: bytes }
    }

    /// One byte.
    pub fn u8(&mut self) -> Result<u8, SmsError> {
        let (first, rest) = self.rest.split_first().ok_or(SmsError::FrameTruncated)?;
        self.rest = rest;
        Ok(*first)
    }

    /// Exactly `N` bytes.
    pub fn array<const N: usize>(&mut self) -> Result<[u8; N], SmsError> {
        let (head, rest) = self
            .rest
            .split_first_chunk::<N>()
            .ok_or(SmsError::FrameTruncated)?;
        self.rest = rest;
        Ok(*head)
    }

    /// An unsigned varint of at most 10 bytes that fits in `u64`.
    pub fn varint(&mut self) -> Result<u64, SmsError> {
        let mut value = 0u64;
        for shift in (0..70).step_by(7) {
            let byte = self.u8()?;
            let part = u64::from(byte & 0x7f);
            if shift == 63 && part > 1 {
                return Err(SmsError::FieldInvalid);
            }
            value |= part << shift;
            if byte & 0x80 == 0 {
                // A final zero byte after the first is an overlong (non-canonical) encoding.
                return if byte == 0 && shift > 0 {
                    Err(SmsError::FieldInvalid)
                } else {
                    Ok(value)
                };
            }
        }
        Err(SmsError::FieldInvalid)
    }

    /// A zigzag varint.
    pub fn signed(&mut self) -> Result<i64, SmsError> {
        let raw = self.varint()?;
        Ok((raw >> 1) as i64 ^ -((raw & 1) as i64))
    }

    /// A packed digit string (see [`Writer::digits`]).
    pub fn digits(&mut self) -> Result<String, SmsError> {
        let count = usize::from(self.u8()?);
        if count > MAX_DIGITS {
            return Err(SmsError::FieldInvalid);
        }
        let mut out = String::with_capacity(count);
        for index in 0..count.div_ceil(2) {
            let byte = self.u8()?;
            let (high, low) = (byte >> 4, byte & 0x0f);
            out.push(digit(high)?);
            if 2 * index + 1 < count {
                out.push(digit(low)?);
            } else if low != 0x0f {
                return Err(SmsError::FieldInvalid);
            }
        }
        Ok(out)
    }

    /// Fails unless every byte was read (no trailing bytes are allowed).
    pub fn end(&self) -> Result<(), SmsError> {
        if self.rest.is_empty() {
            Ok(())
        } else {
            Err(SmsError::FieldInvalid)
        }
    }
}

fn digit(nibble: u8) -> Result<char, SmsError> {
    if nibble <= 9 {
        Ok(char::from(b'0' + nibble))
    } else {
        Err(SmsError::FieldInvalid)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn fields_round_trip(a in any::<u64>(), s in any::<i64>(), d in "[0-9]{0,40}") {
            let mut w = Writer::new();
            w.varint(a).signed(s).digits(&d).unwrap();
            let bytes = w.finish();
            let mut r = Reader::new(&bytes);
            prop_assert_eq!(r.varint().unwrap(), a);
            prop_assert_eq!(r.signed().unwrap(), s);
            prop_assert_eq!(r.digits().unwrap(), d);
            prop_assert!(r.end().is_ok());
        }

        #[test]
        fn reading_garbage_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            let mut r = Reader::new(&bytes);
            let _ = r.varint();
            let _ = r.digits();
            let _ = r.signed();
        }
    }

    #[test]
    fn digits_pack_two_per_byte() {
        let mut w = Writer::new();
        w.digits("6037991").unwrap();
        assert_eq!(w.finish(), vec![7, 0x60, 0x37, 0x99, 0x1f]);
        assert_eq!(
            Writer::new().digits("12a").err(),
            Some(SmsError::FieldInvalid)
        );
        assert_eq!(
            Reader::new(&[2, 0x1a]).digits(),
            Err(SmsError::FieldInvalid)
        );
        assert_eq!(
            Reader::new(&[3, 0x12]).digits(),
            Err(SmsError::FrameTruncated)
        );
    }

    #[test]
    fn varint_sizes() {
        let size = |v| {
            let mut w = Writer::new();
            w.varint(v);
            w.finish().len()
        };
        assert_eq!(size(127), 1);
        assert_eq!(size(25_000_000), 4);
        assert_eq!(size(u64::MAX), 10);
        assert_eq!(
            Reader::new(&[0xff; 11]).varint(),
            Err(SmsError::FieldInvalid)
        );
        assert_eq!(
            Reader::new(&[0x80, 0x00]).varint(),
            Err(SmsError::FieldInvalid)
        );
    }
}
