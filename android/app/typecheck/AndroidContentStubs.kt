// Stand-ins for the Android calls the screens make, for the type check only (README.md).
@file:Suppress("UNUSED_PARAMETER", "unused")

package android.content

open class Context {
    open fun getSystemService(name: String): Any? = null

    companion object {
        const val LOCATION_SERVICE: String = "location"
    }
}
