package ir.hamrah.kotlin.bench

import ir.hamrah.ffi.ffiEcho
import ir.hamrah.kotlin.Installs
import ir.hamrah.kotlin.SandboxBank
import kotlinx.coroutines.runBlocking

/**
 * Kotlin -> Rust costs on the JVM (JNA, host build of hamrah-ffi), measured
 * by scripts/kotlin-bench.sh against the sandbox bank it starts:
 * a trivial call (`ffiEcho`), and a soft-token code made in Rust for Kotlin
 * (`TokenClient.code`: the vault reads the seed from the Kotlin SecretStore
 * through a callback, then TOTP on the bank's clock). Median of rounds.
 */
fun main() = runBlocking {
    val echo = measure(rounds = 7, calls = 1_000_000, warmup = 200_000) { ffiEcho(it.toULong()) }
    println("trivial Kotlin->Rust call (ffiEcho): %.0f ns/call (median of 7 x 1,000,000)".format(echo))

    Installs.loggedIn().use { client ->
        val card = client.accounts.overview().cards.first()
        val activation = client.token.activate(card.cardId)
        activation.confirm(SandboxBank.lastOtp(Installs.SARA_MOBILE))
        val token = client.token
        val code = measure(rounds = 7, calls = 20_000, warmup = 5_000) { token.code(card.cardId) }
        println("soft-token code from Kotlin (TokenClient.code): %.2f us/code (median of 7 x 20,000)".format(code / 1000))
    }
}

private inline fun measure(rounds: Int, calls: Int, warmup: Int, call: (Int) -> Any): Double {
    repeat(warmup) { call(it) }
    val perCall = (1..rounds).map {
        val start = System.nanoTime()
        repeat(calls) { call(it) }
        (System.nanoTime() - start).toDouble() / calls
    }
    return perCall.sorted()[rounds / 2]
}
