package ir.hamrah.kotlin

import ir.hamrah.ffi.StepView
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.Job
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.collectLatest
import kotlinx.coroutines.flow.flatMapLatest
import kotlinx.coroutines.flow.flowOf
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.launch

/** A journey the core saves after each step (card to card, bill, card block, second-PIN change). */
interface SavedJourney<S> : AutoCloseable {
    /** The state to render. */
    val state: StateFlow<S>

    /** What the current step offers (the core's [StepView]). */
    suspend fun view(): StepView

    /** The SMS dynamic PIN's validity, second by second, ending with 0 (empty without a PIN step). */
    fun pinCountdown(): Flow<Long>

    /** Forgets the saved journey. */
    suspend fun finish()
}

/** A step view with nothing to offer (no journey open). */
internal val NOTHING_OFFERED = StepView(null, null, null, null, null)

/**
 * The life of one kind of journey, owned by the Kotlin layer (held by
 * [HamrahClient], so a turned phone or a screen left and reopened keeps it):
 * [open] reopens the journey saved last (after the process was killed) or
 * starts a new one; [finish] after the receipt forgets it; [cancel] leaves
 * one before anything was sent. [view] is what the current step offers,
 * asked of the core at every state and, at a dynamic-PIN step, at every tick
 * of the PIN's countdown (so the button counts down and comes back by itself).
 */
@OptIn(ExperimentalCoroutinesApi::class)
abstract class JourneyModel<S, J : SavedJourney<S>> internal constructor(
    private val scope: CoroutineScope,
    private val restoreLatest: suspend () -> J?,
    private val start: suspend () -> J,
) : AutoCloseable {
    private val current = MutableStateFlow<J?>(null)
    private val shown = MutableStateFlow<S?>(null)
    private val offered = MutableStateFlow(NOTHING_OFFERED)

    /** Runs this journey's steps; [busy] and [problem] come from it. */
    protected val steps = StepRunner(scope)

    /** The journey on screen, null before [open] and after [finish]. */
    val journey: StateFlow<J?> = current.asStateFlow()

    /** Its state, null without a journey (current when a step's job completes). */
    val state: StateFlow<S?> = shown.asStateFlow()

    /** What the current step offers: the PIN's buttons and countdown, resolve, cancel, finish, the receipt. */
    val view: StateFlow<StepView> = offered.asStateFlow()

    /** A step is running. */
    val busy: StateFlow<Boolean> get() = steps.busy

    /** The last step's failure (a step's own problem is in its state). */
    val problem get() = steps.problem

    private val following: Job = scope.launch {
        current.flatMapLatest { journey -> journey?.state?.map { journey } ?: flowOf(null) }
            .collectLatest { journey ->
                if (journey == null) {
                    shown.value = null
                    offered.value = NOTHING_OFFERED
                    return@collectLatest
                }
                shown.value = journey.state.value
                offered.value = journey.view()
                if ((offered.value.pin?.secondsLeft ?: 0uL) > 0uL) {
                    journey.pinCountdown().collect { offered.value = journey.view() }
                    offered.value = journey.view()
                }
            }
    }

    /** Reopens the journey saved last or starts a new one; keeps the one already open. */
    fun open(): Job = steps.launch {
        if (current.value == null) current.value = restoreLatest() ?: start()
        settle()
    }

    /** Runs one step of the open journey. */
    protected fun step(call: suspend (J) -> Unit): Job = steps.launch {
        try {
            current.value?.let { call(it) }
        } finally {
            settle()
        }
    }

    /** The journey's state and view now, so a step's job completes with both current. */
    private suspend fun settle() {
        val journey = current.value
        shown.value = journey?.state?.value
        offered.value = journey?.view() ?: NOTHING_OFFERED
    }

    /** After the receipt (or a failure): the saved journey is forgotten and closed. */
    fun finish(): Job = steps.launch { end() }

    /** Leaves the journey before anything was sent, when the step offers it. */
    fun cancel(): Job = steps.launch {
        if (view.value.cancel?.enabled == true) end()
    }

    private suspend fun end() {
        val journey = current.value ?: return
        journey.finish()
        current.value = null
        settle()
        journey.close()
    }

    override fun close() {
        following.cancel()
        current.value?.close()
        current.value = null
    }
}
