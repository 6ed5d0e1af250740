//! [`SoftTokenVault`]: the soft tokens of this phone, kept only in the
//! platform's [`SecretStore`], one card per name: `soft-token/{card_id}/seed`
//! (the raw seed), `soft-token/{card_id}/params` (the bank's parameters, JSON)
//! and `soft-token/cards` (the list of cards, JSON).

use std::sync::Arc;

use super::{Secret, SoftToken, SoftTokenError, TokenParams};
use crate::platform::SecretStore;

const INDEX: &str = "soft-token/cards";

fn seed_name(card_id: &str) -> String {
    format!("soft-token/{card_id}/seed")
}

fn params_name(card_id: &str) -> String {
    format!("soft-token/{card_id}/params")
}

/// The tokens in the platform's vault.
#[derive(Clone)]
pub struct SoftTokenVault {
    secrets: Arc<dyn SecretStore>,
}

impl std::fmt::Debug for SoftTokenVault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SoftTokenVault").finish_non_exhaustive()
    }
}

impl SoftTokenVault {
    /// The tokens kept in `secrets`.
    pub fn new(secrets: Arc<dyn SecretStore>) -> Self {
        Self { secrets }
    }

    /// Keeps a card's token, replacing the card's previous one.
    pub fn store(&self, params: &TokenParams, seed: &Secret) -> Result<SoftToken, SoftTokenError> {
        let token = SoftToken::new(params.clone(), seed.clone())?;
        let json = serde_json::to_vec(params).map_err(|_| SoftTokenError::Parameters)?;
        self.secrets
            .save(&seed_name(&params.card_id), seed.expose())
            .and_then(|()| self.secrets.save(&params_name(&params.card_id), &json))
            .map_err(|_| SoftTokenError::Vault)?;
        let mut cards = self.cards()?;
        if !cards.contains(&params.card_id) {
            cards.push(params.card_id.clone());
            self.save_index(&cards)?;
        }
        Ok(token)
    }

    /// The card's token, if this phone holds one.
    pub fn open(&self, card_id: &str) -> Result<Option<SoftToken>, SoftTokenError> {
        let load = |name: &str| self.secrets.load(name).map_err(|_| SoftTokenError::Vault);
        let (Some(seed), Some(params)) = (load(&seed_name(card_id))?, load(&params_name(card_id))?)
        else {
            return Ok(None);
        };
        let params: TokenParams =
            serde_json::from_slice(&params).map_err(|_| SoftTokenError::Vault)?;
        let seed = Secret::new(seed.to_vec()).map_err(|_| SoftTokenError::Vault)?;
        SoftToken::new(params, seed).map(Some)
    }

    /// The card's token, or `token.not_active`.
    pub fn get(&self, card_id: &str) -> Result<SoftToken, SoftTokenError> {
        self.open(card_id)?.ok_or(SoftTokenError::NotActive)
    }

    /// Whether this phone holds a token for the card.
    pub fn holds(&self, card_id: &str) -> bool {
        self.secrets
            .load(&seed_name(card_id))
            .is_ok_and(|seed| seed.is_some())
    }

    /// The cards this phone holds a token for, in activation order.
    pub fn cards(&self) -> Result<Vec<String>, SoftTokenError> {
        match self
            .secrets
            .load(INDEX)
            .map_err(|_| SoftTokenError::Vault)?
        {
            Some(json) => serde_json::from_slice(&json).map_err(|_| SoftTokenError::Vault),
            None => Ok(Vec::new()),
        }
    }

    /// Forgets the card's token (its seed first).
    pub fn forget(&self, card_id: &str) -> Result<(), SoftTokenError> {
        self.secrets
            .delete(&seed_name(card_id))
            .and_then(|()| self.secrets.delete(&params_name(card_id)))
            .map_err(|_| SoftTokenError::Vault)?;
        let mut cards = self.cards()?;
        cards.retain(|c| c != card_id);
        self.save_index(&cards)
    }

    fn save_index(&self, cards: &[String]) -> Result<(), SoftTokenError> {
        let json = serde_json::to_vec(cards).map_err(|_| SoftTokenError::Vault)?;
        self.secrets
            .save(INDEX, &json)
            .map_err(|_| SoftTokenError::Vault)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // a test fails loudly

    use super::*;
    use crate::platform::MemorySecretStore;

    fn params(card_id: &str) -> TokenParams {
        TokenParams {
            card_id: card_id.to_owned(),
            token_id: format!("tok_{card_id}"),
            digits: 6,
            period_seconds: 30,
            algorithm: "sha256".to_owned(),
            ocra_suite: "OCRA-1:HOTP-SHA256-8:QH40-T30S".to_owned(),
        }
    }

    #[test]
    fn keeps_tokens_per_card_and_forgets_them() {
        let secrets = Arc::new(MemorySecretStore::new());
        let vault = SoftTokenVault::new(secrets.clone());
        assert!(vault.open("crd_a").unwrap().is_none());
        assert_eq!(vault.get("crd_a").unwrap_err(), SoftTokenError::NotActive);
        let seed = Secret::new(vec![7; 32]).unwrap();
        vault.store(&params("crd_a"), &seed).unwrap();
        vault.store(&params("crd_b"), &seed).unwrap();
        vault.store(&params("crd_a"), &seed).unwrap();
        assert_eq!(vault.cards().unwrap(), ["crd_a", "crd_b"]);
        assert!(vault.holds("crd_b"));
        let token = vault.get("crd_a").unwrap();
        assert_eq!(token.token_id(), "tok_crd_a");
        assert_eq!(
            secrets
                .load("soft-token/crd_a/seed")
                .unwrap()
                .unwrap()
                .as_slice(),
            seed.expose()
        );
        vault.forget("crd_a").unwrap();
        assert!(!vault.holds("crd_a"));
        assert!(secrets.load("soft-token/crd_a/seed").unwrap().is_none());
        assert_eq!(vault.cards().unwrap(), ["crd_b"]);
    }

    #[test]
    fn codes_match_the_primitives_and_bad_parameters_are_refused() {
        let seed = Secret::new(vec![9; 32]).unwrap();
        let token = SoftToken::new(params("crd_a"), seed.clone()).unwrap();
        let totp =
            super::super::Totp::new(seed.clone(), super::super::Algorithm::Sha256, 6, 30).unwrap();
        assert_eq!(token.code_at(1_700_000_000), totp.code(1_700_000_000));
        let payee = super::super::Payee::Card("6037999836900602".parse().unwrap());
        let amount = crate::money::Rials::new(25_000_000);
        assert_eq!(
            token
                .transaction_code_at(amount, &payee, 1_700_000_000)
                .unwrap(),
            super::super::transaction_code(&seed, amount, &payee, 1_700_000_000).unwrap()
        );
        assert!(!format!("{token:?}").contains("9, 9"));
        for broken in [
            TokenParams {
                algorithm: "md5".to_owned(),
                ..params("x")
            },
            TokenParams {
                digits: 4,
                ..params("x")
            },
            TokenParams {
                period_seconds: 0,
                ..params("x")
            },
            TokenParams {
                ocra_suite: "OCRA-2:nope".to_owned(),
                ..params("x")
            },
        ] {
            assert_eq!(
                SoftToken::new(broken, seed.clone()).unwrap_err(),
                SoftTokenError::Parameters
            );
        }
    }
}
