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
        let chunks = SearchIndexBuilder(chunkBytes: options.searchChunkBytes, language: plan.graph.site.language,
                                        strings: plan.templates.strings.strings(for: plan.graph.site.language))
            .build(plan.graph, termFilters: kept.map { kept in { kept.termFilters($0) } },
                   describe: kept.map { kept in { kept.searchChunkStart($0, $1) } }) { file in
            sink.write(file)
            kept?.searchFile(file, at: sink.location(of: file.path))
        }
        kept?.keepRebuiltChunks(chunks)
    }

    /// Writes the patch the planner started (`SearchPatchJob`), once worked
    /// out, on another thread while the pages render.
    func startPatch(sink: OutputSink, kept: KeptOutputs?) -> BackgroundResult<PatchResult>? {
        guard plan.search == .patch, let job = plan.searchPatch else { return nil }
        return BackgroundResult {
            switch job.value {
            case .success(let patch):
                for path in patch.removedRecords { sink.remove(path) }
                DispatchQueue.concurrentPerform(iterations: patch.files.count) { sink.overwrite(patch.files[$0], compare: true) }
                DispatchQueue.concurrentPerform(iterations: patch.changedChunks.count) { sink.overwrite(patch.changedChunks[$0], compare: false) }
                for path in patch.stale { sink.remove(path) }
                kept?.search(patch, sink: sink)
                return .patched(patch)
            case .failure(let error):
                return .failed("the search index the cache kept cannot be read (\(error))")
            }
        }
    }
}
