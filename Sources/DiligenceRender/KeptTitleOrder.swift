import DiligenceContent
import DiligenceGraph
import DiligenceSupport

/// The pages A to Z as a build sorted them (`AlphabeticalPages`), kept in
/// the cache for the next build: each page's id and a hash of its title.
/// Sorting 10,000 titles took 11 to 21 ms of an incremental build that
/// renders a listing (a title, a factor, a new page), while every other
/// job waited for it; the next build keeps the pages whose titles hash the
/// same in this order and places the others among them.
package struct KeptTitleOrder: Sendable, Equatable {
    package struct Entry: Sendable, Equatable {
        package var id: PageID
        package var title: UInt64
    }

    package var entries: [Entry]

    package init(entries: [Entry]) {
        self.entries = entries
    }

    /// The order of `pages`, which are A to Z.
    package init(_ pages: [ParsedPage]) {
        entries = pages.map { Entry(id: $0.id, title: Self.hash($0.page.title)) }
    }

    /// What a page's place depends on: its title (its id is the entry's own).
    package static func hash(_ title: String) -> UInt64 {
        var hasher = StableHasher()
        hasher.combine(title)
        return hasher.value
    }
}

extension KeptTitleOrder: CacheCodable {
    package func write(to writer: inout CacheWriter) {
        writer.int(entries.count)
        for entry in entries {
            writer.write(entry.id)
            writer.uint64(entry.title)
        }
    }

    package init(from reader: inout CacheReader) throws {
        let count = try reader.int()
        guard count >= 0, count <= reader.remaining else { throw CacheReader.Corrupt() }
        entries = []
        entries.reserveCapacity(count)
        for _ in 0..<count { entries.append(Entry(id: try reader.read(), title: try reader.uint64())) }
    }
}
