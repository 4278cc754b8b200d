import DiligenceSupport

/// Every page's summary (`SearchTermFilter.summary`: its score digest and
/// term filter), by search number (`SearchNumbering`; none for a number
/// no page has), as the cache keeps them: one file of
/// summaries end to end, and a table of where each page's is. A patch appends the filters of the pages it tokenised
/// and writes a new table, not the 5 MB file again (rewriting it cost a
/// factor-note edit about 12 ms of CPU time); the file is written afresh
/// when dead filters would be more than half of it.
package struct SearchTermFilters: Sendable {
    /// The file as the last build left it (mapped), or nothing.
    package var kept: CacheBytes
    /// Bytes after `kept`; or, when `rewrites`, the whole file.
    package var appended: [UInt8]
    package var rewrites: Bool
    /// By search number: where the page's filter is, in `kept` followed by
    /// `appended` (or in `appended` alone when `rewrites`).
    package var places: [Range<Int>]

    /// A new file of these filters, by number.
    package init(filters: [[UInt8]]) {
        kept = .empty
        rewrites = true
        appended = []
        appended.reserveCapacity(filters.reduce(0) { $0 + $1.count })
        places = []
        places.reserveCapacity(filters.count)
        for filter in filters {
            places.append(appended.count..<(appended.count + filter.count))
            appended += filter
        }
    }

    /// The filters of a kept file, placed by `table` (`table()`); nil if the
    /// table is damaged or names bytes past the file's end.
    package init?(file: CacheBytes, table: [UInt8]) {
        var reader = CacheReader(table)
        guard let count = try? reader.int(), count >= 0, count <= table.count else { return nil }
        var places: [Range<Int>] = []
        places.reserveCapacity(count)
        var end = 0
        for _ in 0..<count {
            guard let delta = try? reader.int(), let length = try? reader.int() else { return nil }
            let start = end + delta
            guard start >= 0, length >= 0, start + length <= file.count else { return nil }
            places.append(start..<(start + length))
            end = start + length
        }
        guard reader.isAtEnd else { return nil }
        self.kept = file
        self.appended = []
        self.rewrites = false
        self.places = places
    }

    /// Where each page's filter is: its start, from the end of the one
    /// before (small numbers, as the file is mostly in number order), and length.
    package func table() -> [UInt8] {
        var writer = CacheWriter()
        writer.int(places.count)
        var end = 0
        for place in places {
            writer.int(place.lowerBound - end)
            writer.int(place.count)
            end = place.upperBound
        }
        return writer.bytes
    }

    /// The size of the file once written.
    package var fileSize: Int { rewrites ? appended.count : kept.count + appended.count }

    /// Whether any of the pages `numbers` (of a kept file) may have postings under `term`.
    package func anyMayContain(_ numbers: [Int], hash: UInt64) -> Bool {
        kept.withUnsafeBytes { file in
            numbers.contains { SearchTermFilter.mayContain(SearchTermFilter.parts(UnsafeRawBufferPointer(rebasing: file[places[$0]])).filter, hash: hash) }
        }
    }

    /// Whether the page `number` (of a kept file) has the score digest of
    /// `summary` (`SearchTermFilter.sameDigest`): the same terms with the
    /// same scores, but for a 64-bit collision in one of the digest's
    /// buckets. Its filter follows from the terms.
    package func sameDigest(_ summary: [UInt8], at number: Int) -> Bool {
        kept.withUnsafeBytes { file in
            summary.withUnsafeBytes { SearchTermFilter.sameDigest(UnsafeRawBufferPointer(rebasing: file[places[number]]), $0) }
        }
    }

    /// Whether each of the pages `numbers` (of a kept file, numbered as
    /// now) has, in the digest bucket of `hash`, the terms and scores it had:
    /// `now` holds their new summaries. Then a list under such a term holds
    /// their postings as they are now, and none if they have none.
    package func scoresUnchanged(_ numbers: [Int], hash: UInt64, now: [Int: [UInt8]]) -> Bool {
        kept.withUnsafeBytes { file in
            numbers.allSatisfy { number in
                guard let new = now[number] else { return false }
                return new.withUnsafeBytes { SearchTermFilter.sameScores(UnsafeRawBufferPointer(rebasing: file[places[number]]), $0, hash: hash) }
            }
        }
    }

    /// The filters after a patch, in the new page order: a kept page's
    /// where it was, a tokenised page's (`changed`, by new number) appended.
    /// Rewritten whole when the dead ones would outweigh the live ones.
    package func patched(renumbered: [Int?], changed: [Int: [UInt8]], count: Int) -> SearchTermFilters {
        var result = self
        result.places = [Range<Int>](repeating: 0..<0, count: count)
        for (old, new) in zip(places, renumbered) { if let new { result.places[new] = old } }
        for (doc, filter) in changed.sorted(by: { $0.key < $1.key }) {
            let start = kept.count + result.appended.count
            result.places[doc] = start..<(start + filter.count)
            result.appended += filter
        }
        let live = result.places.reduce(0) { $0 + $1.count }
        guard result.fileSize > 2 * live + 65_536 else { return result }
        let all = kept.withUnsafeBytes { file in
            result.places.map { place in
                place.lowerBound >= kept.count
                    ? Array(result.appended[(place.lowerBound - kept.count)..<(place.upperBound - kept.count)])
                    : Array(UnsafeRawBufferPointer(rebasing: file[place]))
            }
        }
        return SearchTermFilters(filters: all)
    }
}
