//! Login (password, SMS code from a new device), the current session, logout,
//! password change and quick login (device signature): the contract's `session` tag.

use axum::Router;
use axum::routing::{get, post, put};

use crate::state::AppState;

mod current;
pub(crate) mod customer;
pub(crate) mod issue;
pub(crate) mod login;
pub(crate) mod otp;
mod password_change;
mod quick;

/// The routes of this area.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/sessions", post(login::session_create))
        .route(
            "/v1/sessions/challenges/{challenge_id}/verify",
            post(login::session_otp_verify),
        )
        .route(
            "/v1/sessions/current",
            get(current::session_get)
                .patch(current::session_update)
                .delete(current::session_delete),
        )
        .route("/v1/me/password", put(password_change::password_change))
        .route(
            "/v1/sessions/quick-challenges",
            post(quick::quick_login_challenge_create),
        )
        .route("/v1/sessions/quick", post(quick::quick_login_create))
}
