import DiligenceContent
import DiligenceDiagnostics
import DiligenceMarkdown
import DiligenceSupport

/// Every published page as a node of one graph: what each page references,
/// what references it, and the product ↔ country relation taken from both
/// sides, so editors need not write both. Built once; every lookup the
/// renderer makes per page is a dictionary access, so rendering stays linear.
public struct SiteGraph: Sendable {
    public var site: SiteConfig
    /// Published pages, sorted by kind then slug.
    public var pages: [ParsedPage]
    public var byID: [PageID: ParsedPage]
    /// Published pages of each kind, sorted by slug.
    public var byKind: [PageKind: [ParsedPage]]
    /// Guidance pages in `order`.
    public var guidanceInOrder: [ParsedPage]
    /// Pages each page links to (front matter and body), sorted, without itself.
    public var outgoing: [PageID: [PageID]]
    /// Pages that link to each page, sorted.
    public var backlinks: [PageID: [PageID]]
    /// A guidance page's `related` entries, resolved, in the order written.
    public var related: [PageID: [PageID]]
    /// Product → countries of concern (the product's `countries` and the
    /// countries listing the product in `products`).
    public var productCountries: [PageID: [PageID]]
    /// Country → products of concern, the same relation seen from the country.
    public var countryProducts: [PageID: [PageID]]
    /// Product → the concerns that country profiles record naming it, in
    /// country order.
    public var productConcerns: [PageID: [ConcernRef]]
    /// Members of each term of each taxonomy, sorted (`[.region: ["near-east": [countries/ir]]]`).
    public var members: [Taxonomy: [String: [PageID]]]

    public func pages(of kind: PageKind) -> [ParsedPage] {
        byKind[kind] ?? []
    }

    public func members(of term: String, in taxonomy: Taxonomy) -> [PageID] {
        members[taxonomy]?[term] ?? []
    }
}
