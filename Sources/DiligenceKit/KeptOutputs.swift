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
    /// The chunks of an index built in full, by name.
    private var rebuiltChunks: [String: OutputCache.Chunk] = [:]
    private var rebuiltIndexFiles: [String] = []
    private var rebuiltFacets: [UInt8]?
    private var error: PublishError?
    /// The names of the chunks the previous build kept.
    private let previousChunks: Set<String>
    /// The links of a graph linked by this build, being made.
    private let pendingLinks: BackgroundResult<KeptLinks?>?

    /// The first copy that could not be written: the cache is then not saved.
    var firstError: PublishError? { lock.withLock { error } }

    init(_ plan: BuildPlan, values: DependencyValues, folder: String, fileSystem: FileSystem) {
        self.fileSystem = fileSystem
        self.values = values
        if let previous = plan.previous?.outputs.value {
            cache = previous
            previousChunks = Set(previous.searchChunks.map(\.name))
        } else {
            previousChunks = []
            // Nothing of an older folder is kept.
            try? FileManager.default.removeItem(atPath: folder)
            cache = OutputCache(folder: folder)
        }
        cache.guidanceFacts = OutputDecider.guidanceFacts(values)
        // The links kept as they were taken, or those of a graph linked now
        // (worked out on another core while the outputs render).
        if let links = plan.graph.keptLinks {
            cache.links = links
            pendingLinks = nil
        } else {
            let graph = plan.graph
            pendingLinks = BackgroundResult { KeptLinks(graph) }
        }
        do throws(PublishError) { try fileSystem.makeDirectory(folder) } catch { self.error = error }
    }

    private func write(_ bytes: [UInt8], to path: String) {
        do throws(PublishError) { try fileSystem.write(bytes, to: path) } catch {
            lock.withLock { if self.error == nil { self.error = error } }
        }
    }

    /// A listing page as written at `location`.
    func listing(_ file: OutputFile, at location: String) {
        switch file.contents {
        case .bytes(let bytes):
            keep(at: location, as: cache.listingPath(file.path)) { bytes }
            let hash = StableHasher.hashWords(bytes)
            lock.withLock { written[file.path] = (bytes.count, hash) }
        case .spliced(let splice):
            // A big data file: its pieces are checked where they are
            // (`KeptPieces`), not through a hash of the whole file.
            keep(at: location, as: cache.listingPath(file.path)) { splice.bytes() }
            lock.withLock { written[file.path] = (splice.count, 0) }
        case .copy:
            return
        }
    }

    /// Keeps a file written at `location` under `path`: as another name of it,
    /// or as a copy of `bytes` across file systems (`OutputCache`).
    private func keep(at location: String, as path: String, bytes: () -> [UInt8]) {
        do throws(PublishError) { try fileSystem.link(location, to: path) } catch {
            write(bytes(), to: path)
        }
    }

    /// The pages A to Z, for the next build to start from.
    func titleOrder(_ order: KeptTitleOrder?) {
        lock.withLock { cache.titleOrder = order }
    }

    /// The rows the listing pages at `paths` were rendered with.
    func rows(from recorder: ListingRowRecorder?, paths: Set<String>) {
        guard let recorder else { return }
        lock.withLock { for path in paths { rows[path] = recorder.rows(of: path) } }
    }

    /// A file of a search index built in full, written at `location`.
    func searchFile(_ file: OutputFile, at location: String) {
        let path = file.path
        guard path.hasPrefix("search/"), !path.dropFirst("search/".count).contains("/") else { return }
        if let name = Self.chunkName(path), case .bytes(let bytes) = file.contents {
            keep(at: location, as: cache.chunkPath(name)) { bytes }
            let fingerprint = OutputCache.Fingerprint(bytes)
            lock.withLock { rebuiltChunks[name, default: .init(name: name, fingerprint: fingerprint)].fingerprint = fingerprint }
        }
        if path == SearchFacets.path, case .bytes(let bytes) = file.contents { lock.withLock { rebuiltFacets = bytes } }
        lock.withLock { rebuiltIndexFiles.append(path) }
    }

    /// How a chunk of an index built in full begins, as the writer
    /// describes it before handing the file on (`SearchIndexFiles.ChunkStart`).
    func searchChunkStart(_ name: String, _ start: SearchIndexFiles.ChunkStart) {
        lock.withLock { rebuiltChunks[name, default: .init(name: name, fingerprint: .init(size: -1, hash: 0))].start = start }
    }

    /// Records the chunks of the index built in full, once it is: `names`,
    /// in the index's order, as the writer gave them.
    func keepRebuiltChunks(_ names: [String]) {
        lock.withLock {
            cache.searchChunks = names.map { rebuiltChunks[$0] ?? OutputCache.Chunk(name: $0, fingerprint: .init(size: -1, hash: 0)) }
            for name in previousChunks where rebuiltChunks[name] == nil { fileSystem.remove(cache.chunkPath(name)) }
            cache.searchIndexFiles = SearchIndexPatch.indexFiles(rebuiltIndexFiles)
            cache.searchFacets = rebuiltFacets
            rebuiltChunks = [:]
            rebuiltFacets = nil
        }
    }

    /// The index as a patch left it: chunks overwritten in place are the
    /// same files (their records change); new ones are kept, gone ones dropped.
    func search(_ patch: SearchIndexPatch.Plan, sink: OutputSink) {
        var records: [String: OutputCache.Chunk] = [:]
        for chunk in lock.withLock({ cache.searchChunks }) { records[chunk.name] = chunk }
        for file in patch.changedChunks + patch.files {
            guard let name = Self.chunkName(file.path), case .bytes(let bytes) = file.contents else { continue }
            // The writer describes every chunk it emits; one it did not is
            // read in full by the next patch.
            records[name] = OutputCache.Chunk(name: name, fingerprint: .init(bytes), start: patch.chunkStarts[name])
            if !previousChunks.contains(name) { keep(at: sink.location(of: file.path), as: cache.chunkPath(name)) { bytes } }
        }
        let now = Set(patch.chunkNames)
        for name in previousChunks where !now.contains(name) { fileSystem.remove(cache.chunkPath(name)) }
        let chunks = patch.chunkNames.map { records[$0] ?? OutputCache.Chunk(name: $0, fingerprint: .init(size: -1, hash: 0)) }
        // A patch that writes no `facets.js` leaves it as it was.
        let facets = patch.files.first { $0.path == SearchFacets.path }.flatMap { file -> [UInt8]? in
            if case .bytes(let bytes) = file.contents { return bytes } else { return nil }
        }
        lock.withLock {
            cache.searchChunks = chunks
            cache.searchIndexFiles = patch.indexFiles
            if let facets { cache.searchFacets = facets }
        }
        termFilters(patch.termFilters)
    }

    /// Keeps every page's search summary (score digest and term filter)
    /// for the next patch (nil: none to
    /// keep, and the old ones no longer match the index): a new file written
    /// under another name and renamed in (the old one may still be mapped),
    /// or the patch's filters appended to the kept one.
    func termFilters(_ filters: SearchTermFilters?) {
        let path = lock.withLock { cache.termFiltersPath }
        guard let filters, save(filters, to: path) else {
            // Not an error of the build: the next patch scans every posting list instead.
            fileSystem.remove(path + ".tmp")
            fileSystem.remove(path)
            lock.withLock { cache.termFilters = nil }
            return
        }
        let kept = OutputCache.TermFilters(size: filters.fileSize, table: filters.table())
        lock.withLock { cache.termFilters = kept }
    }

    /// Writes the filters' file, or appends to it; false if it could not.
    private func save(_ filters: SearchTermFilters, to path: String) -> Bool {
        do throws(PublishError) {
            if filters.rewrites {
                try fileSystem.write(filters.appended, to: path + ".tmp")
                try fileSystem.rename(path + ".tmp", to: path)
            } else {
                guard FileStamp(path: path)?.size == Int64(filters.kept.count) else { return false }
                let sink = try fileSystem.sink(path, appending: true)
                try sink.append(filters.appended)
                try sink.close()
            }
            return true
        } catch {
            return false
        }
    }

    /// `search/i-<…>.js` → `i-<…>`.
    private static func chunkName(_ path: String) -> String? {
        guard path.hasPrefix("search/i-"), path.hasSuffix(".js") else { return nil }
        return String(path.dropFirst("search/".count).dropLast(".js".count))
    }

    /// The outputs' index, with what each listing rendered now read.
    func index(reads: [String: [Dependency]]) -> OutputCache {
        let links = pendingLinks?.value
        return lock.withLock {
            var cache = self.cache
            if pendingLinks != nil { cache.links = links }
            for (path, bytes) in written {
                let read = reads[path] ?? []
                cache.listings[path] = ListingRecord(reads: read, readsValue: values.value(of: read), size: bytes.size,
                                                     hash: bytes.hash, rows: rows[path] ?? [])
            }
            return cache
        }
    }
}
