/// Feeds an `AsyncStream` from one of the core's observers: the bindings call an observer
/// (a foreign trait) from the library's threads, the feed yields to the stream, and ending the
/// stream (the consuming task cancelled, or the loop left) cancels the core's observation.
public final class StateFeed<Element: Sendable>: Sendable {
    let continuation: AsyncStream<Element>.Continuation

    init(_ continuation: AsyncStream<Element>.Continuation) {
        self.continuation = continuation
    }

    /// A stream of what the core reports through the observer that `register` hands to the
    /// bindings. Only the newest `buffer` values wait for a slow reader (states replace each other).
    static func stream(
        buffer: Int = 8,
        register: (StateFeed<Element>) throws -> ObservationHandle
    ) rethrows -> AsyncStream<Element> {
        let (stream, continuation) = AsyncStream.makeStream(
            of: Element.self, bufferingPolicy: .bufferingNewest(buffer))
        let handle = try register(StateFeed(continuation))
        continuation.onTermination = { _ in handle.cancel() }
        return stream
    }
}
