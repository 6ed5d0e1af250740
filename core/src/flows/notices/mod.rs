//! The inbox: the notices the bank sends by SMS (deposits, withdrawals,
//! bills, card and account changes, logins, ...; never a code), synced over
//! HTTPS into the sealed store, with the unread count, read marks that reach
//! the bank (later, when it cannot be reached now), and reads with no
//! request at all.

mod inbox;
mod view;

pub use inbox::{INBOX_PAGE, Inbox, InboxView};
pub use view::{NoticeView, kind_title_fa};
