//! The phone's offline defaults are the bank's own numbers: what the core
//! assumes without `GET /v1/config` is what the sandbox bank serves by
//! default (limits, fees, dynamic PINs, session times, settlement).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly

use hamrah_core::client::{Api, BankConfig};
use hamrah_e2e::Bank;

#[tokio::test]
async fn the_core_assumes_offline_what_the_bank_serves() {
    let bank = Bank::start().await.unwrap();
    let api = Api::new(bank.client().unwrap(), uuid::Uuid::new_v4().to_string());
    let served = api.config().await.unwrap();
    let offline = BankConfig::default();
    assert_eq!(offline.limits, served.limits);
    assert_eq!(offline.fees, served.fees);
    assert_eq!(offline.otp, served.otp);
    assert_eq!(offline.session, served.session);
    assert_eq!(offline.paya_cycles, served.paya_cycles);
    assert_eq!(offline.satna_cutoff, served.satna_cutoff);
    assert_eq!(offline.weekend_days, served.weekend_days);
    bank.sandbox.stop().await;
}
