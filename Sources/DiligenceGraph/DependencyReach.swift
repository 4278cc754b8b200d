import DiligenceContent

/// Which dependency values an edit can have changed, told without working
/// them out, for a build that removes no page: the planner values
/// only the outputs that read one of them (`OutputDecider`), instead of
/// every page's and listing's dependencies (about 200,000 at 10,000 pages,
/// a tenth of an incremental build's CPU time).
///
/// An edit changes its page's own fields, and through them the relations
/// of the pages it names before or after (links, backlinks, products ↔
/// countries, concerns): `Resolved.targets` holds every page a page names,
/// front matter and body. A new page is an edit from nothing: it reaches
/// the pages it names, its card and facts are new, and the site's page
/// count changes. Those are the pages it reaches; of these, the
/// planner knows exactly whose card and facts changed (it works them out
/// again and compares them with the cache's). Every answer errs on the
/// side of "may have": an output so marked is still valued, and rendered
/// only if its value differs. (A class: asked from every core, a struct of
/// ten sets was copied for each question.)
package final class DependencyReach: Sendable {
    private struct Term: Hashable, Sendable {
        var taxonomy: Taxonomy
        var term: String
    }

    /// A set an edit makes small (a few pages, a few terms), asked about
    /// once for each of 200,000 dependencies: compared one by one while it
    /// is small, which is cheaper than hashing the question (with hashing,
    /// the checks cost as much as valuing the dependencies).
    private struct Few<Element: Hashable & Sendable>: Sendable {
        private let list: [Element]
        private let hashed: Set<Element>

        init<S: Sequence>(_ elements: S) where S.Element == Element {
            hashed = Set(elements)
            list = hashed.count <= 16 ? Array(hashed) : []
        }

        var isEmpty: Bool { hashed.isEmpty }

        func contains(_ element: Element) -> Bool {
            hashed.count <= 16 ? list.contains(element) : hashed.contains(element)
        }
    }

    /// The pages whose files changed or are new.
    private let edited: Few<PageID>
    /// Whether a page is new (the site's page count changed).
    private let added: Bool
    private let editedKinds: Set<PageKind>
    /// The edited pages and the pages they name, before or after: their
    /// relations (backlinks, products ↔ countries, concerns) may have changed.
    private let reached: Few<PageID>
    /// Pages whose card, or facts, differ from the last build's.
    private let cards: Few<PageID>
    private let cardKinds: Set<PageKind>
    private let factKinds: Set<PageKind>
    /// Guidance steps a step next to which changed its card; nil: all of
    /// them (an edited step may have changed its place).
    private let neighbours: Few<PageID>?
    /// The terms the edited pages are or were filed under (their members
    /// may have changed), and with them those of the pages whose card changed.
    private let memberships: Few<Term>
    private let cardTerms: Few<Term>
    /// Whether no value can have changed (nothing edited, added or
    /// reached: a build with nothing to do): then no dependency is looked
    /// at (asking each of 200,000: 0.0535 s a build with nothing changed,
    /// against 0.0522 s, alternating, 15 builds each).
    private let reachesNothing: Bool
    /// The keys (`Dependency.stableKey`) of every value this says may have
    /// changed, sorted, and a bit for each key's low twelve bits: most keys
    /// asked about miss the bits, and the rest are looked up.
    private let changedKeys: [UInt64]
    private let keyBits: [UInt64]

    /// - Parameters:
    ///   - edited: each edited page as it is now and as the last build had it.
    ///   - added: the new pages.
    ///   - reached: the edited and new pages and those they name, before or after.
    ///   - cards: the pages whose card changed or is new, as they are now.
    ///   - facts: the pages whose facts changed or are new.
    ///   - guidance: the guidance steps in their order.
    package init(edited: [(now: ParsedPage, before: Page)], added: [ParsedPage] = [], reached: Set<PageID>, cards: [ParsedPage],
                 facts: Set<PageID>, guidance: [PageID]) {
        func terms(_ details: PageDetails) -> [Term] {
            Taxonomy.allCases.flatMap { taxonomy in taxonomy.terms(of: details).map { Term(taxonomy: taxonomy, term: $0) } }
        }
        let editedIDs = edited.map(\.now.id) + added.map(\.id)
        self.edited = Few(editedIDs)
        self.added = !added.isEmpty
        editedKinds = Set(editedIDs.map(\.kind))
        self.reached = Few(reached)
        let changed = Set(cards.map(\.id))
        self.cards = Few(changed)
        cardKinds = Set(changed.map(\.kind))
        factKinds = Set(facts.map(\.kind))
        let memberships = Set(edited.flatMap { terms($0.now.page.details) + terms($0.before.details) }
                                + added.flatMap { terms($0.page.details) })
        self.memberships = Few(memberships)
        let cardTerms = memberships.union(cards.flatMap { terms($0.page.details) })
        self.cardTerms = Few(cardTerms)
        var neighbourIDs: Set<PageID> = []
        if editedKinds.contains(.guidance) {
            neighbours = nil
        } else {
            var next: Set<PageID> = []
            for (i, step) in guidance.enumerated() where changed.contains(step) {
                if i > 0 { next.insert(guidance[i - 1]) }
                if i + 1 < guidance.count { next.insert(guidance[i + 1]) }
            }
            neighbours = Few(next)
            neighbourIDs = next
        }
        reachesNothing = editedIDs.isEmpty && reached.isEmpty && changed.isEmpty && facts.isEmpty && memberships.isEmpty
        // Every dependency `mayHaveChanged(_:)` answers yes for, one by one.
        var possible: [Dependency] = changed.map { .card($0) }
        for id in reached { possible += [.backlinks(id), .productCountries(id), .countryProducts(id), .productConcerns(id)] }
        for id in editedIDs { possible += [.frontMatter(id), .related(id), .concerns(id), .review(id)] }
        possible += memberships.map { .members($0.taxonomy, $0.term) }
        possible += cardTerms.map { .memberCards($0.taxonomy, $0.term) }
        possible += cardKinds.map { .kind($0) } + factKinds.map { .kindFacts($0) }
        // Only a guidance step reads its neighbours (`SiteRenderer.guidanceView`).
        possible += (editedKinds.contains(.guidance) ? guidance : Array(neighbourIDs)).map { .neighbours($0) }
        if cardKinds.contains(.guidance) || editedKinds.contains(.guidance) { possible.append(.guidanceOrder) }
        if editedKinds.contains(.page) { possible.append(.footer) }
        if !added.isEmpty { possible += PageKind.allCases.map { .count($0) } }
        if !changed.isEmpty { possible += [.all, .orphans] }
        if !changed.isEmpty || !editedIDs.isEmpty { possible.append(.dated) }
        changedKeys = Set(possible.map(\.stableKey)).sorted()
        var bits = [UInt64](repeating: 0, count: 64)
        for key in changedKeys { bits[Int(key & 4095) >> 6] |= 1 << (key & 63) }
        keyBits = bits
    }

    /// Whether any of the values whose keys (`Dependency.stableKey`) are
    /// `keys`, little-endian, may differ from the last build's: the same
    /// answer as `mayHaveChanged(_:)` on the dependencies themselves (or a
    /// yes more, if two keys collide), without decoding them.
    package func mayHaveChanged(keys: UnsafeRawBufferPointer) -> Bool {
        if reachesNothing { return false }
        for i in 0..<(keys.count / 8) {
            let key = UInt64(littleEndian: keys.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self))
            guard keyBits[Int(key & 4095) >> 6] & (1 << (key & 63)) != 0 else { continue }
            var low = 0, high = changedKeys.count
            while low < high {
                let middle = (low + high) / 2
                if changedKeys[middle] < key { low = middle + 1 } else { high = middle }
            }
            if low < changedKeys.count, changedKeys[low] == key { return true }
        }
        return false
    }

    /// Whether any of these values may differ from the last build's.
    package func mayHaveChanged(_ dependencies: [Dependency]) -> Bool {
        if reachesNothing { return false }
        for dependency in dependencies where mayHaveChanged(dependency) { return true }
        return false
    }

    /// Whether this value may differ from the last build's (`DependencyValues.value(of:)`).
    package func mayHaveChanged(_ dependency: Dependency) -> Bool {
        switch dependency {
        case .card(let id):
            return cards.contains(id)
        case .backlinks(let id), .productCountries(let id), .countryProducts(let id), .productConcerns(let id):
            return reached.contains(id)
        case .frontMatter(let id), .related(let id), .concerns(let id), .review(let id):
            return edited.contains(id)
        case .members(let taxonomy, let term):
            return memberships.contains(Term(taxonomy: taxonomy, term: term))
        case .memberCards(let taxonomy, let term):
            return cardTerms.contains(Term(taxonomy: taxonomy, term: term))
        case .kind(let kind):
            return cardKinds.contains(kind)
        case .kindFacts(let kind):
            return factKinds.contains(kind)
        case .neighbours(let id):
            return neighbours?.contains(id) ?? true
        case .guidanceOrder:
            return cardKinds.contains(.guidance) || editedKinds.contains(.guidance)
        case .footer:
            return editedKinds.contains(.page)
        case .count:
            return added
        case .all, .orphans:
            return !cards.isEmpty
        case .dated:
            return !cards.isEmpty || !edited.isEmpty
        }
    }
}
