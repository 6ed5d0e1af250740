//! Property tests: valid identifiers round-trip through parse and display,
//! and no parser panics on any input.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly

use hamrah_core::calendar::JalaliDate;
use hamrah_core::ids::{Bill, CardNumber, MobileNumber, NationalId, Sheba};
use hamrah_core::money::Rials;
use proptest::prelude::*;

mod support;
use support::{valid_bill, valid_card, valid_national_id, valid_sheba, words_value};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn cards_round_trip(digits in "[0-9]{15}") {
        let card = valid_card(&digits);
        prop_assert_eq!(card.grouped().parse::<CardNumber>(), Ok(card.clone()));
        prop_assert_eq!(card.as_str().parse::<CardNumber>(), Ok(card));
    }

    #[test]
    fn shebas_round_trip(body in "[0-9]{3}[0-3][0-9]{18}") {
        let sheba = valid_sheba(&body);
        prop_assert_eq!(sheba.grouped().to_lowercase().parse::<Sheba>(), Ok(sheba.clone()));
        prop_assert_eq!(sheba.as_str().parse::<Sheba>(), Ok(sheba));
    }

    #[test]
    fn bills_round_trip(company in "[1-9][0-9]{3,10}", kind in "[1-6]|8|9", amount in 1u64..10_000_000, period in "[0-9]{3}") {
        let bill = valid_bill(&company, &kind, amount, &period);
        prop_assert_eq!(bill.amount(), Rials::new(amount * 1000));
        prop_assert_eq!(Bill::from_barcode(&bill.barcode()), Ok(bill.clone()));
        prop_assert_eq!(Bill::new(bill.bill_id(), bill.payment_id()), Ok(bill));
    }

    #[test]
    fn national_ids_round_trip(body in "[0-9]{9}") {
        if let Some(id) = valid_national_id(&body) {
            prop_assert_eq!(id.as_str().parse::<NationalId>(), Ok(id));
        }
    }

    #[test]
    fn mobiles_round_trip(prefix in "91[0-9]|93[05-9]|92[0-3]|99[0-4]", rest in "[0-9]{7}") {
        let mobile: MobileNumber = format!("0{prefix}{rest}").parse().unwrap();
        prop_assert_eq!(mobile.international().parse::<MobileNumber>(), Ok(mobile.clone()));
        prop_assert_eq!(mobile.as_str()[1..].parse::<MobileNumber>(), Ok(mobile));
    }

    #[test]
    fn amounts_round_trip(n in any::<u64>()) {
        let rials = Rials::new(n);
        prop_assert_eq!(rials.grouped().parse::<Rials>(), Ok(rials));
        prop_assert_eq!(rials.grouped_fa().parse::<Rials>(), Ok(rials));
        prop_assert_eq!(words_value(&rials.words_fa()), Some(n));
    }

    #[test]
    fn jalali_dates_round_trip(days in 0i32..110_000) {
        let gregorian = jiff::civil::date(1827, 3, 21).checked_add(jiff::Span::new().days(days)).unwrap();
        let jalali = JalaliDate::from_gregorian(gregorian).unwrap();
        prop_assert_eq!(jalali.to_gregorian(), gregorian);
        prop_assert_eq!(jalali.to_string().parse::<JalaliDate>(), Ok(jalali));
        prop_assert_eq!(jalali.to_persian_string().parse::<JalaliDate>(), Ok(jalali));
    }

    #[test]
    fn no_parser_panics(input in any::<String>()) {
        let _ = input.parse::<CardNumber>();
        let _ = input.parse::<Sheba>();
        let _ = input.parse::<NationalId>();
        let _ = input.parse::<MobileNumber>();
        let _ = input.parse::<Rials>();
        let _ = input.parse::<JalaliDate>();
        let _ = hamrah_core::calendar::parse_any(&input);
        let _ = Bill::new(&input, &input);
        let _ = Bill::from_barcode(&input);
    }

    #[test]
    fn no_parser_panics_on_near_misses(input in "[0-9۰-۹٠-٩IiRr +\\-/,]{0,40}") {
        let _ = input.parse::<CardNumber>();
        let _ = input.parse::<Sheba>();
        let _ = input.parse::<NationalId>();
        let _ = input.parse::<MobileNumber>();
        let _ = input.parse::<Rials>();
        let _ = input.parse::<JalaliDate>();
        let _ = hamrah_core::calendar::parse_any(&input);
        let _ = Bill::new(&input, &input);
        let _ = Bill::from_barcode(&input);
    }
}
