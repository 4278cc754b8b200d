import DiligenceDiagnostics
import DiligenceSupport

/// A documented concern on a country profile: a measure or an official
/// finding that ties the country to products or product categories. The risk
/// matrix is made of these, each shown with its basis and source.
public struct Concern: Sendable, Hashable {
    /// Product slugs the source names.
    public var products: [Located<String>]
    /// Category ids the source concerns (a product's category counts too).
    public var categories: [Located<String>]
    /// What the source says, in the editor's words (inline Markdown).
    public var basis: Located<String>
    public var source: Evidence
    public var location: SourceLocation
}
