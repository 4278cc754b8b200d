import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceMarkdown
import DiligencePublish
import DiligenceRender
import DiligenceSearch
import DiligenceSupport
import DiligenceTemplate

/// One published page in a `BuildPlan`: where its data comes from and
/// whether its output is rendered. A class: the planner's stages fill in a
/// plan one after the other, and passing 10,000 plans from stage to stage by
/// value copied each one's references every time (`swift_retain` under
/// `PagePlan` copies was the largest cost of an incremental build in `perf`).
/// Changed only while planning, by one thread at a time.
final class PagePlan: @unchecked Sendable {
    /// How the page's file compares with the previous build's record of it.
    enum Change: Equatable, Sendable {
        /// No previous record: a new file, or no previous build.
        case added
        /// Its bytes changed.
        case edited
        /// Its stamp changed but not its bytes.
        case touched
        case unchanged
    }

    /// Why its output is rendered.
    enum Reason: Equatable, Sendable {
        /// Its file is new or changed.
        case content
        /// Something it read from other pages last time has another value now.
        case reads
    }

    var id: PageID
    /// Path relative to the content folder.
    var path: String
    var change: Change
    /// The page. Read and parsed now (`hasBody`), or only its front matter
    /// and fragment ids, from the cache.
    var parsed: ParsedPage
    var hasBody: Bool
    /// The file's stamp before it was read; nil when nothing keeps it.
    var stamp: FileStamp?
    var sourceHash: UInt64
    var resolved: SiteGraphBuilder.Resolved
    /// What decoding and resolving it reported (replayed from the cache
    /// when it was neither).
    var diagnostics: [Diagnostic]
    /// `BuildPlanner.frontMatterHash` of its front matter.
    var frontMatter: UInt64
    /// Its record in the previous build's cache.
    var previous: CachedRecord?
    /// Set when its output is rendered.
    var render: Reason?

    init(id: PageID, path: String, change: Change, parsed: ParsedPage, hasBody: Bool, stamp: FileStamp?,
         sourceHash: UInt64, resolved: SiteGraphBuilder.Resolved, diagnostics: [Diagnostic], frontMatter: UInt64,
         previous: CachedRecord? = nil, render: Reason? = nil) {
        self.id = id
        self.path = path
        self.change = change
        self.parsed = parsed
        self.hasBody = hasBody
        self.stamp = stamp
        self.sourceHash = sourceHash
        self.resolved = resolved
        self.diagnostics = diagnostics
        self.frontMatter = frontMatter
        self.previous = previous
        self.render = render
    }
}
