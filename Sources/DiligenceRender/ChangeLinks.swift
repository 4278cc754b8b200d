import DiligenceContent
import DiligenceGraph
import DiligenceSupport
import DiligenceTemplate

/// One year's links of the changes page, each made only when the template
/// reaches it, as `PageLinks` are. With git history the page lists every
/// page: after a title edit on a 10,000-page site it copies all links but
/// one from the page as written, and making each link and its note
/// ("Product risk · changed 2 December 2026: …") just to ask its key took
/// about a sixth of such a build's CPU time.
package struct ChangeLinks: TemplateSequence, Sendable {
    package var entries: ArraySlice<DatedPage>
    package let renderer: SiteRenderer
    /// The changes page's path (links are relative to it).
    package let from: String
    /// The path, hashed once for the list.
    private let keyPrefix: StableHasher
    /// The renderer's cards, taken once.
    private let cards: PageValues<UInt64>?

    package init(entries: ArraySlice<DatedPage>, renderer: SiteRenderer, from: String) {
        self.entries = entries
        self.renderer = renderer
        self.from = from
        var prefix = StableHasher()
        prefix.combine(from)
        keyPrefix = prefix
        cards = renderer.cards
    }

    package var count: Int { entries.count }

    package func element(at index: Int) -> TemplateValue {
        let entry = entries[entries.startIndex + index]
        var item = renderer.link(to: entry.page, from: from)
        item.note = renderer.strings.label(entry.page.id.kind) + " · " + entry.note(renderer.strings)
        return item.templateValue
    }

    /// What the link shows is the page's id and card, and what its note is
    /// made of: the date, the event, and the commit's hash and subject.
    /// The card already holds a page's own dates, and a new commit makes a
    /// full build; the note's parts are in the key all the same, so that
    /// copying an entry does not hang on those two rules.
    package func reuseKey(at index: Int) -> UInt64? {
        let entry = entries[entries.startIndex + index]
        let id = entry.page.id
        guard let card = cards?[id] else { return nil }
        var hasher = keyPrefix
        hasher.combine(id)
        hasher.combine(card)
        hasher.combine(entry.date.year)
        hasher.combine(entry.date.month ?? 0)
        hasher.combine(entry.date.day ?? 0)
        hasher.combine(entry.event)
        hasher.combine(entry.commit?.hash)
        hasher.combine(entry.commit?.subject)
        return hasher.value
    }
}
