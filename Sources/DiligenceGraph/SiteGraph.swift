import DiligenceContent
import DiligenceDiagnostics
import DiligenceMarkdown
import DiligenceSupport

/// Every published page as a node of one graph: what each page references,
/// what references it, and the product ↔ country relation taken from both
/// sides, so editors need not write both. Built once; every lookup the
/// renderer makes per page is a dictionary access (the page's place) and
/// an array read, so rendering stays linear.
package struct SiteGraph: Sendable {
    package var site: SiteConfig
    /// Published pages, sorted by kind then slug.
    package var pages: [ParsedPage]
    /// Their ids in the same order, and each one's place.
    package var order: PageOrder
    /// Published pages of each kind, sorted by slug.
    package var byKind: [PageKind: [ParsedPage]]
    /// Guidance pages in `order`.
    package var guidanceInOrder: [ParsedPage]
    /// Pages each page links to (front matter and body), sorted, without itself.
    package var outgoing: PageRelation
    /// Pages that link to each page, sorted.
    package var backlinks: PageRelation
    /// A guidance page's `related` entries, resolved, in the order written.
    package var related: [PageID: [PageID]]
    /// Product → countries of concern (the product's `countries` and the
    /// countries listing the product in `products`).
    package var productCountries: PageRelation
    /// Country → products of concern, the same relation seen from the country.
    package var countryProducts: PageRelation
    /// Product → the concerns that country profiles record naming it, in
    /// country order.
    package var productConcerns: [PageID: [ConcernRef]]
    /// Members of each term of each taxonomy, sorted (`[.region: ["near-east": [countries/ir]]]`).
    package var members: [Taxonomy: [String: [PageID]]]
    /// The last build's links this graph was assembled from, when it was
    /// (`KeptLinks`): what this build keeps for the next one, as they are.
    package var keptLinks: KeptLinks? = nil

    /// The published page with this id.
    package func page(_ id: PageID) -> ParsedPage? {
        order.position[id].map { pages[$0] }
    }

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
        id.kind != .page && !backlinks.hasEntries(for: id)
    }

    /// The same for the page at `place` in `pages`, without looking its id up.
    package func isOrphan(at place: Int) -> Bool {
        pages[place].id.kind != .page && !backlinks.hasEntries(at: place)
    }
}
