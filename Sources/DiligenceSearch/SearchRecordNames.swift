import DiligenceContent
import DiligenceGraph
import DiligenceRender
import DiligenceSupport

/// The file name of each page's search record (`search/d/<name>.js`), and the
/// tables (`search/n-<k>.js`) through which the browser goes from a page
/// number in a posting list to that name.
///
/// Page numbers are positions in page order, so a page added or removed
/// renumbers every page after it. Record names do not move with them: a name
/// is six base-36 characters of a hash of the page's id, so an incremental
/// build that adds a page writes one record and a few small tables instead
/// of renaming thousands of record files (about 30 µs each in the kernel).
/// The tables cost a first query one small file per result shown
/// (64 names of 6 bytes each).
package struct SearchRecordNames: Sendable, Equatable {
    package static let length = 6
    /// Names per table file.
    package static let perTable = 64

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

    /// `search/n-<k>.js`: the names of pages 64·k … 64·k + 63, concatenated.
    package func tables() -> [OutputFile] {
        stride(from: 0, to: names.count, by: Self.perTable).map { start in
            let key = Self.tableKey(start)
            let joined = names[start..<min(start + Self.perTable, names.count)].joined()
            return OutputFile(path: "search/\(key).js", text: ScriptData.call("DiligenceSearch.put", key, joined))
        }
    }

    /// The paths of `tables()`.
    package func tablePaths() -> [String] {
        stride(from: 0, to: names.count, by: Self.perTable).map { "search/\(Self.tableKey($0)).js" }
    }

    /// The key of the table that starts at page `start`.
    private static func tableKey(_ start: Int) -> String { "n-\(start / perTable)" }
}
