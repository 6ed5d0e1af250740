//! The GSM 03.38 default alphabet (3GPP TS 23.038): which texts travel as
//! 7-bit SMS (160 characters) instead of UCS-2 (70), how many septets they
//! take (extension characters take two), septet packing, and segment counts.

/// The default alphabet, by septet value (`0x1B` is the escape to the extension table).
const BASIC: [char; 128] = [
    '@', '£', '$', '¥', 'è', 'é', 'ù', 'ì', 'ò', 'Ç', '\n', 'Ø', 'ø', '\r', 'Å', 'å', //
    'Δ', '_', 'Φ', 'Γ', 'Λ', 'Ω', 'Π', 'Ψ', 'Σ', 'Θ', 'Ξ', '\u{1b}', 'Æ', 'æ', 'ß', 'É', //
    ' ', '!', '"', '#', '¤', '%', '&', '\'', '(', ')', '*', '+', ',', '-', '.', '/', //
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', ':', ';', '<', '=', '>', '?', //
    '¡', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O', //
    'P', 'Q', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z', 'Ä', 'Ö', 'Ñ', 'Ü', '§', //
    '¿', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', //
    'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z', 'ä', 'ö', 'ñ', 'ü', 'à', //
];

/// The extension table: character and its septet after the escape.
const EXTENSION: [(char, u8); 10] = [
    ('\u{c}', 0x0a),
    ('^', 0x14),
    ('{', 0x28),
    ('}', 0x29),
    ('\\', 0x2f),
    ('[', 0x3c),
    ('~', 0x3d),
    (']', 0x3e),
    ('|', 0x40),
    ('€', 0x65),
];

const ESCAPE: u8 = 0x1b;

/// Characters of one single-part 7-bit SMS.
pub const SINGLE_SMS_SEPTETS: usize = 160;
/// Bytes of one single-part data SMS.
pub const SINGLE_SMS_BYTES: usize = 140;

/// The septets of one character: one or two (escape + extension), or `None`
/// when the character is not in the GSM alphabet (the text would go as UCS-2).
fn encode_char(c: char) -> Option<(u8, Option<u8>)> {
    if c != '\u{1b}'
        && let Some(index) = BASIC.iter().position(|&b| b == c)
    {
        return Some((index as u8, None));
    }
    EXTENSION
        .iter()
        .find(|(e, _)| *e == c)
        .map(|&(_, septet)| (ESCAPE, Some(septet)))
}

/// The text's septets, or `None` when it needs UCS-2.
pub fn to_septets(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        let (first, second) = encode_char(c)?;
        out.push(first);
        out.extend(second);
    }
    Some(out)
}

/// How many septets the text takes as a 7-bit SMS, or `None` if it cannot go as one.
pub fn septet_count(text: &str) -> Option<usize> {
    to_septets(text).map(|s| s.len())
}

/// Whether every character of `text` is in the GSM default alphabet (no
/// extension characters either): safe to prefill in any phone's composer.
pub fn is_basic(text: &str) -> bool {
    text.chars().all(is_basic_char)
}

/// Whether `c` is in the GSM basic table (one septet, no escape).
pub fn is_basic_char(c: char) -> bool {
    matches!(encode_char(c), Some((_, None)))
}

/// The text from septets; `None` on a septet above 127 or a dangling escape.
pub fn from_septets(septets: &[u8]) -> Option<String> {
    let mut out = String::with_capacity(septets.len());
    let mut iter = septets.iter();
    while let Some(&s) = iter.next() {
        if s == ESCAPE {
            let &next = iter.next()?;
            out.push(EXTENSION.iter().find(|(_, e)| *e == next)?.0);
        } else {
            out.push(*BASIC.get(usize::from(s))?);
        }
    }
    Some(out)
}

/// Packs septets eight to seven bytes, as they travel in the SMS PDU.
pub fn pack(septets: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity((septets.len() * 7).div_ceil(8));
    let (mut acc, mut bits) = (0u32, 0u32);
    for &s in septets {
        acc |= u32::from(s & 0x7f) << bits;
        bits += 7;
        while bits >= 8 {
            out.push(acc as u8);
            acc >>= 8;
            bits -= 8;
        }
    }
    if bits > 0 {
        out.push(acc as u8);
    }
    out
}

/// Unpacks `count` septets from packed bytes; `None` if the bytes are too few.
pub fn unpack(bytes: &[u8], count: usize) -> Option<Vec<u8>> {
    if bytes.len() < (count * 7).div_ceil(8) {
        return None;
    }
    let mut out = Vec::with_capacity(count);
    let (mut acc, mut bits, mut next) = (0u32, 0u32, 0usize);
    while out.len() < count {
        if bits < 7 {
            acc |= u32::from(*bytes.get(next)?) << bits;
            next += 1;
            bits += 8;
        }
        out.push((acc & 0x7f) as u8);
        acc >>= 7;
        bits -= 7;
    }
    Some(out)
}

/// Segments a 7-bit text of `septets` takes (153 a part once concatenated).
pub fn text_segments(septets: usize) -> usize {
    if septets <= SINGLE_SMS_SEPTETS {
        1
    } else {
        septets.div_ceil(153)
    }
}

/// Segments a data SMS of `bytes` takes (134 a part once concatenated).
pub fn binary_segments(bytes: usize) -> usize {
    if bytes <= SINGLE_SMS_BYTES {
        1
    } else {
        bytes.div_ceil(134)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn counts_and_refuses_ucs2() {
        assert_eq!(septet_count("Hamrah OK 1,000"), Some(15));
        assert_eq!(septet_count("a€b"), Some(4));
        assert_eq!(septet_count("سلام"), None);
        assert!(is_basic("AZaz09+/ "));
        assert!(!is_basic("[x]"));
    }

    #[test]
    fn one_sms_is_160_septets_in_140_bytes() {
        let text = "A".repeat(160);
        let packed = pack(&to_septets(&text).unwrap());
        assert_eq!(packed.len(), 140);
        assert_eq!(text_segments(160), 1);
        assert_eq!(text_segments(161), 2);
        assert_eq!(binary_segments(140), 1);
        assert_eq!(binary_segments(141), 2);
    }

    proptest! {
        #[test]
        fn pack_round_trips(text in "[ -Z_a-z0-9€{}\\[\\]]{0,200}") {
            let septets = to_septets(&text).unwrap();
            let unpacked = unpack(&pack(&septets), septets.len()).unwrap();
            prop_assert_eq!(from_septets(&unpacked).unwrap(), text);
        }
    }
}
