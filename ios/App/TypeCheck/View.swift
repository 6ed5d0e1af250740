// Stand-ins for the SwiftUI API the screens call (ios/App/Sources/UI), so that
// scripts/swift-test.sh can type-check them on Linux against the generated bindings and the
// Swift package (see README.md here). Same names, parameters and isolation as SwiftUI; no
// behaviour. Never linked into anything.
@_exported import Foundation

/// A piece of the interface; `body` is built by `ViewBuilder`, on the main actor.
@MainActor @preconcurrency
public protocol View {
    /// The view's content.
    associatedtype Body: View
    /// The view's content.
    @ViewBuilder @MainActor @preconcurrency var body: Self.Body { get }
}

extension Never: View {
    public typealias Body = Never
    public var body: Never { fatalError("SwiftUI stand-in") }
}

/// A view SwiftUI draws itself (no `body` of its own). Types conform in extensions, as
/// SwiftUI's do, so they are not main-actor types themselves.
public protocol _StandInView: View where Body == Never {}

extension _StandInView {
    public var body: Never { fatalError("SwiftUI stand-in") }
}

/// Nothing.
public struct EmptyView {
    public init() {}
}
extension EmptyView: _StandInView {}

/// Several views in a row of a builder.
public struct TupleView<T> {
    public var value: T
    public init(_ value: T) { self.value = value }
}
extension TupleView: _StandInView {}

/// One of two views, for `if`/`else` and `switch` in a builder.
public struct _ConditionalContent<TrueContent, FalseContent> {
    enum Storage {
        case trueContent(TrueContent)
        case falseContent(FalseContent)
    }
    let storage: Storage
}
extension _ConditionalContent: View, _StandInView where TrueContent: View, FalseContent: View {}

extension Optional: View, _StandInView where Wrapped: View {}

/// A type-erased view.
public struct AnyView {
    public init<V: View>(_ view: V) {}
}
extension AnyView: _StandInView {}

/// Builds views from closures: statements, `if`, `if let`, `switch`, local declarations.
@resultBuilder
public struct ViewBuilder {
    public static func buildExpression<Content: View>(_ content: Content) -> Content { content }
    public static func buildBlock() -> EmptyView { EmptyView() }
    public static func buildBlock<Content: View>(_ content: Content) -> Content { content }
    public static func buildBlock<each Content: View>(_ content: repeat each Content) -> TupleView<(repeat each Content)> {
        TupleView((repeat each content))
    }
    public static func buildIf<Content: View>(_ content: Content?) -> Content? { content }
    public static func buildEither<T: View, F: View>(first: T) -> _ConditionalContent<T, F> {
        _ConditionalContent(storage: .trueContent(first))
    }
    public static func buildEither<T: View, F: View>(second: F) -> _ConditionalContent<T, F> {
        _ConditionalContent(storage: .falseContent(second))
    }
    public static func buildLimitedAvailability<Content: View>(_ content: Content) -> AnyView { AnyView(content) }
}

/// Changes a view; `body(content:)` receives the view it modifies.
@MainActor @preconcurrency
public protocol ViewModifier {
    /// The modified view.
    associatedtype Body: View
    /// The view being modified.
    typealias Content = _ViewModifier_Content<Self>
    /// The modified view.
    @ViewBuilder @MainActor @preconcurrency func body(content: Self.Content) -> Self.Body
}

/// The view a `ViewModifier` modifies.
public struct _ViewModifier_Content<Modifier: ViewModifier> {}
extension _ViewModifier_Content: _StandInView {}

/// A view with a modifier applied (every modifier's result here).
public struct _ModifiedView<Content> {
    let content: Content
    init(_ content: Content) { self.content = content }
}
extension _ModifiedView: View, _StandInView where Content: View {}

/// The scene: `WindowGroup` holds the root view (used by the app target's `@main` only).
@MainActor @preconcurrency
public protocol Scene {}

/// The app (`@main` in the Xcode app target).
@MainActor @preconcurrency
public protocol App {
    associatedtype Body: Scene
    init()
    var body: Body { get }
}
