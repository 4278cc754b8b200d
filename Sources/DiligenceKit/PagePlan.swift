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
/// whether its output is rendered.
struct PagePlan: Sendable {
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
}
