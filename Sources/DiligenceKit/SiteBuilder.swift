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

/// Runs a build: the planner decides (`BuildPlanner` → `BuildPlan`), the
/// executor carries the plan out (`BuildExecutor`). `check` stops after
/// planning, so it reports every problem in one run and writes nothing;
/// `build` executes only a plan with no error, so it never publishes a
/// broken site. With `incremental`, the plan starts from the previous
/// build's cache; without one, it is the plan from nothing: a full build.
public struct SiteBuilder: Sendable {
    public var options: BuildOptions
    /// Where the executor's writes go (tests inject failures).
    var fileSystem: FileSystem = .real

    public init(options: BuildOptions) {
        self.options = options
    }

    /// Validates everything (templates included) without writing anything.
    public func check() -> BuildReport {
        var report = BuildReport(diagnostics: [], pageCounts: [:], publishedBytes: nil, seconds: 0)
        let outcome = BuildPlanner(options: options).plan(previous: nil, publish: false)
        report.pageCounts = outcome.pageCounts
        report.diagnostics = outcome.diagnostics + interfaceLanguageWarnings()
        return report.finished()
    }

    /// Validates and, when clean, writes the site to the output folder.
    public func build() -> BuildReport {
        var report = BuildReport(diagnostics: [], pageCounts: [:], publishedBytes: nil, seconds: 0)
        let log = DiagnosticLog()
        do { try SitePublisher(output: options.output, protected: [options.content, options.templatesFolder]).preflight() } catch {
            log.error(at: SourceLocation(file: options.output), error.description)
            report.diagnostics = log.diagnostics
            return report.finished()
        }
        // A language with no strings file is shown in English; in strict mode, that warning stops the build.
        let languageWarnings = interfaceLanguageWarnings()
        if options.strict, !languageWarnings.isEmpty { return check() }
        var previous: PreviousBuild?
        if options.incremental {
            previous = PreviousBuild.load(options: options)
            report.fullBuildReason = previous == nil ? "no build cache" : nil
            report.lap("read cache")
            if let cached = previous?.snapshot, let reason = Self.unusable(cached, options: options) {
                previous = nil
                report.fullBuildReason = reason
            }
        }
        var outcome = BuildPlanner(options: options).plan(previous: previous, publish: true)
        report.lap("plan")
        report.stages.removeLast()
        report.stages += outcome.stages
        if var plan = outcome.plan, case .fullBuildNeeded(let reason) = execute(plan, report: &report, log: log) {
            outcome = BuildPlanner(options: options).plan(previous: nil, publish: true)
            plan = outcome.plan ?? plan
            outcome.fullBuildReason = reason
            _ = execute(plan, report: &report, log: log)
        }
        report.fullBuildReason = outcome.fullBuildReason ?? report.fullBuildReason
        report.notes = outcome.historyNote.map { [$0] } ?? []
        if let plan = outcome.plan, plan.previous != nil {
            report.changedPages = plan.changedPages
        } else {
            report.listingItems = nil
        }
        report.pageCounts = outcome.pageCounts
        log.add(contentsOf: outcome.diagnostics)
        log.add(contentsOf: languageWarnings)
        report.diagnostics = log.diagnostics
        if !options.freesMemory { ExitRelease.keep(outcome) }
        return report.finished()
    }

    /// A warning, at the `language` line of site.yml, when the theme has no
    /// strings file for the site's language (`ThemeStrings.checkLanguage`):
    /// its interface is then in English. Read here, from site.yml alone,
    /// beside the planner; nothing when site.yml cannot be read (the
    /// planner reports that).
    func interfaceLanguageWarnings() -> [Diagnostic] {
        let quiet = DiagnosticLog()
        let loader = ContentLoader(root: options.content, maxFileSize: options.maxFileSize)
        guard let file = loader.read("site.yml", log: quiet), let site = SiteConfigDecoder.decode(file, log: quiet) else { return [] }
        let theme = ThemeFiles(folder: options.templatesFolder, required: false, log: quiet)
        let strings = ThemeStrings(theme: theme, log: quiet)
        guard strings.resolvedLanguage(site.language) == nil else { return [] }
        let lines = String(decoding: file.bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let line = (lines.firstIndex { $0.hasPrefix("language:") } ?? 0) + 1
        let log = DiagnosticLog()
        strings.checkLanguage(site.language, at: SourceLocation(file: file.displayPath, line: line, column: 1), log: log)
        return log.diagnostics
    }

    private func execute(_ plan: BuildPlan, report: inout BuildReport, log: DiagnosticLog) -> BuildExecutor.Ending {
        BuildExecutor(options: options, fileSystem: fileSystem).run(plan, report: &report, log: log)
    }

    /// Why a cache cannot describe the output folder, if it cannot.
    private static func unusable(_ snapshot: BuildSnapshot, options: BuildOptions) -> String? {
        guard snapshot.header.output == SitePublisher.absolute(options.output),
              FileManager.default.fileExists(atPath: options.output + "/" + SitePublisher.markerName) else {
            return "the output folder is not the one the cache describes"
        }
        return nil
    }
}
