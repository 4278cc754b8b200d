import Foundation

/// The rows (`TemplateRow`) of every listing page as last written, in a file
/// beside the build cache (`build-<hash>.rows`): the next incremental build
/// copies a listing page's unchanged items from the page itself instead of
/// rendering them (`ListingRowRecorder`). Each page's entry carries the hash
/// and size of the bytes it describes, so a page changed by anything else
/// is rendered in full; a missing or damaged file only means no reuse.
struct ListingRows: Sendable {
    static let format = 1

    struct Page: Sendable, Equatable {
        /// `StableHasher.hashWords` of the page's bytes.
        var hash: UInt64
        var size: Int
        var rows: [TemplateRow]
    }

    var pages: [String: Page] = [:]

    /// The rows file that goes with the cache at `cachePath`.
    static func path(cachePath: String) -> String {
        (cachePath.hasSuffix(".cache") ? String(cachePath.dropLast(".cache".count)) : cachePath) + ".rows"
    }

    static func load(from path: String) -> ListingRows? {
        guard let bytes = FileBytes.read(path) else { return nil }
        var reader = CacheReader(bytes)
        do {
            guard try reader.int() == format else { return nil }
            var rows = ListingRows()
            let count = try reader.int()
            guard count >= 0 else { return nil }
            for _ in 0..<count {
                let path = try reader.string()
                let hash = try reader.uint64()
                let size = try reader.int()
                let rowCount = try reader.int()
                guard rowCount >= 0, rowCount <= bytes.count else { return nil }
                var page = Page(hash: hash, size: size, rows: [])
                page.rows.reserveCapacity(rowCount)
                var end = 0
                for _ in 0..<rowCount {
                    let key = try reader.uint64()
                    let start = end + (try reader.int())
                    end = start + (try reader.int())
                    guard start >= 0, start <= end, end <= size else { return nil }
                    page.rows.append(TemplateRow(key: key, start: start, end: end))
                }
                rows.pages[path] = page
            }
            return reader.isAtEnd ? rows : nil
        } catch {
            return nil
        }
    }

    /// Writes the file atomically (temporary file, then rename).
    func save(to path: String) throws {
        var writer = CacheWriter()
        writer.int(Self.format)
        writer.int(pages.count)
        for (path, page) in pages.sorted(by: { $0.key < $1.key }) {
            writer.string(path)
            writer.uint64(page.hash)
            writer.int(page.size)
            writer.int(page.rows.count)
            var end = 0
            for row in page.rows {
                writer.uint64(row.key)
                writer.int(row.start - end)
                writer.int(row.end - row.start)
                end = row.end
            }
        }
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let temporary = path + ".tmp"
        let sink = try FileSink(path: temporary)
        try sink.append(writer.bytes)
        try sink.close()
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw CocoaError(.fileWriteUnknown)
        }
    }

    static func remove(at path: String) {
        unlink(path)
    }
}
