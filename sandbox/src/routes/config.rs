//! `GET /v1/config`: the bank's numbers.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{Value, json};

use crate::clock::{jalali, rfc3339};
use crate::error::ApiResult;
use crate::state::AppState;

/// The routes of this area.
pub fn routes() -> Router<AppState> {
    Router::new().route("/v1/config", get(config_get))
}

async fn config_get(State(state): State<AppState>) -> ApiResult<Json<Value>> {
    let now = state.clock.now();
    let (holidays, not_connected) = state
        .db
        .read(|conn| {
            let holidays = conn
                .prepare_cached("SELECT date, date_jalali, title_fa FROM holidays ORDER BY date")?
                .query_map([], |r| {
                    Ok(json!({"date": r.get::<_, String>(0)?, "date_jalali": r.get::<_, String>(1)?, "title_fa": r.get::<_, String>(2)?}))
                })?
                .collect::<Result<Vec<_>, _>>()?;
            let not_connected = conn
                .prepare_cached("SELECT bank_id FROM issuers WHERE otp_connected = 0 ORDER BY bank_id")?
                .query_map([], |r| r.get::<_, String>(0))?
                .collect::<Result<Vec<_>, _>>()?;
            Ok((holidays, not_connected))
        })
        .await?;
    let mut config = serde_json::to_value(&*state.rules).unwrap_or_default();
    if let Some(object) = config.as_object_mut() {
        object.insert("bank".into(), bank_info(&state));
        object.insert("server_time".into(), rfc3339(now).into());
        object.insert("server_time_jalali".into(), jalali(now).into());
        object.insert("timezone".into(), "Asia/Tehran".into());
        object.insert("holidays".into(), holidays.into());
        let issuers: Vec<Value> = not_connected
            .iter()
            .filter_map(|id| hamrah_core::banks::by_id(id))
            .map(bank_ref)
            .collect();
        object.insert("otp_issuers_not_connected".into(), issuers.into());
    }
    Ok(Json(config))
}

fn bank_info(state: &AppState) -> Value {
    let bank = state.bank;
    json!({
        "bank_id": bank.id,
        "name_fa": bank.name_fa,
        "name_en": bank.name_en,
        "bins": bank.bins,
        "sheba_code": bank.sheba_codes.first().copied().unwrap_or_default(),
    })
}

/// The contract's `BankRef` of a bank.
pub fn bank_ref(bank: &hamrah_core::banks::Bank) -> Value {
    json!({"bank_id": bank.id, "name_fa": bank.name_fa, "name_en": bank.name_en})
}
