import DiligenceContent
import DiligenceGraph
import DiligencePublish
import DiligenceRender
import DiligenceSupport
import Foundation

/// The cache a build leaves for the next one: a record per page
/// (`BuildSnapshot`) and the index of the outputs it kept (`OutputCache`).
/// Both are written beside their places and renamed in once the output
/// they describe is complete.
struct BuildCache {
    var snapshot: BuildSnapshot

    init(plan: BuildPlan, values: DependencyValues, reads: SiteRenderer.Reads, options: BuildOptions) {
        let header = BuildSnapshot.Header(
            format: BuildSnapshot.format, output: SitePublisher.absolute(options.output), settings: plan.settings,
            unpublished: plan.unpublished, excluded: plan.excluded)
        snapshot = BuildSnapshot(header: header, pages: [])
        // What each rendered page read, in the order the plans come.
        var renderedReads = reads.pages.makeIterator()
        let pageReads = plan.pages.map { $0.render != nil ? renderedReads.next() : nil }
        snapshot.pages = plan.pages.indices.concurrentMap { i in Self.record(plan.pages[i], reads: pageReads[i], values: values) }
    }

    /// A page's record: the previous one while nothing in it changed.
    private static func record(_ plan: PagePlan, reads: [Dependency]?, values: DependencyValues) -> CachedRecord {
        let facts = values.facts(of: plan.id)
        if let previous = plan.previous, plan.change == .unchanged, !plan.hasBody, reads == nil,
           previous.page.fingerprints.facts == facts {
            return previous
        }
        var page = plan.parsed.page
        page.body = ""
        let fingerprints = PageFingerprints(
            frontMatter: plan.frontMatter, facts: facts,
            reads: reads ?? plan.previous?.page.fingerprints.reads ?? [],
            readsValue: reads.map { values.value(of: $0) } ?? plan.previous?.page.fingerprints.readsValue ?? 0)
        let cached = CachedPage(path: plan.path, stamp: plan.stamp ?? .missing, sourceHash: plan.sourceHash, page: page,
                                linkableIDs: plan.parsed.linkableIDs.sorted(), resolved: plan.resolved,
                                diagnostics: plan.diagnostics, fingerprints: fingerprints)
        return CachedRecord(page: cached, bytes: nil)
    }

    /// Writes the snapshot beside `cachePath`, for `commit`.
    func writeTemporary(cachePath: String, fileSystem: FileSystem) throws(PublishError) -> String {
        try fileSystem.makeDirectory((cachePath as NSString).deletingLastPathComponent)
        return try snapshot.writeTemporary(for: cachePath, fileSystem: fileSystem)
    }

    /// Puts the outputs' index and the snapshot in place, the snapshot last:
    /// without it the next build is a full one.
    static func commit(snapshot temporary: String, to cachePath: String, outputs: OutputCache,
                       fileSystem: FileSystem) throws(PublishError) {
        do {
            let index = try outputs.writeIndex(fileSystem: fileSystem)
            try fileSystem.rename(index, to: outputs.indexPath)
            try fileSystem.rename(temporary, to: cachePath)
        } catch {
            // Half a cache is no cache.
            for path in [temporary, outputs.indexPath + ".tmp", outputs.indexPath] { fileSystem.remove(path) }
            throw error
        }
    }
}
