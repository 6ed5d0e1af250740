#if canImport(Network)
import Foundation
import Hamrah
import Network

/// The core's `Connectivity` on iPhone: `NWPathMonitor`'s latest answer to "can mobile data or
/// Wi-Fi reach the internet now?". The core folds it with its own HTTPS failures to decide
/// when SMS is offered; this class only reports the radio's view.
public final class PathConnectivity: Connectivity, @unchecked Sendable {
    private let monitor = NWPathMonitor()
    private let queue = DispatchQueue(label: "ir.hamrah.connectivity")
    private let lock = NSLock()
    private var satisfied = true

    /// Called with every change of the path (the app tells the core's SMS channel).
    private let onChange: (@Sendable () -> Void)?

    /// Starts watching the network; `onChange` runs after every change of the path.
    public init(onChange: (@Sendable () -> Void)? = nil) {
        self.onChange = onChange
        monitor.pathUpdateHandler = { [weak self] path in
            guard let self else { return }
            self.lock.withLock { self.satisfied = path.status == .satisfied }
            self.onChange?()
        }
        monitor.start(queue: queue)
    }

    deinit {
        monitor.cancel()
    }

    /// Whether the internet is reachable right now.
    public func dataAvailable() -> Bool {
        lock.withLock { satisfied }
    }
}
#endif
