import Observation

extension HamrahError {
    /// The error as a screen shows it: the core's code and words.
    public var problem: ProblemInfo {
        ProblemInfo(code: code, messageFa: messageFa, messageEn: messageEn, field: field, retryAfterSeconds: retryAfterSeconds)
    }
}

extension ProblemInfo {
    /// The problem a screen shows for `error`: the core's own for a `HamrahError`, the core's
    /// internal message for anything else (a panic arriving as another error); never the app's words.
    public static func of(_ error: any Error) -> ProblemInfo {
        (error as? HamrahError)?.problem ?? unexpectedProblem()
    }
}

/// Runs a screen's calls into the core one after the other: `busy` while any is queued or
/// running (the screen disables its buttons), the last one's failure as `problem` until the
/// next call. Each call returns its task; tests await its `value`.
@MainActor
@Observable
public final class StepRunner {
    /// A call is queued or running.
    public private(set) var busy = false
    /// The last call's failure, in the core's words.
    public private(set) var problem: ProblemInfo?
    @ObservationIgnored private var last: Task<Void, Never>?
    @ObservationIgnored private var queued = 0

    /// A runner with nothing running.
    public init() {}

    /// Runs `call` after the calls before it; its failure becomes `problem`.
    @discardableResult
    public func run(_ call: @escaping @MainActor () async throws -> Void) -> Task<Void, Never> {
        let previous = last
        queued += 1
        busy = true
        let task = Task { @MainActor in
            await previous?.value
            problem = nil
            do {
                try await call()
            } catch {
                problem = ProblemInfo.of(error)
            }
            queued -= 1
            busy = queued > 0
        }
        last = task
        return task
    }
}
