import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceMarkdown
import DiligenceSupport
import DiligenceTemplate

/// Links to pages, for the long lists of the listing pages (all pages A to
/// Z, an index, a term's pages, a matrix cell): each `LinkView` is made
/// only when the template reaches it, and its `reuseKey` comes from the
/// page's card hash (`DependencyValues.card`), so an item the renderer copies
/// from the page as written (`TemplateRow`) is never made at all.
package struct PageLinks: TemplateSequence, Sendable {
    package var pages: [ParsedPage]
    package let renderer: SiteRenderer
    /// The listing page's output path (links are relative to it).
    package let from: String
    /// Each link notes the page's kind ("Product risk").
    package let kindNotes: Bool
    package let summaries: Bool
    /// What every item's key starts with: the path and the two options,
    /// hashed once for the list rather than once per item (a listing of
    /// 9,000 links hashed its own path 9,000 times).
    private let keyPrefix: StableHasher
    /// The renderer's cards, taken once (read through `renderer` for each
    /// item, the table was retained and released each time).
    private let cards: PageValues<UInt64>?

    package init(pages: [ParsedPage], renderer: SiteRenderer, from: String, kindNotes: Bool = false, summaries: Bool = true) {
        self.pages = pages
        self.renderer = renderer
        self.from = from
        self.kindNotes = kindNotes
        self.summaries = summaries
        var prefix = StableHasher()
        prefix.combine(from)
        prefix.combine(kindNotes ? 1 : 0)
        prefix.combine(summaries ? 1 : 0)
        keyPrefix = prefix
        cards = renderer.cards
    }

    package var count: Int { pages.count }

    package func element(at index: Int) -> TemplateValue {
        let page = pages[index]
        return renderer.link(to: page, from: from, note: kindNotes ? page.page.kind.label : nil, summary: summaries).templateValue
    }

    /// What the link shows is the page's id and card (title, summary, risk),
    /// the path it is relative to and the two options: the same key, the same link.
    package func reuseKey(at index: Int) -> UInt64? {
        let id = pages[index].id
        guard let card = cards?[id] else { return nil }
        var hasher = keyPrefix
        hasher.combine(id)
        hasher.combine(card)
        return hasher.value
    }
}
