import DiligenceContent
import DiligenceGraph
import DiligencePublish
import DiligenceRender
import DiligenceSupport
import Foundation

/// The cache a build leaves for the next one: a record per page
/// (`BuildSnapshot`) and the index of the outputs it kept (`OutputCache`),
/// written beside their places and renamed in once the output they
/// describe is complete. The records of the pages not rendered are written
/// while the others render (`begin`); those of the rendered pages, which
/// keep what rendering read, are appended after (`finish`).
struct BuildCache {
    let plan: BuildPlan
    let values: DependencyValues
    let path: String
    let fileSystem: FileSystem

    /// A cache file being written: open, with every record rendering cannot change.
    struct Begun: Sendable {
        let sink: FileSink
        let pageIDs: PageIDTable
        let temporary: String
    }

    /// The header this build's cache has.
    func header(options: BuildOptions) -> BuildSnapshot.Header {
        BuildSnapshot.Header(format: BuildSnapshot.format, output: SitePublisher.absolute(options.output), settings: plan.settings,
                             unpublished: plan.unpublished, excluded: plan.excluded)
    }

    /// Whether this build appends its new records to the file the last one
    /// left, instead of writing every record again (18 MB at 10,000 pages,
    /// a twelfth of a one-page edit's time): when no page went, the header
    /// is the same, and the file then holds records standing for nothing
    /// for at most an eighth of the pages (decoded for nothing by every
    /// build until the file is written afresh).
    func appends(options: BuildOptions) -> Bool {
        guard let previous = plan.previous?.snapshot, plan.sink == .inPlace, plan.removed.isEmpty,
              previous.header == header(options: options) else { return false }
        let fresh = plan.pages.count(where: { $0.render != nil || Self.keepsPrevious($0, values: values) == nil })
        return previous.recordsInFile - previous.pages.count + fresh <= previous.pages.count / 8
    }

    /// Writes the header and the records of the pages the plan does not
    /// render; with `appending` (`appends`), only those that changed, after
    /// the records of the last build's file, moved to the temporary name.
    func begin(options: BuildOptions, appending: Bool = false) throws(PublishError) -> Begun {
        try fileSystem.makeDirectory((path as NSString).deletingLastPathComponent)
        let pageIDs = pageIDs(appending: appending)
        let sink = try BuildSnapshot.begin(header(options: options), pageIDs: pageIDs, for: path, appending: appending, fileSystem: fileSystem)
        let kept = plan.pages.filter { $0.render == nil }
        var records = kept.concurrentMap { Self.record($0, reads: nil, values: values) }
        if appending { records.removeAll { $0.bytes != nil } }
        try BuildSnapshot.append(records, pageIDs: pageIDs, to: sink)
        return Begun(sink: sink, pageIDs: pageIDs, temporary: path + ".tmp")
    }

    /// The page ids the file names pages by: the last file's when appending
    /// to it, or extended when its records are kept as read (their numbers
    /// must name the same pages); else this build's pages.
    private func pageIDs(appending: Bool) -> PageIDTable {
        guard let previous = plan.previous?.snapshot.pageIDs else { return PageIDTable(plan.pages.map(\.id)) }
        return appending ? previous : previous.extended(with: plan.pages.map(\.id))
    }

    /// Appends the records of the rendered pages, with what each read, and closes the file.
    func finish(_ begun: Begun, reads: SiteRenderer.Reads) throws(PublishError) -> String {
        let rendered = plan.rendered
        let records = rendered.indices.concurrentMap { i in Self.record(rendered[i], reads: reads.pages[i], values: values) }
        try BuildSnapshot.append(records, pageIDs: begun.pageIDs, to: begun.sink)
        try begun.sink.close()
        return begun.temporary
    }

    /// The previous record of a page not rendered, while nothing in it changed.
    private static func keepsPrevious(_ plan: PagePlan, values: DependencyValues) -> CachedRecord? {
        guard let previous = plan.previous, plan.change == .unchanged, !plan.hasBody,
              previous.page.fingerprints.facts == values.facts(of: plan.id) else { return nil }
        return previous
    }

    /// A page's record: the previous one while nothing in it changed.
    private static func record(_ plan: PagePlan, reads: [Dependency]?, values: DependencyValues) -> CachedRecord {
        let facts = values.facts(of: plan.id)
        if reads == nil, let previous = keepsPrevious(plan, values: values) { return previous }
        var page = plan.parsed.complete()
        page.body = ""
        let fingerprints = PageFingerprints(
            frontMatter: plan.frontMatter, card: values.cards[plan.id] ?? 0, facts: facts,
            stored: reads.map { .made($0) } ?? plan.previous?.page.fingerprints.stored ?? .made([]),
            readsValue: reads.map { values.value(of: $0) } ?? plan.previous?.page.fingerprints.readsValue ?? 0)
        let cached = CachedPage(path: plan.path, stamp: plan.stamp ?? .missing, sourceHash: plan.sourceHash, page: page,
                                linkableIDs: plan.parsed.linkableIDs.sorted, resolved: plan.resolved,
                                diagnostics: plan.diagnostics, fingerprints: fingerprints)
        return CachedRecord(page: cached, bytes: nil)
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
