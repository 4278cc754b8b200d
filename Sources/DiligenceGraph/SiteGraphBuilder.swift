import DiligenceContent
import DiligenceDiagnostics
import DiligenceMarkdown
import DiligenceSupport
import Foundation

/// Builds the `SiteGraph`: resolves every front-matter reference and Markdown
/// link of every page (rewriting links to output URLs), renders inline list
/// fields, inverts references into backlinks, and warns about orphan pages.
package struct SiteGraphBuilder: Sendable {
    package var site: SiteConfig
    package var index: PageIndex
    package var log: DiagnosticLog

    package init(site: SiteConfig, index: PageIndex, log: DiagnosticLog) {
        self.site = site
        self.index = index
        self.log = log
    }

    /// What resolving one page's references found: every page it links to
    /// (front matter and body), and its `related` entries in the order written.
    package struct Resolved: Sendable, Codable, Equatable {
        package var targets: [PageID]
        package var related: [PageID]

        package init(targets: [PageID], related: [PageID]) {
            self.targets = targets
            self.related = related
        }
    }

    package func build(_ pages: [ParsedPage]) -> SiteGraph {
        let sorted = pages.sorted { $0.id < $1.id }
        return assemble(sorted, resolved: resolveAll(sorted))
    }

    /// Resolves the references of each page, in parallel.
    package func resolveAll(_ pages: [ParsedPage]) -> [Resolved] {
        let resolver = LinkResolver(index: index, log: log)
        return pages.concurrentMap { resolve($0, resolver: resolver) }
    }

    /// Builds the graph from pages sorted by id and what each one references;
    /// with `kept`, the links and relations of the last build, when they are
    /// of these pages (the caller checked that each page names what it named
    /// then: `linkInputs`), taken from them instead of made again. `added`
    /// are the places of the pages the last build did not have: the kept
    /// links are then moved around them and take in what they bring
    /// (`KeptLinks.adding`).
    package func assemble(_ sorted: [ParsedPage], resolved: [Resolved], kept: KeptLinks? = nil, added: [Int] = []) -> SiteGraph {
        // Pages come in id order, so a page's position stands for its id
        // wherever lists are sorted: integers compared, not kinds and slugs.
        let ids = sorted.map(\.id)
        assert(zip(ids, ids.dropFirst()).allSatisfy { $0 < $1 }, "pages must come sorted by id")
        var position: [PageID: Int] = [:]
        position.reserveCapacity(ids.count)
        for (i, id) in ids.enumerated() { position[id] = i }
        let order = PageOrder(ids: ids, position: position)
        // The last build's links, if they are of these pages in these places.
        let kept = kept.flatMap { kept in
            added.isEmpty ? (kept.pageCount == ids.count && kept.idsHash == Self.idsHash(ids) ? kept : nil)
                          : kept.adding(added, sorted: sorted, resolved: resolved, order: order)
        }
        let links: Links, relations: Relations
        if let kept {
            links = Links(sorted, resolved: resolved, order: order, kept: kept)
            relations = Relations(order: order, kept: kept)
        } else {
            // The two halves need nothing from each other: the relations are
            // taken on another core while the links are inverted (each was about
            // a third of linking an incremental build's 10,000 pages, `perf`).
            let pending = BackgroundResult { Relations(sorted, order: order) }
            links = Links(sorted, resolved: resolved, order: order)
            relations = pending.value
        }
        checkProductRule(sorted, concerns: relations.productConcerns)
        let guidanceInOrder = (links.byKind[.guidance] ?? []).sorted { a, b in
            if case .guidance(let x) = a.page.details, case .guidance(let y) = b.page.details { return x.order < y.order }
            return a.id < b.id
        }
        var graph = SiteGraph(site: site, pages: sorted, order: order, byKind: links.byKind, guidanceInOrder: guidanceInOrder,
                              outgoing: links.outgoing, backlinks: links.backlinks, related: links.related,
                              productCountries: relations.productCountries, countryProducts: relations.countryProducts,
                              productConcerns: relations.productConcerns, members: relations.members)
        graph.keptLinks = kept
        for (place, page) in sorted.enumerated() where graph.isOrphan(at: place) {
            log.warning(at: SourceLocation(file: page.page.file, line: 1, column: 1),
                        "no other page links to \(page.id)",
                        hint: "link to it from a related page (front matter or a Markdown link), so readers can find it")
        }
        return graph
    }

    /// What the pages link to and what links to them.
    private struct Links {
        var byKind: [PageKind: [ParsedPage]] = [:]
        var outgoing: PageRelation
        var backlinks: PageRelation
        var related: [PageID: [PageID]] = [:]

        init(_ sorted: [ParsedPage], resolved: [Resolved], order: PageOrder) {
            // Each page's targets as positions, sorted and without repeats
            // (or the page itself); nil when one is not in the graph.
            let unique = sorted.indices.concurrentMap { i in
                SiteGraphBuilder.sortedUniquePositions(resolved[i].targets, own: i, position: order.position)
            }
            // Backlinks gathered by position: a dictionary entry appended to
            // for every link was the larger part of linking an incremental
            // build's 10,000 pages (`perf`).
            var out = [[Int32]](repeating: [], count: sorted.count)
            var back = [[Int32]](repeating: [], count: sorted.count)
            var outExceptions: [PageID: [PageID]] = [:]
            var backOutside: [PageID: [PageID]] = [:]
            for (i, page) in sorted.enumerated() {
                byKind[page.id.kind, default: []].append(page)
                if !resolved[i].related.isEmpty { related[page.id] = resolved[i].related }
                // Pages are visited in order, so each backlink list comes out sorted.
                if let positions = unique[i] {
                    out[i] = positions
                    for p in positions { back[Int(p)].append(Int32(i)) }
                } else {
                    let targets = SiteGraphBuilder.sortedUnique(resolved[i].targets, without: page.id)
                    outExceptions[page.id] = targets
                    for target in targets {
                        if let p = order.position[target] { back[p].append(Int32(i)) } else { backOutside[target, default: []].append(page.id) }
                    }
                }
            }
            outgoing = PageRelation(order: order, lists: out, exceptions: outExceptions)
            backlinks = PageRelation(order: order, lists: back, exceptions: backOutside)
        }

        /// The lists as the last build made them; the rest from the pages.
        init(_ sorted: [ParsedPage], resolved: [Resolved], order: PageOrder, kept: KeptLinks) {
            for (i, page) in sorted.enumerated() {
                byKind[page.id.kind, default: []].append(page)
                if !resolved[i].related.isEmpty { related[page.id] = resolved[i].related }
            }
            outgoing = PageRelation(order: order, starts: kept.outgoing.starts, places: kept.outgoing.places)
            backlinks = PageRelation(order: order, starts: kept.backlinks.starts, places: kept.backlinks.places)
        }
    }

    /// Products ↔ countries from both sides, the concerns naming each
    /// product, and the pages of each taxonomy term, from each page's
    /// details taken out once (each `page.page` read copies the page).
    private struct Relations {
        var productCountries: PageRelation
        var countryProducts: PageRelation
        var productConcerns: [PageID: [ConcernRef]] = [:]
        var members: [Taxonomy: [String: [PageID]]] = [:]

        init(_ sorted: [ParsedPage], order: PageOrder) {
            let ids = order.ids, position = order.position
            var productCountries = [[Int32]](repeating: [], count: sorted.count)
            var countryProducts = [[Int32]](repeating: [], count: sorted.count)
            var concerns = [[ConcernRef]](repeating: [], count: sorted.count)
            var members: [Taxonomy: [String: [PageID]]] = [:]
            for (i, page) in sorted.enumerated() {
                SiteGraphBuilder.relate(page.page.details, at: i, position: position, pair: { product, country in
                    productCountries[product].append(Int32(country))
                    countryProducts[country].append(Int32(product))
                }, concern: { product, k in
                    concerns[product].append(ConcernRef(country: ids[i], index: k))
                }, term: { taxonomy, term in
                    members[taxonomy, default: [:]][term, default: []].append(page.id)
                })
            }
            self.productCountries = PageRelation(order: order, lists: productCountries.map { SiteGraphBuilder.sortedUnique($0) })
            self.countryProducts = PageRelation(order: order, lists: countryProducts.map { SiteGraphBuilder.sortedUnique($0) })
            for (i, refs) in concerns.enumerated() where !refs.isEmpty { productConcerns[ids[i]] = refs }
            self.members = members
        }

        /// The relations as the last build made them.
        init(order: PageOrder, kept: KeptLinks) {
            let ids = order.ids
            productCountries = PageRelation(order: order, starts: kept.productCountries.starts, places: kept.productCountries.places)
            countryProducts = PageRelation(order: order, starts: kept.countryProducts.starts, places: kept.countryProducts.places)
            for k in stride(from: 0, to: kept.concerns.count, by: 3) {
                productConcerns[ids[Int(kept.concerns[k])], default: []]
                    .append(ConcernRef(country: ids[Int(kept.concerns[k + 1])], index: Int(kept.concerns[k + 2])))
            }
            for (taxonomy, term, places) in kept.members {
                members[Taxonomy.allCases[taxonomy], default: [:]][term] = places.map { ids[Int($0)] }
            }
        }
    }

    /// What the page at `place` brings to the relations, from its details:
    /// each (product, country) pair it names from either side (a product's
    /// countries, a country's products and its concerns'), each concern
    /// naming a product (by the concern's index, each product once per
    /// concern), and each term it is filed under (once). The one rule for
    /// linking every page and for a page added to kept links
    /// (`KeptLinks.adding`); places outside `position` are left out.
    static func relate(_ details: PageDetails, at place: Int, position: [PageID: Int],
                       pair: (_ product: Int, _ country: Int) -> Void,
                       concern: (_ product: Int, _ index: Int) -> Void,
                       term: (Taxonomy, String) -> Void) {
        switch details {
        case .product(let p):
            for code in p.countries {
                if let country = position[PageID(.country, code.value.lowercased())] { pair(place, country) }
            }
        case .country(let c):
            for slug in c.products + c.concerns.flatMap(\.products) {
                if let product = position[PageID(.product, slug.value)] { pair(product, place) }
            }
            for (k, named) in c.concerns.enumerated() {
                var seen: Set<Int> = []
                for slug in named.products {
                    guard let product = position[PageID(.product, slug.value)], seen.insert(product).inserted else { continue }
                    concern(product, k)
                }
            }
        case .guidance, .page:
            break
        }
        for taxonomy in Taxonomy.allCases {
            let own = taxonomy.terms(of: details)
            for (k, name) in own.enumerated() where !own[..<k].contains(name) { term(taxonomy, name) }
        }
    }

    /// Each product's `risk` against the methodology's written product rule,
    /// which needs the concerns that country profiles record about it.
    package func checkProductRule(_ pages: [ParsedPage], concerns: [PageID: [ConcernRef]]) {
        guard site.riskLevels.ids == RatingRule.levels else { return }
        for page in pages {
            guard case .product(let p) = page.page.details else { continue }
            let rule = RatingRule.productLevels(hasControls: !p.controls.isEmpty, concerns: concerns[page.id]?.count ?? 0)
            guard !rule.levels.contains(p.risk) else { continue }
            let expected = rule.levels.count == 1 ? "'\(rule.levels[0])'" : rule.levels.map { "'\($0)'" }.joined(separator: ", ")
            log.error(at: p.riskLocation ?? SourceLocation(file: page.page.file, line: 1, column: 1),
                      "risk is '\(p.risk)' but the written product rule allows \(expected): \(rule.reason)",
                      hint: rule.levels.count == 1
                        ? "set 'risk: \(rule.levels[0])' and say why in 'risk_basis'; the rule is on the methodology page"
                        : "a product is high or critical only with a 'controls' entry or a country's concern naming it ('concerns: - products: [\(page.id.slug)]'); otherwise rate it medium, low or unknown")
        }
    }

    /// The hash of the graph's page ids in order (`KeptLinks`): the same
    /// pages in the same places.
    package static func idsHash(_ ids: [PageID]) -> UInt64 {
        var hasher = StableHasher()
        hasher.combine(ids.count)
        for id in ids { hasher.combine(id) }
        return hasher.value
    }

    /// What linking takes from a page besides its place: the pages it names
    /// (front matter and body, and its `related` in order), a product's
    /// countries, a country's products and each concern's, and the terms it
    /// is filed under. Pages whose inputs are as they were, in a graph of
    /// the same pages, link as they did (`KeptLinks`).
    package static func linkInputs(of page: Page, resolved: Resolved) -> UInt64 {
        var hasher = StableHasher()
        hasher.combine(resolved.targets.count)
        for id in resolved.targets { hasher.combine(id) }
        hasher.combine(resolved.related.count)
        for id in resolved.related { hasher.combine(id) }
        switch page.details {
        case .product(let p):
            hasher.combine(p.countries.count)
            for code in p.countries { hasher.combine(code.value) }
        case .country(let c):
            hasher.combine(c.products.count)
            for slug in c.products { hasher.combine(slug.value) }
            hasher.combine(c.concerns.count)
            for concern in c.concerns {
                hasher.combine(concern.products.count)
                for slug in concern.products { hasher.combine(slug.value) }
            }
        case .guidance, .page:
            break
        }
        for taxonomy in Taxonomy.allCases {
            let terms = taxonomy.terms(of: page.details)
            hasher.combine(terms.count)
            for term in terms { hasher.combine(term) }
        }
        return hasher.value
    }

    /// A list sorted, each item once, `own` left out: a page's link targets
    /// (by id, or by place), a product's countries, a country's products.
    package static func sortedUnique<T: Comparable>(_ items: [T], without own: T? = nil) -> [T] {
        if items.count < 2, own == nil || items.first != own { return items }  // most lists: kept as they are
        var unique: [T] = []
        unique.reserveCapacity(items.count)
        for item in items.sorted() where item != own && item != unique.last { unique.append(item) }
        return unique
    }

    /// The places of a page's targets (`own` is its own), sorted, without
    /// repeats or itself; nil if a target is not in `position` (the slow
    /// way, `sortedUnique` by id, then does that page: there is none once
    /// links are checked).
    package static func sortedUniquePositions(_ targets: [PageID], own: Int, position: [PageID: Int]) -> [Int32]? {
        var positions: [Int32] = []
        positions.reserveCapacity(targets.count)
        for target in targets {
            guard let p = position[target] else { return nil }
            positions.append(Int32(p))
        }
        return sortedUnique(positions, without: Int32(own))
    }

    /// Resolves one page's references; returns every page it links to, and
    /// its `related` entries in the order written.
    package func resolve(_ parsed: ParsedPage, resolver: LinkResolver) -> Resolved {
        var targets: [PageID] = []
        var related: [PageID] = []
        let page = parsed.page
        switch page.details {
        case .guidance(let g):
            related = g.related.compactMap(resolver.relatedReference)
            targets += related
        case .product(let p):
            for code in p.countries where CountryCodes.isValid(code.value.uppercased()) {
                if let id = resolver.reference(PageID(.country, code.value.lowercased()), at: code.location, written: code.value) {
                    targets.append(id)
                }
            }
            targets += p.guidance.compactMap { resolver.reference(PageID(.guidance, $0.value), at: $0.location, written: $0.value) }
        case .country(let c):
            targets += (c.products + c.concerns.flatMap(\.products)).compactMap {
                resolver.reference(PageID(.product, $0.value), at: $0.location, written: $0.value)
            }
        case .page:
            break
        }
        // Heading and field-section ids, computed once for the index.
        let ownHeadings = index.headingIDs[page.id] ?? []
        parsed.document.rewriteLinks { link in
            let (url, target) = resolver.resolve(link, in: page.id, ownHeadings: ownHeadings)
            if case .page(let id, _) = target { targets.append(id) }
            return url
        }
        var inline: [Located<String>: String] = [:]
        for field in parsed.inlineFields {
            let document = MarkdownDocument(field.value, file: page.file, firstLine: field.location.line)
            document.rewriteLinks { link in
                var link = link
                if link.location.line == field.location.line { link.location.column += field.location.column - 1 }
                let (url, target) = resolver.resolve(link, in: page.id, ownHeadings: ownHeadings)
                if case .page(let id, _) = target { targets.append(id) }
                return url
            }
            inline[field] = document.inlineHTML()
        }
        parsed.inlineHTML = inline
        return Resolved(targets: targets, related: related)
    }
}
