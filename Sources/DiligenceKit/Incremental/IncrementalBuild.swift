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
/// Pages added or removed take the same path (the pages after them in the
/// search index are renumbered; their records keep their names). Anything else — site.yml, a template or
/// asset, a draft, options, the date — needs a full build: `run` returns
/// `.fullBuild` with the reason, and the caller does one.
struct IncrementalBuild {
    var options: BuildOptions

    enum Outcome {
        case done(BuildReport)
        case fullBuild(reason: String)
    }

    func run() -> Outcome {
        let start = Date()
        var report = BuildReport(diagnostics: [], pageCounts: [:], publishedBytes: nil, seconds: 0)
        let cachePath = BuildSnapshot.path(cacheDirectory: options.cacheDirectory, output: options.output)
        // The search index's chunks are read on the other core from the
        // start (only reads, of the output folder): the stages before the
        // graph leave it mostly idle.
        let output = options.output
        let oldChunks = BackgroundResult { Result { try SearchIndexPatch.readChunks(output: output) } }
        let oldScreening = BackgroundResult {
            FileBytes.read(output + "/" + SiteRenderer.Paths.screeningData).flatMap(ScreeningFragments.init)
        }
        let rowsPath = ListingRows.path(cachePath: cachePath)
        let oldRows = BackgroundResult { ListingRows.load(from: rowsPath) }
        guard let snapshot = BuildSnapshot.load(from: cachePath) else { return .fullBuild(reason: "no build cache") }
        report.lap("read cache")
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
        // Which page files are new, gone, or kept. Drafts are not in the
        // graph; any change to them needs a full build.
        let current = Set(listing.pagePaths)
        let unpublished = Set(snapshot.header.unpublished.keys)
        guard unpublished.isSubset(of: current) else { return .fullBuild(reason: "an unpublished page (draft) was removed") }
        for (path, stamp) in snapshot.header.unpublished where FileStamp(path: options.content + "/" + path) != stamp {
            return .fullBuild(reason: "an unpublished page (draft) changed")
        }
        let cachedPaths = Set(snapshot.pages.map(\.path))
        let addedPaths = current.subtracting(cachedPaths).subtracting(unpublished)
        let removed = snapshot.pages.indices.filter { !current.contains(snapshot.pages[$0].path) }
        // The new page order (by id, as the graph and the search index number
        // pages): each slot is a kept page's old index, or an added file.
        var slots: [(id: PageID, old: Int?, path: String)] = snapshot.pages.indices
            .filter { current.contains(snapshot.pages[$0].path) }
            .map { (snapshot.pages[$0].page.id, $0, snapshot.pages[$0].path) }
        for path in addedPaths {
            guard let id = PageDecoder.pageID(forPath: path) else { return .fullBuild(reason: "\(path) is not a page file") }
            slots.append((id, nil, path))
        }
        slots.sort { $0.id < $1.id }
        let count = slots.count
        // A kept page's record in the cache, by its old index (read in place:
        // copying 10,000 cached pages costs more than everything else here).
        let oldIndex = slots.map(\.old)
        func cached(_ i: Int) -> CachedPage { snapshot.pages[oldIndex[i]!] }
        report.lap("load")

        // Which files changed: stamps first, then content. Added files are read.
        let content = options.content
        let stamps = slots.map(\.path).concurrentMap { FileStamp(path: content + "/" + $0) }
        guard !stamps.contains(nil) else { return .fullBuild(reason: "a page file disappeared") }
        let touched = (0..<count).filter { stamps[$0] != oldIndex[$0].map { snapshot.pages[$0].stamp } }
        let read = touched.map { slots[$0].path }.concurrentMap { loader.read($0, log: log) }
        var files: [Int: SourceFile] = [:]
        var changed: [Int] = []
        var restamped: [Int: FileStamp] = [:]
        for (i, file) in zip(touched, read) {
            let stamp = stamps[i]!
            guard let file else { return .fullBuild(reason: "a page file cannot be read") }
            files[i] = file
            if let j = oldIndex[i], StableHasher.hash(file.bytes) == snapshot.pages[j].sourceHash {
                restamped[i] = BuildRecorder.safeStamp(stamp, buildStart: start)
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
            guard let page = decoder.decode(files[i]!, log: pageLog) else { continue }
            if page.draft && !options.drafts { return .fullBuild(reason: "a page is a draft") }
            fresh[i] = ParsedPage(page: page)
        }
        report.lap("decode")
        // A page whose file has errors is left out, as in a full build.
        var failed: Set<PageID> = []
        for i in changed where fresh[i] == nil { failed.insert(slots[i].id) }
        let pages = (0..<count).concurrentMap { [fresh] i -> ParsedPage? in
            fresh[i] ?? oldIndex[i].map { ParsedPage(cached: snapshot.pages[$0].page, linkableIDs: Set(snapshot.pages[$0].linkableIDs)) }
        }.compactMap { $0 }
        let index = PageIndex(
            published: Set(pages.map(\.id)),
            headingIDs: Dictionary(uniqueKeysWithValues: pages.map { ($0.id, $0.linkableIDs) }),
            excluded: snapshot.header.excluded, assets: Set(listing.assets), failed: failed)
        var resolved = oldIndex.map { $0.map { snapshot.pages[$0].resolved } ?? SiteGraphBuilder.Resolved(targets: [], related: []) }
        func resolve(_ i: Int, _ parsed: ParsedPage, log: DiagnosticLog) {
            let builder = SiteGraphBuilder(site: site, index: index, log: log)
            resolved[i] = builder.resolve(parsed, resolver: LinkResolver(index: index, log: log))
        }
        for (i, parsed) in fresh { resolve(i, parsed, log: pageLogs[i]!) }
        // Pages linking to a removed page, or into a changed page whose
        // fragment ids changed: check their links again.
        var recheck = Set(removed.map { snapshot.pages[$0].page.id })
        for (i, parsed) in fresh where oldIndex[i].map({ Set(snapshot.pages[$0].linkableIDs) != parsed.linkableIDs }) ?? false {
            recheck.insert(parsed.id)
        }
        var hydrated: [Int: ParsedPage] = [:]
        if !recheck.isEmpty {
            for i in 0..<count where fresh[i] == nil && oldIndex[i] != nil && resolved[i].targets.contains(where: recheck.contains) {
                let pageLog = DiagnosticLog()
                guard let parsed = hydrate(cached(i), loader: loader, decoder: decoder, log: pageLog) else {
                    return .fullBuild(reason: "\(slots[i].path) changed while building")
                }
                resolve(i, parsed, log: pageLog)
                pageLogs[i] = pageLog
                hydrated[i] = parsed
            }
        }
        for i in 0..<count {
            log.add(contentsOf: pageLogs[i]?.diagnostics ?? oldIndex[i].map { snapshot.pages[$0].diagnostics } ?? [])
        }
        report.lap("link")
        if log.hasErrors || (options.strict && log.diagnostics.warningCount > 0) {
            return .done(report.finished(log))
        }

        // The search index's patch, worked out (nothing written) on another
        // thread while the graph is assembled and the pages are rendered.
        var tokenized: [Int: SearchIndexBuilder.Tokenized] = [:]
        for i in changed { if let parsed = fresh[i] { tokenized[i] = .init(SearchDocument(parsed, site: site)) } }
        var renumbered = [Int?](repeating: nil, count: snapshot.pages.count)
        for (i, slot) in slots.enumerated() { if let old = slot.old { renumbered[old] = i } }
        // Record names are hashes of page ids: kept pages keep theirs unless
        // an added page took the name first (a hash collision, rare).
        let oldNames = SearchRecordNames(snapshot.pages.map(\.page.id))
        let names = addedPaths.isEmpty && removed.isEmpty ? oldNames : SearchRecordNames(slots.map(\.id))  // same pages, same order
        for (i, slot) in slots.enumerated() where slot.old.map({ oldNames.names[$0] != names.names[i] }) ?? false {
            return .fullBuild(reason: "\(slot.path) must take another search record name (a new page's name collides with it)")
        }
        // facets.js numbers pages: it changes with the page order, or with a
        // changed page's facets.
        let facetsChanged = !removed.isEmpty || !addedPaths.isEmpty || changed.contains { i in
            fresh[i].map { SearchDocument.facets(of: $0.page) } != oldIndex[i].map { SearchDocument.facets(of: snapshot.pages[$0].page) }
        }
        let searchFiles = SearchIndexFiles(chunkBytes: options.searchChunkBytes, site: site)
        let untouched = changed.isEmpty && removed.isEmpty && addedPaths.isEmpty  // no page's postings or number changed
        let searchPlan = BackgroundResult { [tokenized, renumbered] in
            Result {
                if untouched { return SearchIndexPatch.Plan(removedRecords: [], files: [], changedChunks: [], stale: []) }
                let facets = facetsChanged ? pages.map { SearchDocument.facets(of: $0.page) } : nil
                return try SearchIndexPatch(output: output, files: searchFiles)
                    .plan(changed: tokenized, renumbered: renumbered, oldNames: oldNames, names: names, facets: facets,
                          old: oldChunks.value)
            }
        }

        // The graph, the fingerprints, and what they say must be rendered.
        let graph = SiteGraphBuilder(site: site, index: index, log: log).assemble(pages, resolved: resolved)
        for kind in PageKind.allCases { report.pageCounts[kind] = graph.pages(of: kind).count }
        report.lap("graph")
        if options.strict && log.diagnostics.warningCount > 0 {  // orphan warnings come from the graph
            return .done(report.finished(log))
        }

        // From here on the output is written. The cache is removed first: if
        // this is interrupted, the next build is a full one. The search
        // index's patch is written, once worked out, while the pages are
        // rendered.
        BuildSnapshot.remove(at: cachePath)
        let writer = InPlaceWriter(root: options.output)
        let searchUpdate = BackgroundResult {
            Result { try SearchIndexPatch(output: output, files: searchFiles).apply(try searchPlan.value.get(), writer: writer) }
        }
        var frontMatter: [PageID: UInt64] = [:]
        for i in 0..<count {
            frontMatter[slots[i].id] = fresh[i].map { Fingerprinter.frontMatterHash($0.page) } ?? snapshot.pages[oldIndex[i]!].fingerprints.frontMatter
        }
        let fingerprinter = Fingerprinter(graph: graph, frontMatter: frontMatter)
        report.lap("fingerprints")
        let prints = pages.concurrentMap { fingerprinter.fingerprints(of: $0) }
        var dirty: [Int] = []
        for i in 0..<count where fresh[i] != nil || prints[i].neighbourhood != snapshot.pages[oldIndex[i]!].fingerprints.neighbourhood {
            dirty.append(i)
        }
        report.lap("neighbourhoods")
        var renderer = SiteRenderer(graph: graph, templates: templates, today: options.today)
        // Listing pages copy their unchanged items from the pages as written.
        renderer.rows = ListingRowRecorder(previous: oldRows.value ?? ListingRows(), output: output)
        renderer.cards = fingerprinter.cards
        var listingPrints: [String: UInt64] = [:]
        let jobs = renderer.listingJobs()
        let jobPrints = jobs.map(\.path).concurrentMap { fingerprinter.listing($0) }
        var listings: [SiteRenderer.ListingJob] = []
        for (job, print) in zip(jobs, jobPrints) {
            listingPrints[job.path] = print
            if snapshot.header.listings[job.path] != print { listings.append(job) }
        }
        // The screening data lists every product and country: those whose
        // facts did not change keep their objects from the file as it is,
        // unless a guidance step changed (steps are named in every object).
        let guidanceTouched = changed.contains { slots[$0].id.kind == .guidance }
            || removed.contains { snapshot.pages[$0].page.id.kind == .guidance }
            || slots.contains { $0.old == nil && $0.id.kind == .guidance }
        if !guidanceTouched, let k = listings.firstIndex(where: { $0.path == SiteRenderer.Paths.screeningData }) {
            var unchanged: [PageID] = []
            for i in 0..<count where fresh[i] == nil && (slots[i].id.kind == .product || slots[i].id.kind == .country) {
                if let j = oldIndex[i], prints[i].facts == snapshot.pages[j].fingerprints.facts { unchanged.append(slots[i].id) }
            }
            listings[k] = .init(path: SiteRenderer.Paths.screeningData) { [renderer, unchanged] in
                var kept: [PageID: ArraySlice<UInt8>] = [:]
                if let fragments = oldScreening.value {
                    for id in unchanged { kept[id] = id.kind == .product ? fragments.products[id] : fragments.countries[id] }
                }
                return OutputFile(path: SiteRenderer.Paths.screeningData, contents: .bytes(ScreeningData(renderer: renderer, keeping: kept).script()))
            }
        }
        for i in dirty where fresh[i] == nil && hydrated[i] == nil {
            guard let parsed = hydrate(cached(i), loader: loader, decoder: decoder, log: DiagnosticLog()) else {
                _ = searchUpdate.value  // the full build replaces this folder: nothing may still be writing in it
                return .fullBuild(reason: "\(slots[i].path) changed while building")
            }
            resolve(i, parsed, log: DiagnosticLog())
            hydrated[i] = parsed
        }
        let toRender = dirty.map { fresh[$0] ?? hydrated[$0]! }
        report.lap("plan")

        // The new cache, in the new order (unchanged records are kept as
        // read), written to a temporary file while the output is written,
        // and put in place after it.
        var cache = BuildSnapshot(header: snapshot.header, pages: [])
        for i in 0..<count {
            if let parsed = fresh[i] {
                cache.pages.append(BuildRecorder.cachedPage(
                    parsed, path: slots[i].path, file: files[i]!, stamp: stamps[i]!, buildStart: start,
                    resolved: resolved[i], diagnostics: pageLogs[i]!.diagnostics, fingerprints: prints[i]))
                cache.records.append(nil)
                continue
            }
            var kept = cached(i)
            var record = snapshot.records[slots[i].old!]
            if let stamp = restamped[i] { kept.stamp = stamp; record = nil }
            if prints[i] != kept.fingerprints { kept.fingerprints = prints[i]; record = nil }
            if let pageLog = pageLogs[i] { kept.diagnostics = pageLog.diagnostics; record = nil }
            cache.pages.append(kept)
            cache.records.append(record)
        }
        cache.header.listings = listingPrints
        let cacheFile = BackgroundResult { [cache] in Result { try cache.writeTemporary(for: cachePath) } }

        // Write.
        renderer.render(pages: toRender, listings: listings) { writer.write($0) }
        for i in removed { writer.remove(snapshot.pages[i].page.id.outputPath) }
        report.lap("render")
        do {
            try searchUpdate.value.get()
        } catch {
            // The full build writes the cache file again: this one must be done first.
            if let temporary = try? cacheFile.value.get() { unlink(temporary) }
            return .fullBuild(reason: "the search index in the output folder cannot be read (\(error))")
        }
        report.lap("search")
        if let error = writer.firstError {
            if let temporary = try? cacheFile.value.get() { unlink(temporary) }
            log.error(at: SourceLocation(file: options.output), error.description)
            return .done(report.finished(log))
        }

        if let temporary = try? cacheFile.value.get() { try? BuildSnapshot.commit(temporary, to: cachePath) }
        try? renderer.rows?.rows(of: jobs.map(\.path)).save(to: rowsPath)
        report.publishedBytes = writer.bytesWritten
        report.fileCount = writer.writtenPaths.count
        report.changedPages = changed.count + removed.count
        report.listingItems = renderer.rows?.itemCounts
        report.lap("cache")
        if !options.freesMemory { ExitRelease.keep(snapshot, slots, files, pages, index, resolved, graph, fingerprinter, renderer, cache) }
        return .done(report.finished(log))
    }

    /// Reads, decodes and parses an unchanged page again, for rendering.
    private func hydrate(_ cached: CachedPage, loader: ContentLoader, decoder: PageDecoder, log: DiagnosticLog) -> ParsedPage? {
        guard let file = loader.read(cached.path, log: log), StableHasher.hash(file.bytes) == cached.sourceHash,
              let page = decoder.decode(file, log: log) else { return nil }
        return ParsedPage(page: page)
    }

}
