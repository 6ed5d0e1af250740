#if canImport(SwiftUI)
import Hamrah
import Observation

/// What a journey's screen observes: the core flow's latest state (from its AsyncStream), the
/// last error of a step, and whether a step is running. The screen renders `state` and forwards
/// taps through `run`; it decides nothing.
@MainActor
@Observable
public final class JourneyModel<State: Sendable> {
    /// The state to render.
    public private(set) var state: State
    /// The last step's error, shown until the next step.
    public private(set) var error: HamrahError?
    /// A step is running (buttons are disabled, a spinner shows).
    public private(set) var busy = false
    @ObservationIgnored private var following: Task<Void, Never>?

    /// Follows `states`, starting from `initial`.
    public init(initial: State, states: AsyncStream<State>) {
        state = initial
        following = Task { [weak self] in
            for await next in states { self?.state = next }
        }
    }

    /// Runs one step of the flow; its new state replaces the current one. A step the screen
    /// leaves (the task is cancelled) still completes in the core and reaches `state`.
    public func run(_ step: @escaping @Sendable () async throws -> State) {
        busy = true
        error = nil
        Task {
            do {
                state = try await step()
            } catch let failure as HamrahError {
                error = failure
            } catch {
                self.error = .Internal(code: "internal.unexpected", messageFa: "خطای پیش‌بینی‌نشده.", messageEn: "\(error)")
            }
            busy = false
        }
    }

    /// Stops following the flow (the screen went away).
    public func stop() {
        following?.cancel()
    }
}
#endif
