import DiligenceDiagnostics
import DiligenceSupport

/// The fields of a product-risk example (`products/*.md`).
public struct ProductRisk: Sendable {
    public var category: String
    public var risk: String
    /// Where `risk` is written, for the product rule's message (checked
    /// once every country's concerns are known).
    public var riskLocation: SourceLocation?
    /// Which rule of the methodology gives `risk`, on which evidence (inline
    /// Markdown); required unless `risk` is `unknown`.
    public var riskBasis: Located<String>?
    /// List items are inline Markdown, kept with their position for link checks.
    public var capabilities: [Located<String>]
    public var misuse: [Located<String>]
    public var redFlags: [Located<String>]
    public var safeguards: [Located<String>]
    public var controls: [ControlEntry]
    /// ISO codes as written (any case); resolved to country pages by the graph stage.
    public var countries: [Located<String>]
    /// Guidance slugs.
    public var guidance: [Located<String>]
}
