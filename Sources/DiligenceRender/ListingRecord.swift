import DiligenceGraph
import DiligenceSupport
import DiligenceTemplate

/// What the cache keeps of one listing page (an index, a term's page, the
/// matrix, the screening data…): what rendering it read, their values then,
/// and the bytes it wrote with their rows (`TemplateRow`), from which the
/// next build copies the items that did not change.
package struct ListingRecord: Sendable, Equatable {
    package var reads: [Dependency]
    package var readsValue: UInt64
    package var bytes: ArraySlice<UInt8>
    package var rows: [TemplateRow]

    package init(reads: [Dependency], readsValue: UInt64, bytes: ArraySlice<UInt8>, rows: [TemplateRow]) {
        self.reads = reads
        self.readsValue = readsValue
        self.bytes = bytes
        self.rows = rows
    }
}

extension ListingRecord: CacheCodable {
    package func write(to writer: inout CacheWriter) {
        writer.write(reads)
        writer.uint64(readsValue)
        writer.bytes(bytes)
        writer.int(rows.count)
        var end = 0
        for row in rows {
            writer.uint64(row.key)
            writer.int(row.start - end)
            writer.int(row.end - row.start)
            end = row.end
        }
    }

    package init(from reader: inout CacheReader) throws {
        reads = try reader.readArray()
        readsValue = try reader.uint64()
        bytes = try reader.rawBytes()
        let count = try reader.int()
        guard count >= 0, count <= bytes.count else { throw CacheReader.Corrupt() }
        rows = []
        rows.reserveCapacity(count)
        var end = 0
        for _ in 0..<count {
            let key = try reader.uint64()
            let start = end + (try reader.int())
            end = start + (try reader.int())
            guard start >= 0, start <= end, end <= bytes.count else { throw CacheReader.Corrupt() }
            rows.append(TemplateRow(key: key, start: start, end: end))
        }
    }
}
