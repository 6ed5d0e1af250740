//! The bank's SMS gateway, inbound (`sms_inbound`): a frame from a phone is
//! read (clear header), its key found by mobile number and key id, its
//! counter checked against the replay window, its tag verified, its counter
//! claimed, and only then its operation decoded and executed (by
//! `routes::sms`, through the same handlers and ledger as HTTPS). The reply
//! is one SMS: an encrypted frame (with a GSM-7 summary for text SMS), or a
//! plain GSM-7 text naming the reason when the frame was refused.
//!
//! Not to be confused with [`crate::sms`], the bank's outbound outbox.

pub mod answer;
pub mod keys;
pub mod window;

use hamrah_core::sms::frame::{self, Direction, Header};
use hamrah_core::sms::{Request, SmsError};

use crate::error::ApiResult;
use crate::state::AppState;
use keys::LiveKey;

/// An authenticated frame whose counter is claimed: ready to execute.
#[derive(Debug)]
pub struct Accepted {
    /// The key it was sealed under, and whose customer and device.
    pub live: LiveKey,
    /// Its uplink counter (the reply names it).
    pub counter: u32,
    /// The operation.
    pub request: Request,
}

/// Authenticates a frame from `mobile` and claims its counter. A refusal
/// (`Ok(Err(..))`) executed nothing and changed nothing, except that an
/// authentic frame whose operation cannot be read still uses up its counter.
pub async fn accept(
    state: &AppState,
    mobile: &str,
    bytes: Vec<u8>,
) -> ApiResult<Result<Accepted, SmsError>> {
    let header = match Header::peek(&bytes) {
        // A downlink frame sent back up (reflected) is not a request.
        Ok(header) if header.direction == Direction::Up => header,
        Ok(_) => return Ok(Err(SmsError::TagInvalid)),
        Err(refusal) => return Ok(Err(refusal)),
    };
    let owner = mobile.to_owned();
    let sealer = std::sync::Arc::clone(&state.sealer);
    let Some(live) = state
        .db
        .read(move |conn| keys::find(conn, &sealer, &owner, header.key_id))
        .await?
    else {
        return Ok(Err(SmsError::KeyUnknown));
    };
    if let Err(refusal) = live.window.check(header.counter) {
        return Ok(Err(refusal));
    }
    let plaintext = match frame::open(&live.key, &bytes) {
        Ok((_, plaintext)) => plaintext,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let (customer_id, key_id, counter) = (live.customer_id.clone(), header.key_id, header.counter);
    if let Err(refusal) = state
        .db
        .tx(move |tx| keys::claim(tx, &customer_id, key_id, counter))
        .await?
    {
        return Ok(Err(refusal));
    }
    Ok(Request::decode(&plaintext).map(|request| Accepted {
        live,
        counter,
        request,
    }))
}
