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
        cardTerms = Few(memberships.union(cards.flatMap { terms($0.page.details) }))
        if editedKinds.contains(.guidance) {
            neighbours = nil
        } else {
            var next: Set<PageID> = []
            for (i, step) in guidance.enumerated() where changed.contains(step) {
                if i > 0 { next.insert(guidance[i - 1]) }
                if i + 1 < guidance.count { next.insert(guidance[i + 1]) }
            }
            neighbours = Few(next)
        }
    }

    /// Whether any of these values may differ from the last build's.
    package func mayHaveChanged(_ dependencies: [Dependency]) -> Bool {
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
