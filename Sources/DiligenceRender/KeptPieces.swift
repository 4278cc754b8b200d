import DiligenceContent
import DiligenceSupport
import DiligenceTemplate

/// The pieces of a big data file an earlier build wrote (`data/diligence.json`,
/// `data/products.csv`, `data/screening.js`) that an incremental build
/// copies as they are, for the products and countries whose facts did not
/// change: a title edit writes one product's object again, not 10,000.
///
/// Where each page's object or row is comes from the rows the cache kept
/// with the file (`ListingRecord.rows`, keyed by `key(_:)`), written as the
/// file was; nothing is parsed back. Each kept piece is checked against the
/// file first (its size, the bytes around and at both ends of each piece):
/// a file changed by anything else gives no pieces, and is written again
/// from the pages.
package struct KeptPieces: Sendable {
    /// The earlier file, mapped: the new file's kept runs are written from
    /// this mapping (`ByteSplice`).
    package var source: MappedFile?
    /// JSON objects of countries and products (the JSON export, the
    /// screening data), by their place in `source`.
    package var objects: [PageID: Range<Int>] = [:]
    /// Rows of products.csv, by their place in `source`.
    package var productRows: [PageID: Range<Int>] = [:]
    /// The JSON export's `matrix` array, by its place in `source`, when the
    /// caller knows the matrix did not change (`matrixUnchanged`).
    package var matrix: Range<Int>?

    package init() {}

    /// How a file's pieces look, for the checks.
    package enum Format: Sendable {
        /// `{"id":"<slug>",…}` between `[` or `,` and `,` or `]`.
        case objectsWithIDFirst
        /// `{…}` between `[` or `,` and `,` or `]` (keys sorted: the id is inside).
        case objects
        /// `<slug>,…` CRLF, after a CRLF.
        case csvRows
    }

    /// The pieces of `ids` in the file at `path`, written with `rows` and
    /// `size` bytes; nil when the file is missing, of another size, or any
    /// piece fails its checks. `matrixUnchanged`: the risk matrix reads
    /// nothing that changed (`data/matrix.csv`, which reads what it shows,
    /// is not rendered again), so the JSON export's `matrix` array is kept
    /// too, when its row is found and fits.
    package init?(ids: [PageID], rows: [TemplateRow], size: Int, path: String, format: Format, matrixUnchanged: Bool = false) {
        guard !rows.isEmpty, let file = MappedFile(path), file.bytes.count == size else { return nil }
        var byKey: [UInt64: Range<Int>] = [:]
        byKey.reserveCapacity(rows.count)
        for row in rows { byKey[row.key] = row.start..<row.end }
        var found: [PageID: Range<Int>] = [:]
        found.reserveCapacity(ids.count)
        let bytes = file.bytes
        for id in ids {
            guard let range = byKey[Self.key(id)] else { continue }
            guard range.lowerBound >= 2, range.upperBound <= bytes.count, range.count >= 2,
                  Self.fits(range, id: id, in: bytes, format: format) else { return nil }
            found[id] = range
        }
        if matrixUnchanged, format == .objectsWithIDFirst, let range = byKey[Self.matrixKey], Self.fitsMatrix(range, in: bytes) {
            matrix = range
        }
        source = file
        switch format {
        case .objects, .objectsWithIDFirst: objects = found
        case .csvRows: productRows = found
        }
    }

    /// The key of a page's row.
    package static func key(_ id: PageID) -> UInt64 {
        var hasher = StableHasher()
        hasher.combine(id)
        return hasher.value
    }

    /// The key of the JSON export's `matrix` array's row. Page keys hash a
    /// kind and a slug (`key(_:)`); this hashes a text no page id is.
    package static let matrixKey: UInt64 = {
        var hasher = StableHasher()
        hasher.combine("data/diligence.json: matrix")
        return hasher.value
    }()

    /// `"matrix":[…]` closing the export's object: the last field, written
    /// as `DataExport.json()` writes it.
    private static func fitsMatrix(_ range: Range<Int>, in bytes: UnsafeRawBufferPointer) -> Bool {
        let key = #""matrix":"#
        guard range.lowerBound >= key.utf8.count, range.upperBound < bytes.count, range.count >= 2,
              bytes[range.lowerBound] == UInt8(ascii: "["), bytes[range.upperBound - 1] == UInt8(ascii: "]"),
              bytes[range.upperBound] == UInt8(ascii: "}") else { return false }
        var at = range.lowerBound - key.utf8.count
        return match(key, in: bytes, at: &at)
    }

    private static func fits(_ range: Range<Int>, id: PageID, in bytes: UnsafeRawBufferPointer, format: Format) -> Bool {
        let first = bytes[range.lowerBound], last = bytes[range.upperBound - 1], before = bytes[range.lowerBound - 1]
        switch format {
        case .objects, .objectsWithIDFirst:
            guard range.upperBound < bytes.count else { return false }
            let after = bytes[range.upperBound]
            guard first == UInt8(ascii: "{"), last == UInt8(ascii: "}"),
                  before == UInt8(ascii: "[") || before == UInt8(ascii: ","),
                  after == UInt8(ascii: "]") || after == UInt8(ascii: ",") else { return false }
            guard format == .objectsWithIDFirst else { return true }
            var at = range.lowerBound
            return match(#"{"id":""#, in: bytes, at: &at) && match(id.slug, in: bytes, at: &at) && match(#"""#, in: bytes, at: &at)
        case .csvRows:
            var at = range.lowerBound
            return before == 0x0A && bytes[range.lowerBound - 2] == 0x0D && last == 0x0A && bytes[range.upperBound - 2] == 0x0D
                && match(id.slug, in: bytes, at: &at) && match(",", in: bytes, at: &at)
        }
    }

    /// Whether `bytes` hold `text` at `offset`, which then moves past it
    /// (compared where they are: put together, the texts were an allocation
    /// a page a file).
    private static func match(_ text: String, in bytes: UnsafeRawBufferPointer, at offset: inout Int) -> Bool {
        for byte in text.utf8 {
            guard offset < bytes.count, bytes[offset] == byte else { return false }
            offset += 1
        }
        return true
    }

    /// A builder of the new file over the old one.
    func builder(capacity: Int) -> ByteSplice.Builder {
        ByteSplice.Builder(source: source, capacity: capacity)
    }
}
