import Foundation

/// Renders the listing pages keeping their rows: with the rows of the
/// previous build (`ListingRows`) and the output folder they describe, an
/// item that rendered the same bytes last time (same `reuseKey`, same place
/// in the templates) is copied from the page as it is on disk. A title edit
/// on a 10,000-page site re-renders `search.html`, the product index, the
/// matrix and several term pages: this renders one link in each and copies
/// the rest. Used from many threads at once.
final class ListingRowRecorder: @unchecked Sendable {
    private let previous: ListingRows
    /// Where the pages `previous` describes are; nil in a full build.
    private let output: String?
    private let lock = NSLock()
    private var recorded: [String: ListingRows.Page] = [:]
    private var itemsCopied = 0
    private var itemsRendered = 0

    /// List items that can be rows, copied from the pages as written and rendered.
    var itemCounts: (copied: Int, rendered: Int) { lock.withLock { (itemsCopied, itemsRendered) } }

    init(previous: ListingRows = ListingRows(), output: String? = nil) {
        self.previous = previous
        self.output = output
    }

    /// The bytes of the listing page at `path`, from `render` given the rows it may copy.
    func render(_ path: String,
                _ render: ([UInt64: ArraySlice<UInt8>]) -> (bytes: [UInt8], rows: [TemplateRow], copied: Int)) -> [UInt8] {
        let (bytes, rows, copied) = render(reusable(path))
        let page = ListingRows.Page(hash: StableHasher.hashWords(bytes), size: bytes.count, rows: rows)
        lock.withLock {
            recorded[path] = page
            itemsCopied += copied
            itemsRendered += rows.count - copied
        }
        return bytes
    }

    /// Row key → bytes, from the page as written, if it is still what the rows describe.
    private func reusable(_ path: String) -> [UInt64: ArraySlice<UInt8>] {
        guard let output, let page = previous.pages[path], !page.rows.isEmpty,
              let bytes = FileBytes.read(output + "/" + path),
              bytes.count == page.size, StableHasher.hashWords(bytes) == page.hash else { return [:] }
        var rows: [UInt64: ArraySlice<UInt8>] = [:]
        rows.reserveCapacity(page.rows.count)
        for row in page.rows { rows[row.key] = bytes[row.start..<row.end] }
        return rows
    }

    /// The rows of the listing pages at `paths`: as rendered now, or as they were.
    func rows(of paths: [String]) -> ListingRows {
        lock.withLock {
            var rows = ListingRows()
            for path in paths { rows.pages[path] = recorded[path] ?? previous.pages[path] }
            return rows
        }
    }
}
