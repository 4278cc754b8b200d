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
        report.diagnostics = outcome.diagnostics
        var all = [outcome.diagnostics]
        for language in outcome.languages.dropFirst() {
            var planner = BuildPlanner(options: options)
            planner.language = language
            all.append(planner.plan(previous: nil, publish: false).diagnostics)
        }
        report.diagnostics = Self.merged(all)
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
        // The cache is decoded on other cores while the planner lists the
        // content and reads the templates, which need nothing from it.
        let pending = options.incremental ? BackgroundResult { [options] in Self.previous(options: options, root: options.output) } : nil
        var outcome = BuildPlanner(options: options).plan(loading: { pending?.value ?? (nil, nil) }, publish: true)
        report.fullBuildReason = outcome.fullBuildReason
        report.lap("plan")
        report.stages.removeLast()
        report.stages += outcome.stages
        if outcome.languages.count > 1 {
            buildLanguages(outcome, report: &report, log: log)
            report.diagnostics = log.diagnostics
            if !options.freesMemory { ExitRelease.keep(outcome) }
            return report.finished()
        }
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
        report.diagnostics = log.diagnostics
        if !options.freesMemory { ExitRelease.keep(outcome) }
        return report.finished()
    }

    /// A site in several languages: one plan per language, each into its
    /// folder (`fr/`) with its own cache. When every plan can be carried out
    /// in place, each is; otherwise all are full builds written into one
    /// staging folder, swapped in once, so the languages never disagree.
    private func buildLanguages(_ first: BuildPlanner.Outcome, report: inout BuildReport, log: DiagnosticLog) {
        struct Language {
            var options: BuildOptions
            var planner: BuildPlanner
            var folder: String
            var outcome: BuildPlanner.Outcome
        }
        var languages = [Language(options: options, planner: BuildPlanner(options: options), folder: "", outcome: first)]
        for code in first.languages.dropFirst() {
            var languageOptions = options
            languageOptions.output = options.output + "/" + code
            var planner = BuildPlanner(options: languageOptions)
            planner.language = code
            let previous = options.incremental ? Self.previous(options: languageOptions, root: options.output).0 : nil
            if options.incremental, previous == nil, report.fullBuildReason == nil { report.fullBuildReason = "no build cache for language '\(code)'" }
            languages.append(Language(options: languageOptions, planner: planner, folder: code + "/",
                                      outcome: planner.plan(previous: previous, publish: true)))
        }
        report.lap("plan")
        report.pageCounts = first.pageCounts
        report.languages = first.languages
        report.notes = first.historyNote.map { [$0] } ?? []
        log.add(contentsOf: Self.merged(languages.map(\.outcome.diagnostics)))
        defer { report.diagnostics = log.diagnostics }
        guard languages.allSatisfy({ $0.outcome.plan != nil }) else { return }
        report.fullBuildReason = languages.lazy.compactMap(\.outcome.fullBuildReason).first ?? report.fullBuildReason

        // Plans that are not full builds are made again as full ones: all
        // of them when carrying them out in place failed.
        var replanAll = false
        if languages.allSatisfy({ $0.outcome.plan?.sink == .inPlace }) {
            var reason: String?
            for language in languages {
                let ending = BuildExecutor(options: language.options, fileSystem: fileSystem).run(language.outcome.plan!, report: &report, log: log)
                if case .fullBuildNeeded(let why) = ending { reason = why; break }
            }
            guard let reason else {
                // A page edited in its original changes in every language: counted once.
                report.changedPages = languages.map { $0.outcome.plan!.changedPages }.max() ?? 0
                return
            }
            report.fullBuildReason = reason
            replanAll = true
        }
        // A full build of every language, into one staging folder.
        for i in languages.indices where languages[i].outcome.plan?.sink != .staging || replanAll {
            let outcome = languages[i].planner.plan(previous: nil, publish: true)
            guard outcome.plan != nil else { return }
            languages[i].outcome.plan = outcome.plan
        }
        report.listingItems = nil
        let sink: OutputSink
        do { sink = try OutputSink(.staging, output: options.output, protected: [options.content, options.templatesFolder], fileSystem: fileSystem) } catch {
            log.error(at: SourceLocation(file: options.output), error.description)
            return
        }
        var keepCaches: [() -> Void] = []
        for language in languages {
            let ending = BuildExecutor(options: language.options, fileSystem: fileSystem)
                .run(language.outcome.plan!, report: &report, log: log, shared: sink.prefixed(language.folder))
            guard case .written(let keepCache) = ending else {
                sink.abandon()
                return
            }
            keepCaches.append(keepCache)
        }
        do {
            let (bytes, files) = try sink.commit()
            report.publishedBytes = bytes
            report.fileCount = files
        } catch {
            log.error(at: SourceLocation(file: options.output), error.description)
            return
        }
        report.lap("publish")
        for keep in keepCaches { keep() }
    }

    /// The diagnostics of every language's plan, the default's first; a
    /// problem of an original that every language meets is reported once.
    private static func merged(_ perLanguage: [[Diagnostic]]) -> [Diagnostic] {
        guard let first = perLanguage.first else { return [] }
        // The same problem, whether reported at the original or at its translation.
        func key(_ diagnostic: Diagnostic) -> String {
            let file = diagnostic.location.file
            let original = file.hasSuffix(".md") ? TranslationDecoder.original(of: file)?.original ?? file : file
            return "\(diagnostic.severity)|\(diagnostic.message)|\(original)|\(diagnostic.location.line)|\(diagnostic.location.column)"
        }
        var seen = Set(first.map(key))
        var result = first
        for diagnostics in perLanguage.dropFirst() {
            for diagnostic in diagnostics where seen.insert(key(diagnostic)).inserted { result.append(diagnostic) }
        }
        return result
    }

    private func execute(_ plan: BuildPlan, report: inout BuildReport, log: DiagnosticLog) -> BuildExecutor.Ending {
        BuildExecutor(options: options, fileSystem: fileSystem).run(plan, report: &report, log: log)
    }

    /// The previous build into `options.output`, or why there is none to
    /// start from. `root`: the site's output folder (a language's is inside it).
    private static func previous(options: BuildOptions, root: String) -> (PreviousBuild?, reason: String?) {
        guard let previous = PreviousBuild.load(options: options) else { return (nil, "no build cache") }
        if let reason = unusable(previous.snapshot, output: options.output, root: root) { return (nil, reason) }
        return (previous, nil)
    }

    /// Why a cache cannot describe the output folder, if it cannot.
    private static func unusable(_ snapshot: BuildSnapshot, output: String, root: String) -> String? {
        guard snapshot.header.output == SitePublisher.absolute(output),
              FileManager.default.fileExists(atPath: root + "/" + SitePublisher.markerName) else {
            return "the output folder is not the one the cache describes"
        }
        return nil
    }
}
