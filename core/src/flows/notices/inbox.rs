//! [`Inbox`]: sync (one request while at most 100 new notices wait), pages
//! from the sealed store, the unread count, and read marks.

use serde::{Deserialize, Serialize};

use super::view::NoticeView;
use crate::client::Notice;
use crate::flows::{Context, Problem};
use crate::store::StoreError;

/// Notices a screen shows at once.
pub const INBOX_PAGE: u32 = 30;
/// Notices asked for per request while syncing (the contract's largest page).
const SYNC_PAGE: u32 = 100;
/// Requests one sync makes at most (a phone away for long catches up over
/// several syncs).
const SYNC_PAGES: usize = 20;

/// What the inbox screen renders.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxView {
    /// Newest first.
    pub notices: Vec<NoticeView>,
    /// Unread notices held on the phone.
    pub unread_count: u32,
    /// Whether older notices follow (ask for the page before the last one).
    pub has_older: bool,
    /// True when the bank was not reached: what the phone holds.
    pub offline: bool,
    /// Why the bank was not reached.
    pub error: Option<Problem>,
}

/// The customer's inbox on this phone.
#[derive(Debug, Clone)]
pub struct Inbox {
    ctx: Context,
}

fn unreadable() -> Problem {
    Problem::of(&StoreError::Format)
}

/// Why a sync stopped.
enum Stopped {
    /// The bank could not be reached (or answered "try again"): show the phone's notices.
    Offline(Problem),
    /// Anything else (the session ended, the store failed).
    Failed(Problem),
}

impl From<crate::channel::ChannelError> for Stopped {
    fn from(error: crate::channel::ChannelError) -> Self {
        if error.retryable() {
            Self::Offline(error.into())
        } else {
            Self::Failed(error.into())
        }
    }
}

impl From<StoreError> for Stopped {
    fn from(error: StoreError) -> Self {
        Self::Failed(error.into())
    }
}

impl From<Problem> for Stopped {
    fn from(problem: Problem) -> Self {
        Self::Failed(problem)
    }
}

impl Inbox {
    /// The inbox of the context's install.
    pub fn new(ctx: Context) -> Self {
        Self { ctx }
    }

    /// Fetches the notices the phone does not hold yet (and sends a read mark
    /// set offline), then the newest page. One request while at most 100
    /// notices are new; the phone's notices, marked `offline`, when the bank
    /// cannot be reached.
    pub async fn sync(&self, limit: u32) -> Result<InboxView, Problem> {
        match self.fetch().await {
            Ok(()) => self.page(None, limit),
            Err(Stopped::Offline(problem)) => {
                tracing::info!(code = %problem.code, "inbox from the phone");
                let mut view = self.page(None, limit)?;
                view.offline = true;
                view.error = Some(problem);
                Ok(view)
            }
            Err(Stopped::Failed(problem)) => Err(problem),
        }
    }

    async fn fetch(&self) -> Result<(), Stopped> {
        let store = &self.ctx.store;
        if let Some(mark) = store.pending_read_mark()? {
            self.ctx.api.mark_notices_read(mark).await?;
            store.set_pending_read_mark(None)?;
        }
        let mut after = store.newest_notice()?;
        for _ in 0..SYNC_PAGES {
            let page = self.ctx.api.notices(after, SYNC_PAGE).await?;
            let rows = page
                .items
                .iter()
                .map(|n| {
                    let json = serde_json::to_vec(n).map_err(|_| unreadable())?;
                    Ok((n.notice_id, n.read || n.notice_id <= page.read_up_to, json))
                })
                .collect::<Result<Vec<_>, Problem>>()?;
            store.save_notices(&rows)?;
            store.mark_notices_read(page.read_up_to)?;
            after = page.items.last().map_or(after, |n| n.notice_id.max(after));
            if !page.has_more || page.items.is_empty() {
                break;
            }
        }
        Ok(())
    }

    /// Up to `limit` notices older than `before` (the newest when `None`),
    /// from the phone, with no request.
    pub fn page(&self, before: Option<i64>, limit: u32) -> Result<InboxView, Problem> {
        let limit = limit.clamp(1, 200);
        let mut stored = self.ctx.store.notice_page(before, limit + 1)?;
        let has_older = stored.len() > limit as usize;
        stored.truncate(limit as usize);
        let notices = stored
            .into_iter()
            .map(|s| {
                // Through a `Value`, as the bank's pages are read: one
                // deserializer for `Notice` in the phones' library, not two.
                let notice: Notice = serde_json::from_slice(&s.body)
                    .and_then(serde_json::from_value::<Notice>)
                    .map_err(|_| unreadable())?;
                Ok(NoticeView::of(notice, s.read))
            })
            .collect::<Result<Vec<_>, Problem>>()?;
        Ok(InboxView {
            notices,
            unread_count: self.unread_count()?,
            has_older,
            offline: false,
            error: None,
        })
    }

    /// Unread notices held on the phone, with no request.
    pub fn unread_count(&self) -> Result<u32, Problem> {
        Ok(self.ctx.store.unread_notices()?)
    }

    /// Marks every notice up to `up_to` read: on the phone at once, at the
    /// bank in one request (or at the next sync, when it cannot be reached
    /// now); then the newest page.
    pub async fn mark_read(&self, up_to: i64, limit: u32) -> Result<InboxView, Problem> {
        let store = &self.ctx.store;
        store.mark_notices_read(up_to)?;
        let mut view = match self.ctx.api.mark_notices_read(up_to).await {
            Ok(_) => self.page(None, limit)?,
            Err(error) if error.retryable() => {
                store.set_pending_read_mark(Some(up_to))?;
                let mut view = self.page(None, limit)?;
                view.offline = true;
                view.error = Some(Problem::from(error));
                view
            }
            Err(error) => return Err(Problem::from(error)),
        };
        view.unread_count = self.unread_count()?;
        Ok(view)
    }

    /// Marks every notice held read ([`Inbox::mark_read`] up to the newest).
    pub async fn mark_all_read(&self, limit: u32) -> Result<InboxView, Problem> {
        let newest = self.ctx.store.newest_notice()?;
        self.mark_read(newest, limit).await
    }
}
