//! The desktop SecretStore on the real kernel keyring.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly

use hamrah_core::platform::{KeyringSecretStore, SecretStore};

#[test]
fn kernel_keyring_round_trip() {
    let store = KeyringSecretStore::new(format!("hamrah-test-{}", std::process::id()));
    assert_eq!(store.load("seed").unwrap(), None);
    store.save("seed", &[1, 2, 3, 255]).unwrap();
    assert_eq!(
        store.load("seed").unwrap().unwrap().as_slice(),
        &[1, 2, 3, 255]
    );
    store.save("seed", &[9]).unwrap();
    assert_eq!(store.load("seed").unwrap().unwrap().as_slice(), &[9]);
    store.delete("seed").unwrap();
    assert_eq!(store.load("seed").unwrap(), None);
    store.delete("seed").unwrap();
}
