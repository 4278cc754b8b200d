import DiligencePublish
import DiligenceRender
import DiligenceSearch
import DiligenceSupport
import Foundation

/// The outputs the next incremental build starts from, in a folder beside
/// the build cache (`build-<hash>.outputs/`). The output folder is what a
/// web server serves, not an input: an incremental build reads these
/// instead of parsing it back.
///
/// - `index`: each listing page's record (`ListingRecord`), the search
///   index's chunk count and file names, the guidance steps' facts.
/// - `l-<hash>`: a listing page's bytes as written, read only for a listing
///   rendered again (its rows are copied from it).
/// - `search-<n>`: the search index's chunk files as written, 32 to a file,
///   each with its length: creating a file costs more than writing 24 KB
///   (adding a page changes most of 650 chunks), and a sentence edit
///   rewrites one file of 32, not all 16 MB.
///
/// A build writes the copies of what it writes, and the index last; it
/// removes the index first, so a folder left by an interrupted build has no
/// index and is not used.
struct OutputCache: Sendable, Equatable {
    static let format = 5

    /// The folder.
    var folder: String
    var listings: [String: ListingRecord] = [:]
    var searchChunkCount = 0
    /// Paths of the index's chunk, vocabulary and name-table files.
    var searchIndexFiles: [String] = []
    /// The facts of the guidance steps, which every object of the screening
    /// data names (`OutputDecider.guidanceFacts`).
    var guidanceFacts: UInt64 = 0

    /// The folder that goes with the cache at `cachePath`.
    static func folder(cachePath: String) -> String {
        (cachePath.hasSuffix(".cache") ? String(cachePath.dropLast(".cache".count)) : cachePath) + ".outputs"
    }

    var indexPath: String { folder + "/index" }

    /// Where the copy of the listing page at `path` is.
    func listingPath(_ path: String) -> String {
        var hasher = StableHasher()
        hasher.combine(path)
        return folder + "/l-" + String(hasher.value, radix: 16)
    }

    /// The bytes of the listing page at `path` as last written.
    func listingBytes(_ path: String) -> [UInt8]? {
        FileBytes.read(listingPath(path))
    }

    /// Chunks kept in one file.
    static let chunksPerFile = 32

    /// The file that holds the chunks of number `file * chunksPerFile` on.
    func chunksPath(_ file: Int) -> String { folder + "/search-\(file)" }

    /// The search index's chunk files as last written, parsed, in parallel.
    func searchChunks() throws -> [SearchIndexPatch.Chunk] {
        let unreadable = SearchIndexPatch.Failure.unreadable("the kept search chunks")
        let files = (searchChunkCount + Self.chunksPerFile - 1) / Self.chunksPerFile
        let read = (0..<files).concurrentMap { file -> [ArraySlice<UInt8>]? in
            guard let bytes = FileBytes.read(chunksPath(file)) else { return nil }
            var reader = CacheReader(bytes)
            var chunks: [ArraySlice<UInt8>] = []
            while !reader.isAtEnd {
                guard let chunk = try? reader.rawBytes() else { return nil }
                chunks.append(chunk)
            }
            return chunks
        }
        var chunks: [ArraySlice<UInt8>] = []
        for file in read {
            guard let file else { throw unreadable }
            chunks += file
        }
        guard chunks.count == searchChunkCount else { throw unreadable }
        return try SearchIndexPatch.chunks(chunks)
    }

    /// Writes the files that hold chunks whose numbers are in `changed`
    /// (all when nil), and removes those past the last chunk.
    func writeChunks(_ chunks: [ArraySlice<UInt8>], changed: Set<Int>?, fileSystem: FileSystem) throws(PublishError) {
        let files = (chunks.count + Self.chunksPerFile - 1) / Self.chunksPerFile
        for file in 0..<files {
            let range = (file * Self.chunksPerFile)..<min(chunks.count, (file + 1) * Self.chunksPerFile)
            if let changed, !range.contains(where: changed.contains) { continue }
            var writer = CacheWriter()
            for chunk in chunks[range] { writer.bytes(chunk) }
            try fileSystem.write(writer.bytes, to: chunksPath(file))
        }
        let before = (searchChunkCount + Self.chunksPerFile - 1) / Self.chunksPerFile
        for file in files..<max(files, before) { fileSystem.remove(chunksPath(file)) }
    }

    static func load(folder: String) -> OutputCache? {
        var cache = OutputCache(folder: folder)
        guard let bytes = FileBytes.read(cache.indexPath) else { return nil }
        var reader = CacheReader(bytes)
        do {
            guard try reader.int() == format else { return nil }
            let count = try reader.int()
            guard count >= 0, count <= bytes.count else { return nil }
            for _ in 0..<count {
                let path = try reader.string()
                cache.listings[path] = try reader.read()
            }
            cache.searchChunkCount = try reader.int()
            cache.searchIndexFiles = try reader.readArray()
            cache.guidanceFacts = try reader.uint64()
            return reader.isAtEnd ? cache : nil
        } catch {
            return nil
        }
    }

    /// Writes the index next to its place, for the caller to rename in.
    func writeIndex(fileSystem: FileSystem) throws(PublishError) -> String {
        var writer = CacheWriter()
        writer.int(Self.format)
        writer.int(listings.count)
        for (path, listing) in listings.sorted(by: { $0.key < $1.key }) {
            writer.string(path)
            writer.write(listing)
        }
        writer.int(searchChunkCount)
        writer.write(searchIndexFiles)
        writer.uint64(guidanceFacts)
        let temporary = indexPath + ".tmp"
        try fileSystem.write(writer.bytes, to: temporary)
        return temporary
    }
}
