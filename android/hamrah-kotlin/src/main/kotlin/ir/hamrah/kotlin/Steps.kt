package ir.hamrah.kotlin

import ir.hamrah.ffi.HamrahException
import ir.hamrah.ffi.ProblemInfo
import ir.hamrah.ffi.unexpectedProblem
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.launch
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock

/**
 * The problem a screen shows for a failed call: the core's code and words
 * (the app never writes its own); anything that is not the core's error
 * (a panic arriving as `InternalException`) shows the core's internal message.
 */
val Throwable.problem: ProblemInfo
    get() = when (this) {
        is HamrahException.Invalid -> ProblemInfo(code, messageFa, messageEn, field, null)
        is HamrahException.Bank -> ProblemInfo(code, messageFa, messageEn, null, retryAfterSeconds)
        is HamrahException.Network -> ProblemInfo(code, messageFa, messageEn, null, null)
        is HamrahException.SessionEnded -> ProblemInfo(code, messageFa, messageEn, null, null)
        is HamrahException.Device -> ProblemInfo(code, messageFa, messageEn, null, null)
        is HamrahException.Internal -> ProblemInfo(code, messageFa, messageEn, null, null)
        else -> unexpectedProblem()
    }

/**
 * Runs a screen's calls into the core one at a time, in [scope] (which
 * outlives the screen): [busy] while one runs (the screen disables its
 * buttons), the last one's failure as [problem] until the next call.
 * Each call returns its [Job]; tests join it.
 */
class StepRunner(private val scope: CoroutineScope) {
    private val oneAtATime = Mutex()
    private val running = MutableStateFlow(false)
    private val failed = MutableStateFlow<ProblemInfo?>(null)

    /** A call is running. */
    val busy: StateFlow<Boolean> = running.asStateFlow()

    /** The last call's failure, in the core's words. */
    val problem: StateFlow<ProblemInfo?> = failed.asStateFlow()

    /** Runs [call] after any running one; its failure becomes [problem]. */
    fun launch(call: suspend () -> Unit): Job = scope.launch {
        oneAtATime.withLock {
            running.value = true
            failed.value = null
            try {
                call()
            } catch (e: CancellationException) {
                throw e
            } catch (e: Throwable) {
                failed.value = e.problem
            } finally {
                running.value = false
            }
        }
    }
}
