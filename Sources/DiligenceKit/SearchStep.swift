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

/// The executor's search-index work (`BuildPlan.SearchUpdate`): the whole
/// index built after the pages, or the changed pages' postings patched into
/// the index the cache kept, worked out on another core while the pages
/// render.
struct SearchStep {
    var plan: BuildPlan
    var options: BuildOptions

    enum PatchResult: Sendable {
        case patched(SearchIndexPatch.Plan)
        case failed(String)
    }

    /// Builds the whole index into the sink.
    func rebuild(sink: OutputSink, kept: KeptOutputs?) {
        SearchIndexBuilder(chunkBytes: options.searchChunkBytes).build(plan.graph) { file in
            kept?.searchFile(file)
            sink.write(file)
        }
    }

    /// Starts the patch when the plan asks for one: worked out, then written.
    func startPatch(sink: OutputSink) -> BackgroundResult<PatchResult>? {
        guard plan.search == .patch, let snapshot = plan.previous?.snapshot else { return nil }
        let plan = self.plan
        let files = SearchIndexFiles(chunkBytes: options.searchChunkBytes, site: plan.site)
        return BackgroundResult {
            do {
                let patch = try Self.patch(plan, snapshot: snapshot, files: files)
                for path in patch.removedRecords { sink.remove(path) }
                DispatchQueue.concurrentPerform(iterations: patch.files.count) { sink.overwrite(patch.files[$0], compare: true) }
                DispatchQueue.concurrentPerform(iterations: patch.changedChunks.count) { sink.overwrite(patch.changedChunks[$0], compare: false) }
                for path in patch.stale { sink.remove(path) }
                return .patched(patch)
            } catch {
                return .failed("the search index the cache kept cannot be read (\(error))")
            }
        }
    }

    /// The patch: changed pages tokenised, kept pages renumbered.
    private static func patch(_ plan: BuildPlan, snapshot: BuildSnapshot, files: SearchIndexFiles) throws -> SearchIndexPatch.Plan {
        var tokenized: [Int: SearchIndexBuilder.Tokenized] = [:]
        var number: [PageID: Int] = [:]
        var facetsChanged = !plan.removed.isEmpty
        for (i, page) in plan.pages.enumerated() {
            number[page.id] = i
            guard page.change == .added || page.change == .edited else { continue }
            tokenized[i] = .init(SearchDocument(page.parsed, site: plan.site))
            facetsChanged = facetsChanged || page.previous.map { SearchDocument.facets(of: $0.page) } != SearchDocument.facets(of: page.parsed.page)
        }
        let renumbered = snapshot.pages.map { number[$0.page.id] }
        let oldNames = SearchRecordNames(snapshot.pages.map(\.page.id))
        let samePages = plan.removed.isEmpty && !plan.pages.contains { $0.change == .added }
        let names = samePages ? oldNames : SearchRecordNames(plan.pages.map(\.id))
        let facets = facetsChanged ? plan.pages.map { SearchDocument.facets(of: $0.parsed.page) } : nil
        let old = plan.previous?.searchChunks.value ?? .failure(SearchIndexPatch.Failure.unreadable("no previous index"))
        return try SearchIndexPatch(files: files).plan(
            changed: tokenized, renumbered: renumbered, oldNames: oldNames, names: names, facets: facets, old: old,
            oldIndexFiles: plan.previous?.outputs.value?.searchIndexFiles ?? [])
    }
}
