//! The redaction rule, on plain text: what a log line may never show.

use std::borrow::Cow;

use super::fields::{secret_kind, secret_value};

/// What replaces a secret value.
pub(super) const REDACTED: &str = "[redacted]";

/// Opaque runs at least this long (letters and digits) are taken for tokens.
const TOKEN_MIN_LEN: usize = 32;

/// `text` with every card number, SHEBA, bearer token, opaque token and
/// secret field value masked; borrowed when there was nothing to mask.
pub fn redact(text: &str) -> Cow<'_, str> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if let Some(len) = bearer(&chars, i) {
            out.push_str("Bearer ");
            out.push_str(REDACTED);
            i += len;
        } else if let Some((digits, len)) = sheba(&chars, i) {
            out.push_str(&format!(
                "IR{} **** {}",
                &digits[..2],
                &digits[digits.len() - 4..]
            ));
            i += len;
        } else if let Some((len, keep)) = opaque_word(&chars, i) {
            if keep {
                out.extend(&chars[i..i + len]);
            } else {
                out.push_str(REDACTED);
            }
            i += len;
        } else if digit(c).is_some() {
            let (digits, len) = digit_run(&chars, i);
            match mask_number(&digits) {
                Some(masked) => out.push_str(&masked),
                None => out.extend(&chars[i..i + len]),
            }
            i += len;
        } else if c.is_ascii_alphabetic() || c == '_' {
            let len = chars[i..].iter().take_while(|c| is_ident(**c)).count();
            let ident: String = chars[i..i + len].iter().collect();
            i += len;
            out.push_str(&mask_digits_in(&ident));
            if let Some(kind) = secret_kind(&ident)
                && let Some(next) = secret_value(&chars, i, kind, &mut out)
            {
                i = next;
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    if out == text {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(out)
    }
}

/// The value of an ASCII, Persian or Arabic-Indic digit.
pub(super) fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '۰'..='۹' => Some(c as u32 - '۰' as u32),
        '٠'..='٩' => Some(c as u32 - '٠' as u32),
        _ => None,
    }
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

pub(super) fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~+/=".contains(c)
}

/// Digits from `start`, in groups of four separated by one space or dash
/// (`6037 9910 0200 3014`), or contiguous: the digits and the chars read.
fn digit_run(chars: &[char], start: usize) -> (String, usize) {
    let mut digits = String::new();
    let mut group = 0;
    let mut i = start;
    while i < chars.len() {
        if let Some(d) = digit(chars[i]) {
            digits.push(char::from(b'0' + d as u8));
            group += 1;
            i += 1;
        } else if group == 4
            && (chars[i] == ' ' || chars[i] == '-')
            && chars.get(i + 1).and_then(|c| digit(*c)).is_some()
        {
            group = 0;
            i += 1;
        } else {
            break;
        }
    }
    (digits, i - start)
}

/// A card-number-like run masked (`603799******3014`); longer runs keep only
/// their last four digits.
fn mask_number(digits: &str) -> Option<String> {
    let n = digits.len();
    match n {
        16..=19 => Some(format!(
            "{}{}{}",
            &digits[..6],
            "*".repeat(n - 10),
            &digits[n - 4..]
        )),
        20.. => Some(format!("{}{}", "*".repeat(n - 4), &digits[n - 4..])),
        _ => None,
    }
}

/// An identifier with any long digit run inside it masked (`card_6037...`).
fn mask_digits_in(ident: &str) -> String {
    let chars: Vec<char> = ident.chars().collect();
    let mut out = String::with_capacity(ident.len());
    let mut i = 0;
    while i < chars.len() {
        let len = chars[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if len == 0 {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let run: String = chars[i..i + len].iter().collect();
        out.push_str(&mask_number(&run).unwrap_or(run));
        i += len;
    }
    out
}

/// `IR` + 24 digits (grouped or not), not inside a word.
fn sheba(chars: &[char], i: usize) -> Option<(String, usize)> {
    let (c0, c1) = (*chars.get(i)?, *chars.get(i + 1)?);
    if !c0.eq_ignore_ascii_case(&'I') || !c1.eq_ignore_ascii_case(&'R') {
        return None;
    }
    if i > 0 && chars[i - 1].is_ascii_alphanumeric() {
        return None;
    }
    let mut digits = String::new();
    let mut j = i + 2;
    while j < chars.len() && digits.len() < 24 {
        if let Some(d) = digit(chars[j]) {
            digits.push(char::from(b'0' + d as u8));
        } else if chars[j] != ' ' || chars.get(j + 1).and_then(|c| digit(*c)).is_none() {
            break;
        }
        j += 1;
    }
    let followed_by_digit = chars.get(j).and_then(|c| digit(*c)).is_some();
    (digits.len() == 24 && !followed_by_digit).then_some((digits, j - i))
}

/// `Bearer <token>`: the chars to replace.
fn bearer(chars: &[char], i: usize) -> Option<usize> {
    let word: String = chars.get(i..i + 7)?.iter().collect();
    if !word.eq_ignore_ascii_case("bearer ") || (i > 0 && is_ident(chars[i - 1])) {
        return None;
    }
    let spaces = chars[i + 7..].iter().take_while(|c| **c == ' ').count();
    let token = chars[i + 7 + spaces..]
        .iter()
        .take_while(|c| is_token_char(**c))
        .count();
    (token > 0).then_some(7 + spaces + token)
}

/// A word starting at `i` that is a UUID (kept: idempotency keys name
/// operations, not people) or a token (redacted): its length and whether to keep it.
fn opaque_word(chars: &[char], i: usize) -> Option<(usize, bool)> {
    if i > 0 && is_ident(chars[i - 1]) {
        return None;
    }
    let len = chars[i..].iter().take_while(|c| is_ident(**c)).count();
    let word: String = chars[i..i + len].iter().collect();
    if is_uuid(&word) {
        Some((len, true))
    } else if looks_like_token(&word) {
        Some((len, false))
    } else {
        None
    }
}

/// A long run of letters and digits (a session token, a key), not a UUID.
fn looks_like_token(ident: &str) -> bool {
    ident.len() >= TOKEN_MIN_LEN
        && ident.bytes().any(|b| b.is_ascii_digit())
        && ident.bytes().any(|b| b.is_ascii_alphabetic())
        && !is_uuid(ident)
}

fn is_uuid(text: &str) -> bool {
    text.len() == 36
        && text.char_indices().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == '-',
            _ => c.is_ascii_hexdigit(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn card_numbers_are_masked_in_every_form() {
        assert_eq!(redact("pan=6037991002003014"), "pan=603799******3014");
        assert_eq!(
            redact("{\"pan\":\"6037991002003014\"}"),
            "{\"pan\":\"603799******3014\"}"
        );
        assert_eq!(redact("to 6037 9910 0200 3014."), "to 603799******3014.");
        assert_eq!(redact("۶۰۳۷۹۹۱۰۰۲۰۰۳۰۱۴"), "603799******3014");
        assert_eq!(redact("card_6037991002003014"), "card_603799******3014");
        // Masked forms, dates, amounts and ids stay as they are.
        for kept in [
            "603799******3014",
            "2026-11-22T06:00:14Z 1405/09/01",
            "amount_rials=2507200 trace=150150",
            "acc_100200300401 pst_000000000015",
            "IR06 **** 0001",
        ] {
            assert_eq!(redact(kept), kept);
        }
    }

    #[test]
    fn shebas_are_masked() {
        assert_eq!(redact("IR062960000000100324200001"), "IR06 **** 0001");
        assert_eq!(
            redact("sheba: ir06 2960 0000 0010 0324 2000 01,"),
            "sheba: IR06 **** 0001,"
        );
        assert_eq!(
            redact("\"IR062960000000100324200001\""),
            "\"IR06 **** 0001\""
        );
    }

    #[test]
    fn secret_fields_and_tokens_are_redacted() {
        assert_eq!(
            redact("password=\"hunter2\" ok"),
            "password=\"[redacted]\" ok"
        );
        assert_eq!(
            redact("{\"new_password\":\"S3cret!x\"}"),
            "{\"new_password\":\"[redacted]\"}"
        );
        assert_eq!(
            redact("{\\\"cvv2\\\":\\\"123\\\"}"),
            "{\\\"cvv2\\\":\\\"[redacted]\\\"}"
        );
        assert_eq!(redact("code=123456"), "code=[redacted]");
        assert_eq!(redact("otp: 12345"), "otp: [redacted]");
        assert_eq!(redact("code=otp.invalid"), "code=otp.invalid");
        assert_eq!(
            redact("authorization: Bearer abc.DEF"),
            "authorization: [redacted]"
        );
        assert_eq!(
            redact("\"authorization\": \"Bearer abc\""),
            "\"authorization\": \"[redacted]\""
        );
        assert_eq!(
            redact("sent Bearer x-Y_z.9 now"),
            "sent Bearer [redacted] now"
        );
        let token = "qZ3u8Jm0YtPcV4xW1nR7sKdLfE2gHb9aC6oI5uT8yQw";
        assert_eq!(redact(&format!("t {token} .")), "t [redacted] .");
        let key = "0b6e4c1a-3f2d-4e5b-9a8c-7d6e5f4a3b2c";
        assert_eq!(redact(key), key);
        assert_eq!(
            redact("hamrah_core::flows::submit"),
            "hamrah_core::flows::submit"
        );
        assert!(matches!(redact("nothing here"), Cow::Borrowed(_)));
    }
}
