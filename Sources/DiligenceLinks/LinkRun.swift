import DiligenceContent
import DiligenceDiagnostics
import Foundation

/// One `diligence links` run: collect the URLs, take what the cache still
/// vouches for, check the rest, and update the cache.
package struct LinkRun: Sendable {
    package var content: String
    /// The cache file; nil neither reads nor writes one (`--no-cache`).
    package var cachePath: String?
    /// How long an OK result is trusted, in seconds.
    package var maxAge: TimeInterval
    package var checker: LinkChecker.Options

    package init(content: String, cachePath: String?, maxAge: TimeInterval, checker: LinkChecker.Options) {
        self.content = content
        self.cachePath = cachePath
        self.maxAge = maxAge
        self.checker = checker
    }

    /// The URLs and their places, or nil (with the problem in `log`) when the
    /// content folder cannot be read.
    package func collect(log: DiagnosticLog) -> [LinkOccurrence]? {
        let tree = ContentLoader(root: content).load(into: log)
        guard tree.siteFile != nil || !tree.pageFiles.isEmpty else { return nil }
        return LinkCollector.collect(tree)
    }

    /// Checks the distinct URLs of `occurrences`; `willRequest` is told how
    /// many will go over the network and how many the cache answers.
    package func check(_ occurrences: [LinkOccurrence], now: Date = Date(),
                       willRequest: (_ requests: Int, _ cached: Int) -> Void = { _, _ in }) async -> LinkReport {
        var seen = Set<String>()
        let urls = occurrences.map(\.url).filter { seen.insert($0).inserted }
        let cache = cachePath.map(LinkCache.init(path:))
        var results: [LinkResult] = []
        var toCheck: [String] = []
        for url in urls {
            if let hit = cache?.fresh(url, now: now, maxAge: maxAge) { results.append(hit) } else { toCheck.append(url) }
        }
        willRequest(toCheck.count, results.count)
        if !toCheck.isEmpty {
            results += await LinkChecker(options: checker).check(toCheck, now: now)
        }
        let report = LinkReport(occurrences: occurrences, results: results)
        if var cache, !report.looksOffline {
            cache.record(results, now: now, maxAge: maxAge)
            try? cache.save()
        }
        return report
    }
}
