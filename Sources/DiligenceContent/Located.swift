import DiligenceDiagnostics
import DiligenceSupport

/// A value together with where it was written, so later stages (reference
/// resolution, rendering of inline Markdown) can still point at it.
public struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}
