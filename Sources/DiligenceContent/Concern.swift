import DiligenceDiagnostics
import DiligenceSupport

/// A documented concern on a country profile: a measure or an official
/// finding that ties the country to products or product categories. The risk
/// matrix is made of these, each shown with its basis and source.
package struct Concern: Sendable, Hashable {
    /// Product slugs the source names.
    package var products: [Located<String>]
    /// Category ids the source concerns (a product's category counts too).
    package var categories: [Located<String>]
    /// What the source says, in the editor's words (inline Markdown).
    package var basis: Located<String>
    package var source: Evidence
    package var location: SourceLocation
}
