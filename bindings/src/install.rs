//! [`Install`]: one install's parts, shared by the root client and its
//! sub-clients (each holds an `Arc` of it).

use std::sync::Arc;

use hamrah_core::client::signing::DevicePlatform;
use hamrah_core::flows::Context;
use hamrah_core::platform::SecretStore;
use hamrah_core::session::Session;

/// One install's parts: the session, the flows' context, the vault, and
/// what the app said of itself (its platform, the bank's SMS number).
pub(crate) struct Install {
    pub(crate) session: Session,
    pub(crate) ctx: Context,
    pub(crate) secrets: Arc<dyn SecretStore>,
    pub(crate) platform: DevicePlatform,
    pub(crate) bank_sms_number: String,
}
