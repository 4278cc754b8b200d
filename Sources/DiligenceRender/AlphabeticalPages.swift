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
}
