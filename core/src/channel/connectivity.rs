//! When SMS is offered: the shell's [`Connectivity`] signal plus the HTTPS
//! channel's own failures, folded by the [`FallbackPolicy`] into a
//! [`ChannelDecision`] the UI shows with every step ("sent by SMS").

use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

use crate::channel::ChannelError;
use crate::operation::{OperationKey, journal};
use crate::store::Store;

/// The shell's view of the network (Android `ConnectivityManager`, iOS `NWPathMonitor`).
pub trait Connectivity: Send + Sync {
    /// Whether mobile data or Wi-Fi can reach the internet right now.
    fn data_available(&self) -> bool;
}

/// The desktop's connectivity: a switch QA (and the demo) can turn off.
#[derive(Debug)]
pub struct SwitchConnectivity(AtomicBool);

impl Default for SwitchConnectivity {
    fn default() -> Self {
        Self(AtomicBool::new(true))
    }
}

impl SwitchConnectivity {
    /// Data on.
    pub fn new() -> Self {
        Self::default()
    }

    /// Turns data on or off.
    pub fn set_data(&self, on: bool) {
        self.0.store(on, Ordering::SeqCst);
    }
}

impl Connectivity for SwitchConnectivity {
    fn data_available(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

/// The channel a step uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    /// HTTPS over mobile data or Wi-Fi.
    Https,
    /// One encrypted SMS each way.
    Sms,
}

/// What the policy decided, and why (shown by the UI).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChannelDecision {
    /// The channel to use.
    pub channel: Channel,
    /// Whether the UI offers "send by SMS" (when HTTPS is used but failing).
    pub sms_offered: bool,
    /// `data_on`, `data_off`, `https_failing`, or `sms_not_set_up`.
    pub reason: &'static str,
}

impl ChannelDecision {
    /// Why, for the customer, in Persian.
    pub fn reason_fa(&self) -> &'static str {
        match self.reason {
            "data_off" => "اینترنت در دسترس نیست؛ بانکداری پیامکی به کار می‌رود.",
            "https_failing" => {
                "ارتباط اینترنتی با بانک برقرار نمی‌شود؛ می‌توانید با پیامک ادامه دهید."
            }
            "sms_not_set_up" => "اینترنت در دسترس نیست و بانکداری پیامکی هنوز راه‌اندازی نشده است.",
            _ => "اینترنت در دسترس است.",
        }
    }

    /// Why, in English.
    pub fn reason_en(&self) -> &'static str {
        match self.reason {
            "data_off" => "No mobile data: banking goes by SMS.",
            "https_failing" => {
                "The bank cannot be reached over the internet; you may go on by SMS."
            }
            "sms_not_set_up" => "No mobile data, and SMS banking is not set up yet.",
            _ => "Mobile data is available.",
        }
    }
}

/// What to do with a money-moving operation over SMS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmsPlan {
    /// Never journaled: journal it, then send it.
    Send,
    /// Journaled with an unknown (or known) outcome: ask the bank by its key
    /// first; send it again (same key) only if the bank never recorded it.
    Resolve,
}

/// Consecutive HTTPS transport failures after which SMS is offered.
pub const FAILURES_BEFORE_OFFER: u32 = 2;

/// Folds the shell's signal and HTTPS failures into a decision.
#[derive(Debug, Default)]
pub struct FallbackPolicy {
    failures: AtomicU32,
}

impl FallbackPolicy {
    /// A policy with no failures seen.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records an HTTPS outcome: transport failures (unreachable, no answer)
    /// count; any answer from the bank, even an error, resets the count.
    pub fn observe_https<T>(&self, result: &Result<T, ChannelError>) {
        match result {
            Err(ChannelError::Unreachable | ChannelError::OutcomeUnknown) => {
                self.failures.fetch_add(1, Ordering::SeqCst);
            }
            _ => self.failures.store(0, Ordering::SeqCst),
        }
    }

    /// The channel for the next step. `sms_ready`: an SMS key is agreed.
    pub fn decide(&self, connectivity: &dyn Connectivity, sms_ready: bool) -> ChannelDecision {
        let failing = self.failures.load(Ordering::SeqCst) >= FAILURES_BEFORE_OFFER;
        let data = connectivity.data_available();
        match (data, failing, sms_ready) {
            (_, _, false) => ChannelDecision {
                channel: Channel::Https,
                sms_offered: false,
                reason: if data { "data_on" } else { "sms_not_set_up" },
            },
            (false, _, true) => ChannelDecision {
                channel: Channel::Sms,
                sms_offered: true,
                reason: "data_off",
            },
            (true, true, true) => ChannelDecision {
                channel: Channel::Https,
                sms_offered: true,
                reason: "https_failing",
            },
            (true, false, true) => ChannelDecision {
                channel: Channel::Https,
                sms_offered: false,
                reason: "data_on",
            },
        }
    }

    /// How a money-moving operation under `key` may go over SMS: an
    /// operation already journaled (its HTTPS outcome unknown, or known) is
    /// never sent as a new SMS operation but resolved by its key.
    pub fn plan(store: &Store, key: &OperationKey) -> Result<SmsPlan, crate::store::StoreError> {
        Ok(if journal::contains(store, key)? {
            SmsPlan::Resolve
        } else {
            SmsPlan::Send
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly
    use super::*;

    #[test]
    fn data_off_means_sms_and_failures_offer_it() {
        let policy = FallbackPolicy::new();
        let net = SwitchConnectivity::new();
        assert_eq!(policy.decide(&net, true).channel, Channel::Https);
        policy.observe_https::<()>(&Err(ChannelError::Unreachable));
        assert!(!policy.decide(&net, true).sms_offered);
        policy.observe_https::<()>(&Err(ChannelError::OutcomeUnknown));
        let decision = policy.decide(&net, true);
        assert_eq!(
            (decision.channel, decision.sms_offered, decision.reason),
            (Channel::Https, true, "https_failing")
        );
        policy.observe_https::<()>(&Ok(()));
        assert!(!policy.decide(&net, true).sms_offered);
        net.set_data(false);
        assert_eq!(policy.decide(&net, true).channel, Channel::Sms);
        assert_eq!(policy.decide(&net, false).reason, "sms_not_set_up");
    }

    #[test]
    fn every_reason_reads_in_persian_and_english() {
        let policy = FallbackPolicy::new();
        let net = SwitchConnectivity::new();
        let mut seen = std::collections::HashSet::new();
        for (data, ready) in [(true, true), (false, true), (false, false)] {
            net.set_data(data);
            let decision = policy.decide(&net, ready);
            assert!(seen.insert(decision.reason_fa()), "{}", decision.reason);
            assert!(!decision.reason_en().is_empty());
        }
        assert!(
            policy
                .decide(&net, true)
                .reason_fa()
                .starts_with("اینترنت در دسترس نیست")
        );
    }
}
