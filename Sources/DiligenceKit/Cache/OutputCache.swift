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

/// The outputs the next incremental build starts from, in a file beside the
/// build cache (`build-<hash>.outputs`): every listing page as written
/// (`ListingRecord`), the search index's chunk files and the names of its
/// other index files. The output folder is what a web server serves, not an
/// input: an incremental build reads these instead of parsing it back.
/// A missing or damaged file means a full build.
struct OutputCache: Sendable, Equatable {
    static let format = 1

    var listings: [String: ListingRecord] = [:]
    /// `search/i-<n>.js`, by chunk number.
    var searchChunks: [ArraySlice<UInt8>] = []
    /// Paths of the index's chunk, vocabulary and name-table files.
    var searchIndexFiles: [String] = []
    /// The facts of the guidance steps, which every object of the screening
    /// data names (`DependencyValues.facts`).
    var guidanceFacts: UInt64 = 0

    /// The file that goes with the cache at `cachePath`.
    static func path(cachePath: String) -> String {
        (cachePath.hasSuffix(".cache") ? String(cachePath.dropLast(".cache".count)) : cachePath) + ".outputs"
    }

    static func load(from path: String) -> OutputCache? {
        guard let bytes = FileBytes.read(path) else { return nil }
        var reader = CacheReader(bytes)
        do {
            guard try reader.int() == format else { return nil }
            var cache = OutputCache()
            let count = try reader.int()
            guard count >= 0, count <= bytes.count else { return nil }
            for _ in 0..<count {
                let path = try reader.string()
                cache.listings[path] = try reader.read()
            }
            let chunks = try reader.int()
            guard chunks >= 0, chunks <= bytes.count else { return nil }
            for _ in 0..<chunks { cache.searchChunks.append(try reader.rawBytes()) }
            cache.searchIndexFiles = try reader.readArray()
            cache.guidanceFacts = try reader.uint64()
            return reader.isAtEnd ? cache : nil
        } catch {
            return nil
        }
    }

    /// Writes the file next to `path`, for the caller to rename in place.
    func writeTemporary(for path: String, fileSystem: FileSystem) throws(PublishError) -> String {
        var writer = CacheWriter()
        writer.int(Self.format)
        writer.int(listings.count)
        for (path, listing) in listings.sorted(by: { $0.key < $1.key }) {
            writer.string(path)
            writer.write(listing)
        }
        writer.int(searchChunks.count)
        for chunk in searchChunks { writer.bytes(chunk) }
        writer.write(searchIndexFiles)
        writer.uint64(guidanceFacts)
        let temporary = path + ".tmp"
        try fileSystem.write(writer.bytes, to: temporary)
        return temporary
    }
}
