// Stand-ins for SwiftUI's containers and controls (see View.swift).

/// Vertical stack.
public struct VStack<Content> {
    public init(alignment: HorizontalAlignment = .center, spacing: CGFloat? = nil, @ViewBuilder content: () -> Content) {}
}
extension VStack: View, _StandInView where Content: View {}

/// Horizontal stack.
public struct HStack<Content> {
    public init(alignment: VerticalAlignment = .center, spacing: CGFloat? = nil, @ViewBuilder content: () -> Content) {}
}
extension HStack: View, _StandInView where Content: View {}

/// Overlapping stack.
public struct ZStack<Content> {
    public init(alignment: Alignment = .center, @ViewBuilder content: () -> Content) {}
}
extension ZStack: View, _StandInView where Content: View {}

/// Views grouped without layout.
public struct Group<Content> {
    public init(@ViewBuilder content: () -> Content) {}
}
extension Group: View, _StandInView where Content: View {}

/// A scrolling list of rows.
public struct List<SelectionValue: Hashable, Content> {
    public init(@ViewBuilder content: () -> Content) where SelectionValue == Never {}
}
extension List: View, _StandInView where Content: View {}

/// A form of controls.
public struct Form<Content> {
    public init(@ViewBuilder content: () -> Content) {}
}
extension Form: View, _StandInView where Content: View {}

/// A section of a list or form, with an optional title.
public struct Section<Parent, Content, Footer> {}
extension Section: View, _StandInView where Parent: View, Content: View, Footer: View {}
extension Section where Parent == EmptyView, Footer == EmptyView {
    public init(@ViewBuilder content: () -> Content) {}
}
extension Section where Parent == Text, Footer == EmptyView {
    public init<S: StringProtocol>(_ title: S, @ViewBuilder content: () -> Content) {}
}

/// A navigation stack.
public struct NavigationStack<Data, Root> {
    public init(@ViewBuilder root: () -> Root) where Data == NavigationPath {}
}
extension NavigationStack: View, _StandInView where Root: View {}

/// The path of a navigation stack.
public struct NavigationPath {}

/// A row that pushes a destination.
public struct NavigationLink<Label, Destination> {
    public init(@ViewBuilder destination: () -> Destination, @ViewBuilder label: () -> Label) {}
}
extension NavigationLink where Label == Text {
    public init<S: StringProtocol>(_ title: S, @ViewBuilder destination: () -> Destination) {}
}
extension NavigationLink: View, _StandInView where Label: View, Destination: View {}

/// Views for each element of a collection.
public struct ForEach<Data: RandomAccessCollection, ID: Hashable, Content> {
    public init(_ data: Data, id: KeyPath<Data.Element, ID>, @ViewBuilder content: @escaping (Data.Element) -> Content)
    where Content: View {}
}
extension ForEach where Data == Range<Int>, ID == Int, Content: View {
    public init(_ data: Range<Int>, @ViewBuilder content: @escaping (Int) -> Content) {}
}
extension ForEach where Data.Element: Identifiable, ID == Data.Element.ID, Content: View {
    public init(_ data: Data, @ViewBuilder content: @escaping (Data.Element) -> Content) {}
}
extension ForEach: View, _StandInView where Content: View {}

/// Text.
public struct Text: Equatable, Sendable {
    public init<S: StringProtocol>(_ content: S) {}
    public init(verbatim content: String) {}
}
extension Text: _StandInView {}

/// An image (SF Symbols by name).
public struct Image: Sendable {
    public init(systemName: String) {}
}
extension Image: _StandInView {}

/// A title with an icon.
public struct Label<Title, Icon> {}
extension Label where Title == Text, Icon == Image {
    public init<S: StringProtocol>(_ title: S, systemImage name: String) {}
}
extension Label: View, _StandInView where Title: View, Icon: View {}

/// A label and its value.
public struct LabeledContent<Label, Content> {}
extension LabeledContent where Label == Text, Content == Text {
    public init<S1: StringProtocol, S2: StringProtocol>(_ title: S1, value: S2) {}
}
extension LabeledContent: View, _StandInView where Label: View, Content: View {}

/// What a button does, for its look (`.destructive` in red, `.cancel`).
public struct ButtonRole: Equatable, Sendable {
    public static let destructive = ButtonRole()
    public static let cancel = ButtonRole()
}

/// A button.
public struct Button<Label> {
    public init(action: @escaping @MainActor () -> Void, @ViewBuilder label: () -> Label) {}
    public init(role: ButtonRole?, action: @escaping @MainActor () -> Void, @ViewBuilder label: () -> Label) {}
}
extension Button where Label == Text {
    public init<S: StringProtocol>(_ title: S, action: @escaping @MainActor () -> Void) {}
    public init<S: StringProtocol>(_ title: S, role: ButtonRole?, action: @escaping @MainActor () -> Void) {}
}
extension Button: View, _StandInView where Label: View {}

/// A one-line text input.
public struct TextField<Label> {}
extension TextField where Label == Text {
    public init<S: StringProtocol>(_ title: S, text: Binding<String>) {}
    public init<S: StringProtocol>(_ title: S, text: Binding<String>, axis: Axis) {}
}
extension TextField: View, _StandInView where Label: View {}

/// A one-line input whose text is hidden.
public struct SecureField<Label> {}
extension SecureField where Label == Text {
    public init<S: StringProtocol>(_ title: S, text: Binding<String>) {}
}
extension SecureField: View, _StandInView where Label: View {}

/// A multi-line text input.
public struct TextEditor {
    public init(text: Binding<String>) {}
}
extension TextEditor: _StandInView {}

/// A choice among tagged views.
public struct Picker<Label, SelectionValue: Hashable, Content> {}
extension Picker where Label == Text {
    public init<S: StringProtocol>(_ title: S, selection: Binding<SelectionValue>, @ViewBuilder content: () -> Content) {}
}
extension Picker: View, _StandInView where Label: View, Content: View {}

/// A spinner, or a bar of progress.
public struct ProgressView<Label, CurrentValueLabel> {}
extension ProgressView where Label == EmptyView, CurrentValueLabel == EmptyView {
    public init() {}
    public init<V: BinaryFloatingPoint>(value: V?, total: V = 1.0) {}
}
extension ProgressView where Label == Text, CurrentValueLabel == EmptyView {
    public init<S: StringProtocol>(_ title: S) {}
}
extension ProgressView: View, _StandInView where Label: View, CurrentValueLabel: View {}

/// Space that grows.
public struct Spacer {
    public init(minLength: CGFloat? = nil) {}
}
extension Spacer: _StandInView {}

/// A divider line.
public struct Divider {
    public init() {}
}
extension Divider: _StandInView {}

/// A shape.
public protocol Shape: Sendable, View {}

extension Shape {
    /// The shape filled with `content`.
    nonisolated public func fill<S: ShapeStyle>(_ content: S) -> some View { _ModifiedView(self) }
}

/// A rectangle.
public struct Rectangle: Sendable {
    public init() {}
}
extension Rectangle: Shape, _StandInView {}

/// A rounded rectangle.
public struct RoundedRectangle: Sendable {
    public init(cornerRadius: CGFloat) {}
}
extension RoundedRectangle: Shape, _StandInView {}

/// The app's window (used by the Xcode target's `@main` only).
public struct WindowGroup<Content> {
    public init(@ViewBuilder content: () -> Content) {}
}
extension WindowGroup: Scene where Content: View {}
