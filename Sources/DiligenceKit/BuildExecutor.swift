import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligencePublish
import DiligenceRender
import DiligenceSearch
import DiligenceSupport
import DiligenceTemplate
import Foundation

/// Carries out any `BuildPlan`: renders the pages and listings it marks,
/// updates the search index as it says, writes everything to its sink, and
/// keeps the cache for the next build when the options ask for one.
struct BuildExecutor {
    var options: BuildOptions
    /// Every file write goes through it: tests make writes fail here.
    var fileSystem: FileSystem = .real

    /// How a run ended.
    enum Ending {
        case done
        /// Written into a shared staging folder (one language of several):
        /// once the caller has swapped it in, `keepCache` saves the cache.
        case written(keepCache: () -> Void)
        /// The index the cache kept could not be patched: the caller plans
        /// again from nothing (pages may already have been written in place).
        case fullBuildNeeded(reason: String)
    }

    /// - Parameter shared: the staging folder of a multilingual build, with
    ///   this language's folder as its prefix; it is not swapped in here.
    func run(_ plan: BuildPlan, report: inout BuildReport, log: DiagnosticLog, shared: OutputSink? = nil) -> Ending {
        if plan.isIdle, shared == nil {
            report.publishedBytes = 0
            return .done
        }
        let cachePath = BuildSnapshot.path(cacheDirectory: options.cacheDirectory, output: options.output)
        let outputsFolder = OutputCache.folder(cachePath: cachePath)
        let sink: OutputSink
        if let shared { sink = shared } else {
            do { sink = try OutputSink(plan.sink, output: options.output, protected: [options.content, options.templatesFolder], fileSystem: fileSystem) } catch {
                log.error(at: SourceLocation(file: options.output), error.description)
                return .done
            }
        }
        // A build that keeps a cache has the values of what outputs read.
        let values = options.incremental ? plan.values : nil
        let cache = values.map { BuildCache(plan: plan, values: $0, path: cachePath, fileSystem: fileSystem) }
        // From here on the output changes: if this is interrupted, the next
        // build is a full one. A cache this build appends to is moved to the
        // temporary name it is written under, not removed.
        var appending = false
        if let cache, cache.appends(options: options) {
            do throws(PublishError) {
                try fileSystem.rename(cachePath, to: cachePath + ".tmp")
                appending = true
            } catch {
                fileSystem.remove(cachePath)
            }
        } else {
            fileSystem.remove(cachePath)
        }
        fileSystem.remove(outputsFolder + "/index")
        let kept = values.map { KeptOutputs(plan, values: $0, folder: outputsFolder, fileSystem: fileSystem) }
        let search = SearchStep(plan: plan, options: options)
        let patch = search.startPatch(sink: sink, kept: kept)
        // The records rendering cannot change are written while the pages
        // render, the others (with what each read) while the index is written.
        let begun = cache.map { cache in
            BackgroundResult { [options, appending] in Result { () throws(PublishError) in try cache.begin(options: options, appending: appending) } }
        }
        let reads = render(plan, sink: sink, kept: kept, report: &report)
        let snapshot = cache.flatMap { cache in
            begun.map { begun in BackgroundResult { Result { () throws(PublishError) in try cache.finish(try begun.value.get(), reads: reads) } } }
        }
        if plan.search == .rebuild { search.rebuild(sink: sink, kept: kept) }
        switch patch?.value {
        case .failed(let reason)?:
            discard(snapshot, cachePath: cachePath)
            if shared == nil { sink.abandon() }
            return .fullBuildNeeded(reason: reason)
        case .patched(let patch)?: report.searchChunksRead = (patch.chunksRead, patch.chunksKept)
        case nil: break
        }
        report.lap("search")
        let runaways = plan.templates.runaways.all
        if !runaways.isEmpty {
            // A template that went on including itself: its pages are cut
            // short, so nothing is published.
            for (template, chain) in runaways {
                log.error(at: SourceLocation(file: template + ".mustache"),
                          "partials nested deeper than \(TemplateRenderer.maximumDepth) levels while rendering '\(template)': \(chain.suffix(4).joined(separator: " → ")) …",
                          hint: "the section around the recursive {{> \(chain.last ?? "")}} never runs out; open it on the nested items (e.g. {{#children}}), which end")
            }
            discard(snapshot, cachePath: cachePath)
            if shared == nil { sink.abandon() }
            return .done
        }
        if plan.sink == .staging { copyAssets(plan, sink: sink) }
        for page in plan.removed { sink.remove(page.page.id.outputPath) }
        if shared != nil {
            return .written { [self] in keepCache(kept, snapshot, cachePath: cachePath, reads: reads, log: log) }
        }
        do {
            let (bytes, files) = try sink.commit()
            report.publishedBytes = bytes
            report.fileCount = files
        } catch {
            discard(snapshot, cachePath: cachePath)
            log.error(at: SourceLocation(file: options.output), error.description)
            return .done
        }
        report.lap("publish")
        if kept != nil, snapshot != nil {
            keepCache(kept, snapshot, cachePath: cachePath, reads: reads, log: log)
            report.lap("cache")
        }
        return .done
    }

    /// Saves the cache for the next build, once the output holds what it describes.
    private func keepCache(_ kept: KeptOutputs?, _ snapshot: BackgroundResult<Result<String, PublishError>>?, cachePath: String,
                           reads: SiteRenderer.Reads, log: DiagnosticLog) {
        guard let kept, let snapshot else { return }
        do throws(PublishError) {
            if let error = kept.firstError { throw error }
            let temporary = try snapshot.value.get()
            try BuildCache.commit(snapshot: temporary, to: cachePath, outputs: kept.index(reads: reads.listings),
                                  fileSystem: fileSystem)
        } catch {
            discard(snapshot, cachePath: cachePath)
            log.warning(at: SourceLocation(file: cachePath), "the build cache cannot be written: \(error)",
                        hint: "the next incremental build will be a full one")
        }
    }

    /// Waits for a cache file being written, and removes it.
    private func discard(_ snapshot: BackgroundResult<Result<String, PublishError>>?, cachePath: String) {
        _ = snapshot?.value
        fileSystem.remove(cachePath + ".tmp")
    }

    /// Renders the marked pages and listings into the sink; returns what each read.
    private func render(_ plan: BuildPlan, sink: OutputSink, kept: KeptOutputs?, report: inout BuildReport) -> SiteRenderer.Reads {
        let previous = plan.previous?.outputs.value
        var renderer = SiteRenderer(graph: plan.graph, templates: plan.templates, today: options.today, history: plan.history,
                                    titleOrder: previous?.titleOrder)
        if kept != nil {
            // Listing pages keep their rows, and copy unchanged ones from the last build's.
            renderer.rows = ListingRowRecorder(previous: previous?.listings ?? [:]) { previous?.listingFile($0) }
            renderer.cards = plan.values?.cards
        }
        let marked = Set(plan.listings.filter(\.render).map(\.path))
        var jobs = renderer.listingJobs().filter { marked.contains($0.path) }
        // The screening data and the data export's big files: unchanged
        // products' and countries' pieces copied from the files the last
        // build wrote (`KeptPieces`), found by the rows the cache kept.
        if let previous, !plan.screeningKept.isEmpty {
            let keptIDs = plan.screeningKept
            // The matrix's own file is not rendered again: it reads what the
            // matrix shows, and none of it changed.
            let matrixUnchanged = plan.listings.contains { $0.path == SiteRenderer.Paths.matrixCSV && !$0.render }
            let formats: [String: KeptPieces.Format] = [SiteRenderer.Paths.screeningData: .objects,
                                                        SiteRenderer.Paths.dataJSON: .objectsWithIDFirst,
                                                        SiteRenderer.Paths.productsCSV: .csvRows]
            for k in jobs.indices {
                let path = jobs[k].path
                guard let format = formats[path], let record = previous.listings[path] else { continue }
                let fresh = jobs[k].render
                let source = previous.listingPath(path)
                jobs[k] = .init(path: path) { renderer in
                    guard let kept = KeptPieces(ids: keptIDs, rows: record.rows, size: record.size, path: source, format: format,
                                                matrixUnchanged: matrixUnchanged) else {
                        return fresh(renderer)
                    }
                    switch format {
                    case .objects: return renderer.renderScreeningData(keeping: kept)
                    case .objectsWithIDFirst: return renderer.renderDataJSON(keeping: kept)
                    case .csvRows: return renderer.renderProductsCSV(keeping: kept)
                    }
                }
            }
        }
        if previous != nil {
            // An incremental build starts the data files first: after every
            // listing page, as `listingJobs` orders them, they were the tail
            // of its rendering (alternating at 10,000 pages: a title 0.0955 →
            // 0.0935 s, a new page 0.133 → 0.126 s). A full build keeps the
            // order it was measured with: there they overlap 10,000 content
            // pages, and moving them first made no difference (2.71–2.76 s).
            let first = SiteRenderer.dataFiles
            jobs = first.compactMap { path in jobs.first { $0.path == path } } + jobs.filter { !first.contains($0.path) }
        }
        let listingPaths = Set(jobs.map(\.path))
        // While the search patch is worked out, it keeps a core of its own:
        // it is the longest chain of work after a new page.
        let patch = plan.search == .patch ? plan.searchPatch : nil
        let gate = patch.map { job in { @Sendable in _ = job.value } }
        let reads = renderer.render(pages: plan.rendered.map(\.parsed), listings: jobs, recording: kept != nil,
                                    holdingOneCoreUntil: gate) { file in
            sink.write(file)
            if listingPaths.contains(file.path) { kept?.listing(file, at: sink.location(of: file.path)) }
        }
        report.lap("render")
        report.listingItems = plan.previous == nil ? nil : renderer.rows?.itemCounts
        kept?.rows(from: renderer.rows, paths: listingPaths)
        kept?.titleOrder(renderer.reads.keptTitleOrder)
        return reads
    }

    /// The theme's CSS/JS (built-in, or the site's own `templates/assets/`
    /// → `static/`) and the content's assets (`content/assets/` → `assets/`).
    private func copyAssets(_ plan: BuildPlan, sink: OutputSink) {
        var files = plan.assets.map { OutputFile(path: $0, contents: .copy(from: options.content + "/" + $0)) }
        files += plan.theme.assets(strings: plan.templates.strings.strings(for: plan.site.language))
        if let css = plan.site.branding.stylesheet { files.append(OutputFile(path: "static/brand.css", text: css)) }
        let all = files
        DispatchQueue.concurrentPerform(iterations: all.count) { sink.write(all[$0]) }
    }
}
