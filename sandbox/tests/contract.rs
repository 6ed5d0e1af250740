//! The contract is checked: every route the server serves is in
//! `docs/api/openapi.yaml` and the server's operation table matches it.

mod common;

use hamrah_sandbox::operations::OPERATIONS;

#[test]
fn operation_table_matches_the_contract() {
    let mut from_contract = common::contract().operations();
    let mut from_server: Vec<(String, String, String)> = OPERATIONS
        .iter()
        .map(|(id, method, path)| ((*id).to_owned(), (*method).to_owned(), (*path).to_owned()))
        .collect();
    from_contract.sort();
    from_server.sort();
    assert_eq!(from_server, from_contract);
}

#[tokio::test]
async fn unknown_routes_answer_in_the_error_model() {
    let bank = common::Bank::start().await;
    bank.call(reqwest::Method::GET, "/v1/nothing-here", &[], None)
        .await
        .expect_error(404, "request.not_found");
    bank.finish().await;
}

#[tokio::test]
async fn config_sends_the_banks_numbers() {
    let bank = common::Bank::start().await;
    let config = bank
        .call(reqwest::Method::GET, "/v1/config", &[], None)
        .await
        .expect(200)
        .json;
    assert_eq!(
        config["limits"]["card_to_card"]["daily_per_card_rials"],
        150_000_000
    );
    assert_eq!(config["otp"]["lifetime_seconds"], 120);
    assert_eq!(config["otp"]["max_requests_per_payment"], 5);
    assert_eq!(
        config["paya_cycles"],
        serde_json::json!(["03:45", "09:45", "12:45", "18:45"])
    );
    assert_eq!(config["satna_cutoff"], "14:30");
    assert!(
        config["holidays"]
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h["title_fa"] == "عید نوروز")
    );
    assert_eq!(config["otp_issuers_not_connected"][0]["bank_id"], "saman");
    bank.finish().await;
}
