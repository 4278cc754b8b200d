import DiligenceDiagnostics
import DiligenceSupport

/// The fields of a guidance page (`guidance/*.md`).
package struct GuidanceStep: Sendable {
    /// Position in the due-diligence process, unique across guidance pages.
    package var order: Int
    /// References written as `products/<slug>`, `countries/<code>`, `guidance/<slug>`, `pages/<slug>`.
    package var related: [Located<String>]
}
