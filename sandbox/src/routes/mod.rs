//! The bank's routes, one file per area of the contract.

use axum::Router;
use axum::http::StatusCode;
use axum::middleware::from_fn_with_state;
use axum::response::IntoResponse;

use crate::error::ApiError;
use crate::state::AppState;

pub use config::bank_ref;

mod account_transfers;
mod accounts;
mod activation;
mod admin;
mod bills;
mod card_transfers;
mod cards;
mod cheques;
mod config;
mod devices;
mod dynamic_pins;
mod info;
mod inquiries;
mod loans;
mod notices;
mod operations;
mod session;
mod sheba_transfers;
mod sms;
mod soft_token;
mod topups;
mod transfers;

pub use card_transfers::PinKind;

/// The whole API: `/v1` for customers, `/admin` for QA.
pub fn router(state: AppState) -> Router {
    let api = Router::new()
        .merge(config::routes())
        .merge(activation::routes())
        .merge(session::routes())
        .merge(devices::routes())
        .merge(accounts::routes())
        .merge(cards::routes())
        .merge(cheques::routes())
        .merge(inquiries::routes())
        .merge(dynamic_pins::routes())
        .merge(card_transfers::routes())
        .merge(sheba_transfers::routes())
        .merge(transfers::routes())
        .merge(bills::routes())
        .merge(loans::routes())
        .merge(topups::routes())
        .merge(account_transfers::routes())
        .merge(operations::routes())
        .merge(soft_token::routes())
        .merge(sms::routes())
        .merge(info::routes())
        .merge(notices::routes())
        .route_layer(from_fn_with_state(state.clone(), crate::faults::inject))
        .route_layer(from_fn_with_state(
            state.clone(),
            crate::signature::capture_body,
        ))
        .layer(from_fn_with_state(state.clone(), crate::rate_limit::limit));
    Router::new()
        .merge(api)
        .merge(admin::routes(state.clone()))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::extract::DefaultBodyLimit::max(
            state.rules.request.max_body_bytes,
        ))
        .with_state(state)
}

async fn not_found() -> ApiError {
    ApiError::not_found()
}

async fn method_not_allowed() -> impl IntoResponse {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "request.method_not_allowed",
        "این عملیات روی این نشانی مجاز نیست.",
        "This method is not allowed on this path.",
    )
}
