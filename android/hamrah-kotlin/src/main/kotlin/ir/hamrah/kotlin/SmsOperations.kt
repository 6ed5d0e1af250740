package ir.hamrah.kotlin

import ir.hamrah.ffi.SmsBillInput
import ir.hamrah.ffi.SmsBillPayment
import ir.hamrah.ffi.SmsCardBlock
import ir.hamrah.ffi.SmsCardTransfer
import ir.hamrah.ffi.SmsTransferInput

// The SMS operations' inputs by name. The bindings take every input of an
// operation through one export (`step`: each export costs the phones'
// library kilobytes); these are the calls Kotlin code reads.

/** Asks the card's issuer, over SMS, for a dynamic PIN bound to this transfer. */
suspend fun SmsCardTransfer.requestPin() = step(SmsTransferInput.RequestPin)

/** Sends the transfer with the dynamic PIN, CVV2 and expiry, exactly once. */
suspend fun SmsCardTransfer.submit(pin: String, cvv2: String, expiry: String) =
    step(SmsTransferInput.Submit(pin, cvv2, expiry))

/** Asks the bank, over SMS, for this transfer's outcome. */
suspend fun SmsCardTransfer.resolve() = step(SmsTransferInput.Resolve)

/** Asks the issuer of the card at [cardIndex], over SMS, for a dynamic PIN bound to this bill. */
suspend fun SmsBillPayment.requestPin(cardIndex: UByte) = step(SmsBillInput.RequestPin(cardIndex))

/** Pays from the account at [accountIndex], exactly once. */
suspend fun SmsBillPayment.payFromAccount(accountIndex: UByte) = step(SmsBillInput.PayFromAccount(accountIndex))

/** Pays from the card at [cardIndex] with its SMS dynamic PIN, CVV2 and expiry, exactly once. */
suspend fun SmsBillPayment.payFromCard(cardIndex: UByte, pin: String, cvv2: String, expiry: String) =
    step(SmsBillInput.PayFromCard(cardIndex, pin, cvv2, expiry))

/** Asks the bank, over SMS, for this payment's outcome. */
suspend fun SmsBillPayment.resolve() = step(SmsBillInput.Resolve)

/** Sends the block, exactly once. */
suspend fun SmsCardBlock.submit() = step(false)

/** Asks the bank, over SMS, for the block's outcome. */
suspend fun SmsCardBlock.resolve() = step(true)
