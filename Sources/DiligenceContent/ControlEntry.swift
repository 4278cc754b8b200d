import DiligenceDiagnostics
import DiligenceSupport

/// An export-control reference on a product page (`controls`): the regime and
/// the list entry it falls under, such as Wassenaar 5.A.1.f.
package struct ControlEntry: Sendable, Hashable {
    package var regime: String
    package var entry: String?
    package var note: Located<String>?
}
