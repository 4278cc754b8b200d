import Foundation

/// Computes `PageFingerprints` and the fingerprints of the listing pages
/// from a site graph. The full build records them; the incremental build
/// computes them again and renders only what differs.
struct Fingerprinter {
    let graph: SiteGraph
    /// Card of every page.
    let cards: [PageID: UInt64]
    /// Facts of every page.
    let facts: [PageID: UInt64]
    let layout: UInt64
    let frontMatter: [PageID: UInt64]
    /// The cards of all pages, in page order: what most listings show.
    let allCards: UInt64
    /// Each guidance page's place in `guidanceInOrder` (its neighbours show
    /// on its page).
    let guidancePosition: [PageID: Int]

    /// - Parameters:
    ///   - frontMatter: the hash of each page's front matter
    ///     (`frontMatterHash`), computed when the page was decoded.
    ///   - cards: every page's `card`, if already computed (a full build
    ///     that keeps listing rows needs them to render).
    init(graph: SiteGraph, frontMatter: [PageID: UInt64], cards known: [PageID: UInt64]? = nil) {
        self.graph = graph
        self.frontMatter = frontMatter
        // Hashed on every core, then gathered by id.
        let hashes = graph.pages.concurrentMap { parsed -> (card: UInt64, facts: UInt64) in
            let card = known?[parsed.id] ?? Self.card(of: parsed, in: graph)
            var factHasher = StableHasher()
            factHasher.combine(card)
            factHasher.combine(frontMatter[parsed.id] ?? 0)
            for list in [graph.outgoing[parsed.id], graph.productCountries[parsed.id], graph.countryProducts[parsed.id]] {
                for id in list ?? [] { factHasher.combine(id) }
                factHasher.combine(0)
            }
            return (card, factHasher.value)
        }
        var cards: [PageID: UInt64] = [:]
        var facts: [PageID: UInt64] = [:]
        cards.reserveCapacity(graph.pages.count)
        facts.reserveCapacity(graph.pages.count)
        for (parsed, hash) in zip(graph.pages, hashes) {
            cards[parsed.id] = hash.card
            facts[parsed.id] = hash.facts
        }
        self.cards = cards
        self.facts = facts
        var all = StableHasher()
        for (parsed, hash) in zip(graph.pages, hashes) { all.combine(parsed.id); all.combine(hash.card) }
        allCards = all.value
        var positions: [PageID: Int] = [:]
        for (i, step) in graph.guidanceInOrder.enumerated() { positions[step.id] = i }
        guidancePosition = positions
        // The footer lists the free pages while there are few of them.
        var hasher = StableHasher()
        let free = graph.pages(of: .page)
        if free.count <= SiteRenderer.footerLimit {
            for page in free { hasher.combine(page.id); hasher.combine(page.page.title) }
        } else {
            hasher.combine(-1)
        }
        layout = hasher.value
    }

    /// What a link to the page shows wherever it is listed (title, summary,
    /// date, risk, order, terms, whether anything links to it).
    static func card(of parsed: ParsedPage, in graph: SiteGraph) -> UInt64 {
        let page = parsed.page
        var hasher = StableHasher()
        hasher.combine(page.title)
        hasher.combine(page.summary)
        hasher.combine(page.updated?.description)
        switch page.details {
        case .product(let p): hasher.combine(p.risk)
        case .country(let c): hasher.combine(c.risk); hasher.combine(c.reviewed.description)
        case .guidance(let g): hasher.combine(g.order)
        case .page: break
        }
        for taxonomy in Taxonomy.allCases {
            for term in taxonomy.terms(of: page) { hasher.combine(term) }
            hasher.combine(0)
        }
        hasher.combine((graph.backlinks[parsed.id] ?? []).isEmpty ? 1 : 0)
        return hasher.value
    }

    /// Every page's card.
    static func cards(of graph: SiteGraph) -> [PageID: UInt64] {
        let hashes = graph.pages.concurrentMap { card(of: $0, in: graph) }
        var cards: [PageID: UInt64] = [:]
        cards.reserveCapacity(hashes.count)
        for (parsed, hash) in zip(graph.pages, hashes) { cards[parsed.id] = hash }
        return cards
    }

    /// Hash of a page's front matter as decoded (body left out), from its
    /// cache form.
    static func frontMatterHash(_ page: Page) -> UInt64 {
        var writer = CacheWriter()
        page.write(to: &writer)  // writes no body
        return StableHasher.hash(writer.bytes)
    }

    func fingerprints(of parsed: ParsedPage) -> PageFingerprints {
        PageFingerprints(frontMatter: frontMatter[parsed.id] ?? 0, card: cards[parsed.id] ?? 0, facts: facts[parsed.id] ?? 0, neighbourhood: neighbourhood(of: parsed))
    }

    /// The cards of every page this page's HTML shows, and the layout.
    func neighbourhood(of parsed: ParsedPage) -> UInt64 {
        var hasher = StableHasher()
        hasher.combine(layout)
        func add(_ ids: [PageID]) {
            for id in ids {
                guard let card = cards[id] else { continue }
                hasher.combine(id)
                hasher.combine(card)
            }
            hasher.combine(0)
        }
        let id = parsed.id
        add(graph.backlinks[id] ?? [])
        add(graph.related[id] ?? [])
        add(graph.productCountries[id] ?? [])
        add(graph.countryProducts[id] ?? [])
        switch parsed.page.details {
        case .product(let p):
            add(p.guidance.map { PageID(.guidance, $0.value) })
            // The concerns countries record about it: their basis and sources.
            for ref in graph.productConcerns[id] ?? [] { hasher.combine(frontMatter[ref.country] ?? 0) }
        case .guidance:
            let steps = graph.guidanceInOrder
            if let position = guidancePosition[id] {
                add(position > 0 ? [steps[position - 1].id] : [])
                add(position + 1 < steps.count ? [steps[position + 1].id] : [])
            }
        default: break
        }
        return hasher.value
    }

    /// What a listing page shows, by its output path: the cards of the pages
    /// it lists, or the facts of those it summarises.
    ///
    /// Each rule names what that page reads, and no more: a rule too narrow
    /// leaves a stale page, which `IncrementalBuildTests` would see as a
    /// difference from a full build; a rule too wide only costs time.
    func listing(_ path: String) -> UInt64 {
        var hasher = StableHasher()
        hasher.combine(layout)
        func cards(of pages: [ParsedPage]) { for p in pages { hasher.combine(p.id); hasher.combine(self.cards[p.id] ?? 0) } }
        func facts(of pages: [ParsedPage]) { for p in pages { hasher.combine(p.id); hasher.combine(self.facts[p.id] ?? 0) } }
        let products = graph.pages(of: .product), countries = graph.pages(of: .country)
        let parts = path.split(separator: "/").map(String.init)
        let taxonomy = parts.count == 2 ? Taxonomy.allCases.first { $0.folder == parts[0] } : nil
        if parts.count == 2, let kind = PageKind(folder: parts[0]), parts[1] == "index.html" {
            cards(of: kind == .guidance ? graph.guidanceInOrder : graph.pages(of: kind))
        } else if let taxonomy, parts[1] == "index.html" {
            // Terms with their number of pages.
            for term in taxonomy.vocabulary(graph.site).terms { hasher.combine(graph.members(of: term.id, in: taxonomy).count) }
        } else if let taxonomy {
            let term = String(parts[1].dropLast(".html".count))
            cards(of: graph.members(of: term, in: taxonomy).compactMap { graph.byID[$0] })
        } else if path == SiteRenderer.Paths.matrix {
            // Countries by region with their risk basis and concerns (front
            // matter), products by category.
            cards(of: products)
            facts(of: countries)
        } else if path == SiteRenderer.Paths.screening {
            cards(of: products + countries)  // the two lists to pick from
        } else if path == SiteRenderer.Paths.screeningData {
            facts(of: products + countries + graph.guidanceInOrder)
        } else if path == SiteRenderer.Paths.review {
            hasher.combine(allCards)  // dates, risk, orphans
            for country in countries {
                guard case .country(let c) = country.page.details else { continue }
                hasher.combine(c.reviewedBy)
                hasher.combine(c.factors.filter { $0.status == .unknown }.count)
            }
        } else if path == SiteRenderer.Paths.notFound {
            // The layout only.
        } else {
            hasher.combine(allCards)
        }
        return hasher.value
    }
}
