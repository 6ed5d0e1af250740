//! [`LocalUnlock`]: the gate the person holding the device passes before its
//! key signs a quick login — the biometric or device-PIN prompt on phones, a
//! passphrase on the desktop ([`PassphraseUnlock`], feature `desktop`).

use super::PlatformError;

/// Why the unlock is asked for, shown by the prompt (Persian first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnlockReason {
    /// The prompt's title, in Persian.
    pub title_fa: String,
    /// The prompt's title, in English.
    pub title_en: String,
}

impl UnlockReason {
    /// The prompt before a quick login.
    pub fn quick_login() -> Self {
        Self {
            title_fa: "ورود سریع به همراه‌بانک".to_owned(),
            title_en: "Quick login to the mobile bank".to_owned(),
        }
    }

    /// The prompt before SMS banking without a bank session (data down).
    pub fn sms_banking() -> Self {
        Self {
            title_fa: "ورود به بانکداری پیامکی همراه‌بانک".to_owned(),
            title_en: "SMS banking of the mobile bank".to_owned(),
        }
    }
}

/// The local gate before the device key signs a login. The shells implement
/// it with the platform's prompt (BiometricPrompt, LocalAuthentication); the
/// call may block while the person answers, so the core runs it off the
/// async executor.
pub trait LocalUnlock: Send + Sync {
    /// Asks the person to prove they are the customer: `Ok(())` when they
    /// did, [`PlatformError::UnlockRefused`] when it failed or was cancelled.
    fn unlock(&self, reason: &UnlockReason) -> Result<(), PlatformError>;
}

#[cfg(feature = "desktop")]
pub use passphrase::PassphraseUnlock;

#[cfg(feature = "desktop")]
mod passphrase {
    use std::sync::Arc;

    use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
    use argon2::{Algorithm, Argon2, Params, Version};
    use zeroize::Zeroizing;

    use super::{LocalUnlock, UnlockReason};
    use crate::platform::{PlatformError, SecretStore};

    /// The verifier's name in the [`SecretStore`].
    pub const PASSPHRASE_NAME: &str = "hamrah.unlock.passphrase.v1";

    /// Shortest passphrase accepted.
    const MIN_CHARS: usize = 8;

    /// Asks for the passphrase (a terminal prompt, an environment variable in
    /// tests); `None` when the person cancelled.
    type Ask = dyn Fn(&UnlockReason) -> Option<Zeroizing<String>> + Send + Sync;

    /// The desktop [`LocalUnlock`]: a passphrase checked against its Argon2id
    /// hash in the [`SecretStore`]; the passphrase itself is never stored.
    pub struct PassphraseUnlock {
        secrets: Arc<dyn SecretStore>,
        ask: Box<Ask>,
    }

    impl std::fmt::Debug for PassphraseUnlock {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.debug_struct("PassphraseUnlock").finish_non_exhaustive()
        }
    }

    /// Argon2id, OWASP's minimum (19 MiB, 2 passes).
    fn argon2() -> Result<Argon2<'static>, PlatformError> {
        let params = Params::new(19 * 1024, 2, 1, None).map_err(|_| PlatformError::Unavailable)?;
        Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
    }

    impl PassphraseUnlock {
        /// A gate whose verifier lives in `secrets` and which asks `ask` for the passphrase.
        pub fn new(
            secrets: Arc<dyn SecretStore>,
            ask: impl Fn(&UnlockReason) -> Option<Zeroizing<String>> + Send + Sync + 'static,
        ) -> Self {
            Self {
                secrets,
                ask: Box::new(ask),
            }
        }

        /// Sets (or replaces) the passphrase; at least 8 characters, else
        /// [`PlatformError::UnlockRefused`].
        pub fn set_passphrase(&self, passphrase: &str) -> Result<(), PlatformError> {
            if passphrase.chars().count() < MIN_CHARS {
                return Err(PlatformError::UnlockRefused);
            }
            let salt_bytes: [u8; 16] = rand::random();
            let salt =
                SaltString::encode_b64(&salt_bytes).map_err(|_| PlatformError::Unavailable)?;
            let phc = argon2()?
                .hash_password(passphrase.as_bytes(), &salt)
                .map_err(|_| PlatformError::Unavailable)?
                .to_string();
            self.secrets.save(PASSPHRASE_NAME, phc.as_bytes())
        }

        /// Whether a passphrase was set.
        pub fn is_set(&self) -> Result<bool, PlatformError> {
            Ok(self.secrets.load(PASSPHRASE_NAME)?.is_some())
        }
    }

    impl LocalUnlock for PassphraseUnlock {
        fn unlock(&self, reason: &UnlockReason) -> Result<(), PlatformError> {
            let stored = self
                .secrets
                .load(PASSPHRASE_NAME)?
                .ok_or(PlatformError::UnlockRefused)?;
            let phc = std::str::from_utf8(&stored).map_err(|_| PlatformError::Corrupt)?;
            let parsed = PasswordHash::new(phc).map_err(|_| PlatformError::Corrupt)?;
            let given = (self.ask)(reason).ok_or(PlatformError::UnlockRefused)?;
            argon2()?
                .verify_password(given.as_bytes(), &parsed)
                .map_err(|_| PlatformError::UnlockRefused)
        }
    }

    #[cfg(test)]
    mod tests {
        #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly
        use std::sync::Mutex;

        use super::*;
        use crate::platform::MemorySecretStore;

        fn gate(answer: &'static str) -> (Arc<MemorySecretStore>, PassphraseUnlock) {
            let secrets = Arc::new(MemorySecretStore::new());
            let unlock = PassphraseUnlock::new(secrets.clone(), move |_| {
                Some(Zeroizing::new(answer.to_owned()))
            });
            (secrets, unlock)
        }

        #[test]
        fn the_right_passphrase_unlocks_and_a_wrong_one_does_not() {
            let (secrets, unlock) = gate("correct horse");
            let reason = UnlockReason::quick_login();
            assert_eq!(unlock.unlock(&reason), Err(PlatformError::UnlockRefused));
            unlock.set_passphrase("correct horse").unwrap();
            assert!(unlock.is_set().unwrap());
            assert_eq!(unlock.unlock(&reason), Ok(()));
            unlock.set_passphrase("another passphrase").unwrap();
            assert_eq!(unlock.unlock(&reason), Err(PlatformError::UnlockRefused));
            // Only a hash is stored, never the passphrase.
            let stored = secrets.load(PASSPHRASE_NAME).unwrap().unwrap();
            let text = String::from_utf8(stored.to_vec()).unwrap();
            assert!(text.starts_with("$argon2id$"));
            assert!(!text.contains("another passphrase"));
        }

        #[test]
        fn cancelling_and_short_passphrases_are_refused() {
            let secrets = Arc::new(MemorySecretStore::new());
            let asked = Arc::new(Mutex::new(0));
            let counter = asked.clone();
            let unlock = PassphraseUnlock::new(secrets, move |reason| {
                assert_eq!(reason.title_en, "Quick login to the mobile bank");
                *counter.lock().unwrap() += 1;
                None
            });
            assert_eq!(
                unlock.set_passphrase("short"),
                Err(PlatformError::UnlockRefused)
            );
            unlock.set_passphrase("long enough").unwrap();
            assert_eq!(
                unlock.unlock(&UnlockReason::quick_login()),
                Err(PlatformError::UnlockRefused)
            );
            assert_eq!(*asked.lock().unwrap(), 1);
            assert_eq!(format!("{unlock:?}"), "PassphraseUnlock { .. }");
        }
    }
}
