import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceMarkdown
import DiligencePublish
import DiligenceRender
import DiligenceSearch
import DiligenceSupport
import DiligenceTemplate
import Foundation

/// What to build, from where, to where.
public struct BuildOptions: Sendable {
    /// The templates folder in use: `templates`, or `templates/` beside the content folder.
    public var templatesFolder: String {
        if let templates { return templates }
        let parent = (content as NSString).deletingLastPathComponent
        return parent.isEmpty ? "templates" : parent + "/templates"
    }

    public var content: String
    /// The site's own templates folder, holding only what it changes from
    /// the built-in templates; nil for `templates/` beside the content
    /// folder, used when it exists.
    public var templates: String?
    public var output: String
    /// Include pages with `draft: true`.
    public var drafts: Bool
    /// Treat warnings as errors: nothing is published if any is found.
    public var strict: Bool
    /// "Today", for review-overdue checks; fixed in tests for reproducible output.
    public var today: PartialDate
    /// The reproducible-builds date (`SOURCE_DATE_EPOCH`): the edition's
    /// date when the content is not in a git work tree.
    public var sourceDate: PartialDate?
    /// Read the content's git history (edition, page history); off for
    /// tests that compare builds of folders whose history differs.
    public var readsHistory = true
    /// Content files larger than this are refused.
    public var maxFileSize: Int
    /// Size at which the search index is cut into another chunk file.
    public var searchChunkBytes: Int = 24_000
    /// Rebuild only what changed since the last build into the same output,
    /// using the cache in `cacheDirectory` (a full build when there is none).
    public var incremental = false
    /// Where incremental builds keep their cache.
    public var cacheDirectory = ".diligence-cache"
    /// False for a command that exits once the build is done: the build's
    /// data is left to the operating system instead of being freed object
    /// by object (`ExitRelease`).
    public var freesMemory = true

    public init(content: String = "content", templates: String? = nil, output: String = "public",
                drafts: Bool = false, strict: Bool = false, today: PartialDate = .today, maxFileSize: Int = 1 << 20) {
        self.content = content
        self.templates = templates
        self.output = output
        self.drafts = drafts
        self.strict = strict
        self.today = today
        self.maxFileSize = maxFileSize
    }
}

extension PartialDate {
    /// The current date in UTC.
    public static var today: PartialDate {
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date())
        return PartialDate(year: c.year!, month: c.month!, day: c.day!)
    }
}
