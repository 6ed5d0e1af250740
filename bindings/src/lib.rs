//! Hamrah's UniFFI surface for the Kotlin and Swift apps: a thin layer over
//! `hamrah-core` with no business logic of its own.
//!
//! - [`Hamrah`] (the root object) opens one install and hands out the
//!   sub-clients: [`SessionClient`], [`AccountsClient`], [`CardTransfers`],
//!   [`ShebaTransfers`], [`BillPayments`], [`Topups`], [`AccountTransfers`], [`ChequesClient`],
//!   [`Loans`], [`OtherCards`], [`TokenClient`], [`SmsChannel`], [`InfoClient`], [`NoticesClient`].
//! - Every async function runs as a task of a tokio runtime the library owns
//!   ([`runtime`]): a caller that stops waiting (a cancelled coroutine) never
//!   cancels a payment; its outcome still reaches the observers.
//! - Observers are foreign traits; each `observe*` call returns an
//!   [`ObservationHandle`] that stops the observation when cancelled or dropped.
//! - Errors are one small enum, [`HamrahError`], mapped from the core's coded
//!   errors with their Persian and English messages.
//! - The platform's services are foreign traits: [`SecretStore`],
//!   [`DeviceSigner`], [`LocalUnlock`], [`SmsTransport`], [`Connectivity`], [`LogSink`].

uniffi::setup_scaffolding!();

mod account_transfer;
mod account_transfer_types;
mod accounts;
mod accounts_types;
mod amounts;
mod bill_types;
mod bills;
mod card_block;
mod card_block_types;
mod card_transfer;
mod card_transfer_types;
mod cheque_types;
mod cheques;
mod device;
mod digits;
mod display;
mod error;
mod hamrah;
mod history;
mod info;
mod info_types;
mod install;
mod journey;
mod loan_types;
mod loans;
mod logging;
mod notices;
mod observe;
mod other_cards;
mod platform;
mod runtime;
mod second_pin;
mod second_pin_types;
mod session;
mod sheba_transfer;
mod sheba_types;
mod sms;
mod sms_payments;
mod sms_types;
mod test_hooks;
mod token;
mod topup;
mod topup_types;
mod types;

pub use account_transfer::{AccountTransferFlow, AccountTransferObserver, AccountTransfers};
pub use account_transfer_types::{
    AccountTransferInput, AccountTransferState, DepositDestination, DepositLimits, DepositPayment,
    DepositReceipt,
};
pub use accounts::{AccountsClient, StatementPages};
pub use accounts_types::{
    AccountInfo, CardInfo, CardLimitsInfo, CardState, Direction, LimitUsage, OverviewInfo,
    StatementEntry, StatementPage,
};
pub use amounts::{AmountText, amount_text, signed_amount_text};
pub use bill_types::{BillInfo, BillOrder, BillPaymentState, BillReceipt, BillSource};
pub use bills::{BillPaymentFlow, BillPaymentInput, BillPaymentObserver, BillPayments};
pub use card_block::{CardBlockFlow, CardBlockInput, CardBlockObserver};
pub use card_block_types::{
    BlockOrder, BlockReason, BlockReasonOption, BlockReceipt, BlockableCard, CardBlockState,
};
pub use card_transfer::{CardTransferFlow, CardTransferInput, CardTransferObserver, CardTransfers};
pub use card_transfer_types::{
    CardAmountLimits, CardPayment, CardReceipt, CardTransferState, DestinationCard, SourceCard,
};
pub use cheque_types::{
    ChequeBooksInfo, ChequeInfo, ChequeLeafInfo, ChequeOrderInfo, ChequeReceiptInfo,
    ChequeRegistrationState, ReceivedChequeState, ReceivedChequesInfo,
};
pub use cheques::{ChequeRegistrationFlow, ChequesClient, ReceivedChequeFlow};
pub use device::{DeviceInfo, DevicePlatform, DeviceSigner, LocalUnlock, UnlockReason};
pub use digits::persian_digits;
pub use display::{ActionInfo, PinActions, ReceiptInfo, ReceiptLine, StepView};
pub use error::{HamrahError, PlatformError, unexpected_problem};
pub use hamrah::{Hamrah, HamrahConfig, ResolveReport};
pub use history::{PaymentHistoryPages, PaymentInfo, PaymentKind, PaymentOutcome, PaymentPage};
pub use info::InfoClient;
pub use info_types::{
    Branch, BranchDirectoryInfo, DepositProduct, DepositProductList, ExchangeRate,
    ExchangeRateBoard,
};
pub use loan_types::{
    InstalmentInfo, LoanInfo, LoanOrderInfo, LoanPaymentInput, LoanPaymentState, LoanReceiptInfo,
    LoanSourceInfo, LoanToPayInfo, LoansView, ScheduleView, SettlementQuoteInfo,
};
pub use loans::{LoanPaymentFlow, LoanPaymentObserver, Loans};
pub use logging::{LogLevel, LogSink, set_log_sink};
pub use notices::{InboxPage, Notice, NoticesClient};
pub use observe::{CountdownObserver, ObservationHandle};
pub use other_cards::{OtherCardDraft, OtherCardInfo, OtherCardPreview, OtherCards};
pub use platform::SecretStore;
pub use second_pin::{SecondPinFlow, SecondPinInput, SecondPinObserver};
pub use second_pin_types::{SecondPinReceipt, SecondPinState};
pub use session::{
    SessionClient, SessionInput, SessionNotice, SessionObserver, SessionState, session_notice,
};
pub use sheba_transfer::{ShebaTransferFlow, ShebaTransferObserver, ShebaTransfers};
pub use sheba_types::{
    MethodOption, Moment, ShebaDestination, ShebaLimits, ShebaPayment, ShebaReceipt,
    ShebaTransferState, SourceAccount, TransferMethod,
};
pub use sms::{
    BankChannel, ChannelDecision, ChannelObserver, Connectivity, InboundSms, OutboundSms,
    SmsBillInput, SmsBillPayment, SmsCardBlock, SmsCardTransfer, SmsChannel, SmsDirectory,
    SmsReply, SmsResult, SmsStatementEntry, SmsTransferInput, SmsTransport, sms_row_index,
};
pub use test_hooks::{ffi_echo, ffi_test_panic, library_version};
pub use token::{TokenActivation, TokenClient, TokenCode, TokenCodeObserver};
pub use topup::{TopupFlow, TopupObserver, Topups};
pub use topup_types::{
    CardCredentials, TopupInput, TopupLine, TopupOffer, TopupOrder, TopupPackage, TopupPurchase,
    TopupReceipt, TopupState,
};
pub use types::{BankInfo, PinStatus, ProblemInfo};
