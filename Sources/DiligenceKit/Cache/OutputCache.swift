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
/// - `search`: the search index's chunk files as written, one after the
///   other, each with its length: one file, since creating a file costs more
///   than writing 16 MB (adding a page changes most of 650 chunks).
///
/// A build writes the copies of what it writes, and the index last; it
/// removes the index first, so a folder left by an interrupted build has no
/// index and is not used.
struct OutputCache: Sendable, Equatable {
    static let format = 3

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

    var chunksPath: String { folder + "/search" }

    /// The bytes of the listing page at `path` as last written.
    func listingBytes(_ path: String) -> [UInt8]? {
        FileBytes.read(listingPath(path))
    }

    /// The search index's chunk files as last written, parsed, in parallel.
    func searchChunks() throws -> [SearchIndexPatch.Chunk] {
        let unreadable = SearchIndexPatch.Failure.unreadable("the kept search chunks")
        guard let bytes = FileBytes.read(chunksPath) else { throw unreadable }
        var reader = CacheReader(bytes)
        var chunks: [ArraySlice<UInt8>] = []
        do {
            while !reader.isAtEnd { chunks.append(try reader.rawBytes()) }
        } catch {
            throw unreadable
        }
        guard chunks.count == searchChunkCount else { throw unreadable }
        return try SearchIndexPatch.chunks(chunks)
    }

    /// Writes the chunk files into one file.
    func writeChunks(_ chunks: [ArraySlice<UInt8>], fileSystem: FileSystem) throws(PublishError) {
        let sink = try fileSystem.sink(chunksPath)
        for chunk in chunks {
            var length = CacheWriter()
            length.int(chunk.count)
            try sink.append(length.bytes)
            try sink.append(chunk)
        }
        try sink.close()
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
