// Stand-ins for the SwiftUI modifiers the screens use (see View.swift). SwiftUI's are
// nonisolated; so are these.

extension View {
    nonisolated public func font(_ font: Font?) -> some View { _ModifiedView(self) }
    nonisolated public func foregroundStyle<S: ShapeStyle>(_ style: S) -> some View { _ModifiedView(self) }
    nonisolated public func bold(_ isActive: Bool = true) -> some View { _ModifiedView(self) }
    nonisolated public func monospacedDigit() -> some View { _ModifiedView(self) }
    nonisolated public func multilineTextAlignment(_ alignment: TextAlignment) -> some View { _ModifiedView(self) }
    nonisolated public func lineLimit(_ number: Int?) -> some View { _ModifiedView(self) }

    nonisolated public func frame(width: CGFloat? = nil, height: CGFloat? = nil, alignment: Alignment = .center)
        -> some View
    { _ModifiedView(self) }
    nonisolated public func frame(
        minWidth: CGFloat? = nil, idealWidth: CGFloat? = nil, maxWidth: CGFloat? = nil,
        minHeight: CGFloat? = nil, idealHeight: CGFloat? = nil, maxHeight: CGFloat? = nil,
        alignment: Alignment = .center
    ) -> some View { _ModifiedView(self) }
    nonisolated public func padding(_ edges: Edge.Set = .all, _ length: CGFloat? = nil) -> some View {
        _ModifiedView(self)
    }
    nonisolated public func padding(_ length: CGFloat) -> some View { _ModifiedView(self) }
    nonisolated public func background<S: ShapeStyle>(_ style: S, ignoresSafeAreaEdges edges: Edge.Set = .all)
        -> some View
    { _ModifiedView(self) }
    nonisolated public func overlay<V: View>(alignment: Alignment = .center, @ViewBuilder content: () -> V)
        -> some View
    { _ModifiedView(self) }
    nonisolated public func contentShape<S: Shape>(_ shape: S) -> some View { _ModifiedView(self) }

    nonisolated public func disabled(_ disabled: Bool) -> some View { _ModifiedView(self) }
    nonisolated public func tag<V: Hashable>(_ tag: V) -> some View { _ModifiedView(self) }
    nonisolated public func environment<V>(_ keyPath: WritableKeyPath<EnvironmentValues, V>, _ value: V)
        -> some View
    { _ModifiedView(self) }
    nonisolated public func modifier<M: ViewModifier>(_ modifier: M) -> some View { _ModifiedView(self) }
    nonisolated public func navigationTitle<S: StringProtocol>(_ title: S) -> some View { _ModifiedView(self) }

    nonisolated public func accessibilityLabel<S: StringProtocol>(_ label: S) -> some View { _ModifiedView(self) }
    nonisolated public func accessibilityValue<S: StringProtocol>(_ value: S) -> some View { _ModifiedView(self) }
    nonisolated public func accessibilityHint<S: StringProtocol>(_ hint: S) -> some View { _ModifiedView(self) }
    nonisolated public func accessibilityElement(children: AccessibilityChildBehavior = .ignore) -> some View {
        _ModifiedView(self)
    }
    nonisolated public func accessibilityAddTraits(_ traits: AccessibilityTraits) -> some View {
        _ModifiedView(self)
    }
    nonisolated public func accessibilityHidden(_ hidden: Bool) -> some View { _ModifiedView(self) }

    nonisolated public func keyboardType(_ type: UIKeyboardType) -> some View { _ModifiedView(self) }
    nonisolated public func textContentType(_ type: UITextContentType?) -> some View { _ModifiedView(self) }
    nonisolated public func textInputAutocapitalization(_ autocapitalization: TextInputAutocapitalization?)
        -> some View
    { _ModifiedView(self) }
    nonisolated public func autocorrectionDisabled(_ disable: Bool = true) -> some View { _ModifiedView(self) }

    nonisolated public func onAppear(perform action: (@MainActor () -> Void)? = nil) -> some View {
        _ModifiedView(self)
    }
    nonisolated public func onDisappear(perform action: (@MainActor () -> Void)? = nil) -> some View {
        _ModifiedView(self)
    }
    nonisolated public func onChange<V: Equatable>(
        of value: V, initial: Bool = false, _ action: @escaping @MainActor (V, V) -> Void
    ) -> some View { _ModifiedView(self) }
    nonisolated public func task(
        priority: TaskPriority = .userInitiated,
        @_inheritActorContext _ action: @escaping @Sendable () async -> Void
    ) -> some View { _ModifiedView(self) }
    nonisolated public func task<T: Equatable>(
        id value: T, priority: TaskPriority = .userInitiated,
        @_inheritActorContext _ action: @escaping @Sendable () async -> Void
    ) -> some View { _ModifiedView(self) }
    /// Pull to refresh. Not `@_inheritActorContext` in SwiftUI: the action captures only
    /// what is Sendable (the models, main-actor classes) and awaits them.
    nonisolated public func refreshable(action: @escaping @Sendable () async -> Void) -> some View {
        _ModifiedView(self)
    }
    nonisolated public func confirmationDialog<S: StringProtocol, A: View>(
        _ title: S, isPresented: Binding<Bool>, titleVisibility: Visibility = .automatic,
        @ViewBuilder actions: () -> A
    ) -> some View { _ModifiedView(self) }
    nonisolated public func confirmationDialog<S: StringProtocol, A: View, M: View>(
        _ title: S, isPresented: Binding<Bool>, titleVisibility: Visibility = .automatic,
        @ViewBuilder actions: () -> A, @ViewBuilder message: () -> M
    ) -> some View { _ModifiedView(self) }
}
