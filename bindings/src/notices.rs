//! [`NoticesClient`]: the inbox of the notices the bank sends by SMS, synced
//! into the sealed store; pages and the unread count read from the phone.

use std::sync::Arc;

use hamrah_core::flows::notices::{INBOX_PAGE, Inbox, InboxView, NoticeView};

use crate::error::HamrahError;
use crate::install::Install;
use crate::runtime::run;
use crate::types::{ProblemInfo, problem};

/// One notice.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Notice {
    /// The bank's id (mark read up to it).
    pub notice_id: i64,
    /// `debit`, `credit`, `login_notice`, `bill`, ...
    pub kind: String,
    /// The kind as a title.
    pub title_fa: String,
    /// The SMS text.
    pub text_fa: String,
    /// The amount with its unit, Persian digits.
    pub amount_fa: Option<String>,
    /// Jalali date and Tehran time, Persian digits.
    pub created_at_fa: String,
    /// Read.
    pub read: bool,
}

/// One page of the inbox, newest first.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct InboxPage {
    /// The notices.
    pub notices: Vec<Notice>,
    /// Unread notices on the phone.
    pub unread_count: u32,
    /// Older notices follow (ask for the page before the last one).
    pub has_older: bool,
    /// The bank was not reached: the phone's notices.
    pub offline: bool,
    /// Why.
    pub error: Option<ProblemInfo>,
}

impl From<InboxView> for InboxPage {
    fn from(v: InboxView) -> Self {
        Self {
            notices: v
                .notices
                .into_iter()
                .map(|n: NoticeView| Notice {
                    notice_id: n.notice_id,
                    kind: n.kind,
                    title_fa: n.title_fa,
                    text_fa: n.text_fa,
                    amount_fa: n.amount_fa,
                    created_at_fa: n.created_at_fa,
                    read: n.read,
                })
                .collect(),
            unread_count: v.unread_count,
            has_older: v.has_older,
            offline: v.offline,
            error: problem(&v.error),
        }
    }
}

/// The customer's inbox.
#[derive(uniffi::Object)]
pub struct NoticesClient {
    install: Arc<Install>,
}

impl NoticesClient {
    pub(crate) fn new(install: Arc<Install>) -> Arc<Self> {
        Arc::new(Self { install })
    }

    fn inbox(&self) -> Inbox {
        Inbox::new(self.install.ctx.clone())
    }
}

#[uniffi::export]
impl NoticesClient {
    /// Fetches what is new (one request), then the newest page.
    pub async fn sync(&self) -> Result<InboxPage, HamrahError> {
        let inbox = self.inbox();
        run(async move { Ok(inbox.sync(INBOX_PAGE).await?.into()) }).await
    }

    /// A page from the phone, older than `before` (null: the newest); no request.
    pub fn page(&self, before: Option<i64>) -> Result<InboxPage, HamrahError> {
        Ok(self.inbox().page(before, INBOX_PAGE)?.into())
    }

    /// Unread notices on the phone; no request.
    pub fn unread_count(&self) -> Result<u32, HamrahError> {
        Ok(self.inbox().unread_count()?)
    }

    /// Marks every notice up to `notice_id` read (at the bank later when it
    /// cannot be reached now); the newest page.
    pub async fn mark_read(&self, notice_id: i64) -> Result<InboxPage, HamrahError> {
        let inbox = self.inbox();
        run(async move { Ok(inbox.mark_read(notice_id, INBOX_PAGE).await?.into()) }).await
    }
}
