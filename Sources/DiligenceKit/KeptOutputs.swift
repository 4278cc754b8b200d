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

/// The outputs a build keeps for the next one (`OutputCache`), gathered
/// while they are written, from many threads: the listing pages' bytes and
/// rows, and the search index's chunks. Starts as the previous build's, so
/// what this build does not write is kept as it was.
final class KeptOutputs: @unchecked Sendable {
    private let lock = NSLock()
    private var cache: OutputCache
    private var listingBytes: [String: [UInt8]] = [:]
    private var listingRows: [String: [TemplateRow]] = [:]
    private var chunks: [Int: [UInt8]] = [:]
    private var indexFiles: [String] = []

    init(_ plan: BuildPlan) {
        cache = plan.previous?.outputs.value ?? OutputCache()
        cache.guidanceFacts = OutputDecider.guidanceFacts(plan.values)
    }

    /// A listing page as written.
    func listing(_ file: OutputFile) {
        guard case .bytes(let bytes) = file.contents else { return }
        lock.withLock { listingBytes[file.path] = bytes }
    }

    /// The rows the listing pages at `paths` were rendered with.
    func rows(from recorder: ListingRowRecorder?, paths: Set<String>) {
        guard let recorder else { return }
        lock.withLock { for path in paths { listingRows[path] = recorder.rows(of: path) } }
    }

    /// A file of a search index built in full.
    func searchFile(_ file: OutputFile) {
        let path = file.path
        guard path.hasPrefix("search/"), !path.dropFirst("search/".count).contains("/") else { return }
        lock.withLock {
            if path.hasPrefix("search/i-"), let number = Int(path.dropFirst("search/i-".count).dropLast(".js".count)),
               case .bytes(let bytes) = file.contents {
                chunks[number] = bytes
            }
            indexFiles.append(path)
        }
    }

    /// The index as a patch left it.
    func search(chunks: [ArraySlice<UInt8>], indexFiles: [String]) {
        lock.withLock {
            cache.searchChunks = chunks
            cache.searchIndexFiles = indexFiles
        }
    }

    /// The outputs to keep, with what each listing rendered now read.
    func outputs(reads: [String: [Dependency]], values: DependencyValues) -> OutputCache {
        lock.withLock {
            var cache = self.cache
            for (path, bytes) in listingBytes {
                let read = reads[path] ?? []
                cache.listings[path] = ListingRecord(reads: read, readsValue: values.value(of: read), bytes: bytes[...],
                                                     rows: listingRows[path] ?? [])
            }
            if !chunks.isEmpty {
                cache.searchChunks = (0..<chunks.count).map { chunks[$0].map { $0[...] } ?? [] }
                cache.searchIndexFiles = SearchIndexPatch.indexFiles(indexFiles)
            }
            return cache
        }
    }
}
