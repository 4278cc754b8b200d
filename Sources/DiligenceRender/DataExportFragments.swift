import DiligenceContent
import DiligenceSupport

/// The pieces of a `data/diligence.json` and a `data/products.csv` written
/// before, by page id: what an incremental build passes to `DataExport` for
/// the products and countries whose facts did not change, so a title edit
/// writes one product's object and row again, not 10,000 (the same way as
/// `ScreeningFragments` for the screening data).
///
/// Reads only what `DataExport` writes; anything else gives no pieces, and
/// the file is written again from the pages.
package enum DataExportFragments {
    /// The objects of the `countries` and `products` arrays of the JSON file.
    /// The products array is the one that follows the countries array at
    /// the top level (`DataExport.json` writes them in that order): a
    /// country's concerns list `"products":[…]` too, and the first of those
    /// is not where the products begin (taking it gave no pieces at all, so
    /// every incremental build wrote the whole file again).
    package static func objects(_ file: [UInt8]) -> [PageID: ArraySlice<UInt8>] {
        var found: [PageID: ArraySlice<UInt8>] = [:]
        guard var i = firstIndex(of: Array(#""countries":["#.utf8), in: file) else { return [:] }
        for (kind, next) in [(PageKind.country, Array(#"],"products":["#.utf8)), (PageKind.product, nil)] {
            while i < file.count, file[i] != UInt8(ascii: "]") {
                if file[i] == UInt8(ascii: ",") { i += 1 }
                guard let (end, slug) = ScreeningFragments.object(in: file, from: i), let slug else { return [:] }
                found[PageID(kind, slug)] = file[i..<end]
                i = end
            }
            if let next {
                guard file[i...].starts(with: next) else { return [:] }
                i += next.count
            }
        }
        return found
    }

    /// The rows of a CSV file by the id in their first field (rows with the
    /// same id, one after another, together), header left out. Read through
    /// the array's buffer: a byte at a time through its bounds checks, the
    /// 5 MB of a products table took a third of rendering it again.
    package static func rows(_ file: [UInt8], kind: PageKind) -> [PageID: ArraySlice<UInt8>] {
        var found: [PageID: ArraySlice<UInt8>] = [:]
        let ends = file.withUnsafeBufferPointer { rowEnds($0, from: file.starts(with: CSVTable.byteOrderMark) ? CSVTable.byteOrderMark.count : 0) }
        var group: (id: String, start: Int)?
        // The first row, the header, is left out.
        for (start, end) in zip(ends.dropFirst(), ends.dropFirst(2)) {
            let comma = file[start..<end].firstIndex(of: UInt8(ascii: ",")) ?? end
            let id = String(decoding: file[start..<comma], as: UTF8.self)
            if group?.id != id {
                if let group { found[PageID(kind, group.id)] = file[group.start..<start] }
                group = (id, start)
            }
        }
        if let group, let last = ends.last { found[PageID(kind, group.id)] = file[group.start..<last] }
        return found
    }

    /// Where each row starts, and the end of the last: a row ends at CR LF
    /// outside quotes (or at the end of the file).
    private static func rowEnds(_ file: UnsafeBufferPointer<UInt8>, from first: Int) -> [Int] {
        var ends = [first]
        var i = first
        while i < file.count {
            var quoted = false
            while i < file.count {
                if file[i] == UInt8(ascii: "\"") { quoted.toggle() }
                else if !quoted, file[i] == 0x0D, i + 1 < file.count, file[i + 1] == 0x0A { i += 2; break }
                i += 1
            }
            ends.append(i)
        }
        return ends
    }

    private static func firstIndex(of key: [UInt8], in file: [UInt8]) -> Int? {
        guard key.count <= file.count else { return nil }
        var i = 0
        while i + key.count <= file.count {
            if file[i] == key[0], file[i..<(i + key.count)].elementsEqual(key) { return i + key.count }
            i += 1
        }
        return nil
    }
}
