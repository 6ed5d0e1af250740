//! [`Install`]: one install's parts, shared by the root client and its
//! sub-clients (each holds an `Arc` of it).

use std::sync::Arc;

use hamrah_core::flows::Context;
use hamrah_core::platform::SecretStore;
use hamrah_core::session::Session;

/// One install's parts: the session, the flows' context and the vault.
pub(crate) struct Install {
    pub(crate) session: Session,
    pub(crate) ctx: Context,
    pub(crate) secrets: Arc<dyn SecretStore>,
}
