package ir.hamrah.kotlin

import ir.hamrah.ffi.CountdownObserver
import ir.hamrah.ffi.ObservationHandle
import kotlinx.coroutines.channels.awaitClose
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.callbackFlow

/**
 * A state the Rust core publishes, seen as a [StateFlow]. The core calls the
 * observer on its own threads; [close] stops the observation and frees the
 * Rust handle.
 */
class ObservedState<S>(initial: S, register: ((S) -> Unit) -> ObservationHandle) : AutoCloseable {
    private val mutable = MutableStateFlow(initial)
    private val handle: ObservationHandle = register { mutable.value = it }

    /** The latest state; collectors see every distinct state from now on. */
    val state: StateFlow<S> = mutable.asStateFlow()

    override fun close() {
        handle.cancel()
        handle.close()
    }
}

/**
 * A countdown the core ticks once a second (seconds left), ending with 0.
 * Collecting starts the observation; cancelling the collector stops it.
 */
fun countdown(register: (CountdownObserver) -> ObservationHandle): Flow<Long> = callbackFlow {
    val handle = register(object : CountdownObserver {
        override fun onTick(secondsLeft: ULong) {
            trySend(secondsLeft.toLong())
        }

        override fun onFinished() {
            trySend(0L)
            channel.close()
        }
    })
    awaitClose {
        handle.cancel()
        handle.close()
    }
}
