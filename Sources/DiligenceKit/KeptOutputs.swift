import DiligenceGraph
import DiligencePublish
import DiligenceRender
import DiligenceSearch
import DiligenceSupport
import DiligenceTemplate
import Foundation

/// The outputs a build keeps for the next one (`OutputCache`): a copy of
/// each listing page and search chunk it writes, made as they are written
/// (from many threads), and their records. Starts from the previous
/// build's, so what this build does not write is kept as it was.
final class KeptOutputs: @unchecked Sendable {
    private let lock = NSLock()
    private let fileSystem: FileSystem
    private let values: DependencyValues
    private var cache: OutputCache
    private var written: [String: (size: Int, hash: UInt64)] = [:]
    private var rows: [String: [TemplateRow]] = [:]
    private var rebuiltChunks: [Int: [UInt8]] = [:]
    private var rebuiltIndexFiles: [String] = []
    private var error: PublishError?

    /// The first copy that could not be written: the cache is then not saved.
    var firstError: PublishError? { lock.withLock { error } }

    init(_ plan: BuildPlan, values: DependencyValues, folder: String, fileSystem: FileSystem) {
        self.fileSystem = fileSystem
        self.values = values
        if let previous = plan.previous?.outputs.value {
            cache = previous
        } else {
            // Nothing of an older folder is kept.
            try? FileManager.default.removeItem(atPath: folder)
            cache = OutputCache(folder: folder)
        }
        cache.guidanceFacts = OutputDecider.guidanceFacts(values)
        do throws(PublishError) { try fileSystem.makeDirectory(folder) } catch { self.error = error }
    }

    private func write(_ bytes: [UInt8], to path: String) {
        do throws(PublishError) { try fileSystem.write(bytes, to: path) } catch {
            lock.withLock { if self.error == nil { self.error = error } }
        }
    }

    /// A listing page as written.
    func listing(_ file: OutputFile) {
        guard case .bytes(let bytes) = file.contents else { return }
        write(bytes, to: cache.listingPath(file.path))
        let hash = StableHasher.hashWords(bytes)
        lock.withLock { written[file.path] = (bytes.count, hash) }
    }

    /// The rows the listing pages at `paths` were rendered with.
    func rows(from recorder: ListingRowRecorder?, paths: Set<String>) {
        guard let recorder else { return }
        lock.withLock { for path in paths { rows[path] = recorder.rows(of: path) } }
    }

    /// A file of a search index built in full.
    func searchFile(_ file: OutputFile) {
        let path = file.path
        guard path.hasPrefix("search/"), !path.dropFirst("search/".count).contains("/") else { return }
        lock.withLock {
            if path.hasPrefix("search/i-"), let number = Int(path.dropFirst("search/i-".count).dropLast(".js".count)),
               case .bytes(let bytes) = file.contents {
                rebuiltChunks[number] = bytes
            }
            rebuiltIndexFiles.append(path)
        }
    }

    /// Keeps the chunks of the index built in full, once it is.
    func keepRebuiltChunks() {
        let (chunks, indexFiles) = lock.withLock {
            ((0..<rebuiltChunks.count).map { rebuiltChunks[$0].map { $0[...] } ?? [] }, SearchIndexPatch.indexFiles(rebuiltIndexFiles))
        }
        keep(chunks, changed: nil, indexFiles: indexFiles)
        lock.withLock { rebuiltChunks = [:] }
    }

    /// The index as a patch left it: the files of the chunks it changed, or
    /// all of them when the number of chunks changed.
    func search(_ patch: SearchIndexPatch.Plan) {
        var changed: Set<Int> = []
        for file in patch.changedChunks + patch.files where file.path.hasPrefix("search/i-") {
            if let number = Int(file.path.dropFirst("search/i-".count).dropLast(".js".count)) { changed.insert(number) }
        }
        keep(patch.chunks, changed: changed, indexFiles: patch.indexFiles)
    }

    private func keep(_ chunks: [ArraySlice<UInt8>], changed: Set<Int>?, indexFiles: [String]) {
        let cache = lock.withLock { self.cache }
        do throws(PublishError) { try cache.writeChunks(chunks, changed: changed, fileSystem: fileSystem) } catch {
            lock.withLock { if self.error == nil { self.error = error } }
        }
        lock.withLock {
            self.cache.searchChunkCount = chunks.count
            self.cache.searchIndexFiles = indexFiles
        }
    }

    /// The outputs' index, with what each listing rendered now read.
    func index(reads: [String: [Dependency]]) -> OutputCache {
        lock.withLock {
            var cache = self.cache
            for (path, bytes) in written {
                let read = reads[path] ?? []
                cache.listings[path] = ListingRecord(reads: read, readsValue: values.value(of: read), size: bytes.size,
                                                     hash: bytes.hash, rows: rows[path] ?? [])
            }
            return cache
        }
    }
}
