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
    /// The front matter; the body is left out (`body` is empty), and so
    /// are a product's sources and lists, decoded from `lists` only when
    /// something shows them (`Page.light`, `ParsedPage.complete`).
    var page: Page
    var lists: CacheBytes = .empty
    var linkableIDs: [String]
    var resolved: SiteGraphBuilder.Resolved
    /// What decoding and resolving this page reported (warnings: a page with
    /// an error is never cached).
    var diagnostics: [Diagnostic]
    var fingerprints: PageFingerprints
}
