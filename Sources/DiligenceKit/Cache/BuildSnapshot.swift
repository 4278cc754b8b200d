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

/// The incremental build's cache file (`.diligence-cache/build-<hash>.cache`):
/// a JSON line of settings, the page ids its records name by number
/// (`PageIDTable`, prefixed with its length), then one binary record per
/// published page (`CacheCodable`, each prefixed with its length). Records are decoded in
/// parallel, and an unchanged page's record is written back as it was read.
/// The records of the pages a build renders come last (what they read is
/// known only then; the rest is written while they render), so loading
/// puts the records back in page order.
///
/// A build that changes few records appends them to the file the last
/// build left (`BuildCache`) instead of writing 10,000 again: a page's
/// last record in the file is its record, and the file is written afresh
/// once the records it holds for nothing pass an eighth of its pages.
struct BuildSnapshot: Sendable {
    static let format = 15

    struct Header: Codable, Equatable, Sendable {
        var format: Int
        /// Absolute output folder the cache describes.
        var output: String
        /// `BuildSettings.fingerprint`: options, today, site.yml, templates, assets, history.
        var settings: BuildSettings.Fingerprint
        /// Page files that exist but are not published (drafts), with their stamps.
        var unpublished: [String: FileStamp]
        var excluded: [PageID: String]
    }

    var header: Header
    /// One record per published page, in page order: each as read (with
    /// the bytes it was read from, written back as they are) or new.
    var pages: [CachedRecord]
    /// How many records the file holds, those a later one replaced included.
    var recordsInFile: Int
    /// The page ids the records name by number.
    var pageIDs: PageIDTable

    init(header: Header, pages: [CachedRecord], recordsInFile: Int? = nil, pageIDs: PageIDTable = PageIDTable([])) {
        self.header = header
        self.pages = pages
        self.recordsInFile = recordsInFile ?? pages.count
        self.pageIDs = pageIDs
    }

    /// Where the cache of a build into `output` lives.
    static func path(cacheDirectory: String, output: String) -> String {
        var hasher = StableHasher()
        hasher.combine(SitePublisher.absolute(output))
        return cacheDirectory + "/build-" + String(hasher.value, radix: 16) + ".cache"
    }

    static func load(from path: String) -> BuildSnapshot? {
        guard let file = MappedFile(path) else { return nil }
        let bytes = CacheBytes(file)
        guard let newline = bytes.buffer.firstIndex(of: 0x0A),
              let header = try? JSONDecoder().decode(Header.self, from: Data(bytes.buffer[..<newline])),
              header.format == format else { return nil }
        var ranges: [Range<Int>] = []
        var reader = CacheReader(bytes, offset: newline + 1)
        guard let tableBytes = try? reader.rawBytes() else { return nil }
        var tableReader = CacheReader(tableBytes)
        guard let table = try? PageIDTable(from: &tableReader), tableReader.isAtEnd else { return nil }
        while !reader.isAtEnd {
            guard let count = try? reader.int(), count >= 0, reader.offset + count <= bytes.count else { return nil }
            ranges.append(reader.offset..<(reader.offset + count))
            reader.offset += count
        }
        let symbols = table.symbols  // taken once: the table's counter is not touched per record
        let decoded = withExtendedLifetime(table) {
            ranges.concurrentMap { range -> CachedRecord? in
                var record = CacheReader(bytes, offset: range.lowerBound, symbols: symbols)
                record.owner = table  // the page reads decoded later name pages by it
                guard let page = try? CachedPage(from: &record), record.offset == range.upperBound else { return nil }
                return CachedRecord(page: page, bytes: bytes[range])
            }
        }
        var pages = decoded.compactMap { $0 }
        guard pages.count == decoded.count else { return nil }
        // In page order, the last record of a page in the file standing for it.
        let order = RecordOrder.latest(pages.map { $0.page.page.id })
        if !order.elementsEqual(pages.indices) { pages = order.map { pages[$0] } }
        return BuildSnapshot(header: header, pages: pages, recordsInFile: ranges.count, pageIDs: table)
    }

    /// Opens the cache file next to `path` (for the caller to rename in
    /// place once the output it describes is written) and writes the header
    /// and the page ids; with `appending`, opens the last build's file,
    /// already moved there and holding this header and `pageIDs`, to write
    /// after its records.
    static func begin(_ header: Header, pageIDs: PageIDTable, for path: String, appending: Bool = false,
                      fileSystem: FileSystem) throws(PublishError) -> FileSink {
        if appending { return try fileSystem.sink(path + ".tmp", appending: true) }
        let sink = try fileSystem.sink(path + ".tmp")
        let line: Data
        do { line = try JSONEncoder().encode(header) } catch { throw .io(path: path, message: "\(error)") }
        try sink.append(line)
        try sink.append(CollectionOfOne(0x0A))
        var table = CacheWriter()
        pageIDs.write(to: &table)
        var length = CacheWriter()
        length.bytes(table.bytes)
        try sink.append(length.bytes)
        return sink
    }

    /// Appends records: those read from the old cache as they were, the
    /// others encoded in parallel first, naming pages by `pageIDs`.
    static func append(_ records: [CachedRecord], pageIDs: PageIDTable, to sink: FileSink) throws(PublishError) {
        let encoded = records.concurrentMap { record -> [UInt8] in
            guard record.bytes == nil else { return [] }
            var writer = CacheWriter(symbols: pageIDs)
            record.page.write(to: &writer)
            return writer.bytes
        }
        var length = CacheWriter()
        for (record, fresh) in zip(records, encoded) {
            length.bytes.removeAll(keepingCapacity: true)
            length.int(record.bytes?.count ?? fresh.count)
            try sink.append(length.bytes)
            if let kept = record.bytes { try kept.withUnsafeBytes { bytes throws(PublishError) in try sink.append(bytes) } } else { try sink.append(fresh) }
        }
    }
}
