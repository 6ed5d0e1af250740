//! Password hashing (Argon2id) and the bank's password rules.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use axum::http::StatusCode;

use crate::config::PasswordPolicy;
use crate::error::{ApiError, ApiResult};

/// Argon2id with OWASP's minimum parameters (19 MiB, 2 passes).
fn argon2() -> ApiResult<Argon2<'static>> {
    let params = Params::new(19 * 1024, 2, 1, None).map_err(|_| ApiError::internal())?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// The PHC string of a password.
pub fn hash(password: &str) -> ApiResult<String> {
    let bytes: [u8; 16] = rand::random();
    let salt = SaltString::encode_b64(&bytes).map_err(|_| ApiError::internal())?;
    argon2()?
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|_| ApiError::internal())
}

/// Whether a password matches its PHC string.
pub fn verify(password: &str, phc: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(phc) else {
        return false;
    };
    argon2().is_ok_and(|a| a.verify_password(password.as_bytes(), &parsed).is_ok())
}

/// Runs [`hash`] on the blocking pool (Argon2id takes tens of milliseconds).
pub async fn hash_blocking(password: String) -> ApiResult<String> {
    tokio::task::spawn_blocking(move || hash(&password))
        .await
        .map_err(|_| ApiError::internal())?
}

/// Runs [`verify`] on the blocking pool. Without a PHC string (an unknown
/// user) it verifies against a dummy hash, so the answer takes as long.
pub async fn verify_blocking(password: String, phc: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || match phc {
        Some(phc) => verify(&password, &phc),
        None => {
            let _ = verify(&password, dummy_hash());
            false
        }
    })
    .await
    .unwrap_or(false)
}

/// Whether a password matches any of several PHC strings (password history).
pub async fn matches_any_blocking(password: String, phcs: Vec<String>) -> bool {
    tokio::task::spawn_blocking(move || phcs.iter().any(|phc| verify(&password, phc)))
        .await
        .unwrap_or(false)
}

/// A hash of a random password, made once, for timing-equal refusals.
fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| {
        let secret: [u8; 16] = rand::random();
        hash(&format!("{secret:?}")).unwrap_or_default()
    })
}

/// Checks a new password against the bank's policy: length, character
/// classes, and never the username, the national ID or the birth date (in
/// any of its digit forms, with or without separators, Persian digits too).
///
/// The error names the field `password`; callers whose field differs rename
/// it with [`ApiError::with_field`]. Messages never echo the password.
pub fn check_policy(
    password: &str,
    username: &str,
    national_id: &str,
    birth_date: &str,
    policy: &PasswordPolicy,
) -> Result<(), ApiError> {
    let length = password.chars().count();
    if length < policy.min_length {
        return Err(policy_error(
            "password.too_short",
            "رمز عبور کوتاه‌تر از حد مجاز است.",
            "The password is too short.",
        ));
    }
    if length > policy.max_length {
        return Err(policy_error(
            "request.field_invalid",
            "رمز عبور بلندتر از حد مجاز است.",
            "The password is too long.",
        ));
    }
    let has = |test: fn(char) -> bool| password.chars().any(test);
    let weak = (policy.require_upper && !has(char::is_uppercase))
        || (policy.require_lower && !has(char::is_lowercase))
        || (policy.require_digit && !has(|c| hamrah_core::digits::digit_value(c).is_some()))
        || (policy.require_symbol && !has(is_symbol));
    if weak {
        return Err(policy_error(
            "password.weak",
            "رمز عبور باید ترکیبی از حروف بزرگ و کوچک انگلیسی، رقم و نماد باشد.",
            "The password must mix upper- and lower-case letters, digits and symbols.",
        ));
    }
    if contains_personal_data(password, username, national_id, birth_date) {
        return Err(policy_error(
            "password.contains_personal_data",
            "رمز عبور نباید شامل نام کاربری، کد ملی یا تاریخ تولد باشد.",
            "The password must not contain the username, national ID or birth date.",
        ));
    }
    Ok(())
}

fn policy_error(code: &str, fa: &str, en: &str) -> ApiError {
    ApiError::new(StatusCode::BAD_REQUEST, code, fa, en).with_field("password")
}

fn is_symbol(c: char) -> bool {
    !c.is_alphanumeric() && !c.is_whitespace() && !c.is_control()
}

/// Lower case with every digit script read as ASCII digits.
fn normalized(text: &str) -> String {
    text.chars()
        .map(|c| match hamrah_core::digits::digit_value(c) {
            Some(d) => char::from(b'0' + d),
            None => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

fn contains_personal_data(
    password: &str,
    username: &str,
    national_id: &str,
    birth_date: &str,
) -> bool {
    let password = normalized(password);
    let username = normalized(username);
    let national_id = normalized(national_id);
    if !username.is_empty() && password.contains(&username) {
        return true;
    }
    if !national_id.is_empty() && password.contains(&national_id) {
        return true;
    }
    birth_date_forms(&normalized(birth_date))
        .iter()
        .any(|form| password.contains(form.as_str()))
}

/// The ways a `YYYY/MM/DD` date is typed: 4- or 2-digit year, padded or not,
/// year first or last, with `/`, `-`, `.` or no separator. Forms of fewer than
/// six digits are left out (too many ordinary passwords would match).
fn birth_date_forms(birth_date: &str) -> Vec<String> {
    let mut fields = birth_date.split('/');
    let (Some(year), Some(month), Some(day), None) =
        (fields.next(), fields.next(), fields.next(), fields.next())
    else {
        return Vec::new();
    };
    let short_year = year.get(year.len().saturating_sub(2)..).unwrap_or(year);
    let unpadded = |s: &str| s.trim_start_matches('0').to_owned();
    let mut forms = Vec::new();
    for y in [year, short_year] {
        for m in [month.to_owned(), unpadded(month)] {
            for d in [day.to_owned(), unpadded(day)] {
                for separator in ["/", "-", ".", ""] {
                    for form in [
                        [y, m.as_str(), d.as_str()].join(separator),
                        [d.as_str(), m.as_str(), y].join(separator),
                    ] {
                        let digits = form.chars().filter(char::is_ascii_digit).count();
                        if digits >= 6 && !forms.contains(&form) {
                            forms.push(form);
                        }
                    }
                }
            }
        }
    }
    forms
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(password: &str) -> Result<(), String> {
        check_policy(
            password,
            "maryam.h",
            "8472621677",
            "1375/02/20",
            &crate::config::BankRules::default().password_policy,
        )
        .map_err(|e| e.code)
    }

    #[test]
    fn policy() {
        assert_eq!(check("Sh0rt!a"), Err("password.too_short".into()));
        assert_eq!(check("alllower1!"), Err("password.weak".into()));
        assert_eq!(check("ALLUPPER1!"), Err("password.weak".into()));
        assert_eq!(check("NoDigits!!"), Err("password.weak".into()));
        assert_eq!(check("NoSymbol12"), Err("password.weak".into()));
        assert_eq!(
            check("Ok#8472621677"),
            Err("password.contains_personal_data".into())
        );
        assert_eq!(
            check("Ok#Maryam.H1"),
            Err("password.contains_personal_data".into())
        );
        assert_eq!(
            check("Ok#13750220"),
            Err("password.contains_personal_data".into())
        );
        assert_eq!(
            check("Ok#1375/02/20"),
            Err("password.contains_personal_data".into())
        );
        assert_eq!(
            check("Ok#75-02-20x"),
            Err("password.contains_personal_data".into())
        );
        assert_eq!(
            check("Ok#20/02/1375"),
            Err("password.contains_personal_data".into())
        );
        assert_eq!(
            check("Ok#۱۳۷۵۰۲۲۰"),
            Err("password.contains_personal_data".into())
        );
        assert_eq!(check("S@feR1ver#42"), Ok(()));
    }
}
