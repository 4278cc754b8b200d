import DiligenceContent

extension KeptLinks {
    /// These links, of the last build's pages, with pages added among them:
    /// every place moved past the pages added before it, and what each added
    /// page brings (its own links and their backlinks, a product's countries,
    /// a country's products and concerns, its terms) put into the lists as
    /// linking every page would. Nil when the pages without `added` are not
    /// the last build's, in the same order (`idsHash`), or when an added
    /// page names a page outside the graph.
    ///
    /// Why: an added page moved every later place, so an incremental build
    /// with a new page linked all 10,000 pages again: 38–41 ms of its wall
    /// time (`build --timings`), the largest part of that build left to
    /// linking. The pages already there name no added page (a reference to
    /// a missing page is an error, and a build with errors keeps no cache;
    /// a page that now names one was edited, and is checked with
    /// `SiteGraphBuilder.linkInputs`), so their lists only move.
    ///
    /// - Parameters:
    ///   - added: the places, in `order`, of the pages the last build did not have, ascending.
    ///   - sorted: every page, in `order`.
    ///   - resolved: what each page references, in `order` (only the added ones are read).
    package func adding(_ added: [Int], sorted: [ParsedPage], resolved: [SiteGraphBuilder.Resolved],
                        order: PageOrder) -> KeptLinks? {
        let count = order.ids.count
        guard !added.isEmpty, pageCount + added.count == count, added.allSatisfy({ $0 >= 0 && $0 < count }) else { return nil }
        var isAdded = [Bool](repeating: false, count: count)
        for place in added { isAdded[place] = true }
        // Each of the last build's places, now.
        var moved: [Int32] = []
        moved.reserveCapacity(pageCount)
        for place in 0..<count where !isAdded[place] { moved.append(Int32(place)) }
        guard moved.count == pageCount, SiteGraphBuilder.idsHash(moved.map { order.ids[Int($0)] }) == idsHash else { return nil }

        // What the added pages bring, by place.
        var outgoingAdded: [Int: [Int32]] = [:], backlinksAdded: [Int: [Int32]] = [:]
        var productCountriesAdded: [Int: [Int32]] = [:], countryProductsAdded: [Int: [Int32]] = [:]
        var newConcerns: [(product: Int32, country: Int32, index: Int32)] = []
        var newMembers: [Int: [String: [Int32]]] = [:]
        let position = order.position
        for place in added {
            guard let targets = SiteGraphBuilder.sortedUniquePositions(resolved[place].targets, own: place, position: position) else {
                return nil
            }
            outgoingAdded[place] = targets
            for target in targets { backlinksAdded[Int(target), default: []].append(Int32(place)) }
            SiteGraphBuilder.relate(sorted[place].page.details, at: place, position: position, pair: { product, country in
                productCountriesAdded[product, default: []].append(Int32(country))
                countryProductsAdded[country, default: []].append(Int32(product))
            }, concern: { product, k in
                newConcerns.append((Int32(product), Int32(place), Int32(k)))
            }, term: { taxonomy, term in
                newMembers[Taxonomy.allCases.firstIndex(of: taxonomy)!, default: [:]][term, default: []].append(Int32(place))
            })
        }

        var links = self
        links.pageCount = count
        links.idsHash = SiteGraphBuilder.idsHash(order.ids)
        links.outgoing = Self.merged(outgoing, moved: moved, isAdded: isAdded, adding: outgoingAdded)
        links.backlinks = Self.merged(backlinks, moved: moved, isAdded: isAdded, adding: backlinksAdded)
        links.productCountries = Self.merged(productCountries, moved: moved, isAdded: isAdded, adding: productCountriesAdded)
        links.countryProducts = Self.merged(countryProducts, moved: moved, isAdded: isAdded, adding: countryProductsAdded)

        // Concerns by product, then country, then the concern's index: the
        // order in which linking visits them.
        links.concerns = concerns.indices.map { i in i % 3 == 2 ? concerns[i] : moved[Int(concerns[i])] }
        if !newConcerns.isEmpty {
            var triples = stride(from: 0, to: links.concerns.count, by: 3).map {
                (product: links.concerns[$0], country: links.concerns[$0 + 1], index: links.concerns[$0 + 2])
            }
            triples += newConcerns
            triples.sort { ($0.product, $0.country, $0.index) < ($1.product, $1.country, $1.index) }
            links.concerns = triples.flatMap { [$0.product, $0.country, $0.index] }
        }

        // Each term's pages, in page order; terms by taxonomy, then name.
        links.members = members.map { ($0.taxonomy, $0.term, $0.places.map { moved[Int($0)] }) }
        for (t, terms) in newMembers {
            for (term, places) in terms {
                if let i = links.members.firstIndex(where: { $0.taxonomy == t && $0.term == term }) {
                    links.members[i].places = SiteGraphBuilder.sortedUnique(links.members[i].places + places)
                } else {
                    links.members.append((t, term, places))
                }
            }
        }
        links.members.sort { ($0.taxonomy, $0.term) < ($1.taxonomy, $1.term) }
        return links
    }

    /// A relation's lists with every place moved, an empty list for each
    /// added page, and `adding`'s places merged into the lists they join.
    private static func merged(_ lists: Lists, moved: [Int32], isAdded: [Bool], adding: [Int: [Int32]]) -> Lists {
        var starts: [Int32] = []
        starts.reserveCapacity(isAdded.count + 1)
        var places: [Int32] = []
        places.reserveCapacity(lists.places.count + adding.values.reduce(0) { $0 + $1.count })
        var old = 0
        for place in isAdded.indices {
            starts.append(Int32(places.count))
            var list: ArraySlice<Int32> = []
            if !isAdded[place] {
                list = lists.places[Int(lists.starts[old])..<Int(lists.starts[old + 1])]
                old += 1
            }
            if let more = adding[place] {
                places += SiteGraphBuilder.sortedUnique(list.map { moved[Int($0)] } + more)
            } else {
                for p in list { places.append(moved[Int(p)]) }
            }
        }
        starts.append(Int32(places.count))
        return Lists(starts: starts, places: places)
    }
}
