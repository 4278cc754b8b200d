import DiligenceGraph
import DiligenceSupport
import DiligenceTemplate

/// What the cache keeps of one listing page (an index, a term's page, the
/// matrix, the screening data…): what rendering it read and their values
/// then, and the rows (`TemplateRow`) of the bytes it wrote, which the cache
/// keeps beside it (`OutputCache`), so the next build can copy the items
/// that did not change. `size` and `hash` identify those bytes.
package struct ListingRecord: Sendable, Equatable {
    package var reads: [Dependency]
    package var readsValue: UInt64
    package var size: Int
    /// `StableHasher.hashWords` of the bytes; 0 for a big data file
    /// written as a splice, whose kept pieces are checked where they are
    /// (`KeptPieces`) rather than through a hash of the whole file.
    package var hash: UInt64
    package var rows: [TemplateRow]

    package init(reads: [Dependency], readsValue: UInt64, size: Int, hash: UInt64, rows: [TemplateRow]) {
        self.reads = reads
        self.readsValue = readsValue
        self.size = size
        self.hash = hash
        self.rows = rows
    }
}

extension ListingRecord: CacheCodable {
    package func write(to writer: inout CacheWriter) {
        writer.write(reads)
        writer.uint64(readsValue)
        writer.int(size)
        writer.uint64(hash)
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
        size = try reader.int()
        hash = try reader.uint64()
        let count = try reader.int()
        guard size >= 0, count >= 0, count <= size else { throw CacheReader.Corrupt() }
        rows = []
        rows.reserveCapacity(count)
        var end = 0
        for _ in 0..<count {
            let key = try reader.uint64()
            let start = end + (try reader.int())
            end = start + (try reader.int())
            guard start >= 0, start <= end, end <= size else { throw CacheReader.Corrupt() }
            rows.append(TemplateRow(key: key, start: start, end: end))
        }
    }
}
