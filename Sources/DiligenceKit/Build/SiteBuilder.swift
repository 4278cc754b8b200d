import Foundation

/// Runs the pipeline: load → decode → parse → link → render → publish. Each
/// stage reports into one `DiagnosticLog`; rendering and publishing happen only
/// when no earlier stage found an error, so `check` reports every problem in
/// one run and `build` never publishes a broken site.
public struct SiteBuilder: Sendable {
    public var options: BuildOptions

    public init(options: BuildOptions) {
        self.options = options
    }

    /// Validates everything (templates included) without writing anything.
    public func check() -> BuildReport {
        run(publish: false)
    }

    /// Validates and, when clean, writes the site to the output folder.
    public func build() -> BuildReport {
        run(publish: true)
    }

    private func run(publish: Bool) -> BuildReport {
        var fullBuildReason: String?
        if publish && options.incremental {
            switch IncrementalBuild(options: options).run() {
            case .done(let report): return report
            case .fullBuild(let reason): fullBuildReason = reason
            }
        }
        var report = runFull(publish: publish)
        report.fullBuildReason = fullBuildReason
        return report
    }

    private func runFull(publish: Bool) -> BuildReport {
        let start = Date()
        let log = DiagnosticLog()
        var report = BuildReport(diagnostics: [], pageCounts: [:], publishedBytes: nil, seconds: 0)
        let publisher = SitePublisher(output: options.output, protected: [options.content, options.templates])
        if publish {
            do { try publisher.preflight() } catch {
                log.error(at: SourceLocation(file: options.output), error.description)
                return report.finished(log)
            }
        }
        let tree = ContentLoader(root: options.content, maxFileSize: options.maxFileSize).load(into: log)
        let templates = TemplateLibrary(directory: options.templates, log: log)
        let loaderDiagnostics = Set(log.diagnostics)
        guard let siteFile = tree.siteFile, let site = SiteConfigDecoder.decode(siteFile, log: log) else {
            return report.finished(log)
        }
        let settingsDiagnostics = log.diagnostics.filter { !loaderDiagnostics.contains($0) }

        report.lap("load")
        // Decode every file in parallel.
        let decoder = PageDecoder(site: site, today: options.today)
        let files = tree.pageFiles
        let decoded = files.concurrentMap { decoder.decode($0, log: log) }

        // Decide what is published; remember what exists but is left out.
        var excluded: [PageID: String] = [:]
        var failed: Set<PageID> = []
        var published: [Page] = []
        var publishedFiles: [PageID: SourceFile] = [:]
        var unpublished: [String] = []
        for (file, page) in zip(files, decoded) {
            guard let id = PageDecoder.pageID(forPath: file.relativePath) else { continue }
            if let page {
                if page.draft && !options.drafts {
                    excluded[id] = "a draft (published only with --drafts)"
                    unpublished.append(file.relativePath)
                } else {
                    published.append(page)
                    publishedFiles[page.id] = file
                }
            } else {
                failed.insert(id)
            }
        }
        checkUniqueOrder(published, log: log)
        report.lap("decode")

        let pages = published.concurrentMap { ParsedPage(page: $0) }
        report.lap("parse")
        let index = PageIndex(
            published: Set(published.map(\.id)),
            headingIDs: Dictionary(uniqueKeysWithValues: pages.map { ($0.id, $0.linkableIDs) }),
            excluded: excluded, assets: Set(tree.assets), failed: failed)
        let graphBuilder = SiteGraphBuilder(site: site, index: index, log: log)
        let sorted = pages.sorted { $0.id < $1.id }
        let resolved = graphBuilder.resolveAll(sorted)
        let pageDiagnostics = options.incremental ? log.diagnostics : []
        let graph = graphBuilder.assemble(sorted, resolved: resolved)
        for kind in PageKind.allCases { report.pageCounts[kind] = graph.pages(of: kind).count }
        report.lap("link")

        // Render and publish only a clean site; files go to the staging
        // folder as they are rendered.
        guard publish, !log.hasErrors, let templates, !(options.strict && log.diagnostics.warningCount > 0) else {
            if !options.freesMemory { ExitRelease.keep(tree, decoded, published, pages, index, sorted, resolved, graph) }
            return report.finished(log)
        }
        let staging: SitePublisher.Staging
        do { staging = try publisher.begin() } catch {
            log.error(at: SourceLocation(file: options.output), "\(error)")
            return report.finished(log)
        }
        // One after the other: each is parallel inside, and libdispatch runs a
        // nested concurrentPerform serially, so running both at once is slower.
        var renderer = SiteRenderer(graph: graph, templates: templates, today: options.today)
        if options.incremental {
            // Listing pages keep their rows for the next incremental build.
            renderer.rows = ListingRowRecorder()
            renderer.cards = Fingerprinter.cards(of: graph)
        }
        renderer.render(emit: staging.write)
        report.lap("render")
        SearchIndexBuilder(chunkBytes: options.searchChunkBytes).build(graph, emit: staging.write)
        report.lap("search")
        let assets = assetFiles(tree)
        DispatchQueue.concurrentPerform(iterations: assets.count) { staging.write(assets[$0]) }
        let cachePath = BuildSnapshot.path(cacheDirectory: options.cacheDirectory, output: options.output)
        let rowsPath = ListingRows.path(cachePath: cachePath)
        BuildSnapshot.remove(at: cachePath)
        ListingRows.remove(at: rowsPath)
        do {
            report.publishedBytes = try publisher.commit(staging)
            report.fileCount = staging.filesWritten
        } catch {
            log.error(at: SourceLocation(file: options.output), error.description)
        }
        report.lap("publish")
        if options.incremental && !log.hasErrors {
            let snapshot = BuildRecorder.snapshot(
                options: options, tree: tree, siteFile: siteFile, settingsDiagnostics: settingsDiagnostics,
                graph: graph, renderer: renderer, pages: sorted.map { ($0, publishedFiles[$0.id]!) },
                resolved: resolved, diagnostics: pageDiagnostics, unpublished: unpublished, excluded: excluded,
                buildStart: start)
            do { try snapshot.save(to: cachePath) } catch {
                log.warning(at: SourceLocation(file: cachePath), "the build cache cannot be written: \(error)",
                            hint: "the next incremental build will be a full one")
            }
            // Without it the next incremental build renders listing pages in full: no warning.
            try? renderer.rows?.rows(of: renderer.listingJobs().map(\.path)).save(to: rowsPath)
            report.lap("cache")
        }
        if !options.freesMemory { ExitRelease.keep(tree, decoded, published, pages, index, sorted, resolved, graph, renderer) }
        return report.finished(log)
    }


    /// `order` must be unique across guidance pages.
    private func checkUniqueOrder(_ pages: [Page], log: DiagnosticLog) {
        var seen: [Int: Page] = [:]
        for page in pages.sorted(by: { $0.id < $1.id }) {
            guard case .guidance(let g) = page.details else { continue }
            if let first = seen[g.order] {
                log.error(at: SourceLocation(file: page.file, line: 1, column: 1),
                          "order \(g.order) is also used by \(first.id)",
                          hint: "give each guidance page its own 'order' number")
            } else {
                seen[g.order] = page
            }
        }
    }

    /// The site's own CSS/JS (`templates/assets/` → `static/`) and the content's
    /// assets (`content/assets/` → `assets/`), copied as they are.
    private func assetFiles(_ tree: ContentTree) -> [OutputFile] {
        var files = tree.assets.map { OutputFile(path: $0, contents: .copy(from: options.content + "/" + $0)) }
        let themeRoot = options.templates + "/assets"
        if let enumerator = FileManager.default.enumerator(atPath: themeRoot) {
            for case let relative as String in enumerator {
                let name = (relative as NSString).lastPathComponent
                guard !name.hasPrefix("."), !name.hasPrefix("_") else { continue }
                var isDir: ObjCBool = false
                let full = themeRoot + "/" + relative
                if FileManager.default.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue {
                    files.append(OutputFile(path: "static/" + relative, contents: .copy(from: full)))
                }
            }
        }
        return files
    }
}
