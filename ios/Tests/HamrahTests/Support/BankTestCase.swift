import Foundation
import Hamrah
import XCTest

/// A test against a fresh sandbox bank and one freshly installed phone.
class BankTestCase: XCTestCase {
    // Set in setUp, before any test method runs.
    var bank: SandboxBank!
    var phone: Phone!
    var seed: DemoSeed!

    override func setUp() async throws {
        bank = try SandboxBank()
        seed = try bank.seed()
        phone = try await Phone.install(talkingTo: bank)
    }

    override func tearDown() async throws {
        if let bank {
            XCTAssertTrue(try bank.ledgerBalanced(), "the bank's ledger must balance after every test")
            bank.stop()
        }
        phone?.uninstall()
    }

    /// An activated demo customer.
    func customer(_ username: String) throws -> DemoSeed.Customer {
        try XCTUnwrap(seed.customer(username))
    }

    /// Logs `username` in on the phone.
    func logIn(_ username: String) async throws -> DemoSeed.Customer {
        let customer = try customer(username)
        try await phone.logIn(customer, bank: bank)
        return customer
    }

    /// The sum of `customer`'s balances at the bank, as the app shows them.
    func totalBalance(of customer: DemoSeed.Customer) async throws -> Int64 {
        let ids = Set(customer.accounts.map(\.accountId))
        return try await phone.hamrah.accounts().overview().accounts
            .filter { ids.contains($0.accountId) }
            .reduce(0) { $0 + $1.balanceRials }
    }
}

/// Collects what an AsyncStream delivers, from a task of its own.
actor Recorder<Element: Sendable> {
    private(set) var values: [Element] = []
    private var task: Task<Void, Never>?

    /// Starts reading `stream`.
    func record(_ stream: AsyncStream<Element>) {
        task = Task { [weak self] in
            for await value in stream { await self?.append(value) }
        }
    }

    private func append(_ value: Element) {
        values.append(value)
    }

    /// Waits (at most `seconds`) until a value satisfies `done`; returns it.
    func wait(seconds: Double = 20, until done: @Sendable (Element) -> Bool) async throws -> Element {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let found = values.last(where: done) { return found }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        throw RecorderTimeout(seen: values.count)
    }

    /// Stops reading (ending the observation in the core).
    func stop() {
        task?.cancel()
    }
}

/// The awaited value did not come.
struct RecorderTimeout: Error {
    let seen: Int
}
