//! The bank's numbers, sent to clients by `GET /v1/config`. Every rule the
//! sandbox applies reads its number from here, never from a constant.

use hamrah_core::client::BankConfig as DomainDefaults;
use serde::Serialize;

/// The configurable part of the bank: limits, fees, OTP, sessions, settlement
/// cycles and the rest of the contract's `BankConfig` (the time and holidays
/// are added when it is served).
#[derive(Debug, Clone, Serialize)]
pub struct BankRules {
    /// Transfer limits.
    pub limits: Limits,
    /// Fees in rials.
    pub fees: Fees,
    /// SMS one-time codes.
    pub otp: OtpRules,
    /// Sessions and lockout.
    pub session: SessionRules,
    /// Password rules.
    pub password_policy: PasswordPolicy,
    /// Throttles of the activation's identity check.
    pub activation: ActivationRules,
    /// Velocity limits of card credentials (CVV2, expiry) in card payments.
    pub card_credentials: CardCredentialRules,
    /// Failure budget of the current second PIN when changing it.
    pub second_pin: CardCredentialRules,
    /// PAYA settlement times on business days, Tehran time, ascending (`HH:MM`).
    pub paya_cycles: Vec<String>,
    /// The last Tehran time a SATNA order takes effect the same business day.
    pub satna_cutoff: String,
    /// Non-business days of the week.
    pub weekend_days: Vec<String>,
    /// The soft token's parameters.
    pub soft_token: SoftTokenRules,
    /// Device signatures.
    pub signature: SignatureRules,
    /// The SMS channel.
    pub sms: SmsRules,
    /// Request limits.
    pub request: RequestRules,
    /// Idempotency records.
    pub idempotency: IdempotencyRules,
    /// Strong customer authentication of payments.
    pub sca: ScaRules,
    /// What the bank sells as top-ups (served by `topup_catalog_get`, not in the config).
    #[serde(skip)]
    pub topup: crate::topup_catalog::TopupRules,
    /// Loans: late-payment penalty, reminders, instalments per payment.
    pub loans: LoanRules,
}

/// Loans and instalments (`sandbox/src/loans`).
#[derive(Debug, Clone, Serialize)]
pub struct LoanRules {
    /// Late-payment penalty on an overdue instalment, basis points a year,
    /// counted per Tehran day overdue (600: 6 % a year).
    pub penalty_rate_bp_per_year: i64,
    /// Days before a due date when the SMS reminder goes out.
    pub reminder_days_before: i64,
    /// Most instalments one payment may cover.
    pub max_instalments_per_payment: i64,
}

/// Transfer limits.
#[derive(Debug, Clone, Serialize)]
pub struct Limits {
    /// Card-to-card limits.
    pub card_to_card: CardToCardLimits,
    /// PAYA limits.
    pub paya: PayaLimits,
    /// SATNA limits.
    pub satna: SatnaLimits,
    /// Transfers to accounts of this bank (by number, or a SHEBA `internal`).
    pub account_transfer: AccountTransferLimits,
}

/// Limits of transfers to accounts of this bank.
#[derive(Debug, Clone, Serialize)]
pub struct AccountTransferLimits {
    /// Smallest transfer.
    pub per_transfer_min_rials: i64,
    /// Largest transfer.
    pub per_transfer_max_rials: i64,
    /// Per source account per Tehran day.
    pub daily_per_account_rials: i64,
}

/// Card-to-card limits per transfer and per card.
#[derive(Debug, Clone, Serialize)]
pub struct CardToCardLimits {
    /// Smallest transfer.
    pub per_transfer_min_rials: i64,
    /// Largest transfer.
    pub per_transfer_max_rials: i64,
    /// Per card per Tehran day.
    pub daily_per_card_rials: i64,
    /// Per card per Jalali month.
    pub monthly_per_card_rials: i64,
}

/// PAYA limits.
#[derive(Debug, Clone, Serialize)]
pub struct PayaLimits {
    /// A PAYA order must be strictly below this.
    pub per_order_below_rials: i64,
}

/// SATNA limits.
#[derive(Debug, Clone, Serialize)]
pub struct SatnaLimits {
    /// A SATNA order must be at least this.
    pub min_rials: i64,
}

/// Fees in rials.
#[derive(Debug, Clone, Serialize)]
pub struct Fees {
    /// Per card-to-card transfer (not charged when reversed).
    pub card_to_card_rials: i64,
    /// Per PAYA order.
    pub paya_rials: i64,
    /// Per SATNA order.
    pub satna_rials: i64,
    /// Kept when a SATNA transfer comes back.
    pub satna_return_rials: i64,
    /// Per bill payment.
    pub bill_payment_rials: i64,
    /// Per transfer to an account of this bank.
    pub account_transfer_rials: i64,
    /// Per top-up or internet package.
    pub topup_rials: i64,
}

/// SMS one-time codes.
#[derive(Debug, Clone, Serialize)]
pub struct OtpRules {
    /// Validity of a code.
    pub lifetime_seconds: i64,
    /// Dynamic PIN requests per payment.
    pub max_requests_per_payment: i64,
    /// Digits of a code.
    pub digits: u32,
    /// Wrong entries allowed per code.
    pub verify_attempts_per_code: i64,
}

/// Sessions and lockout.
#[derive(Debug, Clone, Serialize)]
pub struct SessionRules {
    /// Idle time before a session ends.
    pub inactivity_timeout_seconds: i64,
    /// The longest idle timeout a customer may choose; also caps sessions
    /// and choices stored before it was lowered.
    pub inactivity_timeout_max_seconds: i64,
    /// The longest a session lives.
    pub absolute_lifetime_seconds: i64,
    /// Password age that forces a change.
    pub password_max_age_days: i64,
    /// Consecutive failures that lock the user.
    pub max_failed_logins: i64,
    /// How long a lock lasts.
    pub lockout_seconds: i64,
    /// Previous passwords a new one must differ from.
    pub password_history: i64,
}

/// Throttles of the activation's identity check (national ID, mobile, birth
/// date, card, expiry): mismatches in a sliding window, per national ID and
/// per client address, after which activation answers 429.
#[derive(Debug, Clone, Serialize)]
pub struct ActivationRules {
    /// Mismatches of one national ID in the window.
    pub identity_mismatches_per_national_id: i64,
    /// Mismatches from one client address in the window.
    pub identity_mismatches_per_address: i64,
    /// The sliding window.
    pub identity_mismatch_window_seconds: i64,
}

/// Throttles of card credentials: wrong CVV2 or expiry per Tehran day, after
/// which card payments from that card (or by that customer) answer 423 until
/// the next day.
#[derive(Debug, Clone, Serialize)]
pub struct CardCredentialRules {
    /// Failures of one card a day.
    pub failures_per_card_per_day: i64,
    /// Failures of one customer a day, any card.
    pub failures_per_customer_per_day: i64,
}

/// Password rules.
#[derive(Debug, Clone, Serialize)]
pub struct PasswordPolicy {
    /// Shortest password.
    pub min_length: usize,
    /// Longest password.
    pub max_length: usize,
    /// Needs an upper-case letter.
    pub require_upper: bool,
    /// Needs a lower-case letter.
    pub require_lower: bool,
    /// Needs a digit.
    pub require_digit: bool,
    /// Needs a symbol.
    pub require_symbol: bool,
}

/// The soft token's parameters.
#[derive(Debug, Clone, Serialize)]
pub struct SoftTokenRules {
    /// RFC 6238 parameters.
    pub totp: TotpRules,
    /// RFC 6287 suite of transaction-bound codes.
    pub ocra_suite: String,
    /// Time steps accepted either side.
    pub accepted_skew_steps: i64,
    /// Wrong codes in a row that lock the token.
    pub max_consecutive_failures: i64,
}

/// RFC 6238 parameters.
#[derive(Debug, Clone, Serialize)]
pub struct TotpRules {
    /// Digits of a code.
    pub digits: u32,
    /// Seconds per step.
    pub period_seconds: u64,
    /// `sha1`, `sha256` or `sha512`.
    pub algorithm: String,
}

/// Device signatures.
#[derive(Debug, Clone, Serialize)]
pub struct SignatureRules {
    /// Always `ES256`.
    pub algorithm: String,
    /// Clock skew accepted on a signature's timestamp.
    pub max_skew_seconds: i64,
    /// How long a nonce is remembered.
    pub nonce_ttl_seconds: i64,
    /// How long a quick-login challenge lives.
    pub challenge_ttl_seconds: i64,
}

/// The SMS channel.
#[derive(Debug, Clone, Serialize)]
pub struct SmsRules {
    /// The number the app sends SMS to.
    pub bank_number: String,
    /// Destination port of data SMS.
    pub data_port: u16,
    /// Bytes in one data SMS.
    pub frame_max_bytes: usize,
    /// GSM-7 characters in one text SMS.
    pub text_max_chars: usize,
    /// Uplink counters accepted behind the highest seen.
    pub counter_window: u64,
}

/// Request limits.
#[derive(Debug, Clone, Serialize)]
pub struct RequestRules {
    /// Largest request body.
    pub max_body_bytes: usize,
    /// Requests per minute per client address and per customer; 0 turns the limit off.
    pub rate_limit_per_minute: u32,
}

/// Strong customer authentication (`sandbox/src/sca.rs`).
#[derive(Debug, Clone, Serialize)]
pub struct ScaRules {
    /// Payments from an account strictly below this need no second factor
    /// (a low-value exemption, PSD2 RTS Art. 16 style); 0: none is exempt.
    pub exempt_below_rials: i64,
}

/// Idempotency records.
#[derive(Debug, Clone, Serialize)]
pub struct IdempotencyRules {
    /// Days a recorded outcome is kept.
    pub retention_days: i64,
}

impl Default for BankRules {
    /// The defaults of `../shared/domain.md`; the numbers a phone also knows
    /// offline (limits, fees, dynamic PINs, session times, settlement) come
    /// from the core's one copy of them, [`DomainDefaults::default`].
    fn default() -> Self {
        let domain = DomainDefaults::default();
        let (c2c, fees, otp, session) = (
            &domain.limits.card_to_card,
            &domain.fees,
            &domain.otp,
            &domain.session,
        );
        Self {
            limits: Limits {
                card_to_card: CardToCardLimits {
                    per_transfer_min_rials: signed(c2c.per_transfer_min_rials),
                    per_transfer_max_rials: signed(c2c.per_transfer_max_rials),
                    daily_per_card_rials: signed(c2c.daily_per_card_rials),
                    monthly_per_card_rials: signed(c2c.monthly_per_card_rials),
                },
                paya: PayaLimits {
                    per_order_below_rials: signed(domain.limits.paya.per_order_below_rials),
                },
                satna: SatnaLimits {
                    min_rials: signed(domain.limits.satna.min_rials),
                },
                account_transfer: AccountTransferLimits {
                    per_transfer_min_rials: signed(
                        domain.limits.account_transfer.per_transfer_min_rials,
                    ),
                    per_transfer_max_rials: signed(
                        domain.limits.account_transfer.per_transfer_max_rials,
                    ),
                    daily_per_account_rials: signed(
                        domain.limits.account_transfer.daily_per_account_rials,
                    ),
                },
            },
            fees: Fees {
                card_to_card_rials: signed(fees.card_to_card_rials),
                paya_rials: signed(fees.paya_rials),
                satna_rials: signed(fees.satna_rials),
                satna_return_rials: signed(fees.satna_return_rials),
                bill_payment_rials: signed(fees.bill_payment_rials),
                account_transfer_rials: signed(fees.account_transfer_rials),
                topup_rials: signed(fees.topup_rials),
            },
            otp: OtpRules {
                lifetime_seconds: signed(otp.lifetime_seconds),
                max_requests_per_payment: otp.max_requests_per_payment.into(),
                digits: otp.digits,
                verify_attempts_per_code: 3,
            },
            session: SessionRules {
                inactivity_timeout_seconds: signed(session.inactivity_timeout_seconds),
                // PSD2 RTS Art. 4(3)(d): at most five minutes without activity.
                inactivity_timeout_max_seconds: signed(session.inactivity_timeout_max_seconds),
                absolute_lifetime_seconds: signed(session.absolute_lifetime_seconds),
                password_max_age_days: 90,
                max_failed_logins: 5,
                lockout_seconds: 1800,
                password_history: 3,
            },
            password_policy: PasswordPolicy {
                min_length: 8,
                max_length: 64,
                require_upper: true,
                require_lower: true,
                require_digit: true,
                require_symbol: true,
            },
            activation: ActivationRules {
                identity_mismatches_per_national_id: 5,
                identity_mismatches_per_address: 10,
                identity_mismatch_window_seconds: 3600,
            },
            card_credentials: CardCredentialRules {
                failures_per_card_per_day: 5,
                failures_per_customer_per_day: 10,
            },
            second_pin: CardCredentialRules {
                failures_per_card_per_day: 3,
                failures_per_customer_per_day: 5,
            },
            paya_cycles: domain.paya_cycles.clone(),
            satna_cutoff: domain.satna_cutoff.clone(),
            weekend_days: domain.weekend_days.clone(),
            soft_token: SoftTokenRules {
                totp: TotpRules {
                    digits: 6,
                    period_seconds: 30,
                    algorithm: "sha256".to_owned(),
                },
                ocra_suite: "OCRA-1:HOTP-SHA256-8:QH40-T30S".to_owned(),
                accepted_skew_steps: 1,
                max_consecutive_failures: 5,
            },
            signature: SignatureRules {
                algorithm: "ES256".to_owned(),
                max_skew_seconds: 120,
                nonce_ttl_seconds: 240,
                challenge_ttl_seconds: 60,
            },
            sms: SmsRules {
                bank_number: "3000717".to_owned(),
                data_port: 16001,
                frame_max_bytes: 140,
                text_max_chars: 160,
                counter_window: 64,
            },
            request: RequestRules {
                max_body_bytes: 64 * 1024,
                rate_limit_per_minute: 600,
            },
            idempotency: IdempotencyRules { retention_days: 30 },
            sca: ScaRules {
                exempt_below_rials: 0,
            },
            loans: LoanRules {
                penalty_rate_bp_per_year: 600,
                reminder_days_before: 3,
                max_instalments_per_payment: 12,
            },
            topup: crate::topup_catalog::TopupRules::default(),
        }
    }
}

/// A number of the core's defaults as the ledger's signed integer.
fn signed(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}
