// Stand-ins for the Compose calls the screens make, for the type check only (README.md).
// Same packages, names and parameters as Compose; no behaviour.
@file:Suppress("UNUSED_PARAMETER", "unused")

package androidx.compose.runtime

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.StateFlow
import kotlin.reflect.KProperty

@Target(AnnotationTarget.FUNCTION, AnnotationTarget.TYPE, AnnotationTarget.TYPE_PARAMETER, AnnotationTarget.PROPERTY_GETTER)
annotation class Composable

interface State<out T> { val value: T }
interface MutableState<T> : State<T> { override var value: T }

private class Box<T>(override var value: T) : MutableState<T>

fun <T> mutableStateOf(value: T): MutableState<T> = Box(value)
operator fun <T> State<T>.getValue(thisObj: Any?, property: KProperty<*>): T = value
operator fun <T> MutableState<T>.setValue(thisObj: Any?, property: KProperty<*>, value: T) {
    this.value = value
}

@Composable inline fun <T> remember(calculation: () -> T): T = calculation()
@Composable inline fun <T> remember(key1: Any?, calculation: () -> T): T = calculation()

@Composable fun LaunchedEffect(key1: Any?, block: suspend CoroutineScope.() -> Unit) {}

@Composable fun <T> StateFlow<T>.collectAsState(): State<T> = Box(value)
@Composable fun <T : R, R> Flow<T>.collectAsState(initial: R): State<R> = Box(initial)

@Composable fun CompositionLocalProvider(content: @Composable () -> Unit) = content()

@Composable fun rememberCoroutineScope(): CoroutineScope = kotlinx.coroutines.GlobalScope

class DisposableEffectResult
class DisposableEffectScope {
    fun onDispose(onDisposeEffect: () -> Unit): DisposableEffectResult = DisposableEffectResult()
}
@Composable fun DisposableEffect(key1: Any?, effect: DisposableEffectScope.() -> DisposableEffectResult) {}
