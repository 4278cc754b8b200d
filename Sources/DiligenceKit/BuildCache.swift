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

/// The cache a build leaves for the next one: a record per page
/// (`BuildSnapshot`) and the outputs it starts from (`OutputCache`). Both
/// are written beside the cache folder's current files and put in place
/// together once the output they describe is complete.
struct BuildCache {
    var snapshot: BuildSnapshot
    var outputs: OutputCache

    init(plan: BuildPlan, reads: SiteRenderer.Reads, kept: KeptOutputs, options: BuildOptions) {
        let header = BuildSnapshot.Header(
            format: BuildSnapshot.format, output: SitePublisher.absolute(options.output), settings: plan.settings,
            unpublished: plan.unpublished, excluded: plan.excluded)
        snapshot = BuildSnapshot(header: header, pages: [])
        let values = plan.values
        // What each rendered page read, in the order the plans come.
        var renderedReads = reads.pages.makeIterator()
        let pageReads = plan.pages.map { $0.render != nil ? renderedReads.next() : nil }
        let records = plan.pages.indices.concurrentMap { i -> (CachedPage, ArraySlice<UInt8>?) in
            Self.record(plan.pages[i], reads: pageReads[i], values: values)
        }
        for (page, bytes) in records {
            snapshot.pages.append(page)
            snapshot.records.append(bytes)
        }
        outputs = kept.outputs(reads: reads.listings, values: values)
    }

    /// A page's record, and the previous record's bytes while nothing in it changed.
    private static func record(_ plan: PagePlan, reads: [Dependency]?, values: DependencyValues) -> (CachedPage, ArraySlice<UInt8>?) {
        let facts = values.facts(of: plan.id)
        if let previous = plan.previous, plan.change == .unchanged, !plan.hasBody, reads == nil,
           previous.fingerprints.facts == facts {
            return (previous, plan.previousRecord)
        }
        var page = plan.parsed.page
        page.body = ""
        let fingerprints = PageFingerprints(
            frontMatter: plan.frontMatter, facts: facts,
            reads: reads ?? plan.previous?.fingerprints.reads ?? [],
            readsValue: reads.map { values.value(of: $0) } ?? plan.previous?.fingerprints.readsValue ?? 0)
        let cached = CachedPage(path: plan.path, stamp: plan.stamp ?? .missing, sourceHash: plan.sourceHash, page: page,
                                linkableIDs: plan.parsed.linkableIDs.sorted(), resolved: plan.resolved,
                                diagnostics: plan.diagnostics, fingerprints: fingerprints)
        return (cached, nil)
    }

    /// Writes both files beside their places, then renames them in.
    func save(cachePath: String, outputsPath: String, fileSystem: FileSystem) throws(PublishError) {
        try fileSystem.makeDirectory((cachePath as NSString).deletingLastPathComponent)
        let snapshotFile = try snapshot.writeTemporary(for: cachePath, fileSystem: fileSystem)
        let outputsFile = try outputs.writeTemporary(for: outputsPath, fileSystem: fileSystem)
        try fileSystem.rename(outputsFile, to: outputsPath)
        try fileSystem.rename(snapshotFile, to: cachePath)
    }
}
