// Stand-ins for the Android calls the screens make, for the type check only (README.md).
@file:Suppress("UNUSED_PARAMETER", "unused")

package android.location

class Location {
    val latitude: Double = 0.0
    val longitude: Double = 0.0
}

class LocationManager {
    fun getProviders(enabledOnly: Boolean): List<String> = emptyList()
    fun getLastKnownLocation(provider: String): Location? = null
}
