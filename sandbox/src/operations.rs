//! The contract's operation table: every operation of `docs/api/openapi.yaml`
//! by operationId, method and path template. Faults and statistics name
//! routes by operationId; a test checks this table against the contract.

/// Every operation of `docs/api/openapi.yaml`: operationId, method, path
/// template. Faults name routes by operationId; a test checks this table
/// against the contract.
pub const OPERATIONS: &[(&str, &str, &str)] = &[
    ("config_get", "GET", "/v1/config"),
    ("activation_start", "POST", "/v1/activations"),
    (
        "activation_verify",
        "POST",
        "/v1/activations/{activation_id}/verify",
    ),
    (
        "activation_credentials_set",
        "POST",
        "/v1/activations/{activation_id}/credentials",
    ),
    ("session_create", "POST", "/v1/sessions"),
    (
        "session_otp_verify",
        "POST",
        "/v1/sessions/challenges/{challenge_id}/verify",
    ),
    (
        "quick_login_challenge_create",
        "POST",
        "/v1/sessions/quick-challenges",
    ),
    ("quick_login_create", "POST", "/v1/sessions/quick"),
    ("session_get", "GET", "/v1/sessions/current"),
    ("session_update", "PATCH", "/v1/sessions/current"),
    ("session_delete", "DELETE", "/v1/sessions/current"),
    ("password_change", "PUT", "/v1/me/password"),
    ("device_enroll", "POST", "/v1/devices"),
    ("device_list", "GET", "/v1/devices"),
    ("device_revoke", "DELETE", "/v1/devices/{device_id}"),
    ("sms_key_agree", "POST", "/v1/devices/current/sms-key"),
    ("account_list", "GET", "/v1/accounts"),
    ("account_get", "GET", "/v1/accounts/{account_id}"),
    (
        "account_statement_list",
        "GET",
        "/v1/accounts/{account_id}/statement",
    ),
    ("card_list", "GET", "/v1/cards"),
    ("card_limits_get", "GET", "/v1/cards/{card_id}/limits"),
    ("card_block", "POST", "/v1/cards/{card_id}/block"),
    (
        "card_second_pin_change",
        "POST",
        "/v1/cards/{card_id}/second-pin",
    ),
    ("card_holder_inquiry", "POST", "/v1/holder-inquiries/card"),
    ("sheba_holder_inquiry", "POST", "/v1/holder-inquiries/sheba"),
    ("bill_inquiry", "POST", "/v1/bill-inquiries"),
    ("dynamic_pin_request", "POST", "/v1/dynamic-pins"),
    ("card_transfer_create", "POST", "/v1/card-transfers"),
    ("sheba_transfer_create", "POST", "/v1/sheba-transfers"),
    ("transfer_list", "GET", "/v1/transfers"),
    ("transfer_get", "GET", "/v1/transfers/{transfer_id}"),
    ("bill_payment_create", "POST", "/v1/bill-payments"),
    ("loan_list", "GET", "/v1/loans"),
    (
        "loan_instalment_list",
        "GET",
        "/v1/loans/{loan_id}/instalments",
    ),
    (
        "loan_settlement_quote",
        "GET",
        "/v1/loans/{loan_id}/settlement-quote",
    ),
    ("loan_holder_inquiry", "POST", "/v1/holder-inquiries/loan"),
    ("loan_payment_create", "POST", "/v1/loan-payments"),
    ("cheque_book_list", "GET", "/v1/cheque-books"),
    ("cheque_register", "POST", "/v1/cheques"),
    ("cheque_received_list", "GET", "/v1/cheques/received"),
    ("cheque_accept", "POST", "/v1/cheques/{sayad_id}/accept"),
    ("cheque_refuse", "POST", "/v1/cheques/{sayad_id}/refuse"),
    ("cheque_transfer", "POST", "/v1/cheques/{sayad_id}/transfer"),
    ("cheque_inquiry", "POST", "/v1/cheque-inquiries"),
    ("topup_catalog_get", "GET", "/v1/topup-catalog"),
    ("topup_create", "POST", "/v1/topups"),
    (
        "account_holder_inquiry",
        "POST",
        "/v1/holder-inquiries/account",
    ),
    ("account_transfer_create", "POST", "/v1/account-transfers"),
    ("operation_get", "GET", "/v1/operations/{idempotency_key}"),
    (
        "soft_token_activation_start",
        "POST",
        "/v1/soft-token-activations",
    ),
    (
        "soft_token_activation_confirm",
        "POST",
        "/v1/soft-token-activations/{activation_id}/confirm",
    ),
    (
        "soft_token_deactivate",
        "DELETE",
        "/v1/cards/{card_id}/soft-token",
    ),
    ("sms_inbound", "POST", "/v1/sms/inbound"),
    ("exchange_rate_list", "GET", "/v1/exchange-rates"),
    ("branch_list", "GET", "/v1/branches"),
    ("deposit_product_list", "GET", "/v1/deposit-products"),
    ("notice_list", "GET", "/v1/notices"),
    ("notice_mark_read", "POST", "/v1/notices/read"),
    ("admin_sms_outbox_list", "GET", "/admin/sms/{mobile}"),
    ("admin_clock_get", "GET", "/admin/clock"),
    ("admin_clock_set", "POST", "/admin/clock"),
    ("admin_fault_list", "GET", "/admin/faults"),
    ("admin_fault_create", "POST", "/admin/faults"),
    ("admin_fault_clear", "DELETE", "/admin/faults"),
    (
        "admin_user_unlock",
        "POST",
        "/admin/users/{username}/unlock",
    ),
    ("admin_issuer_set", "PUT", "/admin/issuers/{bank_id}"),
    ("admin_destination_set", "PUT", "/admin/destinations"),
    ("admin_reset", "POST", "/admin/reset"),
    ("admin_seed_get", "GET", "/admin/seed"),
    ("admin_ledger_check", "GET", "/admin/ledger/check"),
    ("admin_stats_get", "GET", "/admin/stats"),
    ("admin_exchange_rates_set", "PUT", "/admin/exchange-rates"),
];

/// The operationId of a method and matched path template.
pub fn operation_id(method: &str, template: &str) -> Option<&'static str> {
    OPERATIONS
        .iter()
        .find(|(_, m, p)| *m == method && *p == template)
        .map(|(id, _, _)| *id)
}
