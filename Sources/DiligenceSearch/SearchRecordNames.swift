import DiligenceContent
import DiligenceGraph
import DiligenceRender
import DiligenceSupport

/// The file name of each page's search record (`search/d/<name>.js`): six
/// base-36 characters of a hash of the page's id, so a record is not
/// renamed when other pages come or go (renaming thousands of record files
/// cost about 30 µs each in the kernel). The name also gives the page its
/// number in the index (`SearchNumbering`); the browser goes from a number
/// to the name through the name tables (`SearchNameTables`).
package struct SearchRecordNames: Sendable, Equatable {
    package static let length = 6
    /// In page order.
    package let names: [String]

    /// Names for pages in this order. Two ids whose hashes give the same
    /// name (at 10,000 pages, one chance in 40 that some pair does) are told
    /// apart by hashing again with a counter, the later page in order giving
    /// way: so a name depends on the other pages only through such a
    /// collision, which an incremental build detects by comparing names.
    package init(_ ids: [PageID]) {
        var taken = Set<String>(minimumCapacity: ids.count)
        names = ids.map { id in
            var attempt: UInt64 = 0
            while true {
                let name = SearchRecordNames.name(id, attempt: attempt)
                if taken.insert(name).inserted { return name }
                attempt += 1
            }
        }
    }

    package static func name(_ id: PageID, attempt: UInt64) -> String {
        var hasher = StableHasher()
        // The id as text, not `combine(_: PageID)`: names are published and
        // must not move when that hash does.
        hasher.combine(id.kind.rawValue)
        hasher.combine(id.slug)
        withUnsafeBytes(of: attempt.littleEndian) { hasher.combine(bytes: $0) }
        // FNV's low digits vary little between similar slugs: mix first
        // (the finaliser of SplitMix64).
        var x = hasher.value
        x = (x ^ (x >> 30)) &* 0xbf58_476d_1ce4_e5b9
        x = (x ^ (x >> 27)) &* 0x94d0_49bb_1331_11eb
        x ^= x >> 31
        var digits = String(x % 2_176_782_336, radix: 36)  // 36^6
        while digits.count < length { digits = "0" + digits }
        return digits
    }

    /// The record file of a page.
    package static func recordPath(_ name: String) -> String { "search/d/\(name).js" }
}
