package ir.hamrah.kotlin

import ir.hamrah.ffi.AccountInfo
import ir.hamrah.ffi.AccountsClient
import ir.hamrah.ffi.CardLimitsInfo
import ir.hamrah.ffi.OverviewInfo
import ir.hamrah.ffi.StatementEntry
import ir.hamrah.ffi.StatementPage
import ir.hamrah.ffi.StatementPages
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow

/**
 * The home screen: the customer's accounts and cards with their balances,
 * labels and card states, from the core's overview. [refresh] again keeps
 * the last lists when the bank cannot be reached (their `error` says why).
 */
class HomeModel internal constructor(private val accounts: AccountsClient, scope: CoroutineScope) {
    private val steps = StepRunner(scope)
    private val shown = MutableStateFlow<OverviewInfo?>(null)

    /** The accounts and cards, null until the first load. */
    val overview: StateFlow<OverviewInfo?> = shown.asStateFlow()

    /** A load is running. */
    val busy get() = steps.busy

    /** The last load's failure (none yet loaded, or the session ended). */
    val problem get() = steps.problem

    private val details = MutableStateFlow<List<AccountDetails>>(emptyList())
    private val chosenId = MutableStateFlow<String?>(null)
    private val chosen = MutableStateFlow<AccountDetails?>(null)

    /** Each account's details (type, rate, state badge, full SHEBA, share text), in the bank's order. */
    val accountDetails: StateFlow<List<AccountDetails>> = details.asStateFlow()

    /** The account whose details screen is open, null when none (or it is gone from the lists). */
    val selectedAccount: StateFlow<AccountDetails?> = chosen.asStateFlow()

    /** Fetches (or refreshes) the lists. */
    fun refresh(): Job = steps.launch { show(accounts.overview()) }

    /** Opens [accountId]'s details (from the lists already loaded; a refresh keeps it open). */
    fun showAccount(accountId: String) {
        chosenId.value = accountId
        chosen.value = details.value.firstOrNull { it.accountId == accountId }
    }

    /** Forgets the lists (at logout: the next customer must not see them). */
    fun clear() {
        shown.value = null
        details.value = emptyList()
        chosenId.value = null
        chosen.value = null
    }

    private fun show(lists: OverviewInfo) {
        shown.value = lists
        details.value = lists.accounts.map(::AccountDetails)
        chosen.value = details.value.firstOrNull { it.accountId == chosenId.value }
    }
}

/**
 * The history screen: every account of the customer to choose from (none is
 * not an error: the list is empty and nothing is selected), the chosen
 * account's statement page by page (from the phone's cache when the bank
 * cannot be reached), and a search on the cached entries.
 */
class HistoryModel internal constructor(private val client: AccountsClient, scope: CoroutineScope) {
    private val steps = StepRunner(scope)
    private val accountList = MutableStateFlow<List<AccountInfo>>(emptyList())
    private val chosen = MutableStateFlow<AccountInfo?>(null)
    private val shown = MutableStateFlow<List<StatementEntry>>(emptyList())
    private val lastPage = MutableStateFlow<StatementPage?>(null)
    private val found = MutableStateFlow<List<StatementEntry>?>(null)
    private var pages: StatementPages? = null

    /** The accounts to choose from, in the bank's order. */
    val accounts: StateFlow<List<AccountInfo>> = accountList.asStateFlow()

    /** The account shown, null when the customer has none. */
    val selected: StateFlow<AccountInfo?> = chosen.asStateFlow()

    /** Its entries so far, newest first. */
    val entries: StateFlow<List<StatementEntry>> = shown.asStateFlow()

    /** The last page fetched: whether more follow, whether it came from the cache and why. */
    val page: StateFlow<StatementPage?> = lastPage.asStateFlow()

    /** The last search's results, null when not searching. */
    val results: StateFlow<List<StatementEntry>?> = found.asStateFlow()

    /** A call is running. */
    val busy get() = steps.busy

    /** The last call's failure. */
    val problem get() = steps.problem

    /** Loads the accounts and the first one's newest page. */
    fun open(): Job = steps.launch {
        val list = client.overview().accounts
        accountList.value = list
        val keep = chosen.value?.let { old -> list.firstOrNull { it.accountId == old.accountId } }
        show(keep ?: list.firstOrNull())
    }

    /** Shows [accountId]'s newest page. */
    fun select(accountId: String): Job = steps.launch {
        show(accountList.value.firstOrNull { it.accountId == accountId })
    }

    /** The next older page of the account shown. */
    fun more(): Job = steps.launch {
        val current = pages ?: return@launch
        if (lastPage.value?.hasMore != true) return@launch
        val next = current.page(fromTop = false)
        lastPage.value = next
        shown.value = shown.value + next.entries
    }

    /** Forgets what was shown (at logout). */
    fun clear(): Job = steps.launch {
        pages?.close()
        pages = null
        accountList.value = emptyList()
        chosen.value = null
        shown.value = emptyList()
        lastPage.value = null
        found.value = null
    }

    /** The cached entries matching [query] (an amount or a counterparty); blank stops searching. */
    fun search(query: String): Job = steps.launch {
        val current = pages ?: return@launch
        found.value = if (query.isBlank()) null else current.search(query)
    }

    private suspend fun show(account: AccountInfo?) {
        pages?.close()
        chosen.value = account
        shown.value = emptyList()
        lastPage.value = null
        found.value = null
        pages = account?.let { client.statement(it.accountId, PAGE_SIZE) }
        val first = pages?.page(fromTop = true) ?: return
        lastPage.value = first
        shown.value = first.entries
    }

    private companion object {
        const val PAGE_SIZE = 20u
    }
}

/** A card's limits with today's and this month's usage. */
class CardLimitsModel internal constructor(private val accounts: AccountsClient, scope: CoroutineScope) {
    private val steps = StepRunner(scope)
    private val shown = MutableStateFlow<CardLimitsInfo?>(null)

    /** The limits shown. */
    val limits: StateFlow<CardLimitsInfo?> = shown.asStateFlow()

    /** The last call's failure. */
    val problem get() = steps.problem

    /** Fetches [cardId]'s limits. */
    fun load(cardId: String): Job = steps.launch {
        shown.value = null
        shown.value = accounts.cardLimits(cardId)
    }
}
