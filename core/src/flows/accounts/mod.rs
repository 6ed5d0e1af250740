//! The customer's own money, outside any payment: the accounts and cards
//! overview with refresh, statement pages (cached in the sealed store,
//! searchable offline), card limits with today's and this month's usage,
//! the saved destinations, and the card services: blocking a card and
//! changing its second PIN (each exactly once).

mod block_card;
mod block_state;
mod destinations;
mod limits;
mod overview;
mod second_pin;
mod second_pin_state;
mod statement;
mod statement_entry;

pub use block_card::CardBlock;
pub use block_state::{BlockOrder, BlockReason, BlockReceipt, BlockableCard, CardBlockState};
pub use destinations::{Payee, SavedPayee, saved_destinations};
pub(crate) use destinations::{remember_card, remember_sheba};
pub use limits::{CardLimitsView, LimitUsage, card_limits};
pub use overview::{AccountView, CardView, Overview, OverviewState};
pub use second_pin::SecondPinChange;
pub use second_pin_state::{SecondPinOrder, SecondPinReceipt, SecondPinState};
pub use statement::{Statement, StatementPageView};
pub use statement_entry::{Direction, StatementEntry};
