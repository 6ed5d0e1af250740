#if canImport(LocalAuthentication)
import Foundation
import Hamrah
import LocalAuthentication

/// The one `LAContext` of the app's session: Face ID, Touch ID or the device passcode evaluated
/// once (the core's `LocalUnlock` before a quick login) lets the Secure Enclave key sign the
/// session's requests without asking again; `lock()` (logout, background) forgets it, so the
/// next signature asks again.
public final class DeviceUnlock: LocalUnlock, @unchecked Sendable {
    private let lock = NSLock()
    private var current = LAContext()

    /// A locked context.
    public init() {}

    /// The context the signer uses.
    public var context: LAContext {
        lock.withLock { current }
    }

    /// The core's `LocalUnlock` before a quick login: the system prompt with the core's Persian
    /// title. Blocks the calling thread (the core calls it off its executor), never the main one.
    public func unlock(reason: UnlockReason) throws(PlatformError) {
        try unlock(reason: reason.titleFa)
    }

    /// Asks the person to unlock, with `reason` (Persian) on the system prompt.
    public func unlock(reason: String) throws(PlatformError) {
        let context = self.context
        context.localizedReason = reason
        var policyError: NSError?
        guard context.canEvaluatePolicy(.deviceOwnerAuthentication, error: &policyError) else {
            throw .Unavailable
        }
        let done = DispatchSemaphore(value: 0)
        let outcome = Outcome()
        context.evaluatePolicy(.deviceOwnerAuthentication, localizedReason: reason) { ok, _ in
            outcome.set(ok)
            done.signal()
        }
        done.wait()
        guard outcome.value else { throw .UnlockRefused }
    }

    /// Forgets the unlock: the next signature prompts again.
    public func relock() {
        lock.withLock {
            current.invalidate()
            current = LAContext()
        }
    }
}

/// A flag set by a callback on another thread.
private final class Outcome: @unchecked Sendable {
    private let lock = NSLock()
    private var ok = false

    func set(_ value: Bool) { lock.withLock { ok = value } }
    var value: Bool { lock.withLock { ok } }
}
#endif
