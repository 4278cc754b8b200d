import DiligenceContent
import DiligenceDiagnostics
import DiligenceMarkdown
import DiligenceSupport

/// What the resolver can link to: the pages that will be published, the ones
/// that exist but are left out (drafts, or files with errors), and the assets.
package struct PageIndex: Sendable {
    /// Ids of the pages this build publishes.
    package var published: Set<PageID>
    /// Heading ids of each published page, for `#fragment` checks.
    package var headingIDs: [PageID: FragmentIDs]
    /// Pages that exist as files but are not in this build, with the reason.
    package var excluded: [PageID: String]
    package var assets: Set<String>
    /// Pages whose files have errors: references to them are not reported
    /// again (the file's own errors say what to fix).
    package var failed: Set<PageID> = []

    package init(published: Set<PageID>, headingIDs: [PageID: FragmentIDs], excluded: [PageID: String], assets: Set<String>,
                failed: Set<PageID> = []) {
        self.failed = failed
        self.published = published
        self.headingIDs = headingIDs
        self.excluded = excluded
        self.assets = assets
    }
}
