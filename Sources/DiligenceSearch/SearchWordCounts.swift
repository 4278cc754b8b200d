import Foundation

/// A page's distinct words and their occurrences per field, keyed by the
/// words' UTF-8 bytes in an open-addressing table with an FNV-1a hash.
///
/// Why not a `[String: FieldCounts]`: a page of 2,000 words made 2,000
/// Strings and hashed each with Swift's seeded SipHash over its normalised
/// form; that dictionary and the Strings were 6 % of a full build's samples
/// (`perf`, long-bodies corpus). Here a word is hashed and compared as bytes,
/// and only the page's few hundred distinct words become Strings.
struct SearchWordCounts {
    /// The distinct words' bytes, one after another.
    private var bytes: [UInt8] = []
    /// Per word: where its bytes start in `bytes`, and their count.
    private var spans: [(start: Int, count: Int)] = []
    private var hashes: [UInt32] = []
    /// Per word: its occurrences in each field.
    private(set) var counts: [SearchIndexBuilder.FieldCounts] = []
    /// Hash slot → word number, or -1. Its size is a power of two, at least
    /// twice the number of words.
    private var slots: [Int32]

    init(capacity: Int = 1024) {
        slots = [Int32](repeating: -1, count: capacity)
        bytes.reserveCapacity(capacity * 8)
        spans.reserveCapacity(capacity / 2)
        hashes.reserveCapacity(capacity / 2)
        counts.reserveCapacity(capacity / 2)
    }

    /// The number of distinct words.
    var count: Int { spans.count }

    /// Counts one occurrence of `word` in `field`; returns the word's number.
    @discardableResult
    mutating func add(_ word: UnsafeBufferPointer<UInt8>, field: Int) -> Int {
        var hash: UInt32 = 2_166_136_261
        for byte in word { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while true {
            let found = Int(slots[slot])
            if found < 0 { break }
            if hashes[found] == hash, equals(found, word) {
                counts[found].add(field)
                return found
            }
            slot = (slot + 1) & mask
        }
        let number = spans.count
        spans.append((bytes.count, word.count))
        bytes.append(contentsOf: word)
        hashes.append(hash)
        var fieldCounts = SearchIndexBuilder.FieldCounts()
        fieldCounts.add(field)
        counts.append(fieldCounts)
        slots[slot] = Int32(number)
        if spans.count * 2 > slots.count { grow() }
        return number
    }

    /// Word number `n` as a String.
    func word(_ n: Int) -> String {
        let span = spans[n]
        return bytes.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[span.start..<(span.start + span.count)]), as: UTF8.self)
        }
    }

    private func equals(_ n: Int, _ word: UnsafeBufferPointer<UInt8>) -> Bool {
        let span = spans[n]
        guard span.count == word.count else { return false }
        return bytes.withUnsafeBufferPointer { stored in
            word.isEmpty || memcmp(stored.baseAddress! + span.start, word.baseAddress!, word.count) == 0
        }
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (n, hash) in hashes.enumerated() {
            var slot = Int(hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(n)
        }
    }
}
