package ir.hamrah.kotlin

import ir.hamrah.ffi.HamrahException
import kotlinx.coroutines.runBlocking
import org.junit.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertNotNull
import kotlin.test.assertTrue

/** The bank's information from Kotlin, against the sandbox: rates, branches searched on the phone, products. */
class BankInfoTest {
    @Test
    fun ratesBranchesAndProductsBeforeLogin() = runBlocking<Unit> {
        Installs.fresh().use { client ->
            // Nothing on a new phone to read offline yet.
            assertEquals(null, client.info.exchangeRates(true))
            val board = assertNotNull(client.info.exchangeRates(false))
            assertFalse(board.offline)
            val usd = board.rates.first { it.currency == "USD" }
            assertEquals("دلار آمریکا", usd.nameFa)
            assertTrue(usd.buyRials < usd.sellRials)
            assertTrue(usd.sellFa.none { it in '0'..'9' }, usd.sellFa)
            // The light mode: the phone's copy, no request.
            val held = assertNotNull(client.info.exchangeRates(true))
            assertEquals(board.rates, held.rates)
            assertTrue(held.offline)

            val directory = assertNotNull(client.info.loadBranches(false))
            assertTrue(directory.count >= 40u, "$directory")
            assertEquals("اصفهان", directory.cities.first())
            assertEquals("1012", client.info.searchBranches("تجريش", 5u).first().code)
            assertTrue(client.info.searchBranches("كرج", 10u).all { it.cityFa == "کرج" })
            val near = client.info.nearestBranches(35.7577, 51.4098, 3u)
            assertEquals("1018", near.first().code)
            assertNotNull(near.first().distanceFa)
            val refused = assertFailsWith<HamrahException.Invalid> { client.info.nearestBranches(95.0, 0.0, 3u) }
            assertEquals("info.location_invalid", refused.code)

            val products = assertNotNull(client.info.depositProducts(false)).products
            val year = products.first { it.productId == "long_term_1y" }
            assertEquals("۲۰٫۵٪", year.rateFa)
            assertEquals("یک‌ساله", year.termFa)
        }
    }
}
