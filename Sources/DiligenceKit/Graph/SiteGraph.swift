/// Every published page as a node of one graph: what each page references,
/// what references it, and the product ↔ country relation taken from both
/// sides, so editors need not write both.
public struct SiteGraph: Sendable {
    public var site: SiteConfig
    /// Published pages, sorted by kind then slug.
    public var pages: [ParsedPage]
    public var byID: [PageID: ParsedPage]
    /// Pages each page links to (front matter and body), sorted, without itself.
    public var outgoing: [PageID: [PageID]]
    /// Pages that link to each page, sorted.
    public var backlinks: [PageID: [PageID]]
    /// Product → countries of concern (the product's `countries` and the
    /// countries listing the product in `products`).
    public var productCountries: [PageID: [PageID]]
    /// Country → products of concern, the same relation seen from the country.
    public var countryProducts: [PageID: [PageID]]

    public func pages(of kind: PageKind) -> [ParsedPage] {
        pages.filter { $0.id.kind == kind }
    }

    /// Guidance pages in `order`.
    public var guidanceInOrder: [ParsedPage] {
        pages(of: .guidance).sorted { a, b in
            if case .guidance(let x) = a.page.details, case .guidance(let y) = b.page.details { return x.order < y.order }
            return a.id < b.id
        }
    }
}
