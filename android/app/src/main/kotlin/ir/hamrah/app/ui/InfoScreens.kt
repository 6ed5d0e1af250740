package ir.hamrah.app.ui

import android.content.Context
import android.location.LocationManager
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.rememberCoroutineScope
import androidx.compose.runtime.setValue
import androidx.compose.ui.platform.LocalContext
import ir.hamrah.ffi.Branch
import ir.hamrah.ffi.BranchDirectoryInfo
import ir.hamrah.ffi.DepositProductList
import ir.hamrah.ffi.ExchangeRateBoard
import ir.hamrah.kotlin.HamrahClient
import kotlinx.coroutines.launch

/**
 * The bank's information: text only (also the light mode's screens). Every word and number
 * comes from the core in Persian; [light] reads the phone's copy with no request.
 */
@Composable
fun RatesScreen(client: HamrahClient, light: Boolean, back: () -> Unit) {
    val scope = rememberCoroutineScope()
    var board by remember { mutableStateOf<ExchangeRateBoard?>(null) }
    var error by remember { mutableStateOf<String?>(null) }
    suspend fun load(offlineOnly: Boolean) = attempt({ error = it }) { board = client.info.exchangeRates(offlineOnly) }
    LaunchedEffect(Unit) { load(light) }
    Screen("نرخ ارز") {
        board?.let { b ->
            Line("زمان اعلام نرخ", "${b.quotedAtFa} (${b.ageFa})")
            if (b.stale) ErrorText("این نرخ‌ها ممکن است به‌روز نباشند.")
            ProblemText(b.error)
            Line("ارز", "خرید / فروش (ریال)")
            b.rates.forEach { Line(it.nameFa, "${it.buyFa} / ${it.sellFa}") }
        }
        ErrorText(error)
        Action("به‌روزرسانی") { scope.launch { load(false) } }
        Action("بازگشت") { back() }
    }
}

/** The last location the phone knows, when the customer allowed it (null otherwise). */
private fun lastLocation(context: Context): Pair<Double, Double>? = try {
    val manager = context.getSystemService(Context.LOCATION_SERVICE) as LocationManager
    manager.getProviders(true).firstNotNullOfOrNull { manager.getLastKnownLocation(it) }
        ?.let { it.latitude to it.longitude }
} catch (_: SecurityException) {
    null
}

/** Branch search: by city, name or code as typed, or the nearest; searches never call the bank. */
@Composable
fun BranchesScreen(client: HamrahClient, light: Boolean, back: () -> Unit) {
    val context = LocalContext.current
    var directory by remember { mutableStateOf<BranchDirectoryInfo?>(null) }
    var query by remember { mutableStateOf("") }
    var found by remember { mutableStateOf<List<Branch>>(emptyList()) }
    var error by remember { mutableStateOf<String?>(null) }
    LaunchedEffect(Unit) { attempt({ error = it }) { directory = client.info.loadBranches(light) } }
    Screen("جستجوی شعبه") {
        directory?.let {
            Line("شعبه‌ها", "${ir.hamrah.ffi.persianDigits(it.count.toString())} — ${it.ageFa}")
            ProblemText(it.error)
        }
        Field("شهر، نام یا کد شعبه", query, {
            query = it
            found = client.info.searchBranches(it, 30u)
        })
        Action("نزدیک‌ترین شعبه‌ها", enabled = directory != null) {
            val here = lastLocation(context)
            if (here == null) {
                error = "موقعیت مکانی در دسترس نیست."
            } else {
                try {
                    found = client.info.nearestBranches(here.first, here.second, 10u)
                } catch (e: ir.hamrah.ffi.HamrahException) {
                    error = e.persian
                }
            }
        }
        found.forEach { b ->
            Line(b.nameFa, listOfNotNull(b.distanceFa, b.cityFa).joinToString(" — "))
            Line("کد ${b.codeFa}", b.phoneFa)
            Line(b.addressFa, b.hoursFa)
        }
        ErrorText(error)
        Action("بازگشت") { back() }
    }
}

/** Deposit products (account types) and their rates. */
@Composable
fun ProductsScreen(client: HamrahClient, light: Boolean, back: () -> Unit) {
    var list by remember { mutableStateOf<DepositProductList?>(null) }
    var error by remember { mutableStateOf<String?>(null) }
    LaunchedEffect(Unit) { attempt({ error = it }) { list = client.info.depositProducts(light) } }
    Screen("انواع سپرده و سود") {
        list?.let { l ->
            ProblemText(l.error)
            l.products.forEach {
                Line(it.nameFa, "${it.rateFa} — ${it.termFa}")
                Line("سود: ${it.interestPaidFa}", "حداقل ${it.minimumBalanceFa}")
                Line(it.kindFa, it.descriptionFa)
            }
        }
        ErrorText(error)
        Action("بازگشت") { back() }
    }
}
