import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceMarkdown
import DiligenceSupport
import DiligenceTemplate
import Foundation

/// A to Z order for titles, as readers expect it: case and accents ignored,
/// numbers by value ("Step 2" before "Step 10"), ties broken by page id so
/// the order never depends on the input's. Each title's key is computed once:
/// `localizedStandardCompare` made a locale per comparison, a sixth of an
/// incremental build's time on a 10,000-page site.
///
/// The keys are laid end to end in one buffer and compared with `memcmp`:
/// comparing them as arrays went a byte at a time through generic code,
/// a tenth of a title edit's time at 10,000 pages (130,000 comparisons).
package enum TitleOrder {
    package static func sorted(_ pages: [ParsedPage]) -> [ParsedPage] {
        guard pages.count > 1 else { return pages }
        var keys: [UInt8] = []
        var starts: [Int] = [0]
        starts.reserveCapacity(pages.count + 1)
        for page in pages {
            keys += key(page.page.title)
            starts.append(keys.count)
        }
        keys.append(0)  // never empty: the buffer has an address
        return keys.withUnsafeBufferPointer { buffer in
            func key(_ i: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: buffer[starts[i]..<starts[i + 1]]) }
            return pages.indices.sorted { precedes(key($0), pages[$0].id, key($1), pages[$1].id) }.map { pages[$0] }
        }
    }

    /// Whether a page comes before another, from their keys and ids: the
    /// order `sorted` gives.
    package static func precedes(_ a: (key: [UInt8], id: PageID), _ b: (key: [UInt8], id: PageID)) -> Bool {
        a.key.withUnsafeBufferPointer { x in b.key.withUnsafeBufferPointer { y in precedes(x, a.id, y, b.id) } }
    }

    /// The order itself: the keys' bytes by `memcmp`, a key before the
    /// longer keys it starts, then the page id.
    private static func precedes(_ a: UnsafeBufferPointer<UInt8>, _ idA: PageID, _ b: UnsafeBufferPointer<UInt8>, _ idB: PageID) -> Bool {
        let common = min(a.count, b.count)
        let order = common == 0 ? 0 : memcmp(a.baseAddress!, b.baseAddress!, common)
        if order != 0 { return order < 0 }
        return a.count != b.count ? a.count < b.count : idA < idB
    }

    /// The folded title with each run of digits left-padded to 12 digits.
    package static func key(_ title: String) -> [UInt8] {
        let folded = Array(TextFolding.fold(title).utf8)
        var key: [UInt8] = []
        key.reserveCapacity(folded.count + 8)
        var i = 0
        while i < folded.count {
            guard folded[i] >= UInt8(ascii: "0"), folded[i] <= UInt8(ascii: "9") else {
                key.append(folded[i])
                i += 1
                continue
            }
            var end = i
            while end < folded.count, folded[end] >= UInt8(ascii: "0"), folded[end] <= UInt8(ascii: "9") { end += 1 }
            if end - i < 12 { key += Array(repeating: UInt8(ascii: "0"), count: 12 - (end - i)) }
            key += folded[i..<end]
            i = end
        }
        return key
    }
}
