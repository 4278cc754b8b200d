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
package final class AlphabeticalPages: @unchecked Sendable {
    private let pages: [ParsedPage]
    private let lock = NSLock()
    private var sorted: [ParsedPage]?
    private var ranks: [PageID: Int]?

    package init(_ pages: [ParsedPage]) {
        self.pages = pages
    }

    /// All pages, A to Z.
    package var all: [ParsedPage] {
        lock.withLock {
            if let sorted { return sorted }
            let order = TitleOrder.sorted(pages)
            sorted = order
            return order
        }
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
