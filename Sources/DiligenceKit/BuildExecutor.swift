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
        /// The index the cache kept could not be patched: the caller plans
        /// again from nothing (pages may already have been written in place).
        case fullBuildNeeded(reason: String)
    }

    func run(_ plan: BuildPlan, report: inout BuildReport, log: DiagnosticLog) -> Ending {
        let cachePath = BuildSnapshot.path(cacheDirectory: options.cacheDirectory, output: options.output)
        let outputsPath = OutputCache.path(cachePath: cachePath)
        let sink: OutputSink
        do { sink = try OutputSink(plan.sink, output: options.output, protected: [options.content, options.templates], fileSystem: fileSystem) } catch {
            log.error(at: SourceLocation(file: options.output), error.description)
            return .done
        }
        // From here on the output changes: if this is interrupted, the next build is a full one.
        fileSystem.remove(cachePath)
        fileSystem.remove(outputsPath)
        let kept = options.incremental ? KeptOutputs(plan) : nil
        let previousOutputs = plan.previous?.outputs.value
        let search = SearchStep(plan: plan, options: options, previous: previousOutputs)
        let patch = search.startPatch(sink: sink)
        let reads = render(plan, sink: sink, kept: kept, previous: previousOutputs, report: &report)
        if plan.search == .rebuild { search.rebuild(sink: sink, kept: kept) }
        if case .failed(let reason) = patch?.value {
            sink.abandon()
            return .fullBuildNeeded(reason: reason)
        }
        if case .patched(let result) = patch?.value { kept?.search(chunks: result.chunks, indexFiles: result.indexFiles) }
        report.lap("search")
        if plan.sink == .staging { copyAssets(plan, sink: sink) }
        for page in plan.removed { sink.remove(page.page.id.outputPath) }
        do {
            let (bytes, files) = try sink.commit()
            report.publishedBytes = bytes
            report.fileCount = files
        } catch {
            log.error(at: SourceLocation(file: options.output), error.description)
            return .done
        }
        report.lap("publish")
        if let kept {
            let cache = BuildCache(plan: plan, reads: reads, kept: kept, options: options)
            do { try cache.save(cachePath: cachePath, outputsPath: outputsPath, fileSystem: fileSystem) } catch {
                log.warning(at: SourceLocation(file: cachePath), "the build cache cannot be written: \(error)",
                            hint: "the next incremental build will be a full one")
            }
            report.lap("cache")
        }
        return .done
    }

    /// Renders the marked pages and listings into the sink; returns what each read.
    private func render(_ plan: BuildPlan, sink: OutputSink, kept: KeptOutputs?, previous: OutputCache?,
                        report: inout BuildReport) -> SiteRenderer.Reads {
        var renderer = SiteRenderer(graph: plan.graph, templates: plan.templates, today: options.today)
        if kept != nil {
            // Listing pages keep their rows, and copy unchanged ones from the last build's.
            renderer.rows = ListingRowRecorder(previous: previous?.listings ?? [:])
            renderer.cards = plan.values.cards
        }
        let marked = Set(plan.listings.filter(\.render).map(\.path))
        var jobs = renderer.listingJobs().filter { marked.contains($0.path) }
        if !plan.screeningKept.isEmpty, let k = jobs.firstIndex(where: { $0.path == SiteRenderer.Paths.screeningData }),
           let bytes = previous?.listings[SiteRenderer.Paths.screeningData]?.bytes, let fragments = ScreeningFragments(Array(bytes)) {
            var objects: [PageID: ArraySlice<UInt8>] = [:]
            for id in plan.screeningKept { objects[id] = id.kind == .product ? fragments.products[id] : fragments.countries[id] }
            jobs[k] = .init(path: SiteRenderer.Paths.screeningData) { [objects] in $0.renderScreeningData(keeping: objects) }
        }
        let listingPaths = Set(jobs.map(\.path))
        let reads = renderer.render(pages: plan.rendered.map(\.parsed), listings: jobs, recording: kept != nil) { file in
            if listingPaths.contains(file.path) { kept?.listing(file) }
            sink.write(file)
        }
        report.lap("render")
        report.listingItems = plan.previous == nil ? nil : renderer.rows?.itemCounts
        kept?.rows(from: renderer.rows, paths: listingPaths)
        return reads
    }

    /// The site's own CSS/JS (`templates/assets/` → `static/`) and the content's
    /// assets (`content/assets/` → `assets/`), copied as they are.
    private func copyAssets(_ plan: BuildPlan, sink: OutputSink) {
        var files = plan.assets.map { OutputFile(path: $0, contents: .copy(from: options.content + "/" + $0)) }
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
        let all = files
        DispatchQueue.concurrentPerform(iterations: all.count) { sink.write(all[$0]) }
    }
}
