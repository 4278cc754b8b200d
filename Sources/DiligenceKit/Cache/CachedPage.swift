import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceMarkdown
import DiligencePublish
import DiligenceRender
import DiligenceSearch
import DiligenceSupport
import DiligenceTemplate

/// What the build cache keeps of one published page: enough to put it in the
/// graph and on the listing pages without reading its file again, and the
/// fingerprints that decide what must be rendered again when something changes.
struct CachedPage: Sendable {
    /// Path relative to the content folder.
    var path: String
    var stamp: FileStamp
    var sourceHash: UInt64
    /// The page as the graph takes it: its front matter, without the body,
    /// and a product without its sources and lists, decoded from the bytes
    /// kept with it only when something shows them (`Page.light`,
    /// `ParsedPage.complete`); its fragment ids. Made once, when the record
    /// is decoded, and handed to the build as it is for an unchanged page:
    /// copying the front matter into a new `ParsedPage` for each of 10,000
    /// pages was 4–5 ms of every incremental build's CPU time.
    var parsed: ParsedPage
    var resolved: SiteGraphBuilder.Resolved
    /// What decoding and resolving this page reported (warnings: a page with
    /// an error is never cached).
    var diagnostics: [Diagnostic]
    var fingerprints: PageFingerprints

    /// - Parameter page: whole (`ParsedPage.complete`) when the record is
    ///   written: its lists are written from it.
    init(path: String, stamp: FileStamp, sourceHash: UInt64, page: Page, lists: CacheBytes = .empty, linkableIDs: [String],
         resolved: SiteGraphBuilder.Resolved, diagnostics: [Diagnostic], fingerprints: PageFingerprints) {
        self.path = path
        self.stamp = stamp
        self.sourceHash = sourceHash
        self.parsed = ParsedPage(cached: page, lists: lists, linkableIDs: FragmentIDs(sorted: linkableIDs))
        self.resolved = resolved
        self.diagnostics = diagnostics
        self.fingerprints = fingerprints
    }

    var page: Page { parsed.page }
    /// The fragment ids, sorted.
    var linkableIDs: [String] { parsed.linkableIDs.sorted }
}
