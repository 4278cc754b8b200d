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

/// Decides what a build does (`BuildPlan`) from the content folder and the
/// previous build's cache, if any. Reads what changed and takes the rest
/// from the cache; decodes, parses and links; assembles the graph; then
/// compares what each output read last time with what it would read now.
/// Writes nothing. With no previous build every page is read and every
/// output rendered: the full build is this same plan, from nothing.
struct BuildPlanner {
    var options: BuildOptions
    /// When the build started (for file stamps: `PageCollector.safeStamp`).
    var start = Date()
    /// The language this plan is for, when not the site's default: its
    /// pages are the originals with that language's translations
    /// (`TranslationDecoder`), rendered with its labels, into its folder.
    var language: String? = nil

    /// Why the previous build cannot be used; the plan is made again without it.
    struct Fallback: Error {
        var reason: String
    }

    /// What planning found: a plan when the site may be published, and
    /// every diagnostic either way.
    struct Outcome {
        var plan: BuildPlan?
        var diagnostics: [Diagnostic]
        var pageCounts: [PageKind: Int]
        var fullBuildReason: String?
        /// The site's languages, the default first (from site.yml).
        var languages: [String] = []
        /// Why pages show no change history, when they show none.
        var historyNote: String?
        /// How long each planning stage took.
        var stages: [(name: String, seconds: Double)] = []
    }

    /// - Parameter publish: false for `check`, which stops once everything is linked.
    func plan(previous: PreviousBuild?, publish: Bool) -> Outcome {
        plan(loading: { (previous, nil) }, publish: publish)
    }

    /// A plan from the previous build that `loading` gives, with why it
    /// cannot be used when it cannot. It is asked for only once the content
    /// is listed and the templates are read, so the caller can decode the
    /// cache on other cores meanwhile (an incremental build's first tenth).
    func plan(loading: () -> (PreviousBuild?, reason: String?), publish: Bool) -> Outcome {
        do {
            return try attempt(loading: loading, publish: publish)
        } catch {
            var outcome = (try? attempt(loading: { (nil, nil) }, publish: publish)) ?? Outcome(plan: nil, diagnostics: [], pageCounts: [:])
            outcome.fullBuildReason = error.reason
            outcome.plan?.fullBuildReason = error.reason
            return outcome
        }
    }

    private func attempt(loading: () -> (PreviousBuild?, reason: String?), publish: Bool) throws(Fallback) -> Outcome {
        let log = DiagnosticLog()
        var outcome = Outcome(plan: nil, diagnostics: [], pageCounts: [:])
        var clock = StageClock()
        // A build reads the content's history (three git calls) on another
        // thread while the content is listed and the templates are read.
        let pendingHistory = publish ? BackgroundResult { [options] in Self.readHistory(options) } : nil
        let loader = ContentLoader(root: options.content, maxFileSize: options.maxFileSize)
        let tree = loader.list(into: log)
        let theme = ThemeFiles(folder: options.templatesFolder, required: options.templates != nil, log: log)
        let templates = TemplateLibrary(theme: theme, log: log)
        guard let siteFile = tree.siteFile, var site = SiteConfigDecoder.decode(siteFile, log: log) else {
            outcome.diagnostics = log.diagnostics
            return outcome
        }
        outcome.languages = site.languages.map(\.code)
        let translating = language.map { $0 != site.language } ?? false
        if translating, let language { site = site.localized(language) } else {
            checkTranslations(tree, site: site, log: log)
            checkInterfaceLanguages(site, siteFile: siteFile, strings: templates?.strings, log: log)
        }
        if let logo = site.branding.logo, !tree.assets.contains(logo.value) {
            let images = tree.assets.filter { [".svg", ".png", ".jpg", ".jpeg", ".webp", ".gif"].contains(where: $0.lowercased().hasSuffix) }
            log.error(at: logo.location, "logo '\(logo.value)' is not a file of the content's assets/ folder",
                      hint: images.isEmpty ? "put the image in \(options.content)/assets/ and name it as assets/NAME"
                                           : "images there: \(images.joined(separator: ", "))")
        }
        // Only a build shows history; `check` asks git only to tell whether
        // a translation fell behind its original.
        let history = pendingHistory?.value ?? (site.isMultilingual && options.readsHistory ? Self.readHistory(options) : nil)
        outcome.historyNote = history?.note
        let settings = BuildSettings.fingerprint(options: options, siteFile: siteFile, assets: tree.assets, theme: theme, history: history)
        clock.lap("load")
        var (previous, reason) = loading()
        outcome.fullBuildReason = reason
        if let snapshot = previous?.snapshot, let change = settings.change(since: snapshot.header.settings) {
            // A changed setting reaches every output: nothing of the last build is kept.
            guard publish else { throw Fallback(reason: change) }
            previous = nil
            outcome.fullBuildReason = change
        }
        let decoder = PageDecoder(site: site, today: options.today)
        var collector = PageCollector(loader: loader, decoder: decoder, options: options, start: start,
                                      keepsCache: options.incremental || previous != nil)
        if translating, let language {
            collector.translations = tree.translations[language] ?? [:]
            collector.translator = TranslationDecoder(language: language)
            if let history, !history.isEmpty { collector.lastChanged = { history.latestChange(ofFile: $0)?.date } }
        }
        if previous != nil || reason != nil { clock.lap("read cache") }  // what is left of decoding it
        var pages = try collector.collect(tree.pagePaths, previous: previous?.snapshot, log: log)
        // The search's names and numbers are worked out (on another core)
        // only when a page came, went or was edited: a build with nothing
        // to patch does not need them.
        let recordNames = publish && SearchPatchJob.patches(pages) ? previous.map { SearchPatchJob.names(pages, previous: $0) } : nil
        let searchPatch = previous.flatMap { previous in
            recordNames.flatMap { SearchPatchJob.start(pages, previous: previous, names: $0, site: site,
                                                      strings: (templates?.strings ?? ThemeStrings.builtIn).strings(for: site.language),
                                                      chunkBytes: options.searchChunkBytes, collector: collector) }
        }
        clock.lap("read")
        let linker = PageLinker(site: site, collector: collector)
        let (graph, index) = try linker.link(&pages, assets: tree.assets, kept: previous?.outputs.value?.links, log: log)
        clock.lap("link")
        for kind in PageKind.allCases { outcome.pageCounts[kind] = graph.pages(of: kind).count }
        outcome.diagnostics = log.diagnostics

        guard publish, !log.hasErrors, let templates, !(options.strict && outcome.diagnostics.warningCount > 0) else {
            outcome.stages = clock.stages
            return outcome
        }
        let decider = OutputDecider(graph: graph, index: index, previous: previous, searchPatch: searchPatch,
                                    recordNames: recordNames, collector: collector, linker: linker)
        outcome.plan = try decider.plan(
            pages, site: site, templates: templates, settings: settings, assets: tree.assets, theme: theme,
            history: history ?? ContentHistory(edition: Edition(commit: nil, date: options.today)))
        outcome.plan?.fullBuildReason = outcome.fullBuildReason
        clock.lap("decide")
        outcome.stages = clock.stages
        return outcome
    }

    /// Every translation must be of a page that exists, into a language
    /// site.yml lists (reported once, by the default language's pass).
    private func checkTranslations(_ tree: ContentTree, site: SiteConfig, log: DiagnosticLog) {
        let pages = Set(tree.pagePaths)
        let known = site.languages.map(\.code)
        for (language, files) in tree.translations.sorted(by: { $0.key < $1.key }) {
            for (original, path) in files.sorted(by: { $0.key < $1.key }) {
                let at = SourceLocation(file: options.content + "/" + path, line: 1, column: 1)
                if language == site.language {
                    log.error(at: at, "'\(language)' is the site's default language: its pages are the originals",
                              hint: "name the file '\(original.split(separator: "/").last ?? "")' (and remove the original), or set 'language' in site.yml")
                } else if !known.contains(language) {
                    log.error(at: at, "a translation into '\(language)', which site.yml does not list under 'languages'",
                              hint: known.count > 1 ? "the site's languages are \(known.joined(separator: ", "))" : "add '\(language):' under 'languages:' in site.yml, with its title, description and labels")
                } else if !pages.contains(original) {
                    log.error(at: at, "a translation of '\(original)', which does not exist",
                              hint: "a translation is named after its original: <slug>.\(language).md beside <slug>.md")
                }
            }
        }
    }

    /// A warning, at its line of site.yml, for each of the site's languages
    /// the theme has no strings file for (`ThemeStrings.checkLanguage`): its
    /// interface is then in English (reported once, by the default
    /// language's pass; `--strict` makes it stop the build like any warning).
    private func checkInterfaceLanguages(_ site: SiteConfig, siteFile: SourceFile, strings: ThemeStrings?, log: DiagnosticLog) {
        guard let strings else { return }
        let lines = String(decoding: siteFile.bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        for language in site.languages.map(\.code) where strings.resolvedLanguage(language) == nil {
            let prefix = language == site.language ? "language:" : "  " + language + ":"
            let line = (lines.firstIndex { $0.hasPrefix(prefix) } ?? 0) + 1
            strings.checkLanguage(language, at: SourceLocation(file: siteFile.displayPath, line: line, column: 1), log: log)
        }
    }

    /// The content's git history, or a dated edition when it is not read.
    private static func readHistory(_ options: BuildOptions) -> ContentHistory {
        let date = options.sourceDate ?? options.today
        guard options.readsHistory else { return ContentHistory(edition: Edition(commit: nil, date: date), root: options.content) }
        var reader = GitHistoryReader(root: options.content, fallbackDate: date)
        // A build from nothing reads the whole log; an incremental one, what is new.
        if options.incremental { reader.logCache = GitLogCache(path: GitLogCache.path(cacheDirectory: options.cacheDirectory, content: options.content)) }
        return reader.read()
    }

    /// Hash of a page's front matter as decoded (body left out), from its cache form.
    static func frontMatterHash(_ page: Page) -> UInt64 {
        var writer = CacheWriter()
        page.write(to: &writer)  // writes no body
        return StableHasher.hash(writer.bytes)
    }
}
