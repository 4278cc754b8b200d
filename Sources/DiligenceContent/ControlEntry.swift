import DiligenceDiagnostics
import DiligenceSupport

/// An export-control reference on a product page (`controls`): the regime and
/// the list entry it falls under, such as Wassenaar 5.A.1.f.
public struct ControlEntry: Sendable, Hashable {
    public var regime: String
    public var entry: String?
    public var note: Located<String>?
}
