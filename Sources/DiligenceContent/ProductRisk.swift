import DiligenceDiagnostics
import DiligenceSupport

/// The fields of a product-risk example (`products/*.md`).
package struct ProductRisk: Sendable {
    package var category: String
    package var risk: String
    /// Where `risk` is written, for the product rule's message (checked
    /// once every country's concerns are known).
    package var riskLocation: SourceLocation?
    /// Which rule of the methodology gives `risk`, on which evidence (inline
    /// Markdown); required unless `risk` is `unknown`.
    package var riskBasis: Located<String>?
    /// List items are inline Markdown, kept with their position for link checks.
    package var capabilities: [Located<String>]
    package var misuse: [Located<String>]
    package var redFlags: [Located<String>]
    package var safeguards: [Located<String>]
    package var controls: [ControlEntry]
    /// ISO codes as written (any case); resolved to country pages by the graph stage.
    package var countries: [Located<String>]
    /// Guidance slugs.
    package var guidance: [Located<String>]
}
