/// FNV-1a, 64 bits: a hash that is the same in every process (Swift's
/// `Hasher` is seeded per run), for fingerprints kept in the build cache.
/// Not cryptographic: it detects edits, not tampering.
package struct StableHasher {
    package private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    package mutating func combine<S: Sequence>(bytes: S) where S.Element == UInt8 {
        // Arrays and Data through their buffer: called from another module,
        // the generic loop is not specialised and went through an iterator
        // per byte (4 ms of every build, for the theme's 220 kB).
        if bytes.withContiguousStorageIfAvailable({ combine(bytes: $0) }) != nil { return }
        for byte in bytes {
            value ^= UInt64(byte)
            value &*= 0x0000_0100_0000_01b3
        }
    }

    package mutating func combine(_ text: String) {
        // On the contiguous UTF-8 (native strings always are): the generic
        // loop over `utf8` costs several times more.
        var text = text
        text.withUTF8 { combine(bytes: $0) }
        combine(bytes: CollectionOfOne(0xFF))  // separator: ("ab","c") ≠ ("a","bc")
    }

    package mutating func combine(bytes: UnsafeBufferPointer<UInt8>) {
        var value = self.value
        for byte in bytes {
            value ^= UInt64(byte)
            value &*= 0x0000_0100_0000_01b3
        }
        self.value = value
    }

    /// A whole word at once, not byte by byte: the fingerprints and the
    /// listings' row keys combine hundreds of thousands of words a build
    /// (byte-wise FNV over them was the largest single cost of a title
    /// edit's CPU time). Still the same in every process; published names
    /// hash bytes (`SearchRecordNames`).
    package mutating func combine(_ number: UInt64) {
        value = (value ^ number) &* 0x0000_0100_0000_01b3
    }

    package mutating func combine(_ number: Int) { combine(UInt64(bitPattern: Int64(number))) }

    package mutating func combine(_ text: String?) {
        if let text { combine(1); combine(text) } else { combine(0) }
    }

    /// splitmix64's finaliser: every bit of the input reaches every bit of
    /// the output (FNV-1a's high bits depend little on the last bytes).
    /// Inlined: page ids' dictionary hash goes through it.
    @inlinable
    package static func mixed(_ value: UInt64) -> UInt64 {
        var x = value
        x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
        x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
        return x ^ (x >> 31)
    }

    package static func hash(_ bytes: [UInt8]) -> UInt64 {
        var hasher = StableHasher()
        hasher.combine(bytes: bytes)
        return hasher.value
    }

    /// FNV-1a's steps on eight bytes at a time, then on the last few: to
    /// tell whether a file of megabytes is still the one written, eight
    /// times faster than byte by byte. Not the same values as `hash`.
    package static func hashWords(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { hashWords($0) }
    }

    package static func hashWords(_ raw: UnsafeRawBufferPointer) -> UInt64 {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        let words = raw.count / 8
        for i in 0..<words {
            value ^= UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self))
            value &*= 0x0000_0100_0000_01b3
        }
        for i in (words * 8)..<raw.count {
            value ^= UInt64(raw[i])
            value &*= 0x0000_0100_0000_01b3
        }
        return value ^ UInt64(raw.count)
    }

    package init() {}
}
