//! Hamrah's UniFFI surface for the Kotlin and Swift apps: a thin layer over
//! `hamrah-core` with no business logic of its own.
//!
//! - [`Hamrah`] (the root object) opens one install and hands out the
//!   sub-clients: [`SessionClient`], [`AccountsClient`], [`CardTransfers`],
//!   [`ShebaTransfers`], [`BillPayments`], [`TokenClient`], [`SmsChannel`].
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

mod accounts;
mod accounts_types;
mod amounts;
mod bill_types;
mod bills;
mod card_block;
mod card_block_types;
mod card_transfer;
mod card_transfer_types;
mod device;
mod digits;
mod display;
mod error;
mod hamrah;
mod install;
mod journey;
mod logging;
mod observe;
mod platform;
mod runtime;
mod session;
mod sheba_transfer;
mod sheba_types;
mod sms;
mod sms_payments;
mod sms_types;
mod test_hooks;
mod token;
mod types;

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
pub use device::{DeviceInfo, DevicePlatform, DeviceSigner, LocalUnlock, UnlockReason};
pub use digits::persian_digits;
pub use display::{ActionInfo, PinActions, ReceiptInfo, ReceiptLine, StepView};
pub use error::{HamrahError, PlatformError, unexpected_problem};
pub use hamrah::{Hamrah, HamrahConfig, ResolveReport};
pub use logging::{LogLevel, LogSink, set_log_sink};
pub use observe::{CountdownObserver, ObservationHandle};
pub use platform::SecretStore;
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
pub use types::{BankInfo, PinStatus, ProblemInfo};
