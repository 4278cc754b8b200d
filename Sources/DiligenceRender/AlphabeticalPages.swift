import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceMarkdown
import DiligenceSupport
import DiligenceTemplate
import Foundation

/// Every page A to Z (`TitleOrder`), worked out once per build by the first
/// listing page that needs it: the search page lists all pages in this
/// order and the screening form its products and countries, which come out
/// in the same order when picked from it. Ten thousand titles folded and
/// sorted twice cost more than rendering either page's changed items.
///
/// An incremental build starts from the order the last build kept
/// (`KeptTitleOrder`): the pages whose titles are unchanged keep their
/// places, and the others are placed among them one by one.
package final class AlphabeticalPages: @unchecked Sendable {
    private let pages: [ParsedPage]
    private let previous: KeptTitleOrder?
    private let lock = NSLock()
    private var sorted: [ParsedPage]?
    private var ranks: [PageID: Int]?
    /// The entries of `sorted` when it was placed from `previous`: the
    /// title hashes `placing` compared, kept for the next build instead of
    /// hashing 10,000 titles again at the end of this one.
    private var placedEntries: [KeptTitleOrder.Entry]?

    package init(_ pages: [ParsedPage], previous: KeptTitleOrder? = nil) {
        self.pages = pages
        self.previous = previous
    }

    /// All pages, A to Z.
    package var all: [ParsedPage] {
        lock.withLock {
            if let sorted { return sorted }
            if let previous, let (order, entries) = Self.placing(pages, in: previous) {
                sorted = order
                placedEntries = entries
                return order
            }
            let order = TitleOrder.sorted(pages)
            sorted = order
            return order
        }
    }

    /// The order for the next build to start from: this build's when a
    /// listing worked it out, else the one it was given (whose entries the
    /// next build checks against the titles then).
    package var kept: KeptTitleOrder? {
        lock.withLock {
            if let placedEntries { return KeptTitleOrder(entries: placedEntries) }
            return sorted.map(KeptTitleOrder.init) ?? previous
        }
    }

    /// `pages` A to Z from a previous order: the pages it names with the
    /// same title hash stay in its order; the others (added, retitled, or
    /// not in it) are sorted and each put in its place by binary search,
    /// folding only the titles it compares with. Nil when more than a
    /// sixteenth of the pages moved: sorting them all is then as quick.
    /// Also gives the order's entries (`KeptTitleOrder`), from the hashes it compared.
    static func placing(_ pages: [ParsedPage], in previous: KeptTitleOrder) -> ([ParsedPage], [KeptTitleOrder.Entry])? {
        var index: [PageID: Int] = [:]
        index.reserveCapacity(pages.count)
        for (i, page) in pages.enumerated() { index[page.id] = i }
        var placed = [Bool](repeating: false, count: pages.count)
        var kept: [ParsedPage] = []
        var keptEntries: [KeptTitleOrder.Entry] = []
        kept.reserveCapacity(pages.count)
        keptEntries.reserveCapacity(pages.count)
        for entry in previous.entries {
            guard let i = index[entry.id], !placed[i], KeptTitleOrder.hash(pages[i].page.title) == entry.title else { continue }
            placed[i] = true
            kept.append(pages[i])
            keptEntries.append(entry)
        }
        let moved = pages.indices.filter { !placed[$0] }.map { pages[$0] }
        guard moved.count <= max(16, pages.count / 16) else { return nil }
        var order: [ParsedPage] = []
        var entries: [KeptTitleOrder.Entry] = []
        order.reserveCapacity(pages.count)
        entries.reserveCapacity(pages.count)
        var next = 0
        for page in TitleOrder.sorted(moved) {
            let key = TitleOrder.key(page.page.title)
            var (low, high) = (next, kept.count)
            while low < high {
                let middle = (low + high) / 2
                if TitleOrder.precedes((TitleOrder.key(kept[middle].page.title), kept[middle].id), (key, page.id)) {
                    low = middle + 1
                } else {
                    high = middle
                }
            }
            order += kept[next..<low]
            entries += keptEntries[next..<low]
            order.append(page)
            entries.append(.init(id: page.id, title: KeptTitleOrder.hash(page.page.title)))
            next = low
        }
        order += kept[next...]
        entries += keptEntries[next...]
        return (order, entries)
    }

    /// The pages of one kind, A to Z.
    package func of(_ kind: PageKind) -> [ParsedPage] {
        all.filter { $0.id.kind == kind }
    }

    /// Some pages, A to Z: by their place in `all`, so a list of a few
    /// thousand pages is ordered without folding their titles again. A few
    /// pages while no listing has sorted them all (an incremental build
    /// that renders a page or two) are sorted by their own titles, in the
    /// same order (`TitleOrder` is total), rather than all 10,000.
    package func ordered(_ some: [ParsedPage]) -> [ParsedPage] {
        guard some.count > 1 else { return some }
        if some.count <= 64, lock.withLock({ sorted == nil }) { return TitleOrder.sorted(some) }
        let all = self.all
        let ranks: [PageID: Int] = lock.withLock {
            if let known = self.ranks { return known }
            var table: [PageID: Int] = [:]
            table.reserveCapacity(all.count)
            for (i, page) in all.enumerated() { table[page.id] = i }
            self.ranks = table
            return table
        }
        // Each page's rank looked up once, not twice per comparison.
        return some.map { (rank: ranks[$0.id] ?? Int.max, page: $0) }.sorted { $0.rank < $1.rank }.map(\.page)
    }
}
