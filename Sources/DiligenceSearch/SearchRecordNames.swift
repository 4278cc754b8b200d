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
        return base36(x % 2_176_782_336)  // 36^6
    }

    /// `value` in `length` base-36 digits (0-9, a-z), zero-padded: what
    /// `String(value, radix: 36)` padded with zeros gives, without its
    /// generic formatting (20,000 names an added page's build works out,
    /// on the search patch's thread, which the build waits for).
    static func base36(_ value: UInt64) -> String {
        String(unsafeUninitializedCapacity: length) { buffer in
            var rest = value
            for i in stride(from: length - 1, through: 0, by: -1) {
                let digit = UInt8(rest % 36)
                buffer[i] = digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10
                rest /= 36
            }
            return length
        }
    }

    /// The record file of a page.
    package static func recordPath(_ name: String) -> String { "search/d/\(name).js" }
}
