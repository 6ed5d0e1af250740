//! The cheque read models: the customer's cheque books (with the cheques
//! issued on them and her own standing) and the cheques she received (each
//! with its issuer's standing; a bounced one is the in-app notice of it).
//! Each is fetched from the bank and kept sealed in the store; when the bank
//! cannot be reached the last one kept is shown, saying so.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::channel::ChannelError;
use crate::client::{Cheque, ChequeBook, ChequeBooks, ChequeRole, ChequeStatus, IssuerStanding};
use crate::flows::{Context, Problem};
use crate::ids::SayadId;

/// The store's name of the cheque books view.
const BOOKS: &str = "cheques.books";
/// The store's name of the received cheques view.
const RECEIVED: &str = "cheques.received";

/// A view as fetched (or kept), with where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fetched<T> {
    /// What the bank sent.
    pub value: T,
    /// When it was fetched, bank clock, Unix seconds.
    pub fetched_at: i64,
    /// True when the bank was not reachable and this is the copy kept on the phone.
    pub from_cache: bool,
    /// Why the bank was not asked, for a kept copy.
    pub error: Option<Problem>,
}

/// The customer's cheque books, their leaves and her own standing.
pub type ChequeBooksView = Fetched<ChequeBooks>;

/// The cheques offered to or held by the customer.
pub type ReceivedCheques = Fetched<Vec<Cheque>>;

impl ChequeBooksView {
    /// Every book.
    pub fn books(&self) -> &[ChequeBook] {
        &self.value.items
    }

    /// The customer's own standing as an issuer.
    pub fn standing(&self) -> &IssuerStanding {
        &self.value.standing
    }

    /// The cheques she issued, newest leaves last.
    pub fn issued(&self) -> impl Iterator<Item = &Cheque> {
        self.books()
            .iter()
            .flat_map(|b| &b.leaves)
            .filter_map(|l| l.cheque.as_ref())
    }
}

impl ReceivedCheques {
    /// Those waiting for her confirmation.
    pub fn pending(&self) -> impl Iterator<Item = &Cheque> {
        self.value.iter().filter(|c| c.role == ChequeRole::Pending)
    }

    /// The bounced ones: the notice the home screen shows.
    pub fn bounced(&self) -> impl Iterator<Item = &Cheque> {
        self.value
            .iter()
            .filter(|c| c.status == ChequeStatus::Bounced)
    }
}

async fn fetch_or_kept<T, F>(ctx: &Context, name: &str, fetch: F) -> Result<Fetched<T>, Problem>
where
    T: Serialize + DeserializeOwned,
    F: std::future::Future<Output = Result<T, ChannelError>>,
{
    match fetch.await {
        Ok(value) => {
            let now = ctx.bank_now();
            match serde_json::to_value(&value) {
                Ok(json) => {
                    if let Err(error) = ctx.store.save_view(name, &json, now) {
                        tracing::error!(code = %crate::Coded::code(&error), "cheque view not kept");
                    }
                }
                Err(_) => tracing::error!("cheque view not serializable"),
            }
            Ok(Fetched {
                value,
                fetched_at: now,
                from_cache: false,
                error: None,
            })
        }
        Err(error) if error.retryable() => {
            let problem = Problem::from(error);
            let Some((json, at)) = ctx.store.load_view(name)? else {
                return Err(problem);
            };
            tracing::info!(code = %problem.code, "cheques from the phone's copy");
            let value = serde_json::from_value(json)
                .map_err(|_| Problem::of(&crate::store::StoreError::Format))?;
            Ok(Fetched {
                value,
                fetched_at: at,
                from_cache: true,
                error: Some(problem),
            })
        }
        Err(error) => Err(Problem::from(error)),
    }
}

/// The cheque books (from the bank, or the copy kept when it is unreachable).
pub async fn cheque_books(ctx: &Context) -> Result<ChequeBooksView, Problem> {
    fetch_or_kept(ctx, BOOKS, ctx.api.cheque_books()).await
}

/// The cheques received (from the bank, or the copy kept when it is unreachable).
pub async fn received_cheques(ctx: &Context) -> Result<ReceivedCheques, Problem> {
    fetch_or_kept(ctx, RECEIVED, ctx.api.received_cheques()).await
}

/// Any cheque's status by its Sayad ID as typed (parsed here first).
pub async fn cheque_status(ctx: &Context, sayad_id: &str) -> Result<Cheque, Problem> {
    let id: SayadId = sayad_id
        .parse()
        .map_err(|e| Problem::of(&e).at("sayad_id"))?;
    Ok(ctx.api.cheque_inquiry(&id).await?)
}
