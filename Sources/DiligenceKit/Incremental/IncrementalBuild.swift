import Foundation

/// `build --incremental`: brings an output folder built from this content up
/// to date by redoing only what the changed files reach.
///
/// 1. The cache (`BuildSnapshot`) knows every published page's file stamp,
///    front matter, fragment ids, references, diagnostics and fingerprints.
/// 2. Files whose stamp changed are read; those whose bytes changed are
///    decoded, parsed and resolved again. Pages that link into a changed
///    page whose headings changed are checked again, so a link broken by the
///    edit is reported. The other pages' diagnostics are replayed.
/// 3. The graph is assembled from the cache plus the changed pages, and the
///    fingerprints computed again: a content page is rendered if it changed
///    or a page it shows changed (`PageFingerprints.neighbourhood`); a listing
///    page if what it lists changed (`Fingerprinter.listing`).
/// 4. Those files are written in place; the search index is patched.
///
/// Anything else — site.yml, a template or asset, a page added, removed or
/// turned into a draft, options, the date — needs a full build: `run`
/// returns `.fullBuild` with the reason, and the caller does one.
struct IncrementalBuild {
    var options: BuildOptions

    enum Outcome {
        case done(BuildReport)
        case fullBuild(reason: String)
    }

    func run() -> Outcome {
        let start = Date()
        var report = BuildReport(diagnostics: [], pageCounts: [:], publishedBytes: nil, seconds: 0)
        var lap = Date()
        func stage(_ name: String) {
            let now = Date()
            report.stages.append((name, now.timeIntervalSince(lap)))
            lap = now
        }
        let cachePath = BuildSnapshot.path(cacheDirectory: options.cacheDirectory, output: options.output)
        guard var snapshot = BuildSnapshot.load(from: cachePath) else { return .fullBuild(reason: "no build cache") }
        stage("read cache")
        guard snapshot.header.output == SitePublisher.absolute(options.output),
              FileManager.default.fileExists(atPath: options.output + "/search/meta.js") else {
            return .fullBuild(reason: "the output folder is not the one the cache describes")
        }
        let log = DiagnosticLog()
        let loader = ContentLoader(root: options.content, maxFileSize: options.maxFileSize)
        let listing = loader.list(into: log)
        guard !log.hasErrors, let siteFile = listing.siteFile else { return .fullBuild(reason: "the content folder has errors") }
        guard BuildSettings.fingerprint(options: options, siteFile: siteFile, assets: listing.assets) == snapshot.header.settings else {
            return .fullBuild(reason: "site.yml, a template, an asset or an option changed")
        }
        let scratch = DiagnosticLog()
        guard let site = SiteConfigDecoder.decode(siteFile, log: scratch),
              let templates = TemplateLibrary(directory: options.templates, log: scratch) else {
            return .fullBuild(reason: "site.yml or the templates have errors")
        }
        log.add(contentsOf: snapshot.header.settingsDiagnostics)
        let cachedPaths = snapshot.pages.map(\.path)
        guard Set(listing.pagePaths) == Set(cachedPaths).union(snapshot.header.unpublished.keys) else {
            return .fullBuild(reason: "a page was added or removed")
        }
        for (path, stamp) in snapshot.header.unpublished where FileStamp(path: options.content + "/" + path) != stamp {
            return .fullBuild(reason: "an unpublished page (draft) changed")
        }
        stage("load")

        // Which files changed: stamps first, then content.
        let count = snapshot.pages.count
        var found = [(stamp: FileStamp?, file: SourceFile?)](repeating: (nil, nil), count: count)
        found.withUnsafeMutableBufferPointer { buffer in
            let out = UnsafeMutableSendableBuffer(buffer)
            let pages = snapshot.pages
            DispatchQueue.concurrentPerform(iterations: count) { i in
                let stamp = FileStamp(path: options.content + "/" + pages[i].path)
                guard let stamp, stamp != pages[i].stamp else { out[i] = (stamp, nil); return }
                out[i] = (stamp, loader.read(pages[i].path, log: log))
            }
        }
        var changed: [Int] = []
        for i in 0..<count {
            guard let stamp = found[i].stamp else { return .fullBuild(reason: "a page file disappeared") }
            guard stamp != snapshot.pages[i].stamp else { continue }
            guard let file = found[i].file else { return .fullBuild(reason: "a page file cannot be read") }
            if StableHasher.hash(file.bytes) == snapshot.pages[i].sourceHash {
                var page = snapshot.pages[i]
                page.stamp = BuildRecorder.safeStamp(stamp, buildStart: start)
                snapshot.replace(i, with: page)
            } else {
                changed.append(i)
            }
        }

        // Decode, parse and resolve what changed, each into its own log.
        let decoder = PageDecoder(site: site, today: options.today)
        var pageLogs: [Int: DiagnosticLog] = [:]
        var fresh: [Int: ParsedPage] = [:]
        for i in changed {
            let pageLog = DiagnosticLog()
            pageLogs[i] = pageLog
            guard let page = decoder.decode(found[i].file!, log: pageLog) else { continue }
            if page.draft && !options.drafts { return .fullBuild(reason: "a page became a draft") }
            fresh[i] = ParsedPage(page: page)
        }
        stage("decode")
        let pages = snapshot.pages.enumerated().map { i, cached in
            fresh[i] ?? ParsedPage(cached: cached.page, linkableIDs: Set(cached.linkableIDs))
        }
        var failed: Set<PageID> = []
        for i in changed where fresh[i] == nil { failed.insert(snapshot.pages[i].page.id) }
        let index = PageIndex(
            published: Dictionary(uniqueKeysWithValues: pages.map { ($0.id, $0.page) }),
            headingIDs: Dictionary(uniqueKeysWithValues: pages.map { ($0.id, $0.linkableIDs) }),
            excluded: snapshot.header.excluded, assets: Set(listing.assets), failed: failed)
        var resolved = snapshot.pages.map(\.resolved)
        func resolve(_ i: Int, _ parsed: ParsedPage, log: DiagnosticLog) {
            let builder = SiteGraphBuilder(site: site, index: index, log: log)
            resolved[i] = builder.resolve(parsed, resolver: LinkResolver(index: index, log: log))
        }
        for (i, parsed) in fresh { resolve(i, parsed, log: pageLogs[i]!) }
        // Pages linking into a changed page whose fragment ids changed: check
        // their links again.
        let movedTargets = Set(fresh.compactMap { i, parsed in
            parsed.linkableIDs == Set(snapshot.pages[i].linkableIDs) ? nil : parsed.id
        })
        var hydrated: [Int: ParsedPage] = [:]
        if !movedTargets.isEmpty {
            for i in 0..<count where fresh[i] == nil && !failed.contains(pages[i].id)
                && resolved[i].targets.contains(where: movedTargets.contains) {
                let pageLog = DiagnosticLog()
                guard let parsed = hydrate(i, snapshot: snapshot, loader: loader, decoder: decoder, log: pageLog) else {
                    return .fullBuild(reason: "\(snapshot.pages[i].path) changed while building")
                }
                resolve(i, parsed, log: pageLog)
                pageLogs[i] = pageLog
                hydrated[i] = parsed
            }
        }
        for i in 0..<count {
            log.add(contentsOf: pageLogs[i]?.diagnostics ?? snapshot.pages[i].diagnostics)
        }
        stage("link")
        if log.hasErrors || (options.strict && log.diagnostics.warningCount > 0) {
            return .done(finish(report, log, start))
        }

        // The graph, the fingerprints, and what they say must be rendered.
        let graph = SiteGraphBuilder(site: site, index: index, log: log).assemble(pages, resolved: resolved)
        for kind in PageKind.allCases { report.pageCounts[kind] = graph.pages(of: kind).count }
        stage("graph")
        if options.strict && log.diagnostics.warningCount > 0 {  // orphan warnings come from the graph
            return .done(finish(report, log, start))
        }
        var frontMatter: [PageID: UInt64] = [:]
        for (i, cached) in snapshot.pages.enumerated() {
            frontMatter[cached.page.id] = fresh[i].map { Fingerprinter.frontMatterHash($0.page) } ?? cached.fingerprints.frontMatter
        }
        let fingerprinter = Fingerprinter(graph: graph, frontMatter: frontMatter)
        stage("fingerprints")
        var dirty: [Int] = []
        var prints = [PageFingerprints](repeating: .init(frontMatter: 0, card: 0, facts: 0, neighbourhood: 0), count: count)
        for i in 0..<count {
            prints[i] = fingerprinter.fingerprints(of: pages[i])
            if fresh[i] != nil || prints[i].neighbourhood != snapshot.pages[i].fingerprints.neighbourhood { dirty.append(i) }
        }
        stage("neighbourhoods")
        let renderer = SiteRenderer(graph: graph, templates: templates, today: options.today)
        var listingPrints: [String: UInt64] = [:]
        let listings = renderer.listingJobs().filter { job in
            let print = fingerprinter.listing(job.path)
            listingPrints[job.path] = print
            return snapshot.header.listings[job.path] != print
        }
        for i in dirty where fresh[i] == nil && hydrated[i] == nil {
            guard let parsed = hydrate(i, snapshot: snapshot, loader: loader, decoder: decoder, log: DiagnosticLog()) else {
                return .fullBuild(reason: "\(snapshot.pages[i].path) changed while building")
            }
            resolve(i, parsed, log: DiagnosticLog())
            hydrated[i] = parsed
        }
        let toRender = dirty.map { fresh[$0] ?? hydrated[$0]! }
        stage("plan")

        // Write. The cache is removed first: if this is interrupted, the next
        // build is a full one.
        BuildSnapshot.remove(at: cachePath)
        let writer = InPlaceWriter(root: options.output)
        renderer.render(pages: toRender, listings: listings, emit: writer.write)
        stage("render")
        var tokenized: [Int: SearchIndexBuilder.Tokenized] = [:]
        for i in changed { if let parsed = fresh[i] { tokenized[i] = .init(SearchDocument(parsed, site: site), number: i) } }
        do {
            try SearchIndexPatch(output: options.output, files: SearchIndexFiles(chunkBytes: options.searchChunkBytes, site: site))
                .apply(changed: tokenized, pageCount: count, facets: pages.map { SearchDocument.facets(of: $0.page) }, writer: writer)
        } catch {
            return .fullBuild(reason: "the search index in the output folder cannot be read (\(error))")
        }
        stage("search")
        if let error = writer.firstError {
            log.error(at: SourceLocation(file: options.output), error.description)
            return .done(finish(report, log, start))
        }

        // Update the cache.
        for i in 0..<count {
            if let parsed = fresh[i] {
                snapshot.replace(i, with: BuildRecorder.cachedPage(
                    parsed, path: snapshot.pages[i].path, file: found[i].file!, stamp: found[i].stamp!, buildStart: start,
                    resolved: resolved[i], diagnostics: pageLogs[i]!.diagnostics, fingerprints: prints[i]))
            } else if prints[i] != snapshot.pages[i].fingerprints || pageLogs[i] != nil {
                var cached = snapshot.pages[i]
                cached.fingerprints = prints[i]
                if let pageLog = pageLogs[i] { cached.diagnostics = pageLog.diagnostics }
                snapshot.replace(i, with: cached)
            }
        }
        snapshot.header.listings = listingPrints
        snapshot.header.layout = fingerprinter.layout
        try? snapshot.save(to: cachePath)
        report.publishedBytes = writer.bytesWritten
        report.fileCount = writer.writtenPaths.count
        report.changedPages = changed.count
        stage("cache")
        return .done(finish(report, log, start))
    }

    /// Reads, decodes and parses an unchanged page again, for rendering.
    private func hydrate(_ i: Int, snapshot: BuildSnapshot, loader: ContentLoader, decoder: PageDecoder,
                         log: DiagnosticLog) -> ParsedPage? {
        let cached = snapshot.pages[i]
        guard let file = loader.read(cached.path, log: log), StableHasher.hash(file.bytes) == cached.sourceHash,
              let page = decoder.decode(file, log: log) else { return nil }
        return ParsedPage(page: page)
    }

    private func finish(_ report: BuildReport, _ log: DiagnosticLog, _ start: Date) -> BuildReport {
        var report = report
        report.diagnostics = log.diagnostics
        report.seconds = Date().timeIntervalSince(start)
        return report
    }
}
