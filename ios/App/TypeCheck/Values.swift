// Stand-ins for SwiftUI's state, environment and values (see View.swift).

/// A property a view reads from SwiftUI (state, environment).
public protocol DynamicProperty {}

/// Storage for the stand-ins' state (never shared across threads: type check only).
final class _Box<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}

/// A view's own state.
@propertyWrapper
public struct State<Value>: DynamicProperty {
    let box: _Box<Value>
    public init(wrappedValue value: Value) { box = _Box(value) }
    public init(initialValue value: Value) { box = _Box(value) }
    public var wrappedValue: Value {
        get { box.value }
        nonmutating set { box.value = newValue }
    }
    public var projectedValue: Binding<Value> {
        let box = box
        return Binding(get: { box.value }, set: { box.value = $0 })
    }
}
extension State where Value: ExpressibleByNilLiteral {
    public init() { self.init(wrappedValue: nil) }
}
extension State: Sendable where Value: Sendable {}

/// A reference to a value someone else owns.
@propertyWrapper
public struct Binding<Value> {
    let read: @Sendable () -> Value
    let write: @Sendable (Value) -> Void
    public init(get: @escaping @Sendable () -> Value, set: @escaping @Sendable (Value) -> Void) {
        read = get
        write = set
    }
    public init(projectedValue: Binding<Value>) { self = projectedValue }
    public static func constant(_ value: Value) -> Binding<Value> where Value: Sendable {
        Binding(get: { value }, set: { _ in })
    }
    public var wrappedValue: Value {
        get { read() }
        nonmutating set { write(newValue) }
    }
    public var projectedValue: Binding<Value> { self }
}
extension Binding: Sendable where Value: Sendable {}
extension Binding: DynamicProperty {}

/// A value of the view's environment.
@propertyWrapper
public struct Environment<Value>: DynamicProperty {
    let keyPath: KeyPath<EnvironmentValues, Value>
    public init(_ keyPath: KeyPath<EnvironmentValues, Value>) { self.keyPath = keyPath }
    @MainActor public var wrappedValue: Value { EnvironmentValues()[keyPath: keyPath] }
}

/// The environment's values the screens read or set.
public struct EnvironmentValues {
    public init() {}
    public var dismiss: DismissAction { DismissAction() }
    public var scenePhase: ScenePhase = .active
    public var layoutDirection: LayoutDirection = .leftToRight
    public var locale: Locale = Locale(identifier: "en_US_POSIX")
    public var dynamicTypeSize: DynamicTypeSize = .large
}

/// Closes the screen it is called from.
public struct DismissAction: Sendable {
    @MainActor public func callAsFunction() {}
}

/// Whether the scene is in front.
public enum ScenePhase: Comparable, Hashable, Sendable {
    case background, inactive, active
}

/// Left to right, or right to left (Persian).
public enum LayoutDirection: Hashable, Sendable {
    case leftToRight, rightToLeft
}

/// The text sizes a customer may choose.
public enum DynamicTypeSize: Hashable, Comparable, Sendable {
    case xSmall, small, medium, large, xLarge, xxLarge, xxxLarge
    case accessibility1, accessibility2, accessibility3, accessibility4, accessibility5
}

/// How a view's children reach VoiceOver.
public struct AccessibilityChildBehavior: Hashable, Sendable {
    public static let ignore = AccessibilityChildBehavior()
    public static let contain = AccessibilityChildBehavior()
    public static let combine = AccessibilityChildBehavior()
}

/// What VoiceOver says a view is.
public struct AccessibilityTraits: OptionSet, Sendable {
    public let rawValue: UInt
    public init(rawValue: UInt) { self.rawValue = rawValue }
    public static let isButton = AccessibilityTraits(rawValue: 1)
    public static let isHeader = AccessibilityTraits(rawValue: 2)
    public static let isSelected = AccessibilityTraits(rawValue: 4)
    public static let isStaticText = AccessibilityTraits(rawValue: 8)
    public static let updatesFrequently = AccessibilityTraits(rawValue: 16)
    public static let isSummaryElement = AccessibilityTraits(rawValue: 32)
}

/// Whether something shows.
public enum Visibility: Hashable, Sendable {
    case automatic, visible, hidden
}

/// An axis.
public enum Axis: Hashable, Sendable {
    case horizontal, vertical
}

/// Horizontal alignment.
public struct HorizontalAlignment: Equatable, Sendable {
    public static let leading = HorizontalAlignment()
    public static let center = HorizontalAlignment()
    public static let trailing = HorizontalAlignment()
}

/// Vertical alignment.
public struct VerticalAlignment: Equatable, Sendable {
    public static let top = VerticalAlignment()
    public static let center = VerticalAlignment()
    public static let bottom = VerticalAlignment()
    public static let firstTextBaseline = VerticalAlignment()
}

/// Alignment in both directions.
public struct Alignment: Equatable, Sendable {
    public static let center = Alignment()
    public static let leading = Alignment()
    public static let trailing = Alignment()
    public static let top = Alignment()
    public static let bottom = Alignment()
}

/// Text alignment.
public enum TextAlignment: Hashable, Sendable {
    case leading, center, trailing
}

/// Edges.
public enum Edge: Int8, Hashable, Sendable {
    case top, leading, bottom, trailing

    /// A set of edges.
    public struct Set: OptionSet, Sendable {
        public let rawValue: Int8
        public init(rawValue: Int8) { self.rawValue = rawValue }
        public static let top = Set(rawValue: 1)
        public static let leading = Set(rawValue: 2)
        public static let bottom = Set(rawValue: 4)
        public static let trailing = Set(rawValue: 8)
        public static let horizontal: Set = [.leading, .trailing]
        public static let vertical: Set = [.top, .bottom]
        public static let all: Set = [.top, .leading, .bottom, .trailing]
    }
}

/// Something a shape or text can be painted with.
public protocol ShapeStyle: Sendable {}

/// A colour.
public struct Color: Hashable, Sendable {
    public static let red = Color()
    public static let green = Color()
    public static let orange = Color()
    public static let blue = Color()
    public static let gray = Color()
    public static let white = Color()
    public static let black = Color()
    public static let clear = Color()
    public static let primary = Color()
    public static let secondary = Color()
    public static let accentColor = Color()
}
extension Color: ShapeStyle, _StandInView {}

extension ShapeStyle where Self == Color {
    public static var red: Color { Color() }
    public static var green: Color { Color() }
    public static var orange: Color { Color() }
    public static var blue: Color { Color() }
    public static var gray: Color { Color() }
    public static var white: Color { Color() }
}

/// The primary, secondary, ... colour of text.
public struct HierarchicalShapeStyle: ShapeStyle {
    public static let primary = HierarchicalShapeStyle()
    public static let secondary = HierarchicalShapeStyle()
    public static let tertiary = HierarchicalShapeStyle()
}

extension ShapeStyle where Self == HierarchicalShapeStyle {
    public static var primary: HierarchicalShapeStyle { HierarchicalShapeStyle() }
    public static var secondary: HierarchicalShapeStyle { HierarchicalShapeStyle() }
    public static var tertiary: HierarchicalShapeStyle { HierarchicalShapeStyle() }
}

/// The background's colour.
public struct BackgroundStyle: ShapeStyle {
    public init() {}
}

extension ShapeStyle where Self == BackgroundStyle {
    public static var background: BackgroundStyle { BackgroundStyle() }
}

/// A font.
public struct Font: Hashable, Sendable {
    public static let largeTitle = Font()
    public static let title = Font()
    public static let title2 = Font()
    public static let title3 = Font()
    public static let headline = Font()
    public static let subheadline = Font()
    public static let body = Font()
    public static let callout = Font()
    public static let footnote = Font()
    public static let caption = Font()
    public static let caption2 = Font()

    /// A text style.
    public enum TextStyle: Hashable, Sendable {
        case largeTitle, title, title2, title3, headline, subheadline, body, callout, footnote, caption, caption2
    }

    /// A design.
    public enum Design: Hashable, Sendable {
        case `default`, serif, rounded, monospaced
    }

    /// A weight.
    public struct Weight: Hashable, Sendable {
        public static let regular = Weight()
        public static let medium = Weight()
        public static let semibold = Weight()
        public static let bold = Weight()
    }

    public static func system(_ style: TextStyle, design: Design? = nil, weight: Weight? = nil) -> Font { Font() }
    public func monospacedDigit() -> Font { self }
    public func bold() -> Font { self }
}

/// The keyboard a text field brings up (UIKit's, as SwiftUI re-exports it on iOS).
public enum UIKeyboardType: Int, Sendable {
    case `default`, asciiCapable, numbersAndPunctuation, URL, numberPad, phonePad, namePhonePad, emailAddress,
        decimalPad, twitter, webSearch, asciiCapableNumberPad
}

/// What a text field holds, for AutoFill (UIKit's).
public struct UITextContentType: Hashable, Sendable {
    let rawValue: String
    public static let oneTimeCode = UITextContentType(rawValue: "one-time-code")
    public static let password = UITextContentType(rawValue: "password")
    public static let newPassword = UITextContentType(rawValue: "new-password")
    public static let username = UITextContentType(rawValue: "username")
    public static let telephoneNumber = UITextContentType(rawValue: "tel")
}

/// How a text field capitalises.
public struct TextInputAutocapitalization: Sendable {
    public static let never = TextInputAutocapitalization()
    public static let words = TextInputAutocapitalization()
    public static let sentences = TextInputAutocapitalization()
    public static let characters = TextInputAutocapitalization()
}
