import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceMarkdown
import DiligenceSupport
import DiligenceTemplate

/// A page with the date it last changed: its newest commit when the content
/// has git history (what changed, not what an editor remembered to write);
/// without one, the later of `updated` and, for a country profile,
/// `reviewed`. Feeds "What changed" and the Atom feed.
package struct DatedPage: Sendable {
    package var page: ParsedPage
    package var date: PartialDate
    /// "changed", "updated" or "reviewed" (`changes_note_…` in the strings).
    package var event: String
    /// The commit that made the change, when the date comes from one.
    package var commit: ContentCommit?

    /// - Parameter latest: the page's newest commit (none without history).
    package init?(_ page: ParsedPage, latest: ContentCommit? = nil) {
        if let newest = latest {
            self.page = page
            self.date = newest.date
            self.event = "changed"
            self.commit = newest
            return
        }
        guard let latest = page.page.ownDates.max(by: { $0.date < $1.date }) else { return nil }
        self.page = page
        self.date = latest.0
        self.event = latest.1
        self.commit = nil
    }

    /// "changed 2 December 2026: Fix the CN source (2ff0c21)" or "reviewed 20 November 2026".
    package func note(_ strings: InterfaceStrings) -> String {
        let date = strings.date(self.date)
        guard let commit else { return strings.format("changes_note_" + event, [("date", date)]) }
        return strings.format("changes_note_changed", [("date", date), ("subject", commit.subject), ("hash", commit.shortHash)])
    }
}
