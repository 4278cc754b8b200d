/// Puts a cache file's records back in page order, the last record of a
/// page in the file standing for it (`BuildSnapshot.load`).
///
/// The file is a few ascending runs: a build that writes it afresh writes
/// the records of the pages it does not render, then those it renders, each
/// in page order; a build that appends adds its own two. Sorting every
/// record by its page id instead (133,000 comparisons of ids at 10,000
/// pages) was 2–3 ms of every build after the first that appended, on the
/// path every build waits for (`perf`). Here the longest run (the file's
/// first write, nearly every page) is kept as it is and merged with the
/// others, which are few and sorted alone.
enum RecordOrder {
    /// The indices of the records that stand for their pages, in key order:
    /// of several with one key, the last. `keys` must be comparable in O(1)
    /// for this to be cheap (page ids are).
    static func latest<Key: Comparable>(_ keys: [Key]) -> [Int] {
        guard keys.count > 1 else { return Array(keys.indices) }
        // Ascending runs, each record a step up from the one before.
        var runs: [Range<Int>] = []
        var start = 0
        for i in 1..<keys.count where !(keys[i - 1] < keys[i]) {
            runs.append(start..<i)
            start = i
        }
        runs.append(start..<keys.count)
        guard runs.count > 1, let main = runs.max(by: { $0.count < $1.count }) else { return Array(keys.indices) }
        // The others, by key and then place in the file; the last of each key.
        var others = keys.indices.filter { !main.contains($0) }
        others.sort { keys[$0] < keys[$1] || (keys[$0] == keys[$1] && $0 < $1) }
        var latest: [Int] = []
        latest.reserveCapacity(others.count)
        for i in others {
            if let last = latest.last, keys[last] == keys[i] { latest[latest.count - 1] = i } else { latest.append(i) }
        }
        // Merged with the main run: of two records of a page, the later in the file.
        var merged: [Int] = []
        merged.reserveCapacity(main.count + latest.count)
        var a = main.lowerBound, b = 0
        while a < main.upperBound || b < latest.count {
            if b == latest.count || (a < main.upperBound && keys[a] < keys[latest[b]]) {
                merged.append(a)
                a += 1
            } else if a == main.upperBound || keys[latest[b]] < keys[a] {
                merged.append(latest[b])
                b += 1
            } else {
                merged.append(max(a, latest[b]))
                a += 1
                b += 1
            }
        }
        return merged
    }
}
