//! Sayad cheques (چک صیادی): the customer's cheque books and leaves, the
//! cheques she received with each issuer's standing, the status of any cheque
//! by its Sayad ID (read models, cached sealed for offline reading), and the
//! journeys that change a cheque's state, each an operation of the
//! money-moving class: registering an issued cheque (bound by the second
//! factor to its amount and `cheque:{sayad_id}`), and confirming, refusing or
//! transferring a received one.

mod register;
mod register_state;
mod respond;
mod respond_state;
mod standing;
mod views;

pub use register::ChequeRegistration;
pub use register_state::{BlankLeaf, ChequeOrder, ChequeRegistrationState};
pub use respond::ReceivedCheque;
pub use respond_state::{ChequeAction, ChequeAnswer, ReceivedChequeState};
pub use standing::ChequeColour;
pub use views::{
    ChequeBooksView, Fetched, ReceivedCheques, cheque_books, cheque_status, received_cheques,
};
