import DiligenceContent
import DiligenceDiagnostics
import DiligenceMarkdown
import DiligenceSupport

/// The value of every `Dependency` in one site graph, as a hash: what the
/// next build compares to find the outputs an edit reaches. Cards are
/// hashed once for every page (on every core); the other values are worked
/// out when asked for.
package struct DependencyValues: Sendable {
    package let graph: SiteGraph
    /// Each page's front matter as decoded, hashed by the caller (from the
    /// cache form, which the graph does not know).
    package let frontMatter: [PageID: UInt64]
    /// Each page's card.
    package let cards: PageValues<UInt64>
    /// Each page's facts (`facts(of:)`), worked out once: the screening data
    /// and the cache both compare them for every page.
    private let factsTable: PageValues<UInt64>
    private let kindFacts: [PageKind: UInt64]
    private let footer: UInt64
    /// The values of the dependencies on many pages' cards, worked out once:
    /// several listings read each of them, and each covers every page.
    private let allCards: UInt64
    private let orphanCards: UInt64
    private let datedCards: UInt64
    private let kindCards: [PageKind: UInt64]
    private let guidanceCards: UInt64
    /// Each guidance step's place in `graph.guidanceInOrder`.
    private let guidancePosition: [PageID: Int]

    /// Most free pages the footer lists one by one; past that it links their index.
    package static let footerLimit = 8

    /// - Parameter known: by page, in `graph.pages` order, the card and
    ///   facts the last build worked out, where they still hold (nil: work
    ///   them out). An edit that adds or removes no page reaches the card
    ///   and facts of the pages it changed and of the pages these link to,
    ///   before or after (`OutputDecider.values`); taking the others as kept
    ///   spared hashing 10,000 pages' titles, summaries and terms twice over.
    package init(graph: SiteGraph, frontMatter: [PageID: UInt64], known: [(card: UInt64, facts: UInt64)?]? = nil) {
        self.graph = graph
        self.frontMatter = frontMatter
        let known = known?.count == graph.pages.count ? known : nil
        let missing = graph.pages.indices.filter { known?[$0] == nil }
        var hashes = known?.map { $0?.card ?? 0 } ?? [UInt64](repeating: 0, count: graph.pages.count)
        for (i, hash) in zip(missing, missing.concurrentMap { Self.card(of: graph.pages[$0], in: graph) }) { hashes[i] = hash }
        let cards = PageValues(order: graph.order, values: hashes)
        var all = StableHasher()
        all.combine(11)
        // By kind rank: a dictionary of hashers was changed in place twice a page.
        var kinds = PageKind.allCases.map { _ in StableHasher() }
        for k in kinds.indices { kinds[k].combine(8) }
        for (parsed, hash) in zip(graph.pages, hashes) {
            all.combine(parsed.id); all.combine(hash)
            kinds[parsed.id.kind.rank].combine(parsed.id); kinds[parsed.id.kind.rank].combine(hash)
        }
        self.cards = cards
        var facts = known?.map { $0?.facts ?? 0 } ?? [UInt64](repeating: 0, count: graph.pages.count)
        let worked = missing.concurrentMap { [cards] in Self.facts(of: graph.pages[$0].id, graph: graph, cards: cards, frontMatter: frontMatter) }
        for (i, hash) in zip(missing, worked) { facts[i] = hash }
        self.factsTable = PageValues(order: graph.order, values: facts)
        var kindFactsHashers = PageKind.allCases.map { _ in StableHasher() }
        for k in kindFactsHashers.indices { kindFactsHashers[k].combine(14) }
        for (parsed, hash) in zip(graph.pages, facts) {
            kindFactsHashers[parsed.id.kind.rank].combine(parsed.id)
            kindFactsHashers[parsed.id.kind.rank].combine(hash)
        }
        kindFacts = Dictionary(uniqueKeysWithValues: PageKind.allCases.map { ($0, kindFactsHashers[$0.rank].value) })
        allCards = all.value
        var orphans = StableHasher()
        orphans.combine(17)
        for parsed in graph.pages where graph.isOrphan(parsed.id) { orphans.combine(parsed.id); orphans.combine(cards[parsed.id] ?? 0) }
        orphanCards = orphans.value
        var dated = StableHasher()
        dated.combine(18)
        for parsed in graph.pages where !parsed.page.ownDates.isEmpty { dated.combine(parsed.id); dated.combine(cards[parsed.id] ?? 0) }
        datedCards = dated.value
        kindCards = Dictionary(uniqueKeysWithValues: PageKind.allCases.map { ($0, kinds[$0.rank].value) })
        var steps = StableHasher()
        steps.combine(9)
        for step in graph.guidanceInOrder { steps.combine(step.id); steps.combine(cards[step.id] ?? 0) }
        guidanceCards = steps.value
        var hasher = StableHasher()
        let free = graph.pages(of: .page)
        if free.count <= Self.footerLimit {
            for page in free { hasher.combine(page.id); hasher.combine(page.page.title) }
        } else {
            hasher.combine(-1)
        }
        footer = hasher.value
        var positions: [PageID: Int] = [:]
        for (i, step) in graph.guidanceInOrder.enumerated() { positions[step.id] = i }
        guidancePosition = positions
    }

    /// The guidance steps before and after a step, if it has them.
    package static func neighbours(of id: PageID, in steps: [ParsedPage], position: Int?) -> (previous: ParsedPage?, next: ParsedPage?) {
        guard let position else { return (nil, nil) }
        return (position > 0 ? steps[position - 1] : nil, position + 1 < steps.count ? steps[position + 1] : nil)
    }

    /// What a link to the page shows wherever it is listed.
    package static func card(of parsed: ParsedPage, in graph: SiteGraph) -> UInt64 {
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
        hasher.combine(graph.backlinks.hasEntries(for: parsed.id) ? 0 : 1)
        return hasher.value
    }

    /// One value for a list of dependencies, in the order given.
    package func value(of dependencies: [Dependency]) -> UInt64 {
        var hasher = StableHasher()
        for dependency in dependencies { hasher.combine(value(of: dependency)) }
        return hasher.value
    }

    package func value(of dependency: Dependency) -> UInt64 {
        switch dependency {
        case .all: return allCards
        case .kind(let kind): return kindCards[kind] ?? 0
        case .guidanceOrder: return guidanceCards
        case .kindFacts(let kind): return kindFacts[kind] ?? 0
        case .orphans: return orphanCards
        case .dated: return datedCards
        default: break
        }
        var hasher = StableHasher()
        func ids(_ list: [PageID]?) { for id in list ?? [] { hasher.combine(id) }; hasher.combine(0) }
        let table = self.cards
        func cards(_ pages: [ParsedPage]) { for p in pages { hasher.combine(p.id); hasher.combine(table[p.id] ?? 0) } }
        switch dependency {
        case .card(let id): hasher.combine(1); hasher.combine(table[id] ?? 0)
        case .frontMatter(let id): hasher.combine(2); hasher.combine(frontMatter[id] ?? 0)
        case .backlinks(let id): hasher.combine(3); ids(graph.backlinks[id])
        case .related(let id): hasher.combine(4); ids(graph.related[id])
        case .productCountries(let id): hasher.combine(5); ids(graph.productCountries[id])
        case .countryProducts(let id): hasher.combine(6); ids(graph.countryProducts[id])
        case .productConcerns(let id):
            hasher.combine(7)
            for ref in graph.productConcerns[id] ?? [] { hasher.combine(ref.country); hasher.combine(ref.index) }
        case .concerns(let id): hasher.combine(19); hasher.combine(graph.page(id).flatMap { CountryConcerns($0.page) }?.fingerprint ?? 0)
        case .review(let id): hasher.combine(20); hasher.combine(graph.page(id).flatMap { ReviewState($0.page) }?.fingerprint ?? 0)
        case .kind, .guidanceOrder, .all, .kindFacts, .orphans, .dated: break  // worked out once, in `init`
        case .neighbours(let id):
            hasher.combine(13)
            let (previous, next) = Self.neighbours(of: id, in: graph.guidanceInOrder, position: guidancePosition[id])
            cards(previous.map { [$0] } ?? [])
            hasher.combine(0)
            cards(next.map { [$0] } ?? [])
        case .members(let taxonomy, let term): hasher.combine(10); hasher.combine(taxonomy.rawValue); ids(graph.members(of: term, in: taxonomy))
        case .memberCards(let taxonomy, let term):
            hasher.combine(15)
            hasher.combine(taxonomy.rawValue)
            for id in graph.members(of: term, in: taxonomy) { hasher.combine(id); hasher.combine(table[id] ?? 0) }
        case .footer: hasher.combine(12); hasher.combine(footer)
        case .count(let kind): hasher.combine(16); hasher.combine(kind.rank); hasher.combine(graph.pages(of: kind).count)
        }
        return hasher.value
    }

    /// Everything the screening data says about a page: its front matter,
    /// card and relations.
    package func facts(of id: PageID) -> UInt64 {
        factsTable[id] ?? 0
    }

    private static func facts(of id: PageID, graph: SiteGraph, cards: PageValues<UInt64>, frontMatter: [PageID: UInt64]) -> UInt64 {
        var hasher = StableHasher()
        hasher.combine(cards[id] ?? 0)
        hasher.combine(frontMatter[id] ?? 0)
        for list in [graph.outgoing[id], graph.productCountries[id], graph.countryProducts[id]] {
            for other in list ?? [] { hasher.combine(other) }
            hasher.combine(0)
        }
        return hasher.value
    }
}
