import DiligenceSupport

/// The page ids of a build cache file, numbered once at its start
/// (`BuildSnapshot`): its records name a page by number, so reading 10,000
/// records does not make each of the 30-odd ids a record names again from
/// its slug (a third of decoding the cache, in `perf`). Numbers never
/// change: a later build that keeps records as they were read extends the
/// table, so the numbers in those bytes still name the same pages. The ids
/// of pages removed since stay in it (a few bytes each) until the next
/// full build, which starts a table of its own.
package final class PageIDTable: @unchecked Sendable {
    package let ids: [PageID]
    private let numbers: [PageID: Int]
    /// A copy of `ids` that readers index without reference counting (`CacheReader.symbols`).
    private let buffer: UnsafeMutableBufferPointer<PageID>

    package init(_ ids: [PageID]) {
        self.ids = ids
        var numbers: [PageID: Int] = [:]
        numbers.reserveCapacity(ids.count)
        for (n, id) in ids.enumerated() where numbers[id] == nil { numbers[id] = n }
        self.numbers = numbers
        buffer = .allocate(capacity: max(ids.count, 1))
        _ = buffer.initialize(from: ids)
    }

    deinit {
        buffer.baseAddress!.deinitialize(count: ids.count)
        buffer.deallocate()
    }

    /// What a reader of records written with this table is given: valid
    /// while the table lives.
    package var symbols: CacheSymbols { CacheSymbols(base: UnsafeRawPointer(buffer.baseAddress!), count: ids.count) }

    package func number(of id: PageID) -> Int? { numbers[id] }

    package func id(_ number: Int) -> PageID? { ids.indices.contains(number) ? ids[number] : nil }

    /// This table, then the ids of `more` it does not have.
    package func extended(with more: [PageID]) -> PageIDTable {
        let new = more.filter { numbers[$0] == nil }
        return new.isEmpty ? self : PageIDTable(ids + new)
    }
}

extension PageIDTable: CacheCodable {
    /// The ids written out (a writer without a table).
    package func write(to writer: inout CacheWriter) { writer.write(ids) }
    package convenience init(from reader: inout CacheReader) throws { self.init(try reader.readArray()) }
}
