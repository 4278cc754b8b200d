import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceMarkdown
import DiligencePublish
import DiligenceRender
import DiligenceSearch
import DiligenceSupport
import DiligenceTemplate

/// What one build does, decided before anything is written
/// (`BuildPlanner`), and carried out by `BuildExecutor`. A full build is
/// the plan made with no previous build: every page and listing rendered,
/// the search index built, everything written to a staging folder that
/// replaces the output at once. With a previous build, only what an edit
/// reaches is rendered and written in place.
struct BuildPlan: Sendable {
    /// Where the files go.
    enum Sink: Equatable, Sendable {
        /// A new folder, swapped in place of the output when complete.
        case staging
        /// The existing output folder, file by file.
        case inPlace
    }

    /// What happens to the search index.
    enum SearchUpdate: Equatable, Sendable {
        case rebuild
        /// The changed pages' postings replaced in the index the cache kept.
        case patch
        case unchanged
    }

    /// A site-wide page and whether it is rendered.
    struct Listing: Sendable {
        var path: String
        var render: Bool
    }

    /// Published pages in page order (by id).
    var pages: [PagePlan]
    /// The previous build's pages that are gone: their outputs are removed.
    var removed: [CachedPage]
    var listings: [Listing]
    /// Products and countries whose objects in the screening data are copied
    /// from the previous file (their facts, and the steps', did not change).
    var screeningKept: [PageID]
    var search: SearchUpdate
    /// The patch, being worked out on another core, when `search` is `.patch`.
    var searchPatch: BackgroundResult<SearchPatchJob.Outcome>?
    var sink: Sink
    /// Why a previous build could not be used, when there was one.
    var fullBuildReason: String?

    /// What the executor needs besides the decisions.
    var site: SiteConfig
    var graph: SiteGraph
    /// The values of what outputs read; nil for a build that keeps no cache.
    var values: DependencyValues?
    /// What the edits can have changed, when no page went: the
    /// outputs that read none of it were not valued.
    var reach: DependencyReach? = nil
    var templates: TemplateLibrary
    /// Where each template and asset comes from (built in, or the site's own).
    var theme: ThemeFiles
    /// The content's settings fingerprint, drafts and excluded pages, for the cache.
    var settings: BuildSettings.Fingerprint
    var unpublished: [String: FileStamp]
    var excluded: [PageID: String]
    var assets: [String]
    /// The edition and each page's commits.
    var history: ContentHistory
    var previous: PreviousBuild?

    /// The pages whose outputs are rendered.
    var rendered: [PagePlan] { pages.filter { $0.render != nil } }
    /// Nothing to do: an incremental build in which no page file changed or
    /// went, so nothing is rendered, the search index stays, and the cache
    /// the last build left already describes the output (writing it again
    /// gives the same bytes: 18 MB and a twelfth of the time of such a
    /// build at 10,000 pages).
    var isIdle: Bool {
        previous != nil && sink == .inPlace && removed.isEmpty && search == .unchanged
            && pages.allSatisfy { $0.change == .unchanged && $0.render == nil && !$0.hasBody }
            && !listings.contains(where: \.render)
    }
    /// Pages whose file was added or edited, and pages removed.
    var changedPages: Int { pages.filter { $0.change == .added || $0.change == .edited }.count + removed.count }
}
