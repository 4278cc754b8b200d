import Foundation

/// Makes the build cache from a full build's pipeline, for the next
/// `build --incremental`.
enum BuildRecorder {
    /// A stamp to remember for a file read during the build. A file modified
    /// in the same second as the build started could be edited again without
    /// its stamp changing (coarse clocks), so its size is recorded as -1: the
    /// next build reads it and compares content instead ("racy git").
    static func safeStamp(_ stamp: FileStamp, buildStart: Date) -> FileStamp {
        var stamp = stamp
        if Double(stamp.modified) >= buildStart.timeIntervalSince1970.rounded(.down) - 1 { stamp.size = -1 }
        return stamp
    }

    static func cachedPage(_ parsed: ParsedPage, path: String, file: SourceFile, stamp: FileStamp, buildStart: Date,
                           resolved: SiteGraphBuilder.Resolved, diagnostics: [Diagnostic],
                           fingerprints: PageFingerprints) -> CachedPage {
        var page = parsed.page
        page.body = ""
        return CachedPage(path: path, stamp: safeStamp(stamp, buildStart: buildStart), sourceHash: StableHasher.hash(file.bytes),
                          page: page, linkableIDs: parsed.linkableIDs.sorted(), resolved: resolved,
                          diagnostics: diagnostics, fingerprints: fingerprints)
    }

    /// The cache of a full build that succeeded.
    /// - Parameters:
    ///   - pages: published pages sorted by id, with their files and what resolving them found.
    ///   - diagnostics: everything reported before the graph was assembled.
    static func snapshot(options: BuildOptions, tree: ContentTree, siteFile: SourceFile, settingsDiagnostics: [Diagnostic],
                         graph: SiteGraph, renderer: SiteRenderer, pages: [(parsed: ParsedPage, file: SourceFile)],
                         resolved: [SiteGraphBuilder.Resolved], diagnostics: [Diagnostic], unpublished: [String],
                         excluded: [PageID: String], buildStart: Date) -> BuildSnapshot {
        var frontMatter: [PageID: UInt64] = [:]
        let hashes = pages.concurrentMap { Fingerprinter.frontMatterHash($0.parsed.page) }
        for (i, page) in pages.enumerated() { frontMatter[page.parsed.id] = hashes[i] }
        let fingerprinter = Fingerprinter(graph: graph, frontMatter: frontMatter, cards: renderer.cards)
        let byFile = Dictionary(grouping: diagnostics, by: \.location.file)
        let cached = pages.enumerated().map { i, entry in
            cachedPage(entry.parsed, path: entry.file.relativePath, file: entry.file,
                       stamp: FileStamp(path: options.content + "/" + entry.file.relativePath) ?? .missing, buildStart: buildStart,
                       resolved: resolved[i], diagnostics: byFile[entry.file.displayPath] ?? [],
                       fingerprints: fingerprinter.fingerprints(of: entry.parsed))
        }
        var listings: [String: UInt64] = [:]
        for job in renderer.listingJobs() { listings[job.path] = fingerprinter.listing(job.path) }
        var unpublishedStamps: [String: FileStamp] = [:]
        for path in unpublished { unpublishedStamps[path] = FileStamp(path: options.content + "/" + path) ?? .missing }
        let header = BuildSnapshot.Header(
            format: BuildSnapshot.format, output: SitePublisher.absolute(options.output),
            settings: BuildSettings.fingerprint(options: options, siteFile: siteFile, assets: tree.assets),
            unpublished: unpublishedStamps, excluded: excluded, settingsDiagnostics: settingsDiagnostics,
            listings: listings)
        return BuildSnapshot(header: header, pages: cached)
    }
}
