//! The replay window of uplink counters: the highest counter accepted and a
//! 64-bit map of the 64 counters up to it. A counter already accepted is a
//! replay; one 64 or more below the highest, or more than [`MAX_JUMP`] above
//! it, is out of the window. Counters may arrive out of order inside it (SMS
//! do) and may skip (a lost SMS, a restored phone).

use hamrah_core::sms::SmsError;

/// Counters remembered below the highest.
pub const WINDOW: u32 = 64;
/// Largest step forward accepted.
pub const MAX_JUMP: u32 = 1024;

/// One key's window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// Highest counter accepted, if any.
    pub highest: Option<u32>,
    /// Bit `i`: counter `highest - i` accepted.
    pub seen: u64,
}

impl Window {
    /// Whether `counter` may be accepted.
    pub fn check(&self, counter: u32) -> Result<(), SmsError> {
        match self.highest {
            None if counter <= MAX_JUMP => Ok(()),
            None => Err(SmsError::CounterOutOfWindow),
            Some(highest) if counter > highest => {
                if counter - highest <= MAX_JUMP {
                    Ok(())
                } else {
                    Err(SmsError::CounterOutOfWindow)
                }
            }
            Some(highest) => {
                let below = highest - counter;
                if below >= WINDOW {
                    Err(SmsError::CounterOutOfWindow)
                } else if self.seen & (1 << below) != 0 {
                    Err(SmsError::Replayed)
                } else {
                    Ok(())
                }
            }
        }
    }

    /// The window once `counter` (checked) is accepted.
    pub fn accept(self, counter: u32) -> Self {
        match self.highest {
            Some(highest) if counter <= highest => Self {
                highest: self.highest,
                seen: self.seen | (1 << (highest - counter)),
            },
            Some(highest) => {
                let shift = counter - highest;
                let seen = if shift >= WINDOW {
                    0
                } else {
                    self.seen << shift
                };
                Self {
                    highest: Some(counter),
                    seen: seen | 1,
                }
            }
            None => Self {
                highest: Some(counter),
                seen: 1,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly
    use super::*;

    #[test]
    fn replays_and_stale_counters_are_refused_out_of_order_ones_accepted() {
        let mut w = Window {
            highest: None,
            seen: 0,
        };
        for c in [0, 2, 1, 70] {
            w.check(c).unwrap();
            w = w.accept(c);
        }
        assert_eq!(w.check(70), Err(SmsError::Replayed));
        assert_eq!(w.check(2), Err(SmsError::CounterOutOfWindow));
        w.check(69).unwrap();
        assert_eq!(
            w.check(70 + MAX_JUMP + 1),
            Err(SmsError::CounterOutOfWindow)
        );
        let w = w.accept(69);
        assert_eq!(w.check(69), Err(SmsError::Replayed));
        assert_eq!(
            Window {
                highest: None,
                seen: 0
            }
            .check(MAX_JUMP + 1),
            Err(SmsError::CounterOutOfWindow)
        );
    }
}
