package ir.hamrah.app.platform

import android.net.ConnectivityManager
import android.net.Network
import android.net.NetworkCapabilities
import ir.hamrah.ffi.Connectivity
import ir.hamrah.ffi.SmsChannel

/**
 * The core's [Connectivity] from ConnectivityManager callbacks: data is
 * available while a validated internet network exists. Each change is
 * reported to the SMS channel, which re-decides the channel (HTTPS or SMS)
 * and tells the screens.
 */
class AndroidConnectivity(private val manager: ConnectivityManager) : Connectivity {
    @Volatile private var validated = false
    @Volatile var channel: SmsChannel? = null

    private val callback = object : ConnectivityManager.NetworkCallback() {
        override fun onCapabilitiesChanged(network: Network, caps: NetworkCapabilities) {
            update(caps.hasCapability(NetworkCapabilities.NET_CAPABILITY_VALIDATED))
        }

        override fun onLost(network: Network) = update(false)
    }

    init {
        manager.registerDefaultNetworkCallback(callback)
    }

    private fun update(now: Boolean) {
        validated = now
        channel?.connectivityChanged()
    }

    override fun dataAvailable(): Boolean = validated
}
