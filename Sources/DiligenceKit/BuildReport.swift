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

/// The outcome of `check` or `build`: every diagnostic, and for a build what
/// was written.
public struct BuildReport: Sendable {
    public var diagnostics: [Diagnostic]
    /// Published pages per kind.
    public var pageCounts: [PageKind: Int]
    /// Bytes written to the output folder; nil when nothing was published.
    public var publishedBytes: Int?
    /// Files written to the output folder (marker file included).
    public var fileCount = 0
    public var seconds: Double
    /// For an incremental build: how many page files had changed.
    public var changedPages: Int?
    /// What the build could not do but did not need to (no git history):
    /// printed as notes, never a failure.
    public var notes: [String] = []
    /// The site's languages when it has several (each page is in each).
    public var languages: [String] = []
    /// Why an incremental build did a full build instead.
    public var fullBuildReason: String?
    /// For an incremental build: items of the listing pages it rendered again
    /// (and objects or rows of the big data files) that were copied from the
    /// files as written, and those rendered.
    public var listingItems: (copied: Int, rendered: Int)?
    /// Of the kept search index's chunks, how many a patch read (the
    /// others it named as they were); nil when it did not patch the index.
    public var searchChunksRead: (read: Int, of: Int)?
    /// Wall time of each stage, in order (shown by `build --timings`).
    public var stages: [(name: String, seconds: Double)] = []
    /// When the build started, and when its current stage did.
    let started = Date()
    var stageStarted = Date()

    /// Records the stage that just ended.
    mutating func lap(_ stage: String) {
        let now = Date()
        stages.append((stage, now.timeIntervalSince(stageStarted)))
        stageStarted = now
    }

    /// The report with the total time.
    func finished() -> BuildReport {
        var report = self
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    /// True when the run must exit with status 1.
    public func failed(strict: Bool) -> Bool {
        diagnostics.hasErrors || (strict && diagnostics.warningCount > 0)
    }

    /// "Built 12 pages (4 guidance, 3 products, 3 countries, 2 pages) into public/ — 210 KB in 0.15 s"
    public func summary(output: String) -> String {
        let total = pageCounts.values.reduce(0, +)
        let nouns: [PageKind: (one: String, many: String)] = [
            .guidance: ("guidance", "guidance"), .product: ("product", "products"),
            .country: ("country", "countries"), .page: ("page", "pages"),
        ]
        let parts = PageKind.allCases.map { kind -> String in
            let n = pageCounts[kind] ?? 0
            return "\(n) " + (n == 1 ? nouns[kind]!.one : nouns[kind]!.many)
        }
        let size = publishedBytes.map(BuildReport.formatBytes) ?? "0 B"
        let time = String(Double(Int(seconds * 100)) / 100)
        if let changedPages {
            return "Updated \(output)/ for \(changedPages) changed page\(changedPages == 1 ? "" : "s") of \(total) — \(fileCount) file\(fileCount == 1 ? "" : "s") written, \(size) in \(time) s"
        }
        let inLanguages = languages.count > 1 ? " in \(languages.count) languages (\(languages.joined(separator: ", ")))" : ""
        return "Built \(total) pages (\(parts.joined(separator: ", ")))\(inLanguages) into \(output)/ — \(fileCount) files, \(size) in \(time) s"
    }

    static func formatBytes(_ n: Int) -> String {
        if n < 1024 { return "\(n) B" }
        if n < 1024 * 1024 { return "\(n / 1024) KB" }
        return "\(Double(n * 10 / (1024 * 1024)) / 10) MB"
    }
}
