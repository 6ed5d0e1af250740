//! Property tests of the cheque parsers: every 16-digit Sayad ID and every
//! series/serial of the printed lengths round-trips in any script and with
//! separators; lengths outside are refused with their own codes; no input
//! makes either parser panic; and the colour code never improves as an
//! issuer's record grows.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly

use hamrah_core::Coded;
use hamrah_core::flows::cheques::ChequeColour;
use hamrah_core::ids::{ChequeSerial, SayadId};
use proptest::prelude::*;

fn persian(ascii: &str) -> String {
    ascii
        .chars()
        .map(|c| char::from_u32(0x06F0 + c.to_digit(10).unwrap()).unwrap())
        .collect()
}

proptest! {
    #[test]
    fn sayad_ids_round_trip(digits in "[0-9]{16}") {
        let id: SayadId = digits.parse().unwrap();
        prop_assert_eq!(id.as_str(), digits.as_str());
        let grouped = id.grouped().parse::<SayadId>();
        prop_assert_eq!(grouped.as_ref(), Ok(&id));
        let typed = persian(&digits).parse::<SayadId>();
        prop_assert_eq!(typed.as_ref(), Ok(&id));
        let dashed = format!("{}-{}", &digits[..8], &digits[8..]);
        prop_assert_eq!(dashed.parse::<SayadId>(), Ok(id));
    }

    #[test]
    fn sayad_ids_of_other_lengths_are_refused(digits in "[0-9]{1,15}|[0-9]{17,30}") {
        let refused = digits.parse::<SayadId>().unwrap_err();
        prop_assert_eq!(refused.code(), "sayad.length");
    }

    #[test]
    fn serials_round_trip(series in "[0-9]{1,6}", serial in "[0-9]{6,10}") {
        let parsed: ChequeSerial = format!("{series}/{serial}").parse().unwrap();
        prop_assert_eq!(parsed.series(), series.as_str());
        prop_assert_eq!(parsed.serial(), serial.as_str());
        let typed = format!("{} - {}", persian(&series), persian(&serial));
        let again = typed.parse::<ChequeSerial>();
        prop_assert_eq!(again.as_ref(), Ok(&parsed));
        prop_assert_eq!(parsed.canonical().parse::<ChequeSerial>(), Ok(parsed));
    }

    #[test]
    fn no_cheque_parser_panics(input in any::<String>()) {
        let _ = input.parse::<SayadId>();
        let _ = input.parse::<ChequeSerial>();
    }

    #[test]
    fn no_cheque_parser_panics_on_near_misses(input in "[0-9۰-۹٠-٩ /\\-x]{0,40}") {
        if let Ok(id) = input.parse::<SayadId>() {
            prop_assert_eq!(id.as_str().len(), 16);
        }
        if let Ok(serial) = input.parse::<ChequeSerial>() {
            prop_assert_eq!(serial.canonical().parse::<ChequeSerial>(), Ok(serial));
        }
    }

    #[test]
    fn a_longer_record_never_has_a_better_colour(count in 0u64..40, amount in 0u64..2_000_000_000, more in 0u64..5, extra in 0u64..300_000_000) {
        let before = ChequeColour::of_record(count, amount);
        let after = ChequeColour::of_record(count + more, amount + extra);
        prop_assert!(after >= before);
    }
}
