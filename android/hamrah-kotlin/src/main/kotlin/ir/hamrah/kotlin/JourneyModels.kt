package ir.hamrah.kotlin

import ir.hamrah.ffi.AccountsClient
import ir.hamrah.ffi.BillPaymentState
import ir.hamrah.ffi.BillPayments
import ir.hamrah.ffi.BlockReason
import ir.hamrah.ffi.CardBlockState
import ir.hamrah.ffi.CardTransferState
import ir.hamrah.ffi.CardTransfers
import ir.hamrah.ffi.SecondPinState
import ir.hamrah.ffi.ShebaTransferState
import ir.hamrah.ffi.ShebaTransfers
import ir.hamrah.ffi.TransferMethod
import kotlinx.coroutines.CoroutineScope

/**
 * The card-to-card screen's model: the journey's life (see [JourneyModel])
 * and one call per input. Paying is offered by the core's view: with the SMS
 * PIN while one is valid, with the soft token when the phone holds it.
 */
class CardTransferModel internal constructor(transfers: CardTransfers, scope: CoroutineScope) :
    JourneyModel<CardTransferState, CardTransferJourney>(
        scope,
        { transfers.restoreLatest()?.let(::CardTransferJourney) },
        { CardTransferJourney(transfers.start()) },
    ) {
    /** Picks the source card. */
    fun chooseSource(cardId: String) = step { it.chooseSource(cardId) }

    /** The destination card number, as typed. */
    fun enterDestination(pan: String) = step { it.enterDestination(pan) }

    /** Confirms (or rejects) the holder's name. */
    fun confirmHolder(confirmed: Boolean) = step { it.confirmHolder(confirmed) }

    /** The amount in rials, as typed. */
    fun enterAmount(amount: String) = step { it.enterAmount(amount) }

    /** Asks the issuer for an SMS dynamic PIN. */
    fun requestPin() = step { it.requestPin() }

    /** Pays exactly once with the SMS dynamic PIN, CVV2 and expiry. */
    fun payWithSmsPin(pin: String, cvv2: String, expiry: String) = step { it.submit(pin, cvv2, expiry) }

    /** Pays exactly once with a code of the phone's soft token. */
    fun payWithSoftToken(cvv2: String, expiry: String) = step { it.submitWithSoftToken(cvv2, expiry) }

    /** A pending transfer asks the bank for its outcome. */
    fun resolve() = step { it.resolve() }
}

/** The bill screen's model: see [CardTransferModel]. */
class BillPaymentModel internal constructor(bills: BillPayments, scope: CoroutineScope) :
    JourneyModel<BillPaymentState, BillPaymentJourney>(
        scope,
        { bills.restoreLatest()?.let(::BillPaymentJourney) },
        { BillPaymentJourney(bills.start()) },
    ) {
    /** The bill ID and payment ID, as typed. */
    fun enterBill(billId: String, paymentId: String) = step { it.enterBill(billId, paymentId) }

    /** Picks the account or card that pays. */
    fun chooseSource(sourceId: String) = step { it.chooseSource(sourceId) }

    /** Pays from the chosen account with the SMS dynamic PIN the bank sent for this bill, exactly once. */
    fun confirm(pin: String) = step { it.confirm(pin) }

    /** Pays from the chosen account with a code of the phone's soft token, exactly once. */
    fun confirmWithSoftToken() = step { it.confirmWithSoftToken() }

    /** Asks for an SMS dynamic PIN bound to this bill (the card's issuer, or the bank for an account). */
    fun requestPin() = step { it.requestPin() }

    /** Pays by card with the SMS dynamic PIN, exactly once. */
    fun payWithSmsPin(pin: String, cvv2: String, expiry: String) = step { it.submitCard(pin, cvv2, expiry) }

    /** Pays by card with a code of the phone's soft token, exactly once. */
    fun payWithSoftToken(cvv2: String, expiry: String) = step { it.submitCardWithSoftToken(cvv2, expiry) }

    /** A pending payment asks the bank for its outcome. */
    fun resolve() = step { it.resolve() }
}

/** Blocking a card over HTTPS: see [CardTransferModel]. */
class CardBlockModel internal constructor(accounts: AccountsClient, scope: CoroutineScope) :
    JourneyModel<CardBlockState, CardBlockJourney>(
        scope,
        { accounts.restoreCardBlock()?.let(::CardBlockJourney) },
        { CardBlockJourney(accounts.startCardBlock()) },
    ) {
    /** Picks the card and the reason; the block then waits for the confirmation. */
    fun choose(cardId: String, reason: BlockReason) = step { it.choose(cardId, reason) }

    /** Back from the confirmation to the cards. */
    fun back() = step { it.back() }

    /** Confirms: the block goes to the bank exactly once. */
    fun confirm() = step { it.confirm() }

    /** A pending block asks the bank for its outcome. */
    fun resolve() = step { it.resolve() }
}

/**
 * Changing a card's second PIN over HTTPS: see [CardTransferModel]. The PINs go to the core
 * as typed; a typing mistake or a wrong current PIN comes back in [SecondPinState.EnterPins]'s
 * error, with its field.
 */
class SecondPinModel internal constructor(accounts: AccountsClient, scope: CoroutineScope) :
    JourneyModel<SecondPinState, SecondPinJourney>(
        scope,
        { accounts.restoreSecondPinChange()?.let(::SecondPinJourney) },
        { SecondPinJourney(accounts.startSecondPinChange()) },
    ) {
    /** Picks the card; the change then waits for the PINs. */
    fun choose(cardId: String) = step { it.choose(cardId) }

    /** Back from the PINs to the cards. */
    fun back() = step { it.back() }

    /** Sends the current second PIN and the new one (twice), exactly once. */
    fun submit(currentPin: String, newPin: String, repeatPin: String) =
        step { it.submit(currentPin, newPin, repeatPin) }

    /** A pending change asks the bank for its outcome. */
    fun resolve() = step { it.resolve() }
}

/** The SHEBA (PAYA/SATNA) screen's model: see [CardTransferModel]. */
class ShebaTransferModel internal constructor(transfers: ShebaTransfers, scope: CoroutineScope) :
    JourneyModel<ShebaTransferState, ShebaTransferJourney>(
        scope,
        { transfers.restoreLatest()?.let(::ShebaTransferJourney) },
        { ShebaTransferJourney(transfers.start()) },
    ) {
    /** Picks the source account. */
    fun chooseSource(accountId: String) = step { it.chooseSource(accountId) }

    /** The destination SHEBA, as typed. */
    fun enterSheba(sheba: String) = step { it.enterSheba(sheba) }

    /** Confirms (or rejects) the holder's name. */
    fun confirmHolder(confirmed: Boolean) = step { it.confirmHolder(confirmed) }

    /** The amount in rials, as typed. */
    fun enterAmount(amount: String) = step { it.enterAmount(amount) }

    /** Picks PAYA or SATNA when both fit. */
    fun chooseMethod(method: TransferMethod) = step { it.chooseMethod(method) }

    /** Asks the bank for an SMS dynamic PIN bound to this amount and SHEBA. */
    fun requestPin() = step { it.requestPin() }

    /** Sends the order with the SMS dynamic PIN, exactly once. */
    fun payWithSmsPin(pin: String) = step { it.submit(pin) }

    /** Sends the order with a code of the phone's soft token, exactly once. */
    fun payWithSoftToken() = step { it.submitWithSoftToken() }

    /** A pending transfer asks the bank for its outcome. */
    fun resolve() = step { it.resolve() }
}
