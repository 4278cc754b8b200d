import DiligenceGraph
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
///   index's chunks in order (name, fingerprint, and how each begins and
///   its terms' hashes: `SearchIndexFiles.ChunkStart`, which let a patch
///   leave the chunks it does not reach unread) and its file names, the
///   guidance steps' facts, the pages A to Z (`KeptTitleOrder`), and
///   `search/facets.js` as written (a patch reads it back: `SearchFacets.read`).
/// - `l-<hash>`: a listing page's bytes as written, read only for a listing
///   rendered again (its rows are copied from it; the big data files'
///   unchanged objects are copied from it as runs of the file: `KeptPieces`).
/// - `i-<name>`: the search index's chunk `search/i-<name>.js` as written.
/// - `t`: every page's search summary, its score digest and term filter
///   (`SearchTermFilters`), which let the next patch skip the posting lists
///   an edited page is not in, or is in with the same score.
///
/// A kept listing or chunk is another name of the file written to the output
/// (a hard link: nothing is copied, and a later build's rename over the
/// published file leaves it pointing at the bytes it kept), or a copy where
/// the two folders are on different file systems. Its size and hash in the
/// index tell a kept file changed by anything else, which is then not used.
///
/// A build writes the copies of what it writes, and the index last; it
/// removes the index first, so a folder left by an interrupted build has no
/// index and is not used.
struct OutputCache: Sendable, Equatable {
    static let format = 16

    /// The size and hash of a kept file.
    struct Fingerprint: Sendable, Equatable {
        var size: Int
        var hash: UInt64

        init(_ bytes: [UInt8]) {
            self = bytes.withUnsafeBytes { Fingerprint($0) }
        }

        init(_ bytes: UnsafeRawBufferPointer) {
            size = bytes.count
            hash = StableHasher.hashWords(bytes)
        }

        init(size: Int, hash: UInt64) {
            self.size = size
            self.hash = hash
        }
    }

    /// The folder.
    var folder: String
    var listings: [String: ListingRecord] = [:]
    /// A kept chunk: its name (`SearchIndexFiles.chunkName`) and
    /// fingerprint, and how it begins and what terms it holds
    /// (`SearchIndexFiles.ChunkStart`), which let a patch leave it unread.
    /// No start when not known (a chunk that could not be parsed): the
    /// next patch reads every chunk.
    struct Chunk: Sendable, Equatable {
        var name: String
        var fingerprint: Fingerprint
        var start: SearchIndexFiles.ChunkStart? = nil
    }

    /// The search index's chunks, in order.
    var searchChunks: [Chunk] = []
    /// Paths of the index's chunk, vocabulary and name-table files.
    var searchIndexFiles: [String] = []
    /// The facts of the guidance steps, which every object of the screening
    /// data names (`OutputDecider.guidanceFacts`).
    var guidanceFacts: UInt64 = 0
    /// The pages A to Z as the last build sorted them, if it did.
    var titleOrder: KeptTitleOrder?
    /// The size of `t`, the term filters, and where each page's is
    /// (`SearchTermFilters.table`).
    struct TermFilters: Sendable, Equatable {
        var size: Int
        var table: [UInt8]
    }

    /// The term filters, if they are kept.
    var termFilters: TermFilters?
    /// `search/facets.js` as written, which a patch reads back instead of
    /// working out every page's filter values again (`SearchFacets.read`).
    var searchFacets: [UInt8]?
    /// The graph's links and relations, if they are kept (`KeptLinks`).
    var links: KeptLinks?

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

    /// The listing page at `path` as last written, mapped (`KeptRows`).
    func listingFile(_ path: String) -> MappedFile? {
        MappedFile(listingPath(path))
    }

    /// Where the chunk named `name` (`i-…`) is kept.
    func chunkPath(_ name: String) -> String { folder + "/" + name }

    var termFiltersPath: String { folder + "/t" }

    /// The term filters as kept, mapped; nil if none are, or the file is not
    /// the size the index says. The folder is the cache's own (nothing else
    /// links to `t`): its size tells a file an interrupted build appended to.
    func keptTermFilters() -> SearchTermFilters? {
        guard let termFilters, let file = MappedFile(termFiltersPath), file.bytes.count == termFilters.size else { return nil }
        return SearchTermFilters(file: CacheBytes(file), table: termFilters.table)
    }

    /// The search index's chunk `i` as kept, checked and parsed; nil if
    /// it is missing, changed, or not in the form this version writes.
    /// Mapped, not read (`SharedBytes`): its entries are runs of the mapping.
    func searchChunk(_ i: Int) -> SearchIndexPatch.Chunk? {
        guard searchChunks.indices.contains(i), let file = MappedFile(chunkPath(searchChunks[i].name)) else { return nil }
        let bytes = CacheBytes(file)
        guard bytes.withUnsafeBytes({ OutputCache.Fingerprint($0) }) == searchChunks[i].fingerprint else { return nil }
        let shared = SharedBytes(bytes)
        return SearchIndexFiles.entries(ofChunk: shared, number: i).map { .init(bytes: shared, name: searchChunks[i].name, entries: $0) }
    }

    /// The index's chunks as a patch sees them before reading any: each
    /// one's name and start, its terms' hashes, and how to read it.
    func keptSearchIndex() -> SearchIndexPatch.KeptIndex {
        let starts = searchChunks.compactMap(\.start)
        return .init(names: searchChunks.map(\.name), starts: starts.count == searchChunks.count ? starts : nil) { self.searchChunk($0) }
    }

    static func load(folder: String) -> OutputCache? {
        var cache = OutputCache(folder: folder)
        guard let file = MappedFile(cache.indexPath) else { return nil }
        let bytes = CacheBytes(file)
        var reader = CacheReader(bytes)
        do {
            guard try reader.int() == format else { return nil }
            let count = try reader.int()
            guard count >= 0, count <= bytes.count else { return nil }
            for _ in 0..<count {
                let path = try reader.string()
                cache.listings[path] = try reader.read()
            }
            let chunks = try reader.int()
            guard chunks >= 0, chunks <= bytes.count else { return nil }
            for _ in 0..<chunks {
                let name = try reader.string()
                // A name is a file of this folder: nothing that could lead out of it.
                guard name.hasPrefix("i-"), !name.contains("/"), !name.contains("\0") else { return nil }
                var chunk = Chunk(name: name, fingerprint: Fingerprint(size: try reader.int(), hash: try reader.uint64()))
                if try reader.bool() {
                    let (term, size, count) = (try reader.string(), try reader.int(), try reader.int())
                    let hashes = try reader.rawBytes()
                    guard hashes.count == count * 8 else { return nil }
                    chunk.start = .init(term: term, size: size, count: count, termHashes: hashes.withUnsafeBytes { raw in
                        (0..<count).map { raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self) }
                    })
                }
                cache.searchChunks.append(chunk)
            }
            cache.searchIndexFiles = try reader.readArray()
            cache.guidanceFacts = try reader.uint64()
            cache.titleOrder = try reader.readOptional()
            if try reader.bool() {
                let size = try reader.int()
                cache.termFilters = TermFilters(size: size, table: try reader.rawBytes().withUnsafeBytes { Array($0) })
            }
            cache.links = try reader.readOptional()
            if try reader.bool() { cache.searchFacets = try reader.rawBytes().withUnsafeBytes { Array($0) } }
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
        writer.int(searchChunks.count)
        for chunk in searchChunks {
            writer.string(chunk.name)
            writer.int(chunk.fingerprint.size)
            writer.uint64(chunk.fingerprint.hash)
            writer.bool(chunk.start != nil)
            if let start = chunk.start {
                writer.string(start.term)
                writer.int(start.size)
                writer.int(start.count)
                start.termHashes.withUnsafeBytes { writer.bytes($0) }
            }
        }
        writer.write(searchIndexFiles)
        writer.uint64(guidanceFacts)
        writer.write(titleOrder)
        writer.bool(termFilters != nil)
        if let termFilters { writer.int(termFilters.size); writer.bytes(termFilters.table) }
        writer.write(links)
        writer.bool(searchFacets != nil)
        if let searchFacets { writer.bytes(searchFacets) }
        let temporary = indexPath + ".tmp"
        try fileSystem.write(writer.bytes, to: temporary)
        return temporary
    }
}
