import DiligenceSupport

/// The terms a page has postings under, as a Bloom filter: what lets an
/// incremental patch leave alone the posting lists an edited page is not in.
///
/// To drop an edited page's old postings, the patch must find them, and the
/// cache keeps no old text to tokenise again. Without a filter it scans every
/// posting list up to the page's number: on 10,000 pages, for a country
/// (numbered after every product) that is nearly all of 5 million postings,
/// 60–80 ms of CPU for a one-sentence edit, and a product's cost depended on
/// where its slug sorts. With the page's filter, a list whose term it
/// certainly lacks is kept as it is without a look; about one in fifty of the
/// others is scanned for nothing (8 bits and 5 probes per term), never one
/// it holds (a Bloom filter has no false negatives). 532 terms a page on
/// average: about 5 MB at 10,000 pages, kept beside the index
/// (`OutputCache`), only by builds that keep a cache.
package enum SearchTermFilter {
    static let bitsPerTerm = 8
    static let probes = 5

    /// A term's hash, the same in every process (`StableHasher`, then
    /// mixed so that both halves, which make the probes, depend on every byte).
    package static func hash(_ term: String) -> UInt64 {
        var hasher = StableHasher()
        hasher.combine(term)
        return StableHasher.mixed(hasher.value)
    }

    /// The filter of a page whose terms have these hashes: a whole number
    /// of 64-bit words, at least one.
    package static func filter(hashes: [UInt64]) -> [UInt8] {
        let words = max(1, (hashes.count * bitsPerTerm + 63) / 64)
        var bits = [UInt64](repeating: 0, count: words)
        let size = UInt64(words * 64)
        for hash in hashes {
            forEachProbe(hash, size: size) { bits[Int($0 >> 6)] |= 1 << ($0 & 63) }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(words * 8)
        for word in bits { withUnsafeBytes(of: word.littleEndian) { bytes.append(contentsOf: $0) } }
        return bytes
    }

    /// Whether a page with this filter may have the term: false only if it
    /// certainly has not. A filter of no whole word (damaged) may have anything.
    package static func mayContain(_ filter: UnsafeRawBufferPointer, hash: UInt64) -> Bool {
        let words = filter.count / 8
        guard words > 0, filter.count % 8 == 0 else { return true }
        var all = true
        forEachProbe(hash, size: UInt64(words * 64)) { bit in
            let byte = filter[Int(bit >> 3)]
            if byte & (1 << UInt8(bit & 7)) == 0 { all = false }
        }
        return all
    }

    /// The bits a hash sets: double hashing (`h1 + i·h2`, 32 bits), each
    /// brought into range by a multiplication and a shift rather than a
    /// division (`(h · size) >> 32`).
    @inline(__always)
    private static func forEachProbe(_ hash: UInt64, size: UInt64, _ body: (UInt64) -> Void) {
        let h1 = UInt32(truncatingIfNeeded: hash), h2 = UInt32(truncatingIfNeeded: hash >> 32) | 1
        for i in 0..<UInt32(probes) { body((UInt64(h1 &+ i &* h2) &* size) >> 32) }
    }
}
