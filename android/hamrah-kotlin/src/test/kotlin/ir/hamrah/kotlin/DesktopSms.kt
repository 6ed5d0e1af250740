package ir.hamrah.kotlin

import ir.hamrah.ffi.Connectivity
import ir.hamrah.ffi.InboundSms
import ir.hamrah.ffi.OutboundSms
import ir.hamrah.ffi.PlatformException
import ir.hamrah.ffi.SmsChannel
import ir.hamrah.ffi.SmsTransport
import java.util.Base64
import java.util.concurrent.CopyOnWriteArrayList
import kotlin.concurrent.thread

/**
 * The desktop's [SmsTransport] in Kotlin: instead of a radio, each SMS goes
 * to the sandbox bank's SMS gateway (`POST /v1/sms/inbound`, as the operator
 * link would carry it) from [fromMobile], on its own thread as a radio would;
 * the gateway's reply SMS is handed to the channel as the phone's SMS
 * receiver would, from [radioSender] (the bank's number as the radio reports it). [sent] records what went out (sizes, never content).
 */
class GatewaySmsTransport(
    private val fromMobile: String,
    private val radioSender: String = SandboxBank.config["sms"]["bank_number"] as String,
) : SmsTransport {
    lateinit var channel: SmsChannel
    val sent = CopyOnWriteArrayList<String>()

    /** The next SMS is refused by the radio (no signal), as a phone's radio may. */
    @Volatile var failNext = false

    override fun send(sms: OutboundSms) {
        if (failNext) {
            failNext = false
            throw PlatformException.Unavailable()
        }
        val (encoding, frame) = when (sms) {
            is OutboundSms.Binary -> "binary" to Base64.getEncoder().encodeToString(sms.bytes)
            is OutboundSms.Text -> "gsm7" to sms.text
        }
        if (!::channel.isInitialized) throw PlatformException.Unavailable()
        sent.add("$encoding ${if (sms is OutboundSms.Binary) sms.bytes.size else frame.length}")
        thread(name = "desktop-radio") {
            val body = """{"from_mobile":"$fromMobile","encoding":"$encoding","frame":${quote(frame)}}"""
            val reply = SandboxBank.public("POST", "/v1/sms/inbound", body)["reply"]
            val text = reply["body"] as String
            val sms = if (reply["encoding"] == "binary") InboundSms.Binary(Base64.getDecoder().decode(text))
            else InboundSms.Text(text)
            // As the phone's SMS receiver: the sender as a radio reports a short code.
            channel.deliverReceived(radioSender, sms)
        }
    }

    private fun quote(text: String) = buildString {
        append('"')
        text.forEach { c ->
            when {
                c == '"' || c == '\\' -> append('\\').append(c)
                c < ' ' -> append("\\u%04x".format(c.code))
                else -> append(c)
            }
        }
        append('"')
    }
}

/** The desktop's [Connectivity]: a switch the test flips. */
class SwitchConnectivity(@Volatile var data: Boolean = true) : Connectivity {
    override fun dataAvailable(): Boolean = data
}
