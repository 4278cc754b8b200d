import DiligenceContent
import DiligenceGraph
import DiligenceRender
import DiligenceSupport

/// Adds a changed page's postings to a posting list on its bytes, as
/// `SearchRenumbering` drops the old ones: the postings before the first
/// insertion and after the last are copied, and only the deltas around the
/// inserted postings are encoded. The result is the bytes
/// `SearchIndexFiles.encode` gives for the merged list.
///
/// A title edit changes the postings of a few hundred terms, some of them in
/// most pages ("the": 10,000 postings): decoding each list into an array and
/// encoding it again was a fifth of the search patch.
package enum SearchPostingInsertion {
    /// - Parameters:
    ///   - added: postings in number order, none of whose pages is in `entry`.
    ///   - entry: `"term":"delta,score,…"` (a chunk's bytes), or nil if the
    ///     term had no other page.
    /// - Returns: nil if `entry` is damaged or already names a page of `added`.
    package static func insert(_ added: [SearchPosting], into entry: SharedBytes?, term: String) -> [UInt8]? {
        guard let entry else { return SearchIndexFiles.encode(term: term, postings: added) }
        guard !added.isEmpty else { return entry.array }
        guard let colon = SearchIndexFiles.colonOffset(entry) else { return nil }
        guard colon + 2 < entry.count else { return nil }
        let pairs = SearchIndexFiles.hasScores(term)
        return entry.withUnsafeBufferPointer { b -> [UInt8]? in
            let end = b.count - 1  // the closing quote
            var out: [UInt8] = []
            out.reserveCapacity(b.count + added.count * 8)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[0..<(colon + 2)]))
            var scratch = JSONBytes(capacity: 16)
            func separate() { if out.count > colon + 2 { out.append(UInt8(ascii: ",")) } }
            func number(_ value: Int32) {
                scratch.bytes.removeAll(keepingCapacity: true)
                scratch.base36(Int(value))
                out.append(contentsOf: scratch.bytes)
            }
            func add(_ posting: SearchPosting, after previous: Int32) {
                separate()
                number(posting.doc - previous)
                if pairs {
                    out.append(UInt8(ascii: ","))
                    number(posting.score)
                }
            }
            var k = 0
            var previous: Int32 = 0  // the last page written to `out`, or passed over in a kept run
            var old: Int32 = 0  // the last page read from `entry`
            var i = colon + 2
            // Postings read and kept as they are, not yet copied: copied in one
            // piece where a posting is inserted (one append per posting was
            // most of a country edit's patch, every list it is in being read
            // nearly to its end).
            var runStart = i
            func flush(_ to: Int) {
                guard runStart < to else { return }
                separate()
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[runStart..<to]))
            }
            while i < end, k < added.count {
                let start = i
                var delta: Int32 = 0
                while i < end, b[i] != UInt8(ascii: ",") {
                    switch b[i] {
                    case UInt8(ascii: "0")...UInt8(ascii: "9"): delta = delta &* 36 &+ Int32(b[i] &- UInt8(ascii: "0"))
                    case UInt8(ascii: "a")...UInt8(ascii: "z"): delta = delta &* 36 &+ Int32(b[i] &- UInt8(ascii: "a") &+ 10)
                    default: return nil
                    }
                    i += 1
                }
                let (scoreStart, scoreEnd) = SearchRenumbering.score(b, at: i, end: end, pairs: pairs)
                i = scoreEnd + 1
                guard scoreStart < scoreEnd || !pairs, start < scoreEnd, delta >= 0 else { return nil }
                old &+= delta
                guard added[k].doc <= old else {
                    previous = old
                    continue
                }
                flush(start - 1)  // the kept postings before this one, without the comma after them
                while k < added.count, added[k].doc <= old {
                    guard added[k].doc < old else { return nil }  // the page is in the list already
                    add(added[k], after: previous)
                    previous = added[k].doc
                    k += 1
                }
                // This posting follows an inserted one: its delta changes.
                separate()
                number(old - previous)
                if pairs {
                    out.append(UInt8(ascii: ","))
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: b[scoreStart..<scoreEnd]))
                }
                previous = old
                runStart = i
            }
            // The rest keeps its bytes: read, or past the last insertion (its deltas do not change).
            flush(end)
            for posting in added[k...] {
                add(posting, after: previous)
                previous = posting.doc
            }
            out.append(UInt8(ascii: "\""))
            return out
        }
    }
}
