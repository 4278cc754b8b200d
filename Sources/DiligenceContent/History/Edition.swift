import DiligenceSupport

/// Which version of the knowledge base a page belongs to, so a printed page
/// or a screening record can be traced back to its content. The content's
/// last commit when `content/` is in a git work tree; otherwise only a date
/// (`SOURCE_DATE_EPOCH`, else `--today`).
package struct Edition: Sendable, Hashable {
    /// The newest commit that changed the content, when there is one.
    package var commit: ContentCommit?
    /// The commit's date, or the build's date without one.
    package var date: PartialDate
    /// The work tree has changes to the content not yet committed: the
    /// pages are not exactly the commit named.
    package var uncommitted: Bool

    package init(commit: ContentCommit?, date: PartialDate, uncommitted: Bool = false) {
        self.commit = commit
        self.date = date
        self.uncommitted = uncommitted
    }

    /// "5e34a8a of 2 December 2026", "5e34a8a of 2 December 2026, with
    /// uncommitted changes" or "of 2 December 2026".
    package var label: String {
        var text = (commit.map { $0.shortHash + " " } ?? "") + "of " + date.readable
        if uncommitted { text += ", with uncommitted changes" }
        return text
    }
}
