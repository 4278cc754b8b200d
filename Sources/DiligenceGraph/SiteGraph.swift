import DiligenceContent
import DiligenceDiagnostics
import DiligenceMarkdown
import DiligenceSupport

/// Every published page as a node of one graph: what each page references,
/// what references it, and the product ↔ country relation taken from both
/// sides, so editors need not write both. Built once; every lookup the
/// renderer makes per page is a dictionary access, so rendering stays linear.
package struct SiteGraph: Sendable {
    package var site: SiteConfig
    /// Published pages, sorted by kind then slug.
    package var pages: [ParsedPage]
    package var byID: [PageID: ParsedPage]
    /// Published pages of each kind, sorted by slug.
    package var byKind: [PageKind: [ParsedPage]]
    /// Guidance pages in `order`.
    package var guidanceInOrder: [ParsedPage]
    /// Pages each page links to (front matter and body), sorted, without itself.
    package var outgoing: [PageID: [PageID]]
    /// Pages that link to each page, sorted.
    package var backlinks: [PageID: [PageID]]
    /// A guidance page's `related` entries, resolved, in the order written.
    package var related: [PageID: [PageID]]
    /// Product → countries of concern (the product's `countries` and the
    /// countries listing the product in `products`).
    package var productCountries: [PageID: [PageID]]
    /// Country → products of concern, the same relation seen from the country.
    package var countryProducts: [PageID: [PageID]]
    /// Product → the concerns that country profiles record naming it, in
    /// country order.
    package var productConcerns: [PageID: [ConcernRef]]
    /// Members of each term of each taxonomy, sorted (`[.region: ["near-east": [countries/ir]]]`).
    package var members: [Taxonomy: [String: [PageID]]]

    package func pages(of kind: PageKind) -> [ParsedPage] {
        byKind[kind] ?? []
    }

    package func members(of term: String, in taxonomy: Taxonomy) -> [PageID] {
        members[taxonomy]?[term] ?? []
    }

    /// Whether no other page links to a page: `check` warns of it and the
    /// review page lists it. A free page never counts (the footer, or the
    /// index of free pages, links it).
    package func isOrphan(_ id: PageID) -> Bool {
        id.kind != .page && (backlinks[id] ?? []).isEmpty
    }
}
