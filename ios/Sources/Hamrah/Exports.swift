// The app imports `Hamrah` only: the generated bindings (the core's clients, flows and their
// states) come with it, and this module adds what Swift code expects on top of them.
@_exported import HamrahBindings
