import DiligenceSupport

/// The terms a page has postings under, as a Bloom filter, and what it
/// scores under them, as a digest: what lets an incremental patch leave
/// alone the posting lists an edit did not change.
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
///
/// The filter still sends the patch to every list the page is in, and an
/// edit changes few of them: a factor note's new sentence changed the score
/// of none of a country's 692 terms but added one (its run number) and took
/// one away; a body sentence changed 5–7 of a product's 563. So each page
/// also keeps a digest of its (term, score) pairs, split by the term's hash
/// into 64 buckets: where the old and the new digest of a bucket agree, the
/// page has the same terms with the same scores there, and the lists of
/// those terms keep their bytes unread. (Agreement by chance is a 64-bit
/// hash collision: the odds that decide every re-render, `DependencyValues`.)
/// 512 bytes a page, before its filter (`summary`).
package enum SearchTermFilter {
    static let bitsPerTerm = 8
    static let probes = 5
    /// Buckets of a page's score digest (a power of two: the top bits of a term's hash pick one).
    static let digestBuckets = 64
    static let digestBytes = digestBuckets * 8

    /// A page's summary as the cache keeps it: its score digest
    /// (`digestBytes`), then its filter.
    package static func summary(_ terms: [(hash: UInt64, score: Int32)]) -> [UInt8] {
        digest(terms) + filter(hashes: terms.map(\.hash))
    }

    /// The digest bucket of a term's hash.
    @inline(__always)
    static func bucket(_ hash: UInt64) -> Int { Int(hash >> 58) }

    /// Per bucket, the wrapping sum of a mix of each (term, score) pair in
    /// it: the same whatever the terms' order, 0 for an empty bucket.
    package static func digest(_ terms: [(hash: UInt64, score: Int32)]) -> [UInt8] {
        var words = [UInt64](repeating: 0, count: digestBuckets)
        for (hash, score) in terms {
            let pair = StableHasher.mixed(hash ^ StableHasher.mixed(UInt64(UInt32(bitPattern: score)) &+ 0x632B_E59B_D9B4_E019))
            words[bucket(hash)] &+= pair
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digestBytes)
        for word in words { withUnsafeBytes(of: word.littleEndian) { bytes.append(contentsOf: $0) } }
        return bytes
    }

    /// The digest and the filter of a summary; no digest, and a filter that
    /// may hold anything, if it is too short to be one (damaged).
    static func parts(_ summary: UnsafeRawBufferPointer) -> (digest: UnsafeRawBufferPointer?, filter: UnsafeRawBufferPointer) {
        guard summary.count >= digestBytes + 8 else { return (nil, UnsafeRawBufferPointer(start: nil, count: 0)) }
        return (UnsafeRawBufferPointer(rebasing: summary[..<digestBytes]), UnsafeRawBufferPointer(rebasing: summary[digestBytes...]))
    }

    /// Whether two summaries' digests agree in the bucket of `hash`: the
    /// page has the same terms, with the same scores, in that bucket. False
    /// when either has no digest.
    static func sameScores(_ old: UnsafeRawBufferPointer, _ new: UnsafeRawBufferPointer, hash: UInt64) -> Bool {
        guard let a = parts(old).digest, let b = parts(new).digest else { return false }
        let offset = bucket(hash) * 8
        return a.loadUnaligned(fromByteOffset: offset, as: UInt64.self) == b.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
    }

    /// Whether two summaries' whole digests agree: the page has the same
    /// terms with the same scores in every bucket. False when either has
    /// no digest.
    static func sameDigest(_ old: UnsafeRawBufferPointer, _ new: UnsafeRawBufferPointer) -> Bool {
        guard let a = parts(old).digest, let b = parts(new).digest else { return false }
        return a.elementsEqual(b)
    }

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
