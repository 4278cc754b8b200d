import DiligenceContent
import DiligenceGraph
import DiligenceRender
import DiligenceSupport

/// Carries a posting list over to the new page numbers of an incremental
/// build, on its bytes: postings of dropped pages (changed or removed) go,
/// and only the postings whose delta changes are encoded again — the others
/// are copied. A page added at number k shifts every page after it by one,
/// which changes one delta per list (the first page at or after k); a list
/// whose pages all lie before the first change is not touched at all.
///
/// At 10,000 pages, a new page renumbers about 8 million postings: decoding
/// each list into an array and encoding it again took about 0.25 s of the
/// build; this scans the bytes up to the last change and copies the rest.
package struct SearchRenumbering {
    /// Old page number → new number, or −1 for a page whose postings are dropped.
    private let map: [Int32]
    /// Past this old page number, no page is dropped and every page moves by
    /// the same amount: once a list has kept a posting at or after it, the
    /// rest of the list keeps its bytes.
    private let lastChange: Int32

    package enum Outcome {
        case unchanged
        case changed([UInt8])
        /// Every posting was dropped: the term goes.
        case empty
    }

    /// The old numbers whose postings (and filter values) a patch drops:
    /// those of pages gone, and of pages it gives again under their new
    /// number (changed, moved); a number no page had is not dropped.
    package static func dropped(_ renumbered: [Int?], taken: (Int) -> Bool, givenAgain: (Int) -> Bool) -> [Bool] {
        renumbered.indices.map { old in taken(old) && (renumbered[old].map(givenAgain) ?? true) }
    }

    /// - Parameters:
    ///   - renumbered: old page number → new number, nil for a removed page.
    ///   - dropped: old page numbers whose postings go (changed or removed pages).
    package init(renumbered: [Int?], dropped: [Bool]) {
        var map = [Int32](repeating: -1, count: renumbered.count)
        var lastChange: Int32 = -1
        var shift = 0  // new − old of the last kept page; a list starts from page 0 unshifted
        for (old, new) in renumbered.enumerated() {
            guard let new, !dropped[old] else { lastChange = Int32(old); continue }
            map[old] = Int32(new)
            if new - old != shift { lastChange = Int32(old); shift = new - old }
        }
        self.map = map
        self.lastChange = lastChange
    }

    /// The entry with its postings renumbered; nil if it names a page that
    /// does not exist (a damaged index).
    package func apply(_ entry: SearchIndexFiles.Entry) -> Outcome? {
        var out: [UInt8] = []
        switch apply(entry, appendingTo: &out) {
        case nil: return nil
        case .unchanged?: return .unchanged
        case .empty?: return .empty
        case .changed?: return .changed(out)
        }
    }

    /// What `apply(_:)` says, a changed entry's bytes appended to `out`:
    /// the patch puts a chunk's changed entries in one buffer (an array
    /// each was a hundred thousand allocations when a page was added).
    package enum Appended {
        case unchanged
        /// Where in `out` the entry's bytes now are.
        case changed(Range<Int>)
        case empty
    }

    package func apply(_ entry: SearchIndexFiles.Entry, appendingTo out: inout [UInt8]) -> Appended? {
        guard let colon = SearchIndexFiles.colonOffset(entry.bytes) else { return nil }  // an offset: `bytes` may be a slice of a chunk file
        guard colon + 2 < entry.bytes.count else { return nil }
        let pairs = SearchIndexFiles.hasScores(entry.term)
        let base = out.count
        return entry.bytes.withUnsafeBufferPointer { b -> Appended? in
            let end = b.count - 1  // the closing quote
            var changed = false
            var wrote = false  // `out` has a posting: the next one needs a comma
            var runStart = colon + 2  // postings kept as they are, not yet copied to `out`
            func copy(_ from: Int, _ to: Int) {
                guard from < to else { return }
                if wrote { out.append(UInt8(ascii: ",")) }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[from..<to]))
                wrote = true
            }
            func begin() {
                guard !changed else { return }
                changed = true
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[0..<(colon + 2)]))
            }
            var i = colon + 2
            var oldPrevious: Int32 = 0
            var newPrevious: Int32 = 0
            while i < end {
                let start = i
                var delta: Int32 = 0
                while i < end, b[i] != UInt8(ascii: ",") { delta = delta &* 36 &+ SearchRenumbering.digit(b[i]); i += 1 }
                let (scoreStart, scoreEnd) = SearchRenumbering.score(b, at: i, end: end, pairs: pairs)
                i = scoreEnd + 1  // the next posting
                let old = oldPrevious &+ delta
                oldPrevious = old
                guard old >= 0, Int(old) < map.count, scoreStart < scoreEnd || !pairs, start < scoreEnd else { return nil }
                let new = map[Int(old)]
                if new < 0 {  // dropped
                    begin()
                    copy(runStart, start - 1)
                    runStart = i
                    continue
                }
                if new &- newPrevious != delta {
                    begin()
                    copy(runStart, start - 1)
                    if wrote { out.append(UInt8(ascii: ",")) }
                    SearchRenumbering.appendBase36(new &- newPrevious, to: &out)
                    if pairs {
                        out.append(UInt8(ascii: ","))
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: b[scoreStart..<scoreEnd]))
                    }
                    wrote = true
                    runStart = i
                }
                newPrevious = new
                if old >= lastChange {
                    if !changed { return .unchanged }
                    break
                }
            }
            guard changed else { return .unchanged }
            copy(runStart, end)
            guard wrote else {
                out.removeSubrange(base...)
                return .empty
            }
            out.append(UInt8(ascii: "\""))
            return .changed(base..<out.count)
        }
    }

    /// Where a posting's score is, `at` being the end of its page delta:
    /// after the comma in a list of (page, score) pairs; empty, at the
    /// delta's end, in a redirect's list of pages alone. The next posting
    /// starts one byte after the score's end.
    @inline(__always)
    static func score(_ b: UnsafeBufferPointer<UInt8>, at i: Int, end: Int, pairs: Bool) -> (start: Int, end: Int) {
        guard pairs else { return (i, i) }
        var j = i + 1
        while j < end, b[j] != UInt8(ascii: ",") { j += 1 }
        return (i + 1, min(j, end))
    }

    private static func digit(_ byte: UInt8) -> Int32 {
        Int32(byte <= UInt8(ascii: "9") ? byte &- UInt8(ascii: "0") : byte &- UInt8(ascii: "a") &+ 10)
    }

    private static func appendBase36(_ value: Int32, to out: inout [UInt8]) {
        var json = JSONBytes(capacity: 8)
        json.base36(Int(value))
        out.append(contentsOf: json.bytes)
    }
}
