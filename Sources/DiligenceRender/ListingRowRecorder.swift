import DiligenceSupport
import DiligenceTemplate
import Foundation

/// Renders the listing pages keeping their rows: an item that rendered the
/// same bytes last time (same `reuseKey`, same place in the templates) is
/// copied from that listing's bytes as the cache kept them
/// (`ListingRecord`). A title edit on a 10,000-page site re-renders
/// `search.html`, the product index, the matrix and several term pages: this
/// renders one link in each and copies the rest. Used from many threads at once.
package final class ListingRowRecorder: @unchecked Sendable {
    private let previous: [String: ListingRecord]
    /// The listing as the cache kept it, mapped.
    private let file: @Sendable (String) -> MappedFile?
    private let lock = NSLock()
    private var recorded: [String: [TemplateRow]] = [:]
    private var itemsCopied = 0
    private var itemsRendered = 0

    /// List items that can be rows, copied from the listings as kept and rendered.
    package var itemCounts: (copied: Int, rendered: Int) { lock.withLock { (itemsCopied, itemsRendered) } }

    package init(previous: [String: ListingRecord] = [:], file: @escaping @Sendable (String) -> MappedFile? = { _ in nil }) {
        self.previous = previous
        self.file = file
    }

    /// The bytes of the listing page at `path`, from `render` given the
    /// rows it may copy and the room to make for its bytes (the size it had,
    /// and a little more; 0 when it had none).
    package func render(_ path: String,
                        _ render: (KeptRows, Int) -> (bytes: [UInt8], rows: [TemplateRow], copied: Int)) -> [UInt8] {
        let reusable = reusable(path)
        let capacity = reusable.isEmpty ? 0 : (previous[path]?.size).map { $0 + $0 / 32 + 4096 } ?? 0
        let (bytes, rows, copied) = render(reusable, capacity)
        lock.withLock {
            recorded[path] = rows
            itemsCopied += copied
            itemsRendered += rows.count - copied
        }
        return bytes
    }

    /// The rows of a file not rendered through templates (the big data
    /// files, `KeptPieces`), as it was written; `copied` of them were kept.
    package func record(_ path: String, _ rows: [TemplateRow], copied: Int) {
        lock.withLock {
            recorded[path] = rows
            itemsCopied += copied
            itemsRendered += rows.count - copied
        }
    }

    /// The rows of the listing as the cache kept it, if its bytes are
    /// still those the record describes.
    private func reusable(_ path: String) -> KeptRows {
        guard let listing = previous[path], !listing.rows.isEmpty, let kept = file(path),
              kept.bytes.count == listing.size, StableHasher.hashWords(kept.bytes) == listing.hash else { return KeptRows() }
        return KeptRows(file: kept, rows: listing.rows)
    }

    /// The rows the listing page at `path` was rendered with now, if it was.
    package func rows(of path: String) -> [TemplateRow]? {
        lock.withLock { recorded[path] }
    }
}
