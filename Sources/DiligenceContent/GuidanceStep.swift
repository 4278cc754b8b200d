import DiligenceDiagnostics
import DiligenceSupport

/// The fields of a guidance page (`guidance/*.md`).
public struct GuidanceStep: Sendable {
    /// Position in the due-diligence process, unique across guidance pages.
    public var order: Int
    /// References written as `products/<slug>`, `countries/<code>`, `guidance/<slug>`, `pages/<slug>`.
    public var related: [Located<String>]
}
