import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceMarkdown
import DiligenceSupport
import DiligenceTemplate

/// The renderer's only way into the site graph. Each read of something
/// besides the page being rendered is recorded in `log` (when set) as a
/// `Dependency`, so the next build knows what an output showed from having
/// rendered it, not from a rule written beside the renderer. A page's own
/// fields are read from its `ParsedPage`; another page's fields beyond its
/// card go through `details(of:)`.
package struct SiteReads: Sendable {
    private let graph: SiteGraph
    /// Where reads are recorded; nil when nothing keeps them (a build
    /// without a cache).
    package var log: ReadLog?
    /// The pages A to Z, sorted once for the pages that list them so.
    private let alphabetical: AlphabeticalPages

    /// - Parameter titleOrder: the pages A to Z as the last build kept them.
    package init(_ graph: SiteGraph, titleOrder: KeptTitleOrder? = nil) {
        self.graph = graph
        self.alphabetical = AlphabeticalPages(graph.pages, previous: titleOrder)
    }

    /// The pages A to Z for the next build to start from.
    package var keptTitleOrder: KeptTitleOrder? { alphabetical.kept }

    /// site.yml: a change to it rebuilds everything, so it is not recorded.
    package var site: SiteConfig { graph.site }

    private func read(_ dependency: Dependency) { log?.add(dependency) }

    /// A page to link to (its card).
    package func page(_ id: PageID) -> ParsedPage? {
        read(.card(id))
        return graph.page(id)
    }

    /// Pages to link to, those that exist, in the order given.
    package func pages(_ ids: [PageID]) -> [ParsedPage] {
        ids.compactMap { page($0) }
    }

    /// Another page's front matter, beyond what its card shows (whole:
    /// `ParsedPage.complete`).
    package func details(of page: ParsedPage) -> PageDetails {
        frontMatter(of: page).details
    }

    /// Another page's whole front matter, decoded once for a reader that
    /// shows its details and its sources both (a cached product's are
    /// decoded again at each `complete()`).
    package func frontMatter(of page: ParsedPage) -> Page {
        read(.frontMatter(page.id))
        return page.complete()
    }

    /// What the risk matrix shows of a country besides its card.
    package func concerns(of country: ParsedPage) -> CountryConcerns? {
        read(.concerns(country.id))
        return CountryConcerns(country.page)
    }

    /// What the review page shows of a country besides its card.
    package func reviewState(of country: ParsedPage) -> ReviewState? {
        read(.review(country.id))
        return ReviewState(country.page)
    }

    /// How many pages of a kind there are.
    package func count(of kind: PageKind) -> Int {
        read(.count(kind))
        return graph.pages(of: kind).count
    }

    package func pages(of kind: PageKind) -> [ParsedPage] {
        read(.kind(kind))
        return graph.pages(of: kind)
    }

    package var guidanceInOrder: [ParsedPage] {
        read(.guidanceOrder)
        return graph.guidanceInOrder
    }

    /// The pages of a kind, read for everything about each (front matter,
    /// card, relations): one recorded read. What the renderer then reads of
    /// those pages goes through `covered`, which records nothing more.
    package func pagesWithFacts(of kind: PageKind) -> [ParsedPage] {
        read(.kindFacts(kind))
        return graph.pages(of: kind)
    }

    /// Guidance steps in order, read for everything about each.
    package var guidanceWithFacts: [ParsedPage] {
        read(.kindFacts(.guidance))
        read(.guidanceOrder)
        return graph.guidanceInOrder
    }

    /// These reads, recording nothing: for what a `pagesWithFacts` read covers.
    package var covered: SiteReads {
        var copy = self
        copy.log = nil
        return copy
    }

    /// The steps before and after a guidance step.
    package func neighbours(of id: PageID) -> (previous: ParsedPage?, next: ParsedPage?) {
        read(.neighbours(id))
        let steps = graph.guidanceInOrder
        return DependencyValues.neighbours(of: id, in: steps, position: steps.firstIndex { $0.id == id })
    }

    /// Every page, in page order.
    package var all: [ParsedPage] {
        read(.all)
        return graph.pages
    }

    /// The pages whose front matter dates them, in page order.
    package var datedByFrontMatter: [ParsedPage] {
        read(.dated)
        return graph.pages.filter { !$0.page.ownDates.isEmpty }
    }

    /// The pages nothing links to, free pages aside, A to Z.
    package var orphansAlphabetical: [ParsedPage] {
        read(.orphans)
        return alphabetical.all.filter { graph.isOrphan($0.id) }
    }

    /// The pages of one kind A to Z.
    package func alphabetical(_ kind: PageKind) -> [ParsedPage] {
        read(.kind(kind))
        return alphabetical.of(kind)
    }

    /// The free pages the footer lists, or nil when there are too many to list.
    package var footerPages: [ParsedPage]? {
        read(.footer)
        let free = graph.pages(of: .page)
        return free.count <= DependencyValues.footerLimit ? alphabetical.ordered(free) : nil
    }

    package func backlinks(of id: PageID) -> [PageID] {
        read(.backlinks(id))
        return graph.backlinks[id] ?? []
    }

    package func related(of id: PageID) -> [PageID] {
        read(.related(id))
        return graph.related[id] ?? []
    }

    package func productCountries(of id: PageID) -> [PageID] {
        read(.productCountries(id))
        return graph.productCountries[id] ?? []
    }

    package func countryProducts(of id: PageID) -> [PageID] {
        read(.countryProducts(id))
        return graph.countryProducts[id] ?? []
    }

    package func productConcerns(of id: PageID) -> [ConcernRef] {
        read(.productConcerns(id))
        return graph.productConcerns[id] ?? []
    }

    /// The pages filed under a term, to link to: one read for them all.
    /// The pages filed under a term, A to Z (their cards hold the titles
    /// the order comes from).
    package func memberPages(of term: String, in taxonomy: Taxonomy) -> [ParsedPage] {
        read(.memberCards(taxonomy, term))
        return alphabetical.ordered(graph.members(of: term, in: taxonomy).compactMap { graph.page($0) })
    }

    /// Pages to link to, those that exist, A to Z.
    package func pagesAlphabetical(_ ids: [PageID]) -> [ParsedPage] {
        alphabetical.ordered(pages(ids))
    }

    package func members(of term: String, in taxonomy: Taxonomy) -> [PageID] {
        read(.members(taxonomy, term))
        return graph.members(of: term, in: taxonomy)
    }
}
