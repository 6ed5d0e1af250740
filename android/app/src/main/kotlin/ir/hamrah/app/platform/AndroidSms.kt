package ir.hamrah.app.platform

import android.app.PendingIntent
import android.content.BroadcastReceiver
import android.content.Context
import android.content.Intent
import android.provider.Telephony
import android.telephony.SmsManager
import ir.hamrah.app.BuildConfig
import ir.hamrah.app.HamrahApplication
import ir.hamrah.ffi.InboundSms
import ir.hamrah.ffi.OutboundSms
import ir.hamrah.ffi.PlatformException
import ir.hamrah.ffi.SmsTransport

/** The bank's data port (the manifest's filter uses it; docs/api/openapi.yaml). */
const val BANK_DATA_PORT: Short = 16001

/**
 * The core's [SmsTransport] on the phone's radio: the core sends binary
 * frames as data SMS on Android (its `Encoding::for_platform` says why), to
 * the bank's number. Needs SEND_SMS, which MainActivity asks for.
 */
class AndroidSmsTransport(private val context: Context) : SmsTransport {
    override fun send(sms: OutboundSms) {
        try {
            val manager = context.getSystemService(SmsManager::class.java)
            val sent = PendingIntent.getBroadcast(context, 0, Intent(SENT_ACTION), PendingIntent.FLAG_IMMUTABLE)
            when (sms) {
                is OutboundSms.Binary ->
                    manager.sendDataMessage(BuildConfig.BANK_SMS_NUMBER, null, BANK_DATA_PORT, sms.bytes, sent, null)
                is OutboundSms.Text ->
                    manager.sendTextMessage(BuildConfig.BANK_SMS_NUMBER, null, sms.text, sent, null)
            }
        } catch (e: Exception) {
            throw PlatformException.Unavailable()
        }
    }

    private companion object {
        const val SENT_ACTION = "ir.hamrah.app.SMS_SENT"
    }
}

/**
 * Data SMS on the bank's port (manifest filter): each one goes to the core
 * with its sender as the radio reports it; the core reads only those from
 * exactly the bank's number, then authenticates and decrypts them.
 */
class DataSmsReceiver : BroadcastReceiver() {
    override fun onReceive(context: Context, intent: Intent) {
        val channel = (context.applicationContext as HamrahApplication).smsChannel ?: return
        for (message in Telephony.Sms.Intents.getMessagesFromIntent(intent)) {
            val bytes = message.userData ?: continue
            channel.deliverReceived(message.originatingAddress.orEmpty(), InboundSms.Binary(bytes))
        }
    }
}
