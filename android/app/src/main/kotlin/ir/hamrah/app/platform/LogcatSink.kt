package ir.hamrah.app.platform

import android.util.Log
import ir.hamrah.ffi.LogLevel
import ir.hamrah.ffi.LogSink

/** The core's logs (never a secret: the core redacts) to Logcat under the tag `hamrah`. */
class LogcatSink : LogSink {
    override fun log(level: LogLevel, target: String, message: String) {
        val priority = when (level) {
            LogLevel.TRACE -> Log.VERBOSE
            LogLevel.DEBUG -> Log.DEBUG
            LogLevel.INFO -> Log.INFO
            LogLevel.WARN -> Log.WARN
            LogLevel.ERROR -> Log.ERROR
        }
        Log.println(priority, "hamrah", "$target: $message")
    }
}
