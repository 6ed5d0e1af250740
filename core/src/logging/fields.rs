//! Secret fields: a value after a secret field's name (`password=`,
//! `"cvv2":`, `authorization:`) never reaches a log line.

use super::redact::{REDACTED, digit, is_token_char};

/// Field names whose values are always secret, also with a prefix
/// (`new_password`, `x-admin-token`).
const SECRET_FIELDS: &[&str] = &[
    "password",
    "passwd",
    "token",
    "secret",
    "seed",
    "authorization",
    "private_key",
    "cookie",
    "cvv2",
    "cvv",
];

/// Field names whose value is secret when it is a number (an OTP, a PIN):
/// `code=otp.invalid` stays readable, `code=123456` does not.
const NUMERIC_SECRET_FIELDS: &[&str] = &["code", "otp", "pin", "pin2", "second_pin"];

/// How a field's value is secret.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Secret {
    /// Whatever the value.
    Always,
    /// When the value is a number.
    Numeric,
}

/// Whether `ident` names a secret field.
pub(super) fn secret_kind(ident: &str) -> Option<Secret> {
    let lower = ident.to_ascii_lowercase();
    let named = |name: &&str| {
        lower == *name
            || lower
                .strip_suffix(*name)
                .is_some_and(|rest| rest.ends_with('_') || rest.ends_with('-'))
    };
    if SECRET_FIELDS.iter().any(named) {
        Some(Secret::Always)
    } else if NUMERIC_SECRET_FIELDS.iter().any(named) {
        Some(Secret::Numeric)
    } else {
        None
    }
}

/// After a secret field's name: `="v"`, `: v`, `":"v"`, `\":\"v\"`. Writes
/// the separators and the redacted value; returns where the value ends.
pub(super) fn secret_value(
    chars: &[char],
    start: usize,
    kind: Secret,
    out: &mut String,
) -> Option<usize> {
    let mut j = start;
    let mut prefix = String::new();
    if chars.get(j) == Some(&'\\') && chars.get(j + 1) == Some(&'"') {
        prefix.push_str("\\\"");
        j += 2;
    } else if chars.get(j) == Some(&'"') {
        prefix.push('"');
        j += 1;
    }
    while chars.get(j) == Some(&' ') {
        prefix.push(' ');
        j += 1;
    }
    match chars.get(j) {
        Some('=') => {}
        Some(':') if chars.get(j + 1) != Some(&':') => {}
        _ => return None,
    }
    prefix.push(chars[j]);
    j += 1;
    while chars.get(j) == Some(&' ') {
        prefix.push(' ');
        j += 1;
    }
    let quote: &[char] = if chars.get(j) == Some(&'\\') && chars.get(j + 1) == Some(&'"') {
        &['\\', '"']
    } else if chars.get(j) == Some(&'"') {
        &['"']
    } else {
        &[]
    };
    let begin = j + quote.len();
    let end = if quote.is_empty() {
        begin
            + chars[begin..]
                .iter()
                .take_while(|c| !c.is_whitespace() && !",;&)]}\"'".contains(**c))
                .count()
    } else {
        (begin..chars.len()).find(|&k| {
            chars[k..].starts_with(quote)
                && (quote.len() == 2 || k == begin || chars[k - 1] != '\\')
        })?
    };
    let value: String = chars[begin..end].iter().collect();
    if value.is_empty() || (kind == Secret::Numeric && !value.chars().all(|c| digit(c).is_some())) {
        return None;
    }
    let quote_text: String = quote.iter().collect();
    out.push_str(&prefix);
    out.push_str(&quote_text);
    out.push_str(REDACTED);
    out.push_str(&quote_text);
    let mut next = end + quote.len();
    if quote.is_empty()
        && (value.eq_ignore_ascii_case("bearer") || value.eq_ignore_ascii_case("basic"))
    {
        let spaces = chars[next..].iter().take_while(|c| **c == ' ').count();
        next += spaces
            + chars[next + spaces..]
                .iter()
                .take_while(|c| is_token_char(**c))
                .count();
    }
    Some(next)
}
