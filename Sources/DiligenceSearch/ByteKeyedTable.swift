import DiligenceSupport
import Foundation

/// Values keyed by byte strings (UTF-8 words), in an open-addressing table
/// with an FNV-1a hash: the search tokeniser's per-page word counts and the
/// stemmer's words already stemmed.
///
/// Why not a `[String: Value]`: every word of every page became a String,
/// hashed with Swift's seeded SipHash over its normalised form; those
/// dictionaries and Strings were 6 % of a full build's samples (`perf`,
/// long-bodies corpus), and the stemmer's dictionary of every word met
/// another 5 %. Here a word is hashed once, compared as bytes (its stored
/// hash first), and becomes a String only when the caller asks.
struct ByteKeyedTable<Value> {
    /// The keys' bytes, one after another.
    private var bytes: [UInt8] = []
    /// Per entry: where its key starts in `bytes`, and its length.
    private var spans: [(start: Int, count: Int)] = []
    /// Per entry: its key's hash.
    private(set) var hashes: [UInt32] = []
    /// Per entry, in the order the keys were added.
    var values: [Value] = []
    /// Hash slot → entry number (-1: empty) and that entry's hash, side by
    /// side: a probe compares hashes without touching the entries (one cache
    /// miss, not three, in the stemmer's large table). A power of two, at
    /// least twice the entries.
    private var slots: [Slot]

    private struct Slot {
        var number: Int32
        var hash: UInt32
        static var empty: Slot { Slot(number: -1, hash: 0) }
    }

    /// - Parameter capacity: slots to begin with (rounded up to a power of two).
    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity { size <<= 1 }
        slots = [Slot](repeating: .empty, count: size)
        bytes.reserveCapacity(capacity * 8)
        spans.reserveCapacity(capacity / 2)
        hashes.reserveCapacity(capacity / 2)
        values.reserveCapacity(capacity / 2)
    }

    /// The number of entries.
    var count: Int { spans.count }

    /// The project's FNV-1a (`StableHasher`), folded to 32 bits.
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var hasher = StableHasher()
        hasher.combine(bytes: key)
        return UInt32(truncatingIfNeeded: hasher.value ^ (hasher.value >> 32))
    }

    /// The entry number of `key` (whose hash is `hash`), or nil.
    func find(_ key: UnsafeBufferPointer<UInt8>, hash: UInt32) -> Int? {
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while true {
            let found = slots[slot]
            if found.number < 0 { return nil }
            if found.hash == hash, equals(Int(found.number), key) { return Int(found.number) }
            slot = (slot + 1) & mask
        }
    }

    /// Adds `key`, which the table does not hold; returns its entry number.
    @discardableResult
    mutating func insert(_ key: UnsafeBufferPointer<UInt8>, hash: UInt32, value: Value) -> Int {
        let number = spans.count
        spans.append((bytes.count, key.count))
        bytes.append(contentsOf: key)
        hashes.append(hash)
        values.append(value)
        if spans.count * 2 > slots.count { grow() } else { place(number, hash: hash) }
        return number
    }

    /// Calls `body` with entry `n`'s key.
    func withKey<R>(_ n: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let span = spans[n]
        return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[span.start..<(span.start + span.count)])) }
    }

    /// Entry `n`'s key as a String.
    func key(_ n: Int) -> String {
        withKey(n) { String(decoding: $0, as: UTF8.self) }
    }

    private func equals(_ n: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let span = spans[n]
        guard span.count == key.count else { return false }
        guard !key.isEmpty else { return true }
        return bytes.withUnsafeBufferPointer { memcmp($0.baseAddress! + span.start, key.baseAddress!, key.count) == 0 }
    }

    private mutating func place(_ n: Int, hash: UInt32) {
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while slots[slot].number >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Slot(number: Int32(n), hash: hash)
    }

    private mutating func grow() {
        slots = [Slot](repeating: .empty, count: slots.count * 2)
        for (n, hash) in hashes.enumerated() { place(n, hash: hash) }
    }
}
