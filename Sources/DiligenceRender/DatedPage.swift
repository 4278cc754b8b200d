import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceMarkdown
import DiligenceSupport
import DiligenceTemplate

/// A page with the date it last changed: the later of `updated` and, for a
/// country profile, `reviewed`. Feeds "What changed" and the Atom feed.
package struct DatedPage {
    package var page: ParsedPage
    package var date: PartialDate
    /// "Updated" or "Reviewed".
    package var event: String

    package init?(_ page: ParsedPage) {
        var candidates: [(PartialDate, String)] = []
        if let updated = page.page.updated { candidates.append((updated, "Updated")) }
        if case .country(let c) = page.page.details { candidates.append((c.reviewed, "Reviewed")) }
        guard let latest = candidates.max(by: { $0.0 < $1.0 }) else { return nil }
        self.page = page
        self.date = latest.0
        self.event = latest.1
    }

    /// Newest first; same date by kind and slug, so the order is stable.
    package static func newestFirst(_ a: DatedPage, _ b: DatedPage) -> Bool {
        a.date != b.date ? b.date < a.date : a.page.id < b.page.id
    }
}
