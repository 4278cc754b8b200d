import DiligenceSupport
/// The rows a listing page had (`TemplateRow`) and its bytes, for the
/// renderer to copy items from instead of rendering them.
///
/// Rows come back mostly in the order they were kept: a title edit moves one
/// row of 10,000, an added page inserts one. So each key is first compared
/// with the row after the last one taken, and only a key found elsewhere
/// builds the table of all keys. Building that table for every listing,
/// and looking up every row in it, was 4–5 ms of a title edit's render on
/// 10,000 pages (four listings of 10,000 rows), with an array slice
/// retained and released per row.
package struct KeptRows: Sendable {
    /// The listing's bytes: an array, or the file as published, mapped
    /// (`init(file:rows:)`).
    private let bytes: SharedBytes
    private let rows: [TemplateRow]
    /// The row after the last one taken.
    private var next = 0
    /// Row key → the row's place in `rows`, made when first needed.
    private var places: [UInt64: Int]?

    /// No rows: every item is rendered.
    package init() {
        bytes = SharedBytes([UInt8]())
        rows = []
    }

    /// The rows of `bytes`, as the renderer recorded them.
    package init(bytes: [UInt8], rows: [TemplateRow]) {
        self.bytes = SharedBytes(bytes)
        self.rows = rows
    }

    /// The rows of a listing file, mapped: its rows are copied from the
    /// page cache, not from a copy read into fresh memory first (a title
    /// edit at 10,000 pages reads back four listings of 0.5–2 MB).
    package init(file: MappedFile, rows: [TemplateRow]) {
        bytes = SharedBytes(CacheBytes(file))
        self.rows = rows
    }

    package var isEmpty: Bool { rows.isEmpty }

    /// Appends the bytes the item with row key `key` had to `output`; false
    /// when no row had that key.
    package mutating func copy(_ key: UInt64, to output: inout [UInt8]) -> Bool {
        var place = next
        if place >= rows.count || rows[place].key != key {
            if places == nil {
                var table: [UInt64: Int] = [:]
                table.reserveCapacity(rows.count)
                for (i, row) in rows.enumerated() where table[row.key] == nil { table[row.key] = i }
                places = table
            }
            guard let found = places?[key] else { return false }
            place = found
        }
        next = place + 1
        let row = rows[place]
        // A row outside the bytes (a damaged cache) is rendered instead.
        guard row.start >= 0, row.start <= row.end, row.end <= bytes.count else { return false }
        bytes.withUnsafeBufferPointer { output.append(contentsOf: UnsafeBufferPointer(rebasing: $0[row.start..<row.end])) }
        return true
    }
}
