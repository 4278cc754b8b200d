import DiligenceDiagnostics
import DiligenceSupport

/// A value together with where it was written, so later stages (reference
/// resolution, rendering of inline Markdown) can still point at it.
package struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
    package var value: Value
    package var location: SourceLocation

    package init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}
